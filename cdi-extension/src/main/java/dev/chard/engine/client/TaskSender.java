package dev.chard.engine.client;

import dev.chard.api.AsyncResult;
import dev.chard.api.TaskOptions;
import dev.chard.api.spi.ResultSource;
import dev.chard.engine.backend.ResultBackend;
import dev.chard.engine.broker.Broker;
import dev.chard.engine.broker.EnqueueChunkException;
import dev.chard.engine.broker.OutgoingTask;
import dev.chard.engine.broker.TaskMessage;
import dev.chard.engine.errors.ClientErrors;
import dev.chard.engine.config.ChardConfig;
import dev.chard.engine.execution.RunningTask;
import dev.chard.engine.registry.TaskDescriptor;
import dev.chard.engine.serialization.ArgumentBindingException;
import dev.chard.engine.serialization.Arguments;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import java.lang.reflect.Type;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Turns a call (typed, through the interceptor, or by name) into a message on the broker. Thread-safe. */
public final class TaskSender {

    private final ChardConfig config;
    private final Broker broker;
    private final ResultBackend backend;
    private final Arguments arguments;
    private final ResultSource results;
    private final String origin;
    private final SendDeferral deferral;

    public TaskSender(ChardConfig config, Broker broker, ResultBackend backend, Arguments arguments, ResultSource results, String origin) {
        this(config, broker, backend, arguments, results, origin, SendDeferral.NONE);
    }

    /** A sender whose messages go to the broker when {@code deferral} says (at once when it declines). */
    public TaskSender(ChardConfig config, Broker broker, ResultBackend backend, Arguments arguments, ResultSource results, String origin,
                      SendDeferral deferral) {
        this.deferral = deferral == null ? SendDeferral.NONE : deferral;
        this.config = config;
        this.broker = broker;
        this.backend = backend;
        this.arguments = arguments;
        this.results = results;
        this.origin = origin;
    }

    /**
     * Sends one task and returns its handle. The message is built and checked here, in the caller's thread (a bad
     * argument throws at the call site); it goes to the broker at once unless the {@link SendDeferral} takes it (a
     * JTA transaction: then after the commit, and the handle's state is UNKNOWN until then).
     *
     * @param task       the descriptor when the task is known here (its queue, priority and parameter types apply);
     *                   null for a by-name send of a task only workers know
     * @param resultType what the handle decodes the value into
     */
    public <T> AsyncResult<T> send(TaskDescriptor task, String taskName, List<?> args, Map<String, ?> kwargs,
                                   TaskOptions options, Type resultType) {
        return send(task, taskName, args, kwargs, options, resultType, false);
    }

    /**
     * {@link #send} for a call by name ({@code TaskClient.send}): when this application declares the task, the
     * arguments are first bound to its parameter types with the worker's own binder, so that arguments a worker would
     * refuse are refused here, with the same code (CHARD-05003) and words, and nothing is sent. A typed call through the
     * interceptor needs no such check: the compiler made its arguments fit.
     *
     * @throws dev.chard.api.TaskSerializationException CHARD-05003 when the arguments do not fit the declared parameters
     */
    public <T> AsyncResult<T> sendByName(TaskDescriptor task, String taskName, List<?> args, Map<String, ?> kwargs,
                                         TaskOptions options, Type resultType) {
        return send(task, taskName, args, kwargs, options, resultType, true);
    }

    private <T> AsyncResult<T> send(TaskDescriptor task, String taskName, List<?> args, Map<String, ?> kwargs,
                                    TaskOptions options, Type resultType, boolean byName) {
        Defaults d = defaults(task, options);
        String id = options.taskId() != null ? options.taskId() : UUID.randomUUID().toString();
        OutgoingTask outgoing = outgoing(task, taskName, id, options.taskId() == null, args, kwargs, d, byName);
        Runnable enqueue = () -> broker.enqueue(outgoing);
        if (!deferral.defer(id, taskName, enqueue)) {
            enqueue.run();
        }
        return AsyncResult.remote(id, resultType, results);
    }

