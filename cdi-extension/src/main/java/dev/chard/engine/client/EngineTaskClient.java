package dev.chard.engine.client;

import dev.chard.api.AsyncResult;
import dev.chard.api.TaskClient;
import dev.chard.api.TaskOptions;
import dev.chard.api.spi.ResultSource;
import dev.chard.engine.errors.ClientErrors;
import dev.chard.engine.registry.TaskDescriptor;
import dev.chard.engine.registry.TaskRegistry;

import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/** {@link TaskClient} over the engine. A by-name send of a task this deployment knows uses its queue, priority and types. */
public final class EngineTaskClient implements TaskClient {

    private final TaskSender sender;
    private final TaskRegistry registry;
    private final ResultSource results;

    public EngineTaskClient(TaskSender sender, TaskRegistry registry, ResultSource results) {
        this.sender = sender;
        this.registry = registry;
        this.results = results;
    }

    @Override
    public AsyncResult<Object> send(String taskName, Object... args) {
        return send(taskName, Arrays.asList(args), Map.of(), TaskOptions.defaults());
    }

    @Override
    public AsyncResult<Object> send(String taskName, List<?> args, Map<String, ?> kwargs, TaskOptions options) {
        Objects.requireNonNull(taskName, "taskName");
        TaskDescriptor known = registry.byName(taskName).orElse(null);
        Type resultType = known != null ? known.resultType() : Object.class;
        return sender.sendByName(known, taskName, args == null ? List.of() : args, kwargs == null ? Map.of() : kwargs,
                options == null ? TaskOptions.defaults() : options, resultType);
    }

    @Override
    public List<AsyncResult<Object>> sendBulk(String taskName, List<? extends List<?>> argsList) {
        return sendBulk(taskName, argsList, TaskOptions.defaults());
    }

    @Override
    public List<AsyncResult<Object>> sendBulk(String taskName, List<? extends List<?>> argsList, TaskOptions options) {
        Objects.requireNonNull(taskName, "taskName");
        Objects.requireNonNull(argsList, "argsList");
        TaskDescriptor known = registry.byName(taskName).orElse(null);
        Type resultType = known != null ? known.resultType() : Object.class;
        return sender.sendBulk(known, taskName, argsList, options == null ? TaskOptions.defaults() : options, resultType);
    }

    @Override
    public <R> R withOptions(TaskOptions options, Supplier<R> call) {
        Objects.requireNonNull(options, "options");
        TaskOptions previous = PendingOptions.swap(options);
        try {
            R result = call.get();
            if (PendingOptions.waiting()) {
                throw ClientErrors.noTaskCall();
            }
            return result;
        } finally {
            PendingOptions.swap(previous);
        }
    }

    @Override
    public AsyncResult<Object> asyncResult(String taskId) {
        return AsyncResult.remote(taskId, Object.class, results);
    }

    @Override
    public <T> AsyncResult<T> asyncResult(String taskId, Class<T> resultType) {
        return AsyncResult.remote(taskId, resultType, results);
    }
}
