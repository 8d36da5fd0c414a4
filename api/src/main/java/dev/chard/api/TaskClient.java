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
     * Sends one task {@code taskName} per element of {@code argsList}, each element the positional arguments of one
     * task, with default options (BullMQ's {@code addBulk}, Sidekiq's {@code push_bulk}). Much cheaper than as many
     * {@link #send} calls: the messages go to the broker in chunks of up to 500, one round trip and one atomic step per
     * chunk. Returns the handles in the order of {@code argsList}, once every task is accepted.
     *
     * @throws TaskSerializationException if an argument cannot be written as JSON, or a message is larger than
     *                                    {@code chard.message.max-size}: checked for every task first, nothing is sent
     * @throws BulkSendException          if the broker did not accept a chunk: it says which tasks were queued
     */
    List<AsyncResult<Object>> sendBulk(String taskName, List<? extends List<?>> argsList);

    /**
     * As {@link #sendBulk(String, List)}, with {@code options} applied to every task (queue, priority, countdown or
     * eta, expiry). Each task gets a new id: {@code options} must not name one.
     *
     * @throws IllegalArgumentException if {@code options} has a task id
     */
    List<AsyncResult<Object>> sendBulk(String taskName, List<? extends List<?>> argsList, TaskOptions options);

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
