package dev.chard.worker.logging;

import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * A line about a task that another thread logs on the task thread's behalf (the succeeded line, logged once the
 * outcome is written): it keeps the name of the thread that ran the task, which {@link CeleryFormatter} prints.
 */
public final class TaskLogRecord extends LogRecord {

    private final String threadName;

    public TaskLogRecord(Level level, String message, String threadName) {
        super(level, message);
        this.threadName = threadName;
    }

    String threadName() {
        return threadName;
    }
}
