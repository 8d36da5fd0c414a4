package dev.chard.it.app;

import dev.chard.api.AsyncResult;
import dev.chard.api.AsyncTask;
import dev.chard.api.TaskInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/** Tasks that report what {@link TaskInstance} tells them, set custom states, and ignore or keep results briefly. */
@ApplicationScoped
public class InstanceTasks {

    private static final Logger LOG = Logger.getLogger(InstanceTasks.class.getName());
    private static final Map<String, List<Integer>> SEEN_RETRIES = new ConcurrentHashMap<>();

    @Inject
    TaskInstance task;

    @Inject
    ChildTasks child;

    /**
     * Retries {@code retries} times (150 ms apart), then sends a sub-task and returns what the instance showed on each
     * run, the sub-task's id included.
     */
    @AsyncTask
    public AsyncResult<Map<String, Object>> describe(String text, int number, int retries) {
        SEEN_RETRIES.computeIfAbsent(task.id(), k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(task.retries());
        if (task.retries() < retries) {
            throw task.retry(new IllegalStateException("once more"), Duration.ofMillis(150), null);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", task.id());
        out.put("name", task.name());
        out.put("args", task.args());
        out.put("kwargs", task.kwargs());
        out.put("retries", task.retries());
        out.put("seenRetries", SEEN_RETRIES.remove(task.id()));
        out.put("deliveryCount", task.deliveryCount());
        out.put("redelivered", task.redelivered());
        out.put("eta", String.valueOf(task.eta()));
        out.put("expires", String.valueOf(task.expires()));
        out.put("queue", task.queue());
        out.put("workerName", task.workerName());
        out.put("rootId", task.rootId());
        out.put("parentId", String.valueOf(task.parentId()));
        out.put("maxRetries", task.maxRetries());
        out.put("childId", child.lineage().id());
        return AsyncResult.completed(out);
    }

    /** Reports steps as a custom PROGRESS state, {@code stepMs} apart. */
    @AsyncTask
    public AsyncResult<String> progress(int steps, long stepMs) {
        for (int i = 0; i < steps; i++) {
            task.updateState("PROGRESS", Map.of("done", i, "total", steps));
            try {
                Thread.sleep(stepMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        return AsyncResult.completed("done " + steps);
    }

    /** Records no state at all; logs that it ran. */
    @AsyncTask(ignoreResult = true)
    public AsyncResult<String> ignored(String marker) {
        LOG.info(() -> "ignored task ran " + marker);
        return AsyncResult.completed(marker);
    }

    /** Its records are kept 5 s. */
    @AsyncTask(resultExpires = "5s")
    public AsyncResult<String> shortLived(String text) {
        return AsyncResult.completed(text);
    }

    /** Tells the time it ran (epoch ms), for countdown and ETA checks. */
    @AsyncTask
    public AsyncResult<Long> now(String label) {
        return AsyncResult.completed(System.currentTimeMillis());
    }
}
