package dev.chard.it.app;

import dev.chard.api.AsyncResult;
import dev.chard.api.AsyncTask;
import dev.chard.api.TaskInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The seed's three retry patterns, and the options of automatic retries. */
@ApplicationScoped
public class RetryTasks {

    /** The start of each run of {@link #selfLimited}, per task id (runs of one id all reach this worker in the tests). */
    private static final Map<String, List<String>> RUNS = new ConcurrentHashMap<>();

    @Inject
    TaskInstance task;

    /** Seed pattern (a): every run retries with the call's countdown and a limit of 3; then the original exception fails it. */
    @AsyncTask
    public AsyncResult<String> alwaysRetry(String key, long countdownMs) {
        try {
            return AsyncResult.completed(callFlakyService(key));
        } catch (IllegalStateException e) {
            throw task.retry(e, Duration.ofMillis(countdownMs), 3);
        }
    }

    private static String callFlakyService(String key) {
        throw new IllegalStateException("service down for " + key);
    }

    /** Seed pattern (b): an IOException retries automatically (2 retries, 300 ms apart); succeeds on run {@code succeedOnRun}. */
    @AsyncTask(autoretryFor = IOException.class, dontAutoretryFor = FileNotFoundException.class, maxRetries = 2,
            retryDelay = "300ms", retryJitter = false)
    public AsyncResult<String> autoRetry(int succeedOnRun) throws IOException {
        int run = task.retries() + 1;
        if (run < succeedOnRun) {
            throw new IOException("connection reset on run " + run);
        }
        return AsyncResult.completed("ok on run " + run);
    }

    /** Same options; a FileNotFoundException is an IOException but is excluded by dontAutoretryFor. */
    @AsyncTask(autoretryFor = IOException.class, dontAutoretryFor = FileNotFoundException.class, maxRetries = 2,
            retryDelay = "300ms")
    public AsyncResult<String> autoRetryExcluded(String path) throws IOException {
        throw new FileNotFoundException(path);
    }

    /** A type not in autoretryFor fails at once. */
    @AsyncTask(autoretryFor = IOException.class, maxRetries = 2, retryDelay = "300ms")
    public AsyncResult<String> autoRetryOtherType(String why) {
        throw new IllegalArgumentException(why);
    }

    /**
     * Seed pattern (c): the task checks its retries itself and returns an error response instead of retrying once
     * {@code max} is reached. The response lists the start of every run (epoch ms).
     */
    @AsyncTask
    public AsyncResult<Map<String, Object>> selfLimited(String orderId, int max, long countdownMs) {
        RUNS.computeIfAbsent(task.id(), k -> new ArrayList<>()).add(Long.toString(Instant.now().toEpochMilli()));
        if (task.retries() >= max) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("code", "9999");
            error.put("msg", "order " + orderId + " could not be processed after " + task.retries() + " retries");
            error.put("runs", List.copyOf(RUNS.remove(task.id())));
            return AsyncResult.completed(error);
        }
        throw task.retry(new IllegalStateException("order service busy"), Duration.ofMillis(countdownMs), max + 10);
    }

    /** retry(null, ...) past the limit: MaxRetriesExceededException. */
    @AsyncTask(maxRetries = 1)
    public AsyncResult<String> retryWithoutReason() {
        throw task.retry(null, Duration.ofMillis(200), null);
    }

    /** A checked exception given to retry is rethrown unchanged once retries are exhausted (limit 0 here: at once). */
    @AsyncTask
    public AsyncResult<String> checkedExhausted(String why) {
        throw task.retry(new java.util.concurrent.TimeoutException(why), Duration.ofMillis(100), 0);
    }

    /**
     * Annotated with a long delay and many retries; the IT worker overrides both by configuration
     * ({@code chard.task."dev.chard.it.app.RetryTasks.overridden".max-retries=1}, {@code retry-delay=200ms}).
     */
    @AsyncTask(maxRetries = 5, retryDelay = "10m")
    public AsyncResult<String> overridden(String why) {
        throw task.retry(new IllegalStateException(why));
    }
}
