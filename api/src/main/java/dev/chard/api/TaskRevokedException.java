package dev.chard.api;

/** Thrown by {@link AsyncResult#get()} for a task in state {@link TaskState#REVOKED}: it will never run. */
public class TaskRevokedException extends ChardException {

    private final String taskId;
    private final String reason;

    public TaskRevokedException(String code, String taskId, String reason) {
        super(code, "task " + taskId + " was revoked" + (reason == null ? "" : ": " + reason));
        this.taskId = taskId;
        this.reason = reason;
    }

    public String taskId() {
        return taskId;
    }

    /** Why it was revoked, e.g. {@code expired}; may be null. */
    public String reason() {
        return reason;
    }
}
