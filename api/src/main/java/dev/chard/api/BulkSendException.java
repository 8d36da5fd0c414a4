package dev.chard.api;

import java.util.List;

/**
 * A {@link TaskClient#sendBulk bulk send} stopped part-way: the broker did not accept one of its chunks. The tasks are
 * sent in chunks, in the order given, each chunk one atomic step; so the tasks before the failed chunk are queued
 * ({@link #acceptedIds()}), and the others ({@link #failedIds()}) were not sent, except that the failed chunk may have
 * been applied if only Redis's reply was lost. Re-send a failed task with its own id
 * ({@link TaskOptions#taskId(String)}): a re-send of an id that is queued already replaces it instead of adding a
 * second task.
 */
public class BulkSendException extends BrokerUnavailableException {

    private static final long serialVersionUID = 1L;

    private final List<String> acceptedIds;
    private final List<String> failedIds;

    public BulkSendException(String code, String message, List<String> acceptedIds, List<String> failedIds, Throwable cause) {
        super(code, message, cause);
        this.acceptedIds = List.copyOf(acceptedIds);
        this.failedIds = List.copyOf(failedIds);
    }

    /** The ids of the tasks the broker accepted, in the order they were given. */
    public List<String> acceptedIds() {
        return acceptedIds;
    }

    /** The ids of the other tasks, in order: not sent, or (the failed chunk's) sent with the reply lost. */
    public List<String> failedIds() {
        return failedIds;
    }
}
