package dev.chard.engine.execution;

import dev.chard.api.MaxRetriesExceededException;
import dev.chard.api.TaskInstance;
import dev.chard.api.TaskRetryException;
import dev.chard.api.TaskSerializationException;
import dev.chard.api.TaskState;
import dev.chard.engine.backend.ResultBackend;
import dev.chard.engine.backend.ResultRecord;
import dev.chard.engine.broker.TaskMessage;
import dev.chard.engine.errors.ExecutionErrors;
import dev.chard.engine.registry.TaskDescriptor;
import dev.chard.engine.retry.RetryPolicy;
import dev.chard.engine.serialization.ResultCodec;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.random.RandomGenerator;

/**
 * One run of a task on a worker thread, and the {@link TaskInstance} it shows the task. The worker makes it current
 * around the invocation ({@link #runAs}); {@code @Inject TaskInstance} and the sender (for parent and root ids) read
 * it from the thread. Not shared between threads.
 */
public final class RunningTask implements TaskInstance {

    private static final ThreadLocal<RunningTask> CURRENT = new ThreadLocal<>();
    private static final RandomGenerator RANDOM = RandomGenerator.getDefault();

    private final TaskMessage message;
    private final int deliveries;
    private final TaskDescriptor task;
    private final String workerName;
    private final ResultBackend backend;
    private final ResultCodec codec;
    private volatile boolean retriesExhausted;

    public RunningTask(TaskMessage message, int deliveries, TaskDescriptor task, String workerName, ResultBackend backend,
                       ResultCodec codec) {
        this.message = Objects.requireNonNull(message, "message");
        this.deliveries = deliveries;
        this.task = Objects.requireNonNull(task, "task");
        this.workerName = workerName;
        this.backend = backend;
        this.codec = codec;
    }

    /** The task running on this thread, if any. */
    public static Optional<RunningTask> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** Runs {@code body} with {@code run} as the current task of this thread. */
    public static <T> T runAs(RunningTask run, Callable<T> body) throws Exception {
        RunningTask previous = CURRENT.get();
        CURRENT.set(run);
        try {
            return body.call();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    public TaskMessage message() {
        return message;
    }

    public TaskDescriptor descriptor() {
        return task;
    }

    @Override
    public String id() {
        return message.id();
    }

    @Override
    public String name() {
        return message.task();
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Object> args() {
        return (List<Object>) codec.valueFromJson(message.args().toString(), List.class, id());
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> kwargs() {
        return (Map<String, Object>) codec.valueFromJson(message.kwargs().toString(), Map.class, id());
    }

    @Override
    public int retries() {
        return message.retries();
    }

    @Override
    public int deliveryCount() {
        return deliveries;
    }

    @Override
    public boolean redelivered() {
        return deliveries > 1;
    }

    @Override
    public Instant eta() {
        return message.eta();
    }

    @Override
    public Instant expires() {
        return message.expires();
    }

    @Override
    public String queue() {
        return message.queue();
    }

    @Override
    public String workerName() {
        return workerName;
    }

    @Override
    public String rootId() {
        return message.rootId() != null ? message.rootId() : message.id();
    }

    @Override
    public String parentId() {
        return message.parentId();
    }

    @Override
    public int maxRetries() {
        return task.settings().retry().maxRetries();
    }

    @Override
    public TaskRetryException retry(Throwable exc, Duration countdown, Integer maxRetries) {
        int limit = maxRetries != null ? maxRetries : maxRetries();
        if (RetryPolicy.exhausted(retries(), limit)) {
            retriesExhausted = true;
            if (exc != null) {
                throw RunningTask.<RuntimeException>sneaky(exc); // Celery raises the original exception itself
            }
            throw new MaxRetriesExceededException(name(), id(), limit);
        }
        Duration delay = countdown != null ? countdown : task.settings().retry().delayFor(retries(), RANDOM);
        if (delay.isNegative()) {
            throw ExecutionErrors.negativeCountdown(delay);
        }
        throw new TaskRetryException(exc, delay, retries() + 1);
    }

    /**
     * True once {@link #retry} found the retries used up and rethrew: the worker must then not retry automatically
     * either, even if the exception matches {@code autoretryFor} (the call's own limit has spoken).
     */
    public boolean retriesExhausted() {
        return retriesExhausted;
    }

    @Override
    public void updateState(String state, Map<String, ?> meta) {
        if (state == null || state.isBlank() || state.equals(TaskState.UNKNOWN.name())) {
            throw ExecutionErrors.stateNotSettable(state);
        }
        TaskState standard = standard(state);
        if (standard != null && standard.isReady()) {
            throw ExecutionErrors.finalStateByHand(state);
        }
        if (!backend.enabled() || task.settings().ignoreResult()) {
            return;
        }
        String metaJson = meta == null ? null : metaJson(state, meta);
        ResultRecord r = standard != null
                ? new ResultRecord(id(), name(), standard, null, null, null, null, workerName, retries(), null, null, metaJson, null)
                : ResultRecord.custom(id(), name(), state, metaJson, workerName, retries());
        backend.store(r.withTtl(task.settings().resultExpires()));
    }

    /** The meta map as JSON; its failure is updateState's (CHARD-04022), not a return value's (CHARD-03009). */
    private String metaJson(String state, Map<String, ?> meta) {
        try {
            return codec.valueToJson(meta);
        } catch (TaskSerializationException e) {
            throw ExecutionErrors.metaNotSerializable(state, e.getCause() != null ? e.getCause() : e);
        }
    }

    private static TaskState standard(String name) {
        for (TaskState s : TaskState.values()) {
            if (s != TaskState.UNKNOWN && s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneaky(Throwable t) throws T {
        throw (T) t;
    }
}
