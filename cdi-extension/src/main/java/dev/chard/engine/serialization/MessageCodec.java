package dev.chard.engine.serialization;

import dev.chard.api.TaskOptions;
import dev.chard.engine.broker.TaskMessage;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Task messages to and from JSON (docs/architecture.md, "Messages"). Decoding reads the compact form and the older
 * full one (null fields, defaults and the queue written out) alike. Decoding checks every field it uses and
 * reports the first problem as a {@link MalformedMessageException}: a worker must never crash on a message.
 * Thread-safe.
 */
public final class MessageCodec {

    /** Version of the message format; written as "v". */
    public static final int VERSION = 1;

    /**
     * The compact form: fields that are null or equal to what {@link #decode} assumes when they are absent are left out
     * (each byte is kept in Redis for as long as the task waits). So are the queue, which is where the message is
     * stored (decode takes it from there), and the root id when the task is its own root.
     */
    public String encode(TaskMessage m) {
        JsonText b = new JsonText(256)
                .number("v", VERSION)
                .string("id", m.id())
                .string("task", m.task());
        if (!m.args().isEmpty()) {
            b.value("args", m.args());
        }
        if (!m.kwargs().isEmpty()) {
            b.value("kwargs", m.kwargs());
        }
        if (m.retries() != 0) {
            b.number("retries", m.retries());
        }
        addIfSet(b, "eta", m.eta());
        addIfSet(b, "expires", m.expires());
        if (m.priority() != TaskOptions.DEFAULT_PRIORITY) {
            b.number("priority", m.priority());
        }
        if (m.rootId() != null && !m.rootId().equals(m.id())) {
            b.string("rootId", m.rootId());
        }
        addIfSet(b, "parentId", m.parentId());
        addIfSet(b, "groupId", m.groupId());
        addIfSet(b, "origin", m.origin());
        addIfSet(b, "sentAt", m.sentAt());
        return b.end();
    }

    private static void addIfSet(JsonText b, String field, String value) {
        if (value != null) {
            b.string(field, value);
        }
    }

    private static void addIfSet(JsonText b, String field, Instant value) {
        if (value != null) {
            b.string(field, IsoInstants.format(value));
        }
    }

    /**
     * @param deliveredFrom the queue the message was taken from, used when the message names none
     */
    public TaskMessage decode(String body, String deliveredFrom) {
        JsonObject o;
        try {
            JsonValue v = JsonValues.parse(body);
            if (v.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new MalformedMessageException("the message is JSON but not an object", null);
            }
            o = v.asJsonObject();
        } catch (MalformedMessageException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new MalformedMessageException("the message is not JSON: " + e.getMessage(), e);
        }
        String id = requiredString(o, "id");
        String task = requiredString(o, "task");
        JsonArray args = o.containsKey("args") && !o.isNull("args") ? typed(o, "args", JsonArray.class, "an array") : JsonValue.EMPTY_JSON_ARRAY;
        JsonObject kwargs = o.containsKey("kwargs") && !o.isNull("kwargs") ? typed(o, "kwargs", JsonObject.class, "an object") : JsonValue.EMPTY_JSON_OBJECT;
        int retries = optionalInt(o, "retries", 0);
        int priority = optionalInt(o, "priority", TaskOptions.DEFAULT_PRIORITY);
        String queue = optionalString(o, "queue");
        String rootId = optionalString(o, "rootId");
        return new TaskMessage(id, task, args, kwargs, retries, optionalInstant(o, "eta"), optionalInstant(o, "expires"),
                queue == null ? deliveredFrom : queue, priority, rootId == null ? id : rootId, optionalString(o, "parentId"),
                optionalString(o, "groupId"), optionalString(o, "origin"), optionalInstant(o, "sentAt"));
    }

    private static String requiredString(JsonObject o, String field) {
        String s = optionalString(o, field);
        if (s == null || s.isBlank()) {
            throw new MalformedMessageException("the message has no \"" + field + "\"", null);
        }
        return s;
    }

    private static String optionalString(JsonObject o, String field) {
        if (!o.containsKey(field) || o.isNull(field)) {
            return null;
        }
        return typed(o, field, JsonString.class, "a string").getString();
    }

    private static int optionalInt(JsonObject o, String field, int absent) {
        if (!o.containsKey(field) || o.isNull(field)) {
            return absent;
        }
        JsonNumber n = typed(o, field, JsonNumber.class, "a number");
        if (!n.isIntegral()) {
            throw new MalformedMessageException("\"" + field + "\" must be a whole number, was " + n, null);
        }
        return n.intValue();
    }

    private static Instant optionalInstant(JsonObject o, String field) {
        String s = optionalString(o, field);
        if (s == null) {
            return null;
        }
        try {
            return IsoInstants.parse(s);
        } catch (DateTimeParseException e) {
            throw new MalformedMessageException("\"" + field + "\" is not an ISO-8601 instant: " + s, e);
        }
    }

    private static <T extends JsonValue> T typed(JsonObject o, String field, Class<T> type, String what) {
        JsonValue v = o.get(field);
        if (!type.isInstance(v)) {
            throw new MalformedMessageException("\"" + field + "\" must be " + what + ", was " + v.getValueType().name().toLowerCase(), null);
        }
        return type.cast(v);
    }
}
