package dev.chard.engine.errors;

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
}
