package dev.chard.engine.backend;

import dev.chard.api.TaskState;

import java.time.Duration;
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
 * @param customState      a custom state name set by {@code TaskInstance.updateState} (then {@code state} is STARTED);
 *                         null for the standard states
 * @param metaJson         the custom state's metadata as a JSON object; null when none
 * @param ttl              how long to keep the record; null for {@code chard.result.expires}. Not stored.
 */
public record ResultRecord(String id, String task, TaskState state, String resultJson, String exceptionType,
                           String exceptionMessage, String traceback, String worker, int retries, Instant dateDone,
                           String customState, String metaJson, Duration ttl) {

    public ResultRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
    }

    /** A record of a standard state, kept for the configured time. */
    public ResultRecord(String id, String task, TaskState state, String resultJson, String exceptionType,
                        String exceptionMessage, String traceback, String worker, int retries, Instant dateDone) {
        this(id, task, state, resultJson, exceptionType, exceptionMessage, traceback, worker, retries, dateDone, null, null, null);
    }

    /** The state as stored: the custom name, or the standard one. */
    public String stateName() {
        return customState != null ? customState : state.name();
    }

    /** This record, kept for {@code keep} (a task's own result expiry); null keeps the configured default. */
    public ResultRecord withTtl(Duration keep) {
        return new ResultRecord(id, task, state, resultJson, exceptionType, exceptionMessage, traceback, worker, retries,
                dateDone, customState, metaJson, keep);
    }

    /** RETRY: the run failed and the task waits for its next run; {@code retries} already counts that next run. */
    public static ResultRecord retry(String id, String task, String type, String message, String traceback, String worker, int retries) {
        return new ResultRecord(id, task, TaskState.RETRY, null, type, message, traceback, worker, retries, null);
    }

    /** A custom state such as PROGRESS, with metadata; a running state as far as transitions go. */
    public static ResultRecord custom(String id, String task, String stateName, String metaJson, String worker, int retries) {
        return new ResultRecord(id, task, TaskState.STARTED, null, null, null, null, worker, retries, null, stateName, metaJson, null);
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
