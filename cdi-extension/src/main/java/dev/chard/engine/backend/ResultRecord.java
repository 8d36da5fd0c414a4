package dev.chard.engine.backend;

import dev.chard.api.TaskState;

import java.time.Instant;
import java.util.Objects;

/**
 * What the result backend stores for one task (docs/architecture.md, "Result records").
 *
 * @param resultJson       the return value as raw JSON when SUCCESS (JSON-B of the value), else null
 * @param exceptionType    fully qualified type of the failure when FAILURE; the reason's kind when REVOKED
 * @param exceptionMessage its message; may be null
 * @param traceback        the remote stack trace as text when FAILURE
 * @param worker           the worker (display name) that wrote this record; null at PENDING
 */
public record ResultRecord(String id, String task, TaskState state, String resultJson, String exceptionType,
                           String exceptionMessage, String traceback, String worker, int retries, Instant dateDone) {

    public ResultRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
    }

    public static ResultRecord pending(String id, String task) {
        return new ResultRecord(id, task, TaskState.PENDING, null, null, null, null, null, 0, null);
    }

    public static ResultRecord started(String id, String task, String worker, int retries) {
        return new ResultRecord(id, task, TaskState.STARTED, null, null, null, null, worker, retries, null);
    }

    public static ResultRecord success(String id, String task, String resultJson, String worker, int retries) {
        return new ResultRecord(id, task, TaskState.SUCCESS, resultJson, null, null, null, worker, retries, Instant.now());
    }

    public static ResultRecord failure(String id, String task, String type, String message, String traceback,
                                       String worker, int retries) {
        return new ResultRecord(id, task, TaskState.FAILURE, null, type, message, traceback, worker, retries, Instant.now());
    }

    public static ResultRecord revoked(String id, String task, String reason, String worker) {
        return new ResultRecord(id, task, TaskState.REVOKED, null, "revoked", reason, null, worker, 0, Instant.now());
    }
}