    /**
     * Sends one task per element of {@code argsList} (its positional arguments), {@code options} applied to each, and
     * returns their handles in order. Every message is built and checked (its arguments against the declared parameter
     * types too, as {@link #sendByName} does, when this application declares the task) before any is sent; they go to the broker in
     * chunks ({@link Broker#enqueueAll}), or all after the commit when the {@link SendDeferral} takes them.
     *
     * @throws dev.chard.api.BulkSendException when a chunk was not accepted: which ids were, which were not
     */
    public <T> List<AsyncResult<T>> sendBulk(TaskDescriptor task, String taskName, List<? extends List<?>> argsList,
                                             TaskOptions options, Type resultType) {
        if (options.taskId() != null) {
            throw ClientErrors.bulkWithTaskId(taskName, options.taskId());
        }
        Defaults d = defaults(task, options);
        List<OutgoingTask> batch = new ArrayList<>(argsList.size());
        for (List<?> args : argsList) {
            batch.add(outgoing(task, taskName, UUID.randomUUID().toString(), true, args == null ? List.of() : args, Map.of(), d, true));
        }
        List<AsyncResult<T>> handles = new ArrayList<>(batch.size());
        for (OutgoingTask t : batch) {
            handles.add(AsyncResult.remote(t.message().id(), resultType, results));
        }
        if (batch.isEmpty()) {
            return handles;
        }
        Runnable enqueue = () -> enqueueAll(taskName, batch);
        String first = batch.get(0).message().id();
        if (!deferral.defer(batch.size() == 1 ? first : first + " and " + (batch.size() - 1) + " more of one bulk send", taskName, enqueue)) {
            enqueue.run();
        }
        return handles;
    }

    private void enqueueAll(String taskName, List<OutgoingTask> batch) {
        try {
            broker.enqueueAll(batch);
        } catch (EnqueueChunkException e) {
            List<String> ids = batch.stream().map(t -> t.message().id()).toList();
            throw ClientErrors.bulkSendFailed(taskName, ids.subList(0, e.accepted()), ids.subList(e.accepted(), ids.size()), e.getCause());
        }
    }

    /** What every task of one call shares: its queue, priority and due time. */
    private record Defaults(String queue, int priority, Instant now, Instant eta, Instant expires, RunningTask parent) {
    }

    private Defaults defaults(TaskDescriptor task, TaskOptions options) {
        String queue = options.queue() != null ? options.queue()
                : task != null && task.queue() != null ? task.queue() : config.defaultQueue();
        int priority = options.priority() != null ? options.priority()
                : task != null && task.priority() != null ? task.priority() : TaskOptions.DEFAULT_PRIORITY;
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS); // sentAt: milliseconds are plenty, and 3 bytes shorter
        Instant eta = options.eta() != null ? options.eta() : options.countdown() != null ? now.plus(options.countdown()) : null;
        // sent from a running task: it is the parent, and the chain keeps its root (Celery's parent_id, root_id)
        return new Defaults(queue, priority, now, eta, options.expires(), RunningTask.current().orElse(null));
    }

    private OutgoingTask outgoing(TaskDescriptor task, String taskName, String id, boolean freshId, List<?> args,
                                  Map<String, ?> kwargs, Defaults d, boolean byName) {
        JsonArray encodedArgs = arguments.encode(task, taskName, args);
        JsonObject encodedKwargs = arguments.encodeNamed(taskName, kwargs);
        if (byName && task != null) {
            try {
                arguments.bind(task, encodedArgs, encodedKwargs);
            } catch (ArgumentBindingException e) {
                throw ClientErrors.argumentsDoNotFit(e);
            }
        }
        String rootId = d.parent() != null ? d.parent().rootId() : id;
        String parentId = d.parent() != null ? d.parent().id() : null;
        TaskMessage message = new TaskMessage(id, taskName, encodedArgs, encodedKwargs, 0, d.eta(), d.expires(), d.queue(),
                d.priority(), rootId, parentId, null, origin, d.now());
        boolean recorded = backend.enabled() && (task == null || !task.settings().ignoreResult());
        return new OutgoingTask(message, recorded, freshId);
    }
}
