package dev.chard.api.spi;

import dev.chard.api.ChardException;
import dev.chard.api.TaskState;

import java.time.Instant;
import java.util.Objects;

/**
 * What the result backend holds for one task at one moment. Immutable.
 *
 * @param taskId    the task id
 * @param state     its state; {@link TaskState#UNKNOWN} when there is no record
 * @param value     the decoded return value when SUCCESS, else null
 * @param failure   when FAILURE or REVOKED, the exception {@code get()} throws (a TaskFailedException or
 *                  TaskRevokedException); else null
 * @param traceback the remote stack trace when FAILURE, else null
 * @param worker    the worker that last handled it; may be null
 * @param dateDone  when it reached a ready state; else null
 */
public record TaskSnapshot(String taskId, TaskState state, Object value, ChardException failure, String traceback,
                           String worker, Instant dateDone) {

    public TaskSnapshot {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(state, "state");
    }

    /** The snapshot of an id the backend has no record of. */
    public static TaskSnapshot unknown(String taskId) {
        return new TaskSnapshot(taskId, TaskState.UNKNOWN, null, null, null, null, null);
    }
}
