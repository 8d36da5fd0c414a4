package dev.chard.engine.broker;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import dev.chard.engine.serialization.JsonValues;

import java.time.Instant;

/**
 * One entry of a queue's dead-letter list, as the scripts write it: {@code {id, queue, reason, body, at}}.
 *
 * @param entry the list element as stored (what LREM needs to remove exactly this one)
 * @param body      the message as it was delivered; possibly the malformed text that made it a dead letter
 * @param truncated true when the body was over the message size limit and only its start was kept (it cannot be
 *                  requeued)
 */
public record DeadLetter(String entry, String id, String queue, String reason, String body, Instant at, boolean truncated) {

    /** Reads an entry; null when it is not a dead-letter record (nothing Chard wrote). */
    public static DeadLetter parse(String entry) {
        try {
            JsonObject o = JsonValues.parse(entry).asJsonObject();
            JsonValue at = o.get("at");
            return new DeadLetter(entry, string(o, "id"), string(o, "queue"), string(o, "reason"), string(o, "body"),
                    at instanceof JsonNumber n ? Instant.ofEpochMilli(n.longValue()) : null, o.containsKey("truncated"));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The message's priority, or the default when the body cannot say (it may be the malformed one). */
    public int priority() {
        try {
            JsonValue p = JsonValues.parse(body).asJsonObject().get("priority");
            if (p instanceof JsonNumber n && n.isIntegral() && n.intValue() >= 0 && n.intValue() <= 9) {
                return n.intValue();
            }
        } catch (RuntimeException e) {
            // an unreadable body keeps the default
        }
        return dev.chard.api.TaskOptions.DEFAULT_PRIORITY;
    }

    private static String string(JsonObject o, String field) {
        JsonValue v = o.get(field);
        return v instanceof JsonString s ? s.getString() : null;
    }
}
