package dev.chard.engine.serialization;

import dev.chard.api.TaskOptions;
import dev.chard.engine.broker.TaskMessage;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

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

    /** The fields {@link #decode} reads, in the order it checks them (which problem is reported first). */
    private static final List<String> FIELDS = List.of("id", "task", "args", "kwargs", "retries", "priority", "queue", "rootId",
            "eta", "expires", "parentId", "groupId", "origin", "sentAt");
    private static final int ID = 0, TASK = 1, ARGS = 2, KWARGS = 3, RETRIES = 4, PRIORITY = 5, QUEUE = 6, ROOT_ID = 7, ETA = 8,
            EXPIRES = 9, PARENT_ID = 10, GROUP_ID = 11, ORIGIN = 12, SENT_AT = 13;

    /**
     * Reads the message with JSON-P's streaming parser, keeping only the values of the fields above (a worker decodes
     * every message it runs; building the whole object first was half of decoding). It reads the whole object before
     * checking any field, as a tree reader would, so a message that is not JSON is reported as such whatever its
     * fields; a repeated field counts with its last value; what follows the object is not read.
     *
     * @param deliveredFrom the queue the message was taken from, used when the message names none
     */
    public TaskMessage decode(String body, String deliveredFrom) {
        JsonValue[] f = new JsonValue[FIELDS.size()];
        try (JsonParser p = JsonValues.parser(body)) {
            if (!p.hasNext()) {
                throw new MalformedMessageException("the message is not JSON: it is empty", null);
            }
            if (p.next() != JsonParser.Event.START_OBJECT) {
                p.getValue(); // the rest of the value, so that invalid JSON is reported as such
                throw new MalformedMessageException("the message is JSON but not an object", null);
            }
            while (p.next() == JsonParser.Event.KEY_NAME) {
                int field = FIELDS.indexOf(p.getString());
                p.next();
                // read even when unused: Parsson's skipArray/skipObject spin forever on text that ends inside them
                // (eclipse-ee4j/parsson#23), and a worker must never hang on a message
                JsonValue value = p.getValue();
                if (field >= 0) {
                    f[field] = value;
                }
            }
        } catch (MalformedMessageException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new MalformedMessageException("the message is not JSON: " + e.getMessage(), e);
        }
        String id = requiredString(f, ID);
        String task = requiredString(f, TASK);
        JsonArray args = present(f[ARGS]) ? typed(f, ARGS, JsonArray.class, "an array") : JsonValue.EMPTY_JSON_ARRAY;
        JsonObject kwargs = present(f[KWARGS]) ? typed(f, KWARGS, JsonObject.class, "an object") : JsonValue.EMPTY_JSON_OBJECT;
        int retries = optionalInt(f, RETRIES, 0);
        int priority = optionalInt(f, PRIORITY, TaskOptions.DEFAULT_PRIORITY);
        String queue = optionalString(f, QUEUE);
        String rootId = optionalString(f, ROOT_ID);
        return new TaskMessage(id, task, args, kwargs, retries, optionalInstant(f, ETA), optionalInstant(f, EXPIRES),
                queue == null ? deliveredFrom : queue, priority, rootId == null ? id : rootId, optionalString(f, PARENT_ID),
                optionalString(f, GROUP_ID), optionalString(f, ORIGIN), optionalInstant(f, SENT_AT));
    }

    /** Absent and null mean the same: the default. */
    private static boolean present(JsonValue v) {
        return v != null && v.getValueType() != JsonValue.ValueType.NULL;
    }

    private static String requiredString(JsonValue[] f, int field) {
        String s = optionalString(f, field);
        if (s == null || s.isBlank()) {
            throw new MalformedMessageException("the message has no \"" + FIELDS.get(field) + "\"", null);
        }
        return s;
    }

    private static String optionalString(JsonValue[] f, int field) {
        return present(f[field]) ? typed(f, field, JsonString.class, "a string").getString() : null;
    }

    private static int optionalInt(JsonValue[] f, int field, int absent) {
        if (!present(f[field])) {
            return absent;
        }
        JsonNumber n = typed(f, field, JsonNumber.class, "a number");
        if (!n.isIntegral()) {
            throw new MalformedMessageException("\"" + FIELDS.get(field) + "\" must be a whole number, was " + n, null);
        }
        return n.intValue();
    }

    private static Instant optionalInstant(JsonValue[] f, int field) {
        String s = optionalString(f, field);
        if (s == null) {
            return null;
        }
        try {
            return IsoInstants.parse(s);
        } catch (DateTimeParseException e) {
            throw new MalformedMessageException("\"" + FIELDS.get(field) + "\" is not an ISO-8601 instant: " + s, e);
        }
    }

    private static <T extends JsonValue> T typed(JsonValue[] f, int field, Class<T> type, String what) {
        JsonValue v = f[field];
        if (!type.isInstance(v)) {
            throw new MalformedMessageException("\"" + FIELDS.get(field) + "\" must be " + what + ", was "
                    + v.getValueType().name().toLowerCase(), null);
        }
        return type.cast(v);
    }
}
