package dev.chard.cdi;

import dev.chard.api.TaskInstance;
import dev.chard.api.TaskRetryException;
import dev.chard.engine.errors.ExecutionErrors;
import dev.chard.engine.execution.RunningTask;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The bean behind {@code @Inject TaskInstance}: one instance for the application, each call answered by the task
 * running on the calling thread ({@link RunningTask}), or CHARD-04010 when none is.
 */
@ApplicationScoped
public class CurrentTaskInstance implements TaskInstance {

    private static RunningTask current(String method) {
        return RunningTask.current().orElseThrow(() -> ExecutionErrors.notInTask(method));
    }

    @Override
    public String id() {
        return current("id").id();
    }

    @Override
    public String name() {
        return current("name").name();
    }

    @Override
    public List<Object> args() {
        return current("args").args();
    }

    @Override
    public Map<String, Object> kwargs() {
        return current("kwargs").kwargs();
    }

    @Override
    public int retries() {
        return current("retries").retries();
    }

    @Override
    public int deliveryCount() {
        return current("deliveryCount").deliveryCount();
    }

    @Override
    public boolean redelivered() {
        return current("redelivered").redelivered();
    }

    @Override
    public Instant eta() {
        return current("eta").eta();
    }

    @Override
    public Instant expires() {
        return current("expires").expires();
    }

    @Override
    public String queue() {
        return current("queue").queue();
    }

    @Override
    public String workerName() {
        return current("workerName").workerName();
    }

    @Override
    public String rootId() {
        return current("rootId").rootId();
    }

    @Override
    public String parentId() {
        return current("parentId").parentId();
    }

    @Override
    public int maxRetries() {
        return current("maxRetries").maxRetries();
    }

    @Override
    public TaskRetryException retry(Throwable exc, Duration countdown, Integer maxRetries) {
        return current("retry").retry(exc, countdown, maxRetries);
    }

    @Override
    public void updateState(String state, Map<String, ?> meta) {
        current("updateState").updateState(state, meta);
    }
}
