package dev.chard.engine.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import dev.chard.api.TaskOptions;
import dev.chard.engine.broker.TaskMessage;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

/**
 * {@link MessageCodec#decode} reads messages with the streaming parser; until the seventh performance step it read the
 * whole JSON-P object first. That decoder is kept here as the reference: on valid messages and on thousands of broken
 * ones (wrong types, nulls, repeated and unknown fields, truncated text, trailing text) both must give the same
 * message, or both refuse it for the same reason (for text that is not JSON, both say so; the parser's words may differ).
 */
class MessageDecodeAgainstTreeTest {

    private static final String[] FIELDS = {"v", "id", "task", "args", "kwargs", "retries", "priority", "queue", "rootId", "eta",
            "expires", "parentId", "groupId", "origin", "sentAt", "other"};
    private static final String[] VALUES = {"\"x\"", "\"\"", "\" \"", "1", "-3", "2.5", "1e2", "null", "true", "[]", "[1,[2]]",
            "{}", "{\"a\":{\"b\":[null]}}", "\"2026-11-26T10:00:00Z\"", "\"2026-11-26T10:00:00.123456Z\"", "\"not a time\"",
            "99999999999", "\"id-7\""};

    private final SplittableRandom random = new SplittableRandom(17);
    private final MessageCodec codec = new MessageCodec();

    private String field() {
        return FIELDS[random.nextInt(FIELDS.length)];
    }

    private String value() {
        return VALUES[random.nextInt(VALUES.length)];
    }

    /** A message object with random fields and values, often close to a valid one. */
    private String body() {
        List<String> parts = new ArrayList<>();
        if (random.nextInt(4) > 0) {
            parts.add("\"id\":\"id-" + random.nextInt(100) + "\"");
        }
        if (random.nextInt(4) > 0) {
            parts.add("\"task\":\"t.add\"");
        }
        for (int i = random.nextInt(6); i > 0; i--) {
            parts.add("\"" + field() + "\":" + value());
        }
        java.util.Collections.shuffle(parts, new java.util.Random(random.nextLong()));
        return "{" + String.join(random.nextBoolean() ? "," : " , ", parts) + "}";
    }

    private String broken(String body) {
        return switch (random.nextInt(6)) {
            case 0 -> body.substring(0, random.nextInt(body.length())); // truncated
            case 1 -> body + (random.nextBoolean() ? " trailing" : "{\"id\":");
            case 2 -> value(); // not an object
            case 3 -> "[" + body + "]";
            case 4 -> body.replaceFirst(":", "");
            default -> random.nextBoolean() ? "" : "  ";
        };
    }

    @Test
    void decodesAsTheTreeReaderDid() {
        int valid = 0;
        for (int i = 0; i < 20_000; i++) {
            String body = random.nextInt(5) == 0 ? broken(body()) : body();
            Object expected = outcome(() -> treeDecode(body, "q"));
            Object actual = outcome(() -> codec.decode(body, "q"));
            if (expected instanceof String reason && reason.startsWith("the message is not JSON")) {
                assertTrue(actual instanceof String r && r.startsWith("the message is not JSON"), () -> body + " -> " + actual);
            } else {
                assertEquals(expected, actual, () -> body);
            }
            valid += expected instanceof TaskMessage ? 1 : 0;
        }
        assertTrue(valid > 1_000, "valid messages among them: " + valid);
    }

    @Test
    void encodedMessagesDecodeAsTheTreeReaderDid() {
        for (int i = 0; i < 2_000; i++) {
            JsonArray args = Json.createArrayBuilder().add(random.nextInt()).add("a\"b").addNull()
                    .add(Json.createObjectBuilder().add("k", 1.5)).build();
            TaskMessage m = new TaskMessage("id-" + i, "t.add", args, JsonValue.EMPTY_JSON_OBJECT, random.nextInt(3),
                    random.nextBoolean() ? Instant.ofEpochMilli(random.nextLong(0, 4_102_444_800_000L)) : null, null, "q",
                    random.nextInt(10), random.nextBoolean() ? "id-" + i : "root", null, null, "app@host:1",
                    Instant.ofEpochMilli(random.nextLong(0, 4_102_444_800_000L)));
            String body = codec.encode(m);
            assertEquals(treeDecode(body, "q"), codec.decode(body, "q"), body);
        }
    }

    /** The decoded message, or the reason it was refused. */
    private static Object outcome(java.util.function.Supplier<TaskMessage> decode) {
        try {
            return decode.get();
        } catch (MalformedMessageException e) {
            return e.reason();
        }
    }

    // ------------------------------------------------------------------ the decoder before the streaming one

    private static TaskMessage treeDecode(String body, String deliveredFrom) {
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
