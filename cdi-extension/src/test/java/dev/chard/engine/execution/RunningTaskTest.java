package dev.chard.engine.execution;

import dev.chard.api.AsyncResult;
import dev.chard.api.MaxRetriesExceededException;
import dev.chard.api.TaskRetryException;
import dev.chard.api.TaskSerializationException;
import dev.chard.api.TaskState;
import dev.chard.engine.backend.ResultBackend;
import dev.chard.engine.backend.ResultNotifier;
import dev.chard.engine.backend.ResultRecord;
import dev.chard.engine.broker.TaskMessage;
import dev.chard.engine.registry.ReturnKind;
import dev.chard.engine.registry.TaskDescriptor;
import dev.chard.engine.registry.TaskSettings;
import dev.chard.engine.retry.RetryPolicy;
import dev.chard.engine.serialization.ResultCodec;
import jakarta.json.Json;
import jakarta.json.bind.JsonbBuilder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The TaskInstance a worker shows a running task: its fields, retry() and updateState(). */
class RunningTaskTest {

    static final ResultCodec CODEC = new ResultCodec(JsonbBuilder.create());

    /** Records what is stored. */
    static final class RecordingBackend implements ResultBackend {
        final List<ResultRecord> stored = new ArrayList<>();

        @Override
        public boolean enabled() {
            return true;
        }

        @Override
        public boolean store(ResultRecord record) {
            stored.add(record);
            return true;
        }

        @Override
        public Optional<ResultRecord> read(String taskId) {
            return Optional.empty();
        }

        @Override
        public void forget(List<String> taskIds) {
            throw new UnsupportedOperationException("a running task never forgets records");
        }

        @Override
        public ResultNotifier notifier() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }

    @SuppressWarnings("unused")
    public AsyncResult<String> task(String text, int n) {
        return null;
    }

    static TaskDescriptor descriptor(RetryPolicy policy, boolean ignoreResult, Duration resultExpires) throws Exception {
        return new TaskDescriptor("app.task", RunningTaskTest.class, RunningTaskTest.class.getMethod("task", String.class, int.class),
                ReturnKind.ASYNC_RESULT, String.class, List.of(String.class, int.class), List.of("text", "n"), null, null,
                new TaskSettings(policy, ignoreResult, resultExpires));
    }

    static TaskMessage message(int retries, String rootId, String parentId) {
        return new TaskMessage("id-1", "app.task", Json.createArrayBuilder().add("hi").add(7).build(),
                Json.createObjectBuilder().add("extra", true).build(), retries, Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-02T00:00:00Z"), "reports", 4, rootId, parentId, null, "app@host", Instant.now());
    }

    static RetryPolicy policy(int maxRetries) {
        return new RetryPolicy(maxRetries, Duration.ofSeconds(42), null, Duration.ofSeconds(600), true, List.of(), List.of());
    }

    static RunningTask run(int retries, RetryPolicy policy) throws Exception {
        return new RunningTask(message(retries, null, null), 1, descriptor(policy, false, null), "w1", new RecordingBackend(), CODEC);
    }

    @Test
    void fieldsComeFromTheMessageAndTheDelivery() throws Exception {
        RunningTask t = new RunningTask(message(2, "root-0", "parent-1"), 3, descriptor(policy(5), false, null), "w7",
                new RecordingBackend(), CODEC);
        assertEquals("id-1", t.id());
        assertEquals("app.task", t.name());
        assertEquals(List.of("hi", new BigDecimal(7)), t.args());
        assertEquals(Map.of("extra", true), t.kwargs());
        assertEquals(2, t.retries());
        assertEquals(3, t.deliveryCount());
        assertTrue(t.redelivered());
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), t.eta());
        assertEquals(Instant.parse("2026-01-02T00:00:00Z"), t.expires());
        assertEquals("reports", t.queue());
        assertEquals("w7", t.workerName());
        assertEquals("root-0", t.rootId());
        assertEquals("parent-1", t.parentId());
        assertEquals(5, t.maxRetries());

