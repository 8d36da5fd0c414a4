package dev.chard.engine.serialization;

import dev.chard.api.TaskSerializationException;
import dev.chard.engine.backend.ResultRecord;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Result records to JSON and back in every state, and return values (no Redis). */
class ResultCodecTest {

    public record Total(String currency, long cents) {
    }

    static Jsonb jsonb;
    static ResultCodec codec;

    @BeforeAll
    static void create() {
        jsonb = JsonbBuilder.create();
        codec = new ResultCodec(jsonb);
    }

    @AfterAll
    static void close() throws Exception {
        jsonb.close();
    }

    static final Instant DONE = Instant.parse("2030-01-01T00:00:00.012Z");

    @Test
    void aPendingRecordLeavesOutItsNullFieldsAndAFullRecordWrittenWithThemReadsTheSame() {
        ResultRecord pending = ResultRecord.pending("id-p", "t");
        assertEquals("{\"id\":\"id-p\",\"task\":\"t\",\"state\":\"PENDING\"}", codec.encode(pending));
        assertEquals(pending, codec.decode(codec.encode(pending)));
        String full = "{\"id\":\"id-p\",\"task\":\"t\",\"state\":\"PENDING\",\"result\":null,\"exception\":null,"
                + "\"traceback\":null,\"worker\":null,\"retries\":0,\"dateDone\":null,\"meta\":null}";
        assertEquals(pending, codec.decode(full));
    }

    @Test
    void everyStateSurvivesTheRoundTrip() {
        List<ResultRecord> records = List.of(
                ResultRecord.pending("id-p", "t.add"),
                ResultRecord.started("id-s", "t.add", "w1", 2),
                new ResultRecord("id-r", "t.add", dev.chard.api.TaskState.RETRY, null, "java.io.IOException", "later", "tb", "w1", 1, null),
                new ResultRecord("id-ok", "t.add", dev.chard.api.TaskState.SUCCESS, "{\"currency\":\"EUR\",\"cents\":5}", null, null, null, "w1", 0, DONE),
                new ResultRecord("id-f", "t.add", dev.chard.api.TaskState.FAILURE, null, "java.lang.ArithmeticException", "/ by zero",
                        "java.lang.ArithmeticException: / by zero\n\tat A.b(A.java:1)\n", "w1", 3, DONE),
                new ResultRecord("id-rv", null, dev.chard.api.TaskState.REVOKED, null, "revoked", "expired", null, null, 0, DONE),
                new ResultRecord("id-rcv", "t.add", dev.chard.api.TaskState.RECEIVED, null, null, null, null, "w1", 0, null));
        for (ResultRecord r : records) {
            assertEquals(r, codec.decode(codec.encode(r)), r.state().name());
        }
    }

    @Test
    void aFailureRecordHasTheDocumentedShape() {
        String json = codec.encode(ResultRecord.failure("id-f", "t", "java.lang.ArithmeticException", "/ by zero", "tb", "w1", 0));
        assertTrue(json.contains("\"exception\":{\"type\":\"java.lang.ArithmeticException\",\"message\":\"/ by zero\"}"), json);
        assertTrue(json.contains("\"state\":\"FAILURE\""), json);
    }

    @Test
    void aReturnValueIsReadBackAsTheDeclaredType() {
        String json = codec.valueToJson(new Total("EUR", 1250));
        assertEquals(new Total("EUR", 1250), codec.valueFromJson(json, Total.class, "id-1"));
        assertEquals("null", codec.valueToJson(null));
        assertNull(codec.valueFromJson("null", Void.class, "id-1"));
        assertEquals(Map.of("a", java.math.BigDecimal.ONE), codec.valueFromJson("{\"a\":1}", Object.class, "id-1"));
    }

    @Test
    void aValueThatCannotBeReadAsTheDeclaredTypeNamesTheTaskId() {
        TaskSerializationException e = assertThrows(TaskSerializationException.class,
                () -> codec.valueFromJson("\"not a number\"", Integer.class, "id-unreadable"));
        assertEquals("CHARD-03008", e.code());
        assertTrue(e.getMessage().contains("id-unreadable"), e.getMessage());
    }

