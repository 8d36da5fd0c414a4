package dev.chard.engine.broker;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import java.time.Instant;
import java.util.Objects;

/**
 * One task message, the fields of Celery's protocol v2 headers (docs/architecture.md, "Messages"). Arguments are
 * kept as raw JSON: only the worker, which knows the method's parameter types, decodes them.
 *
 * @param eta     not before this instant; null for "now"
 * @param expires not after this instant; null for never
 */
public record TaskMessage(String id, String task, JsonArray args, JsonObject kwargs, int retries, Instant eta,
                          Instant expires, String queue, int priority, String rootId, String parentId, String groupId,
                          String origin, Instant sentAt) {

    public TaskMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(kwargs, "kwargs");
        Objects.requireNonNull(queue, "queue");
    }

    /** The message of the next run after a retry: retries + 1, due at {@code eta}. */
    public TaskMessage retried(Instant nextEta) {
        return new TaskMessage(id, task, args, kwargs, retries + 1, nextEta, expires, queue, priority, rootId, parentId,
                groupId, origin, sentAt);
    }
}
