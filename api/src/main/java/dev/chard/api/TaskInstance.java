package dev.chard.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The task running on the current thread: Celery's bound {@code self} ({@code bind=True}). Inject it into any task
 * bean ({@code @Inject TaskInstance task}); each call reads the task that is running on the calling thread, so one
 * injected instance serves every concurrent run. In Java {@code this} is always the bean and {@code TaskInstance}
 * always the task, whether the task method is declared in a class or not: the seed's table of where {@code self}
 * points has a single row here.
 *
 * <p>Called outside a running task (in the application, or on another thread) every method throws
 * {@link IllegalStateException} with code CHARD-04010.
 */
public interface TaskInstance {

    /** The task id. */
    String id();

    /** The task name. */
    String name();

    /** The positional arguments as sent (JSON values read back as Java: numbers as BigDecimal, objects as Map). */
    List<Object> args();

    /** The named arguments as sent. */
    Map<String, Object> kwargs();

    /** How many times this task has been retried so far: 0 on the first run (Celery's {@code self.request.retries}). */
    int retries();

    /** How many times this message was delivered, this delivery included: 1 unless a worker died while running it. */
    int deliveryCount();

    /** True when an earlier delivery of this run did not finish (its worker died or was stopped): at-least-once. */
    boolean redelivered();

    /** When the task was due (countdown, ETA or retry); null if it was sent to run at once. */
    Instant eta();

    /** When the task expires; null for never. */
    Instant expires();

    /** The queue it came from. */
    String queue();

    /** The name of the worker running it. */
    String workerName();

    /** The id of the first task of the chain of calls that led to this one (its own id if none). */
    String rootId();

    /** The id of the task whose body sent this one; null if it was sent from outside a task. */
    String parentId();

    /** The effective maximum number of retries for this task ({@link AsyncTask#RETRY_FOREVER} for no limit). */
    int maxRetries();

    /**
     * Ends this run and schedules the same task id again (Celery's {@code self.retry}). It always throws; it is
     * declared to return the exception so that {@code throw task.retry(e, Duration.ofSeconds(15), 3);} reads as the
     * end of the method. The delay waits in Redis, never in this worker.
     *
     * @param exc        the reason, recorded with the RETRY state and rethrown once retries are exhausted; may be null
     * @param countdown  how long to wait; null for the task's policy ({@code retryDelay}, or its backoff)
     * @param maxRetries the limit for this call; null for the task's {@link AsyncTask#maxRetries()}
     * @return never returns normally
     * @throws TaskRetryException   always, while retries remain; the worker schedules the retry
     * @throws MaxRetriesExceededException when retries are exhausted and {@code exc} is null
     * @throws IllegalArgumentException    (CHARD-04021) when {@code countdown} is negative
     */
    TaskRetryException retry(Throwable exc, Duration countdown, Integer maxRetries);

    /** {@code retry(exc, null, null)}: the task's own delay and limit. */
    default TaskRetryException retry(Throwable exc) {
        return retry(exc, null, null);
    }

    /**
     * Records a custom state with metadata, e.g. {@code updateState("PROGRESS", Map.of("done", 40, "total", 100))}.
     * Callers see it through {@link AsyncResult#stateName()} and {@link AsyncResult#info()}. The final states
     * (SUCCESS, FAILURE, REVOKED) cannot be set this way: return a value, or throw.
     *
     * @throws IllegalArgumentException    CHARD-04013 for a final state, CHARD-04020 for a blank state or UNKNOWN
     * @throws TaskSerializationException  CHARD-04022 when JSON-B cannot write {@code meta}; nothing is recorded
     */
    void updateState(String state, Map<String, ?> meta);
}
