package dev.chard.engine.errors;

import dev.chard.api.BrokerUnavailableException;
import dev.chard.api.BulkSendException;
import dev.chard.api.ResultUnavailableException;
import dev.chard.api.ResultsDisabledException;
import dev.chard.api.TaskFailedException;
import dev.chard.api.TaskRevokedException;
import dev.chard.api.TaskSerializationException;
import dev.chard.engine.config.RedisUrl;
import dev.chard.engine.redis.RedisFailure;
import dev.chard.engine.serialization.ArgumentBindingException;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.List;

/** Errors met while sending tasks and reading results: codes CHARD-03xxx. */
public final class ClientErrors {

    private ClientErrors() {
    }

    /** CHARD-03001: the message says what the broker did (refused the connection, no answer, an error reply, ...). */
    public static BrokerUnavailableException brokerUnavailable(String taskName, RedisUrl url, Duration timeout, Throwable cause) {
        return new BrokerUnavailableException("CHARD-03001", "cannot send task " + taskName + ": the broker at " + url.redacted()
                + " " + RedisFailure.describe(cause, url, timeout) + ". The task was not sent. "
                + RedisFailure.advice(cause, "chard.broker.url"), cause);
    }

    /** CHARD-03001 too: the same outcome (nothing sent) when a re-send's old record could not be removed from the backend. */
    public static BrokerUnavailableException backendUnavailableAtResend(String taskName, Throwable cause) {
        return new BrokerUnavailableException("CHARD-03001", "cannot send task " + taskName + " again: the old result"
                + " record of its id could not be removed first (" + cause.getMessage() + "). The task was not sent.", cause);
    }

    /** CHARD-03002: Celery's "no result backend is configured", naming the key. */
    public static ResultsDisabledException resultsDisabled(String taskId) {
        return new ResultsDisabledException("CHARD-03002", "cannot read the result of task " + taskId
                + ": no result backend is configured. Set chard.backend.url in the application and the worker; the recommended value is the broker's own"
                + " URL (chard.broker.url, e.g. redis://localhost:6379/0).");
    }

    /** CHARD-03003 */
    public static TaskSerializationException argumentNotSerializable(String what, Class<?> type, Throwable cause) {
        return new TaskSerializationException("CHARD-03003", what + ": JSON-B cannot write a " + type.getName() + " ("
                + rootMessage(cause) + "). Pass a type JSON-B can write and read back: a record, a public class with a public"
                + " no-argument constructor, a String, number, boolean, enum, java.time type, or a List/Map of these.", cause);
    }

    /** CHARD-03003 too: a value that JSON cannot hold at all (NaN, an infinity). */
    public static TaskSerializationException argumentNotSerializable(String what, Class<?> type, String why) {
        return new TaskSerializationException("CHARD-03003", what + ": " + type.getName() + " " + why
                + ". Send a number JSON can hold, or a String, or null where null is meant.", null);
    }

    /**
     * CHARD-05003 at the call site: this application declares the task, and the arguments do not fit its parameters.
     * Same code and words as the FAILURE a worker records for the same arguments, so a caller sees one error whichever
     * side refuses them.
     */
    public static TaskSerializationException argumentsDoNotFit(ArgumentBindingException e) {
        return new TaskSerializationException(e.code(), e.reason(), e);
    }

    /** CHARD-03004: the failure recorded by a worker. */
    public static TaskFailedException taskFailed(String taskId, String type, String message, String traceback) {
        return new TaskFailedException("CHARD-03004", taskId, type, message, traceback);
    }

    /** CHARD-03005 */
    public static TaskRevokedException revoked(String taskId, String reason) {
        return new TaskRevokedException("CHARD-03005", taskId, reason);
    }

    /** CHARD-03006 */
    public static TaskSerializationException messageTooLarge(String taskName, int bytes, int max) {
        return new TaskSerializationException("CHARD-03006", "the message of task " + taskName + " is " + bytes
                + " bytes, more than chard.message.max-size (" + max + "). Pass a reference (an id, a URL) instead of the data,"
                + " or raise the limit.", null);
    }

