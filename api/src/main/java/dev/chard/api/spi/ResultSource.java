package dev.chard.api.spi;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Where an {@link dev.chard.api.AsyncResult} reads its task's outcome. The engine implements it over the result
 * backend. Implementations are thread-safe.
 */
public interface ResultSource {

    /**
     * Reads the current record of {@code taskId}, decoding a return value as {@code resultType}.
     *
     * @throws dev.chard.api.ResultsDisabledException if no result backend is configured
     */
    TaskSnapshot read(String taskId, Type resultType);

    /**
     * {@link #read} for a caller that only needs to know whether the task is ready: when it is not, the snapshot may
     * leave PENDING and UNKNOWN apart unread (the engine then skips the search of the queues that tells them apart).
     */
    default TaskSnapshot readIfReady(String taskId, Type resultType) {
        return read(taskId, resultType);
    }

    /**
     * Calls {@code onReady} once, from a background thread, when {@code taskId} reaches a ready state: on the
     * backend's notification, or on a periodic re-read should a notification be missed.
     */
    void watch(String taskId, Type resultType, Consumer<TaskSnapshot> onReady);

    /** How long a waiting caller sleeps at most before reading again, in case a notification was missed. */
    Duration fallbackInterval();
}