        RunningTask first = run(0, policy(3));
        assertFalse(first.redelivered());
        assertEquals("id-1", first.rootId(), "no root in the message: its own id");
        assertNull(first.parentId());
    }

    @Test
    void retryBelowTheLimitThrowsTaskRetryExceptionWithTheCountdownOrThePolicyDelay() throws Exception {
        IOException cause = new IOException("down");
        TaskRetryException e = assertThrows(TaskRetryException.class, () -> run(1, policy(3)).retry(cause, Duration.ofMillis(500), null));
        assertSame(cause, e.reason());
        assertEquals(Duration.ofMillis(500), e.countdown());
        assertEquals("CHARD-04011", e.code());

        TaskRetryException byPolicy = assertThrows(TaskRetryException.class, () -> run(2, policy(3)).retry(cause));
        assertEquals(Duration.ofSeconds(42), byPolicy.countdown(), "the task's retryDelay");

        RetryPolicy backoff = new RetryPolicy(10, Duration.ofSeconds(42), Duration.ofSeconds(1), Duration.ofSeconds(600), false,
                List.of(), List.of());
        TaskRetryException withBackoff = assertThrows(TaskRetryException.class, () -> run(3, backoff).retry(null));
        assertEquals(Duration.ofSeconds(8), withBackoff.countdown(), "backoff after 3 retries: 1 s * 2^3");
        assertNull(withBackoff.reason());
    }

    @Test
    void retryAtTheLimitRethrowsTheGivenExceptionUnchangedCheckedOnesToo() throws Exception {
        IllegalStateException unchecked = new IllegalStateException("still down");
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> run(3, policy(3)).retry(unchecked, Duration.ofMillis(10), null));
        assertSame(unchecked, thrown);

        TimeoutException checked = new TimeoutException("slow");
        Throwable thrownChecked = assertThrows(Throwable.class, () -> run(3, policy(3)).retry(checked, Duration.ofMillis(10), null));
        assertSame(checked, thrownChecked, "the checked exception itself, not wrapped");
    }

    @Test
    void retryAtTheLimitWithoutAnExceptionThrowsMaxRetriesExceeded() throws Exception {
        MaxRetriesExceededException e = assertThrows(MaxRetriesExceededException.class, () -> run(3, policy(3)).retry(null));
        assertEquals("CHARD-04012", e.code());
        assertTrue(e.getMessage().contains("app.task") && e.getMessage().contains("id-1") && e.getMessage().contains("3"),
                e.getMessage());
    }

    @Test
    void theCallSiteLimitOverridesTheTasks() throws Exception {
        RuntimeException cause = new RuntimeException("x");
        // the task allows 3, the call 5: retry 4 goes ahead
        assertThrows(TaskRetryException.class, () -> run(3, policy(3)).retry(cause, Duration.ofMillis(1), 5));
        // the task allows 10, the call 1: after 1 retry it is over
        assertSame(cause, assertThrows(RuntimeException.class, () -> run(1, policy(10)).retry(cause, Duration.ofMillis(1), 1)));
        // 0 at the call: never retried
        assertThrows(MaxRetriesExceededException.class, () -> run(0, policy(3)).retry(null, null, 0));
        // -1 at the call: for ever, even past the task's limit
        assertThrows(TaskRetryException.class, () -> run(1_000, policy(3)).retry(cause, Duration.ofMillis(1), -1));
        // the task's -1
        assertThrows(TaskRetryException.class, () -> run(1_000, policy(-1)).retry(cause));
    }

    @Test
    void aNegativeCountdownIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run(0, policy(3)).retry(null, Duration.ofMillis(-1), null));
        assertTrue(e.getMessage().startsWith("CHARD-04021: retry(exc, PT-0.001S, ...)"), e.getMessage());
    }

    @Test
    void updateStateWithAFinalStateIsChard04013() throws Exception {
        RecordingBackend backend = new RecordingBackend();
        RunningTask t = new RunningTask(message(0, null, null), 1, descriptor(policy(3), false, null), "w1", backend, CODEC);
        for (String s : List.of("SUCCESS", "FAILURE", "REVOKED")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.updateState(s, Map.of()));
            assertTrue(e.getMessage().startsWith("CHARD-04013"), e.getMessage());
            assertTrue(e.getMessage().contains(s), e.getMessage());
        }
        assertTrue(backend.stored.isEmpty(), "nothing written: " + backend.stored);
    }

    @Test
    void updateStateWithABlankStateOrUnknownIsChard04020() throws Exception {
        RecordingBackend backend = new RecordingBackend();
        RunningTask t = new RunningTask(message(0, null, null), 1, descriptor(policy(3), false, null), "w1", backend, CODEC);
        for (String s : Arrays.asList(null, "", " ", "UNKNOWN")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.updateState(s, Map.of()));
            assertTrue(e.getMessage().startsWith("CHARD-04020: updateState("), e.getMessage());
        }
        assertTrue(backend.stored.isEmpty(), "nothing written: " + backend.stored);
    }

    /** JSON-B cannot write it: its only property fails to read. */
    public static final class Unwritable {
        public String getValue() {
            throw new IllegalStateException("unreadable");
        }
    }

    @Test
    void updateStateWithAMetaJsonBCannotWriteIsChard04022NotTheReturnValuesCode() throws Exception {
        RecordingBackend backend = new RecordingBackend();
        RunningTask t = new RunningTask(message(0, null, null), 1, descriptor(policy(3), false, null), "w1", backend, CODEC);
        TaskSerializationException e = assertThrows(TaskSerializationException.class,
                () -> t.updateState("PROGRESS", Map.of("x", new Unwritable())));
        assertEquals("CHARD-04022", e.code());
        assertTrue(e.getMessage().startsWith("CHARD-04022: updateState(\"PROGRESS\", meta)"), e.getMessage());
        assertTrue(backend.stored.isEmpty(), "nothing written: " + backend.stored);
    }

    @Test
    void updateStateWritesACustomStateWithItsMetaAndTheTasksResultExpiry() throws Exception {
        RecordingBackend backend = new RecordingBackend();
        RunningTask t = new RunningTask(message(2, null, null), 1, descriptor(policy(3), false, Duration.ofSeconds(5)), "w1",
                backend, CODEC);
        t.updateState("PROGRESS", Map.of("done", 40, "total", 100));
        ResultRecord r = backend.stored.get(0);
        assertEquals("PROGRESS", r.stateName());
        assertEquals(TaskState.STARTED, r.state(), "a custom state counts as STARTED");
        assertEquals(Map.of("done", new BigDecimal(40), "total", new BigDecimal(100)), CODEC.valueFromJson(r.metaJson(), Map.class, "id-1"));
        assertEquals("w1", r.worker());
        assertEquals(2, r.retries());
        assertEquals(Duration.ofSeconds(5), r.ttl());

        t.updateState("STARTED", null);
        assertEquals(TaskState.STARTED, backend.stored.get(1).state());
        assertEquals("STARTED", backend.stored.get(1).stateName());
    }

    @Test
    void updateStateOfATaskThatIgnoresResultsWritesNothing() throws Exception {
        RecordingBackend backend = new RecordingBackend();
        RunningTask t = new RunningTask(message(0, null, null), 1, descriptor(policy(3), true, null), "w1", backend, CODEC);
        t.updateState("PROGRESS", Map.of("done", 1));
        assertTrue(backend.stored.isEmpty());
    }

    @Test
    void runAsSetsTheCurrentTaskForTheBodyOnlyAndNests() throws Exception {
        RunningTask outer = run(0, policy(3));
        RunningTask inner = run(1, policy(3));
        assertTrue(RunningTask.current().isEmpty());
        String seen = RunningTask.runAs(outer, () -> {
            assertSame(outer, RunningTask.current().orElseThrow());
            RunningTask.runAs(inner, () -> {
                assertSame(inner, RunningTask.current().orElseThrow());
                return null;
            });
            assertSame(outer, RunningTask.current().orElseThrow(), "restored after the nested run");
            return "ok";
        });
        assertEquals("ok", seen);
        assertTrue(RunningTask.current().isEmpty(), "cleared after the body");
        assertThrows(IllegalStateException.class, () -> RunningTask.runAs(outer, () -> {
            throw new IllegalStateException("boom");
        }));
        assertTrue(RunningTask.current().isEmpty(), "cleared after a body that threw");
    }
}