    /** CHARD-03007 */
    public static IllegalStateException noTaskCall() {
        return new IllegalStateException("CHARD-03007: TaskClient.withOptions(options, call): the call made no @AsyncTask call on this"
                + " thread, so the options were not used. Call the task method directly inside the lambda.");
    }

    /** CHARD-03008 */
    public static TaskSerializationException resultNotReadable(String taskId, Type type, Throwable cause) {
        return resultNotReadable(taskId, type, rootMessage(cause), cause);
    }

    /** CHARD-03008: {@code why} says what does not fit (a number out of range, a fraction for an int, ...). */
    public static TaskSerializationException resultNotReadable(String taskId, Type type, String why, Throwable cause) {
        return new TaskSerializationException("CHARD-03008", "the result of task " + taskId + " cannot be read as "
                + (type == null ? "Object" : type.getTypeName()) + ": " + why, cause);
    }

    /** CHARD-03009 */
    public static TaskSerializationException resultNotSerializable(Class<?> type, Throwable cause) {
        return new TaskSerializationException("CHARD-03009", "JSON-B cannot write the task's return value of type "
                + type.getName() + ": " + rootMessage(cause), cause);
    }

    /** CHARD-03011: reading or writing a result failed; the message says what the backend did. */
    public static ResultUnavailableException backendUnavailable(String taskId, RedisUrl url, Duration timeout, Throwable cause) {
        return new ResultUnavailableException("CHARD-03011", "cannot read or write the result of task " + taskId
                + ": the result backend at " + url.redacted() + " " + RedisFailure.describe(cause, url, timeout) + ". "
                + RedisFailure.advice(cause, "chard.backend.url"), RedisFailure.of(cause).passes(), cause);
    }

    /** CHARD-03013: the broker or backend does not answer a PING (start-up checks). */
    public static BrokerUnavailableException unreachable(RedisUrl url, String key, Duration timeout, Throwable cause) {
        return new BrokerUnavailableException("CHARD-03013", "Redis at " + url.redacted() + " (" + key + ") "
                + RedisFailure.describe(cause, url, timeout) + ". " + RedisFailure.advice(cause, key), cause);
    }

    /**
     * CHARD-03020: the state of a task with no record could not be read, because the broker (asked whether the task
     * waits in a queue, the backend being elsewhere) could not be used.
     */
    public static ResultUnavailableException brokerLookupUnavailable(String taskId, RedisUrl url, Duration timeout, Throwable cause) {
        return new ResultUnavailableException("CHARD-03020", "cannot read the state of task " + taskId + ": it has no result"
                + " record, and the broker at " + url.redacted() + ", asked whether it waits in a queue, "
                + RedisFailure.describe(cause, url, timeout) + ". " + RedisFailure.advice(cause, "chard.broker.url"),
                RedisFailure.of(cause).passes(), cause);
    }

    /** CHARD-03015 */
    public static IllegalArgumentException bulkWithTaskId(String taskName, String taskId) {
        return new IllegalArgumentException("CHARD-03015: TaskClient.sendBulk(\"" + taskName + "\", ..., options): the options name"
                + " the task id " + taskId + ", which would be every task's. Leave the id out (each task gets its own), or send"
                + " tasks that need their own ids one by one.");
    }

    /** CHARD-03016 */
    public static BulkSendException bulkSendFailed(String taskName, List<String> accepted, List<String> failed, Throwable cause) {
        return new BulkSendException("CHARD-03016", "bulk send of task " + taskName + " stopped after " + accepted.size()
                + " of " + (accepted.size() + failed.size()) + " tasks: the broker did not accept the next chunk ("
                + cause.getMessage() + "). acceptedIds() are queued; failedIds() were not sent, or (the failed chunk's) sent"
                + " with the reply lost: re-send those with their own ids (TaskOptions.taskId) so none runs twice.", accepted, failed, cause);
    }

    /** The message of the innermost cause (JSON-B wraps the useful one deeply), or its type when it has none. */
    public static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage() != null ? c.getMessage() : c.getClass().getName();
    }
}
