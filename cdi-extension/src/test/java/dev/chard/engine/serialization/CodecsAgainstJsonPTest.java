package dev.chard.engine.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.SplittableRandom;

import dev.chard.api.TaskOptions;
import dev.chard.engine.backend.ResultRecord;
import dev.chard.engine.broker.TaskMessage;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.bind.JsonbBuilder;
import org.junit.jupiter.api.Test;

/**
 * The codecs write their envelopes directly ({@link JsonText}); until the sixth performance step they built them with
 * JSON-P. The JSON-P encoders are kept here as the reference: random messages and records must come out byte for byte
 * the same, so what is stored in Redis did not change.
 */
class CodecsAgainstJsonPTest {

    private static final String TRICKY = "ab \"\\/\n\t\u0001\u00e9\u4e2d\ud83d\ude00";

    private final SplittableRandom random = new SplittableRandom(11);

    private String text() {
        StringBuilder s = new StringBuilder();
        for (int i = random.nextInt(1, 10); i > 0; i--) {
            s.append(TRICKY.charAt(random.nextInt(TRICKY.length())));
        }
        return s.toString();
    }

    private String maybe(String s) {
        return random.nextBoolean() ? s : null;
    }

    private Instant instant() {
        long ms = random.nextLong(0, 4_102_444_800_000L); // 1970 to 2100
        return random.nextInt(4) == 0 ? Instant.ofEpochSecond(ms / 1000) : Instant.ofEpochMilli(ms);
    }

    private Instant maybeInstant() {
        return random.nextBoolean() ? instant() : null;
    }

    @Test
    void messagesAreWrittenAsJsonPWroteThem() {
        MessageCodec codec = new MessageCodec();
        for (int i = 0; i < 5_000; i++) {
            String id = text();
            JsonArray args = random.nextBoolean() ? JsonArray.EMPTY_JSON_ARRAY
                    : Json.createArrayBuilder().add(random.nextInt()).add(text()).addNull().add(1.5).add(random.nextLong())
                            .add(new java.math.BigDecimal("1E+3")).add(true).add(Json.createArrayBuilder().add(false))
                            .add(Json.createObjectBuilder().add(text(), 2)).build();
            JsonObject kwargs = random.nextBoolean() ? JsonObject.EMPTY_JSON_OBJECT
                    : Json.createObjectBuilder().add(text(), text()).add("n", Json.createArrayBuilder().add(0.25)).build();
            TaskMessage m = new TaskMessage(id, text(), args, kwargs, random.nextInt(3), maybeInstant(), maybeInstant(), "q",
                    random.nextInt(10), random.nextBoolean() ? id : text(), maybe(text()), maybe(text()), maybe(text()), maybeInstant());
            assertEquals(jsonP(m), codec.encode(m));
        }
    }

    @Test
    void resultRecordsAreWrittenAsJsonPWroteThem() {
        ResultCodec codec = new ResultCodec(JsonbBuilder.create());
        String[] values = {"9", "\"a b\"", "[1,2,{\"x\":null}]", "{\"k\":\"v w\",\"n\":-1.5}", "null", "true", "\"\\u0001\\n\""};
        for (int i = 0; i < 5_000; i++) {
            ResultRecord r = switch (i % 4) {
                case 0 -> ResultRecord.success(text(), maybe(text()), values[random.nextInt(values.length)], maybe(text()), random.nextInt(3));
                case 1 -> ResultRecord.failure(text(), maybe(text()), text(), maybe(text()), maybe(text()), maybe(text()), random.nextInt(3));
                case 2 -> ResultRecord.started(text(), maybe(text()), maybe(text()), random.nextInt(3));
                default -> ResultRecord.custom(text(), maybe(text()), "PROGRESS", values[random.nextInt(values.length)], maybe(text()), 0);
            };
            if (random.nextBoolean()) { // success and failure carry Instant.now() (microseconds); others none
                r = new ResultRecord(r.id(), r.task(), r.state(), r.resultJson(), r.exceptionType(), r.exceptionMessage(),
                        r.traceback(), r.worker(), r.retries(), instant(), r.customState(), r.metaJson(), r.ttl());
            }
            assertEquals(jsonP(r), codec.encode(r));
        }
    }

    /** MessageCodec.encode as it was, with JSON-P. */
    private static String jsonP(TaskMessage m) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("v", MessageCodec.VERSION).add("id", m.id()).add("task", m.task());
        if (!m.args().isEmpty()) {
            b.add("args", m.args());
        }
        if (!m.kwargs().isEmpty()) {
            b.add("kwargs", m.kwargs());
        }
        if (m.retries() != 0) {
            b.add("retries", m.retries());
        }
        add(b, "eta", m.eta());
        add(b, "expires", m.expires());
        if (m.priority() != TaskOptions.DEFAULT_PRIORITY) {
            b.add("priority", m.priority());
        }
        if (m.rootId() != null && !m.rootId().equals(m.id())) {
            b.add("rootId", m.rootId());
        }
        add(b, "parentId", m.parentId());
        add(b, "groupId", m.groupId());
        add(b, "origin", m.origin());
        add(b, "sentAt", m.sentAt());
        return b.build().toString();
    }

    /** ResultCodec.encode as it was, with JSON-P. */
    private static String jsonP(ResultRecord r) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("id", r.id());
        add(b, "task", r.task());
        b.add("state", r.stateName());
        if (r.resultJson() != null) {
            b.add("result", JsonValues.parse(r.resultJson()));
        }
        if (r.exceptionType() != null) {
            JsonObjectBuilder e = Json.createObjectBuilder().add("type", r.exceptionType());
            add(e, "message", r.exceptionMessage());
            b.add("exception", e);
        }
        add(b, "traceback", r.traceback());
        add(b, "worker", r.worker());
        if (r.retries() != 0) {
            b.add("retries", r.retries());
        }
        add(b, "dateDone", r.dateDone());
        if (r.metaJson() != null) {
            b.add("meta", JsonValues.parse(r.metaJson()));
        }
        return b.build().toString();
    }

    private static void add(JsonObjectBuilder b, String field, String value) {
        if (value != null) {
            b.add(field, value);
        }
    }

    private static void add(JsonObjectBuilder b, String field, Instant value) {
        if (value != null) {
            b.add(field, value.toString());
        }
    }
}
