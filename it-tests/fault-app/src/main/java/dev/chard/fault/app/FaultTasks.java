package dev.chard.fault.app;

import dev.chard.api.AsyncResult;
import dev.chard.api.AsyncTask;
import dev.chard.api.TaskInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/** The tasks of the fault-injection suite. Task names: {@code dev.chard.fault.app.FaultTasks.<method>}. */
@ApplicationScoped
public class FaultTasks {

    @Inject
    TaskInstance task;

    /**
     * One unit of work that records its execution: "{@code <id> <worker> <delivery>}" is pushed to
     * {@link Recorder#STARTED} when it starts and "{@code <id> <worker>}" to {@link Recorder#FINISHED} when it ends.
     * Returns {@code n}.
     */
    @AsyncTask
    public AsyncResult<Integer> work(int n, long sleepMs) {
        Recorder.push(Recorder.STARTED, task.id() + " " + task.workerName() + " " + task.deliveryCount());
        sleep(sleepMs);
        Recorder.push(Recorder.FINISHED, task.id() + " " + task.workerName());
        return AsyncResult.completed(n);
    }

    /** Runs for {@code millis} and returns its delivery count (1 unless an earlier delivery did not finish). */
    @AsyncTask
    public AsyncResult<Integer> slow(long millis) {
        Recorder.push(Recorder.STARTED, task.id() + " " + task.workerName() + " " + task.deliveryCount());
        sleep(millis);
        Recorder.push(Recorder.FINISHED, task.id() + " " + task.workerName());
        return AsyncResult.completed(task.deliveryCount());
    }

    /**
     * A poison message until fixed: halts its worker's JVM (as an OOM kill or a native crash would) unless the recorder
     * key {@code flagKey} holds {@code fixed}; then returns "survived after N deliveries".
     */
    @AsyncTask
    public AsyncResult<String> crashUnlessFixed(String flagKey) {
        Recorder.push(Recorder.STARTED, task.id() + " " + task.workerName() + " " + task.deliveryCount());
        if (!"fixed".equals(Recorder.get(flagKey))) {
            Runtime.getRuntime().halt(1);
        }
        return AsyncResult.completed("survived after " + task.deliveryCount() + " deliveries");
    }

    @AsyncTask
    public AsyncResult<Integer> add(int x, int y) {
        return AsyncResult.completed(x + y);
    }

    /** Returns the length of {@code text} (not the text: a huge argument need not come back). */
    @AsyncTask
    public AsyncResult<Integer> length(String text) {
        return AsyncResult.completed(text.length());
    }

    /** A little CPU and a short list, for the soak run; records nothing. */
    @AsyncTask(resultExpires = "30s")
    public AsyncResult<Integer> steady(int n) {
        List<Integer> l = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            l.add(i * n);
        }
        return AsyncResult.completed(l.size() + n);
    }

    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
