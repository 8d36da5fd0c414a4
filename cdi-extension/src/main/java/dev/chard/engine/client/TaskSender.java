package dev.chard.engine.client;

import dev.chard.api.AsyncResult;
import dev.chard.api.TaskOptions;
import dev.chard.api.spi.ResultSource;
import dev.chard.engine.backend.ResultBackend;
import dev.chard.engine.backend.ResultRecord;
import dev.chard.engine.broker.Broker;
import dev.chard.engine.broker.TaskMessage;
import dev.chard.engine.config.ChardConfig;
import dev.chard.engine.execution.RunningTask;
import dev.chard.engine.registry.TaskDescriptor;
import dev.chard.engine.serialization.Arguments;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import java.lang.reflect.Type;
import java.time.Instant;
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
        String id = options.taskId() != null ? options.taskId() : UUID.randomUUID().toString();
        String queue = options.queue() != null ? options.queue()
                : task != null && task.queue() != null ? task.queue() : config.defaultQueue();
        int priority = options.priority() != null ? options.priority()
                : task != null && task.priority() != null ? task.priority() : TaskOptions.DEFAULT_PRIORITY;
        Instant now = Instant.now();
        Instant eta = options.eta() != null ? options.eta() : options.countdown() != null ? now.plus(options.countdown()) : null;
        JsonArray encodedArgs = arguments.encode(task, taskName, args);
        JsonObject encodedKwargs = arguments.encodeNamed(taskName, kwargs);
        // sent from a running task: it is the parent, and the chain keeps its root (Celery's parent_id, root_id)
        RunningTask parent = RunningTask.current().orElse(null);
        String rootId = parent != null ? parent.rootId() : id;
        String parentId = parent != null ? parent.id() : null;
        TaskMessage message = new TaskMessage(id, taskName, encodedArgs, encodedKwargs, 0, eta, options.expires(), queue,
                priority, rootId, parentId, null, origin, now);
        boolean recorded = backend.enabled() && (task == null || !task.settings().ignoreResult());
        ResultRecord pending = recorded ? ResultRecord.pending(id, taskName).withTtl(task == null ? null : task.settings().resultExpires()) : null;
        Runnable enqueue = () -> broker.enqueue(message, pending);
        if (!deferral.defer(id, taskName, enqueue)) {
            enqueue.run();
        }
        return AsyncResult.remote(id, resultType, results);
    }
}
