package dev.chard.api.spi;

import dev.chard.api.ChardException;
import dev.chard.api.TaskState;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the result backend holds for one task at one moment. Immutable.
 *
 * @param taskId    the task id
 * @param state     its state; {@link TaskState#UNKNOWN} when there is no record
 * @param value     the decoded return value when SUCCESS, else null
 * @param failure   when FAILURE or REVOKED, the exception {@code get()} throws (a TaskFailedException or
 *                  TaskRevokedException); when SUCCESS, the TaskSerializationException of a value that cannot be read
 *                  as the requested type (else null); null otherwise
 * @param traceback the remote stack trace when FAILURE, else null
 * @param worker    the worker that last handled it; may be null
 * @param dateDone  when it reached a ready state; else null
 * @param retries   how many times it has been retried so far
 * @param stateName the state as recorded: a custom name such as PROGRESS (then {@code state} is STARTED), or the
 *                  name of {@code state}
 * @param info      the metadata of a custom state, or for RETRY the exception's type and message; may be empty
 */
public record TaskSnapshot(String taskId, TaskState state, Object value, ChardException failure, String traceback,
                           String worker, Instant dateDone, int retries, String stateName, Map<String, Object> info) {

    public TaskSnapshot {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(state, "state");
        stateName = stateName == null ? state.name() : stateName;
        info = info == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(info));
    }

    /** A snapshot of a standard state, no retries and no metadata. */
    public TaskSnapshot(String taskId, TaskState state, Object value, ChardException failure, String traceback,
                        String worker, Instant dateDone) {
        this(taskId, state, value, failure, traceback, worker, dateDone, 0, null, null);
    }

    /** The snapshot of an id the backend has no record of. */
    public static TaskSnapshot unknown(String taskId) {
        return new TaskSnapshot(taskId, TaskState.UNKNOWN, null, null, null, null, null);
    }
}
