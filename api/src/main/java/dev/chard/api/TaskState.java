package dev.chard.api;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The life of a task as the result backend records it, with Celery's names and meanings.
 *
 * <p>{@link #UNKNOWN} is Chard's answer to a Celery trap: Celery reports an id it has never seen as PENDING, so
 * a typo and a queued task look alike. Chard writes a PENDING record when a task is sent, so PENDING means
 * "sent, not yet picked up", and an id with no record at all (never sent, or its result expired) is UNKNOWN.
 */
public enum TaskState {
    /** No record for this id: never sent, sent without a result backend, or its result has expired. */
    UNKNOWN,
    /** Sent and waiting in a queue (or waiting for its countdown or ETA). */
    PENDING,
    /** Taken by a worker, not yet started. */
    RECEIVED,
    /** A worker is running it. */
    STARTED,
    /** Failed and scheduled to run again. */
    RETRY,
    /** Finished; the method returned a value. */
    SUCCESS,
    /** Finished; the method threw, or the task could not be run at all. */
    FAILURE,
    /** Will never run: revoked, or it expired before a worker reached it. */
    REVOKED;

    /**
     * The one table of allowed transitions. A state may always be written again (a redelivered task is
     * STARTED twice); PENDING, written by a new send of the same id, may follow any state; a final state is left
     * only that way, so a duplicate run after an at-least-once redelivery never overwrites the first outcome.
     */
    private static final Map<TaskState, Set<TaskState>> NEXT = Map.of(
            UNKNOWN, EnumSet.of(PENDING, RECEIVED, STARTED, RETRY, SUCCESS, FAILURE, REVOKED),
            PENDING, EnumSet.of(PENDING, RECEIVED, STARTED, RETRY, SUCCESS, FAILURE, REVOKED),
            RECEIVED, EnumSet.of(PENDING, RECEIVED, STARTED, RETRY, SUCCESS, FAILURE, REVOKED),
            STARTED, EnumSet.of(PENDING, RECEIVED, STARTED, RETRY, SUCCESS, FAILURE, REVOKED),
            RETRY, EnumSet.of(PENDING, RECEIVED, STARTED, RETRY, SUCCESS, FAILURE, REVOKED),
            SUCCESS, EnumSet.of(PENDING),
            FAILURE, EnumSet.of(PENDING),
            REVOKED, EnumSet.of(PENDING));

    /** True for SUCCESS, FAILURE and REVOKED: the task will not change by itself any more (Celery's {@code ready()}). */
    public boolean isReady() {
        return this == SUCCESS || this == FAILURE || this == REVOKED;
    }

    /** Whether the backend may move a task from this state to {@code next}. */
    public boolean canMoveTo(TaskState next) {
        return NEXT.get(this).contains(next);
    }
}
