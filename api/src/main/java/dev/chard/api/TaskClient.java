package dev.chard.api;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Sends tasks by name and looks results up by id. Inject it anywhere ({@code @Inject TaskClient client}); it is
 * application-scoped and thread-safe.
 */
public interface TaskClient {

    /**
     * Sends the task {@code taskName} with positional arguments and default options (Celery's {@code send_task}).
     * The task need not be known to this application: only a worker has to know it.
     *
     * @throws BrokerUnavailableException if the broker does not accept the message within the configured timeout
     * @throws TaskSerializationException if an argument cannot be written as JSON
     */
    AsyncResult<Object> send(String taskName, Object... args);

    /**
     * Sends the task {@code taskName} with positional and named arguments and per-call options. Named arguments
     * bind to parameter names, which the task's class must be compiled with ({@code javac -parameters}).
     */
    AsyncResult<Object> send(String taskName, List<?> args, Map<String, ?> kwargs, TaskOptions options);

    /**
     * Applies {@code options} to the first {@link AsyncTask} call made on this thread inside {@code call}, and
     * returns what {@code call} returns: {@code client.withOptions(opts, () -> tasks.add(4, 5))}.
     *
     * @throws IllegalStateException if {@code call} made no task call
     */
    <R> R withOptions(TaskOptions options, Supplier<R> call);

    /** The result of any task id; the value is read back as JSON-B gives an {@code Object} (numbers as BigDecimal). */
    AsyncResult<Object> asyncResult(String taskId);

    /** The result of any task id, its value read back as {@code resultType}. */
    <T> AsyncResult<T> asyncResult(String taskId, Class<T> resultType);
}
