package dev.chard.engine.backend;

import java.util.List;
import java.util.Optional;

/**
 * Task records and their notification. Thread-safe. When results are off ({@code chard.backend.url} unset) the
 * engine uses {@link #disabled()}: writes are dropped and reads raise the error that names the key.
 */
public interface ResultBackend extends AutoCloseable {

    /** False when no backend is configured. */
    boolean enabled();

    /**
     * Writes {@code record} unless the stored state may not move to it (TaskState's transition table: a final state
     * stays final), refreshes the TTL, and publishes it when it is ready. Returns whether it was written.
     */
    boolean store(ResultRecord record);

    /** Stores each of {@code records} as {@link #store} does, in their order; an implementation may do it in one call. */
    default void storeAll(List<ResultRecord> records) {
        for (ResultRecord r : records) {
            store(r);
        }
    }

    /**
     * The record of {@code taskId}; for a task that waits in a queue without one (a send writes none), a PENDING record;
     * empty when there is neither (an UNKNOWN id).
     *
     * @throws dev.chard.api.ResultUnavailableException when the backend, or the broker asked about the queues, cannot be
     *                                                  read (ResultsDisabledException when results are off)
     */
    Optional<ResultRecord> read(String taskId);

    /**
     * Deletes the records of {@code taskIds}, before a task of one of those ids is queued again (a re-send of a
     * caller's own id, a requeued dead letter), so that the old outcome does not answer for the new run: the id then
     * reads PENDING while queued. Does nothing when results are off.
     */
    void forget(List<String> taskIds);

    /**
     * The stored record of {@code taskId} alone: empty also for a task that waits in a queue without one (which
     * {@link #read} reports PENDING). Enough for a caller waiting for a ready state.
     */
    default Optional<ResultRecord> readRecord(String taskId) {
        return read(taskId);
    }

    /** The one shared subscription of this process; started on first use. */
    ResultNotifier notifier();

    @Override
    void close();

    static ResultBackend disabled() {
        return DisabledResultBackend.INSTANCE;
    }
}
