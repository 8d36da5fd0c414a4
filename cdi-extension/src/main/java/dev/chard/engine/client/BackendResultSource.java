package dev.chard.engine.client;

import dev.chard.api.ChardException;
import dev.chard.api.TaskFailedException;
import dev.chard.api.TaskSerializationException;
import dev.chard.api.TaskState;
import dev.chard.api.spi.ResultSource;
import dev.chard.api.spi.TaskSnapshot;
import dev.chard.engine.backend.ResultBackend;
import dev.chard.engine.backend.ResultRecord;
import dev.chard.engine.errors.ClientErrors;
import dev.chard.engine.serialization.ResultCodec;
import dev.chard.engine.serialization.Tracebacks;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** The engine's {@link ResultSource}: what every remote {@code AsyncResult} reads. */
public final class BackendResultSource implements ResultSource {

    private final ResultBackend backend;
    private final ResultCodec codec;
    private final Duration fallback;

    public BackendResultSource(ResultBackend backend, ResultCodec codec, Duration fallback) {
        this.backend = backend;
        this.codec = codec;
        this.fallback = fallback;
    }

    @Override
    public TaskSnapshot read(String taskId, Type resultType) {
        return backend.read(taskId).map(r -> snapshot(r, resultType)).orElseGet(() -> TaskSnapshot.unknown(taskId));
    }

    @Override
    public TaskSnapshot readIfReady(String taskId, Type resultType) {
        return backend.readRecord(taskId).map(r -> snapshot(r, resultType)).orElseGet(() -> TaskSnapshot.unknown(taskId));
    }

    @Override
    public void watch(String taskId, Type resultType, Consumer<TaskSnapshot> onReady) {
        backend.notifier().watch(taskId, r -> onReady.accept(snapshot(r, resultType)));
    }

    @Override
    public Duration fallbackInterval() {
        return fallback;
    }

    private TaskSnapshot snapshot(ResultRecord r, Type resultType) {
        Object value = null;
        ChardException failure = null;
        if (r.state() == TaskState.SUCCESS) {
            try {
                value = codec.valueFromJson(r.resultJson(), resultType, r.id());
            } catch (TaskSerializationException e) {
                failure = e; // the task succeeded; its value cannot be read as asked: get() and result() say so
            }
        } else if (r.state() == TaskState.FAILURE) {
            TaskFailedException f = ClientErrors.taskFailed(r.id(), r.exceptionType(), r.exceptionMessage(), r.traceback());
            StackTraceElement[] remote = Tracebacks.parse(r.traceback());
            if (remote.length > 0) {
                f.setStackTrace(remote); // shows where the task failed, not where the caller waited
            }
            failure = f;
        } else if (r.state() == TaskState.REVOKED) {
            failure = ClientErrors.revoked(r.id(), r.exceptionMessage());
        }
        return new TaskSnapshot(r.id(), r.state(), value, failure, r.traceback(), r.worker(), r.dateDone(), r.retries(),
                r.stateName(), info(r));
    }

    /** Celery's {@code info}: a custom state's metadata, or the exception that caused a RETRY. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> info(ResultRecord r) {
        if (r.metaJson() != null) {
            Object meta = codec.valueFromJson(r.metaJson(), Map.class, r.id());
            return meta instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        }
        if (r.state() == TaskState.RETRY && r.exceptionType() != null) {
            Map<String, Object> exc = new LinkedHashMap<>();
            exc.put("type", r.exceptionType());
            exc.put("message", r.exceptionMessage());
            return exc;
        }
        return Map.of();
    }
}
