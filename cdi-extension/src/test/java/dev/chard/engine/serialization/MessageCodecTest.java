package dev.chard.engine.serialization;

import dev.chard.engine.broker.TaskMessage;
import dev.chard.api.TaskOptions;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Task messages to JSON and back, and every way a body can be malformed (no Redis). */
class MessageCodecTest {

    private final MessageCodec codec = new MessageCodec();

    @Test
    void aMessageSurvivesTheRoundTripFieldByField() {
        TaskMessage m = new TaskMessage("id-1", "dev.example.MathTasks.add",
                Json.createArrayBuilder().add(4).add("five").addNull().build(),
                Json.createObjectBuilder().add("scale", 2).build(), 3,
                Instant.parse("2030-01-01T00:00:00.123Z"), Instant.parse("2030-01-02T00:00:00Z"), "reports", 7,
                "root-1", "parent-1", "group-1", "app@host:1", Instant.parse("2029-12-31T23:59:59Z"));
        TaskMessage back = codec.decode(codec.encode(m), "reports");
        assertEquals(m, back);
    }

    @Test
    void theCompactFormLeavesOutNullsDefaultsTheQueueAndAnOwnRootAndDecodesToTheSameMessage() {
        TaskMessage m = new TaskMessage("id-3", "t", Json.createArrayBuilder().add(1).add(2).build(), JsonValue.EMPTY_JSON_OBJECT,
                0, null, null, "default", TaskOptions.DEFAULT_PRIORITY, "id-3", null, null, "app@host:1",
                Instant.parse("2030-01-01T00:00:00.123Z"));
        String body = codec.encode(m);
        assertEquals("{\"v\":1,\"id\":\"id-3\",\"task\":\"t\",\"args\":[1,2],\"origin\":\"app@host:1\","
                + "\"sentAt\":\"2030-01-01T00:00:00.123Z\"}", body);
        assertEquals(m, codec.decode(body, "default"));
    }

    @Test
    void theFullFormWrittenBeforeTheCompactOneStillDecodes() {
        String old = "{\"v\":1,\"id\":\"id-4\",\"task\":\"t\",\"args\":[4,5],\"kwargs\":{},\"retries\":0,\"eta\":null,"
                + "\"expires\":null,\"queue\":\"reports\",\"priority\":4,\"rootId\":\"id-4\",\"parentId\":null,"
                + "\"groupId\":null,\"origin\":\"raw@test\",\"sentAt\":\"2026-11-26T14:00:00Z\"}";
        TaskMessage m = codec.decode(old, "elsewhere");
        assertEquals("reports", m.queue());
        assertEquals("id-4", m.rootId());
        assertNull(m.parentId());
        assertEquals(TaskOptions.DEFAULT_PRIORITY, m.priority());
        assertTrue(old.length() > codec.encode(m).length());
        assertEquals(m, codec.decode(codec.encode(m), "reports"));
    }

    @Test
    void optionalFieldsMayBeAbsentAndTheQueueDefaultsToWhereItWasDelivered() {
        TaskMessage m = codec.decode("{\"id\":\"id-2\",\"task\":\"t\"}", "default");
        assertEquals("id-2", m.id());
        assertEquals("default", m.queue());
        assertEquals(0, m.args().size());
        assertEquals(0, m.kwargs().size());
        assertEquals(0, m.retries());
        assertEquals(4, m.priority());
        assertNull(m.eta());
    }

    @Test
    void aBodyThatIsNotJsonIsMalformed() {
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> codec.decode("{not json", "q"));
        assertTrue(e.reason().contains("not JSON"), e.reason());
    }

    @Test
    void aJsonValueThatIsNotAnObjectIsMalformed() {
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> codec.decode("[1,2]", "q"));
        assertTrue(e.reason().contains("not an object"), e.reason());
    }

    @ParameterizedTest(name = "{0} -> reason names {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"task\":\"t\"}|\"id\"",
            "{\"id\":\"\",\"task\":\"t\"}|\"id\"",
            "{\"id\":7,\"task\":\"t\"}|\"id\"",
            "{\"id\":\"x\"}|\"task\"",
            "{\"id\":\"x\",\"task\":\"t\",\"args\":{\"a\":1}}|\"args\"",
            "{\"id\":\"x\",\"task\":\"t\",\"args\":\"1,2\"}|\"args\"",
            "{\"id\":\"x\",\"task\":\"t\",\"kwargs\":[1]}|\"kwargs\"",
            "{\"id\":\"x\",\"task\":\"t\",\"retries\":\"two\"}|\"retries\"",
            "{\"id\":\"x\",\"task\":\"t\",\"retries\":1.5}|\"retries\"",
            "{\"id\":\"x\",\"task\":\"t\",\"priority\":true}|\"priority\"",
            "{\"id\":\"x\",\"task\":\"t\",\"eta\":\"tomorrow\"}|\"eta\"",
            "{\"id\":\"x\",\"task\":\"t\",\"eta\":12345}|\"eta\"",
            "{\"id\":\"x\",\"task\":\"t\",\"expires\":\"2030-13-01\"}|\"expires\"",
            "{\"id\":\"x\",\"task\":\"t\",\"queue\":5}|\"queue\"",
    })
    void aMalformedFieldIsReportedByName(String body, String field) {
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> codec.decode(body, "q"));
        assertTrue(e.reason().contains(field), e.reason());
        assertEquals(e.getMessage(), e.reason());
    }
}
