package dev.chard.api;

/**
 * A task failed on a worker. It carries what the worker recorded: the remote exception's type, message and
 * stack trace. Its own {@link #getStackTrace()} is the remote one where it could be read back, so a logged
 * {@code TaskFailedException} shows where the task failed, not where the caller waited.
 */
public class TaskFailedException extends ChardException {

    private final String taskId;
    private final String remoteType;
    private final String remoteMessage;
    private final String traceback;

    public TaskFailedException(String code, String taskId, String remoteType, String remoteMessage, String traceback) {
        super(code, "task " + taskId + " failed: " + remoteType + (remoteMessage == null ? "" : ": " + remoteMessage));
        this.taskId = taskId;
        this.remoteType = remoteType;
        this.remoteMessage = remoteMessage;
        this.traceback = traceback;
    }

    public String taskId() {
        return taskId;
    }

    /** The fully qualified class name of the exception the task threw, e.g. {@code java.lang.ArithmeticException}. */
    public String remoteType() {
        return remoteType;
    }

    /** The message of the exception the task threw; may be null. */
    public String remoteMessage() {
        return remoteMessage;
    }

    /** The remote stack trace as text, as the worker printed it; may be null. */
    public String traceback() {
        return traceback;
    }
}