    @Test
    void aReturnedNumberThatDoesNotFitTheDeclaredTypeIsRefusedNotWrapped() {
        TaskSerializationException e = assertThrows(TaskSerializationException.class,
                () -> codec.valueFromJson("10000000000", Integer.class, "id-big"));
        assertEquals("CHARD-03008", e.code());
        assertTrue(e.getMessage().contains("id-big") && e.getMessage().contains("java.lang.Integer")
                && e.getMessage().contains("the JSON number 10000000000 does not fit an Integer"), e.getMessage());
        TaskSerializationException inRecord = assertThrows(TaskSerializationException.class,
                () -> codec.valueFromJson("{\"currency\":\"EUR\",\"cents\":12.5}", Total.class, "id-cents"));
        assertTrue(inRecord.getMessage().contains("at .cents: the JSON number 12.5 is not a whole number"), inRecord.getMessage());
        assertEquals(42, codec.valueFromJson("42", Integer.class, "id-ok"));
        assertEquals(2.5, codec.valueFromJson("2.5", Double.class, "id-ok"));
    }

    /** What the worker stores for a returned value and what a caller reads back, through the record as Redis holds it. */
    Object roundTrip(Object returned, java.lang.reflect.Type declared) {
        ResultRecord stored = ResultRecord.success("id-o", "t", codec.valueToJson(returned), "w1", 0);
        ResultRecord read = codec.decode(codec.encode(stored));
        return codec.valueFromJson(read.resultJson(), declared, read.id());
    }

    @Test
    void anOptionalResultComesBackAsTheOptionalItWas() {
        java.lang.reflect.Type optionalTotal = new java.util.ArrayList<java.util.Optional<Total>>() { }.getClass().getGenericSuperclass();
        optionalTotal = ((java.lang.reflect.ParameterizedType) optionalTotal).getActualTypeArguments()[0];
        assertEquals(java.util.Optional.empty(), roundTrip(java.util.Optional.empty(), optionalTotal));
        assertEquals(java.util.Optional.of(new Total("EUR", 5)), roundTrip(java.util.Optional.of(new Total("EUR", 5)), optionalTotal));
        assertEquals(java.util.OptionalInt.empty(), roundTrip(java.util.OptionalInt.empty(), java.util.OptionalInt.class));
        assertEquals(java.util.OptionalInt.of(7), roundTrip(java.util.OptionalInt.of(7), java.util.OptionalInt.class));
        assertEquals(java.util.OptionalLong.of(1L << 40), roundTrip(java.util.OptionalLong.of(1L << 40), java.util.OptionalLong.class));
        assertEquals(java.util.OptionalDouble.empty(), roundTrip(java.util.OptionalDouble.empty(), java.util.OptionalDouble.class));
        assertEquals(java.util.OptionalDouble.of(0.1), roundTrip(java.util.OptionalDouble.of(0.1), java.util.OptionalDouble.class));
        // the record keeps no value for an empty Optional, as for null; read without the declared type, it is null
        assertNull(codec.decode(codec.encode(ResultRecord.success("id-o", "t", codec.valueToJson(java.util.Optional.empty()), "w1", 0))).resultJson());
        assertNull(roundTrip(java.util.Optional.empty(), Object.class));
        TaskSerializationException e = assertThrows(TaskSerializationException.class,
                () -> codec.valueFromJson("4294967296", java.util.OptionalInt.class, "id-oi"));
        assertTrue(e.getMessage().contains("does not fit an int"), e.getMessage());
    }

    @Test
    void somethingThatIsNotARecordIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> codec.decode("{\"id\":\"x\"}"));
        assertThrows(IllegalArgumentException.class, () -> codec.decode("[]"));
    }

    @Test
    void aCustomStateIsReadAsRunningWithItsNameAndMeta() {
        ResultRecord r = codec.decode(codec.encode(ResultRecord.custom("id-p", "t.add", "PROGRESS", "{\"done\":40}", "w1", 2)));
        assertEquals(dev.chard.api.TaskState.STARTED, r.state());
        assertEquals("PROGRESS", r.stateName());
        assertEquals("{\"done\":40}", r.metaJson());
        assertEquals(2, r.retries());
    }
}
