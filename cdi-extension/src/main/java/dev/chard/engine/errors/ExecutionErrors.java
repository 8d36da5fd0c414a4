package dev.chard.engine.errors;

import dev.chard.api.TaskSerializationException;

import java.time.Duration;

/** Errors of a running task's own API (TaskInstance): codes CHARD-040xx shared with the worker. */
public final class ExecutionErrors {

    private ExecutionErrors() {
    }

    /** CHARD-04010 */
    public static IllegalStateException notInTask(String method) {
        return new IllegalStateException("CHARD-04010: TaskInstance." + method + "() was called outside a running task. A"
                + " TaskInstance reads the task that a worker is running on the calling thread: use it in the body of an"
                + " @AsyncTask method, on the thread the worker called it on (not in the application, and not in a"
                + " thread or callback the task started).");
    }

    /** CHARD-04013 */
    public static IllegalArgumentException finalStateByHand(String state) {
        return new IllegalArgumentException("CHARD-04013: updateState(\"" + state + "\", ...): " + state + " is a final state;"
                + " a task reaches it by returning (SUCCESS), throwing (FAILURE) or being revoked. Use a state of your own,"
                + " such as PROGRESS.");
    }

    /** CHARD-04020 */
    public static IllegalArgumentException stateNotSettable(String state) {
        String why = state == null || state.isBlank()
                ? "a state must have a name"
                : "UNKNOWN means \"no record\", which a running task has";
        return new IllegalArgumentException("CHARD-04020: updateState(" + (state == null ? "null" : "\"" + state + "\"")
                + ", ...): " + why + ". Use a state of your own, such as PROGRESS.");
    }

    /** CHARD-04021 */
    public static IllegalArgumentException negativeCountdown(Duration countdown) {
        return new IllegalArgumentException("CHARD-04021: retry(exc, " + countdown + ", ...): the countdown must not be"
                + " negative; give zero to retry as soon as possible, or null for the task's own delay.");
    }

    /** CHARD-04022: the meta map of updateState cannot be written as JSON (the state is not recorded). */
    public static TaskSerializationException metaNotSerializable(String state, Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return new TaskSerializationException("CHARD-04022", "updateState(\"" + state + "\", meta): JSON-B cannot write"
                + " the meta map (" + root + "); use values JSON can carry: strings, numbers, booleans, lists, maps, records.", cause);
    }
}
