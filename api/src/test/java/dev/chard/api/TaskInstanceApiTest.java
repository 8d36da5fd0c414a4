package dev.chard.api;

import dev.chard.api.spi.TaskSnapshot;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The api side of retries and custom states: the exceptions, TaskInstance's defaults, AsyncResult's accessors. */
class TaskInstanceApiTest {

    @Test
    void taskRetryExceptionCarriesReasonAndCountdownAndSaysWhy() {
        IOException reason = new IOException("reset");
        TaskRetryException e = new TaskRetryException(reason, Duration.ofMillis(1500), 2);
        assertEquals("CHARD-04011", e.code());
        assertSame(reason, e.reason());
        assertEquals(Duration.ofMillis(1500), e.countdown());
        assertTrue(e.getMessage().contains("retry 2 in 1500 ms"), e.getMessage());
        assertTrue(e.getMessage().contains("java.io.IOException: reset"), e.getMessage());
        assertNull(new TaskRetryException(null, Duration.ZERO, 1).reason());
        assertTrue(e instanceof ChardException && e instanceof RuntimeException, "unchecked: `throw task.retry(...)` needs no throws clause");
    }

    @Test
    void maxRetriesExceededNamesTaskIdAndLimit() {
        MaxRetriesExceededException e = new MaxRetriesExceededException("app.sync", "id-9", 3);
        assertEquals("CHARD-04012", e.code());
        assertTrue(e.getMessage().contains("app.sync[id-9]") && e.getMessage().contains("3 retries"), e.getMessage());
    }

    @Test
    void retryWithOnlyAnExceptionUsesTheTasksDelayAndLimit() {
        List<Object[]> calls = new ArrayList<>();
        TaskInstance t = (TaskInstance) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{TaskInstance.class}, (proxy, method, args) -> {
                    if (method.isDefault()) {
                        return java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args);
                    }
                    calls.add(args);
                    throw new TaskRetryException((Throwable) args[0], Duration.ofSeconds(180), 1);
                });
        IOException reason = new IOException("x");
        assertThrows(TaskRetryException.class, () -> t.retry(reason));
        assertEquals(1, calls.size());
        assertSame(reason, calls.get(0)[0]);
        assertNull(calls.get(0)[1], "countdown: the task's policy");
        assertNull(calls.get(0)[2], "maxRetries: the task's");
        assertEquals(-1, AsyncTask.RETRY_FOREVER);
    }

    @Test
    void asyncResultReportsCustomStateNameInfoRetriesWorkerAndDateDone() {
        FakeResultSource source = new FakeResultSource(Duration.ofSeconds(1));
        AsyncResult<String> r = AsyncResult.remote("t1", String.class, source);

        source.store(new TaskSnapshot("t1", TaskState.STARTED, null, null, null, "w1", null, 2, "PROGRESS",
                Map.of("done", 40, "total", 100)));
        assertEquals(TaskState.STARTED, r.state());
        assertEquals("PROGRESS", r.stateName());
        assertEquals(Map.of("done", 40, "total", 100), r.info());
        assertEquals(2, r.retries());
        assertEquals("w1", r.worker());
        assertNull(r.dateDone());

        source.store(new TaskSnapshot("t1", TaskState.RETRY, null, null, null, "w1", null, 3, null,
                Map.of("type", "java.io.IOException", "message", "reset")));
        assertEquals("RETRY", r.stateName(), "a standard state's name when no custom one is recorded");
        assertEquals("java.io.IOException", r.info().get("type"));
        assertEquals(3, r.retries());

        Instant done = Instant.parse("2026-01-01T00:00:00Z");
        source.store(new TaskSnapshot("t1", TaskState.SUCCESS, "ok", null, null, "w2", done, 3, null, null));
        assertEquals("SUCCESS", r.stateName());
        assertEquals(Map.of(), r.info());
        assertEquals(done, r.dateDone());
        assertEquals("w2", r.worker());

        AsyncResult<String> unknown = AsyncResult.remote("nope", String.class, source);
        assertEquals("UNKNOWN", unknown.stateName());
        assertEquals(0, unknown.retries());
        assertNull(unknown.worker());
    }
}
