package dev.chard.api;

import java.time.Duration;

/**
 * Thrown by {@link TaskInstance#retry}: the worker ends the run and schedules the retry. Not a failure; let it
 * propagate out of the task method (catching it would cancel the retry).
 */
public class TaskRetryException extends ChardException {

    private final transient Throwable reason;
    private final Duration countdown;

    public TaskRetryException(Throwable reason, Duration countdown, int nextRetry) {
        super("CHARD-04011", "retry " + nextRetry + " in " + countdown.toMillis() + " ms"
                + (reason == null ? "" : " after " + reason.getClass().getName()
                + (reason.getMessage() == null ? "" : ": " + reason.getMessage())), null);
        this.reason = reason;
        this.countdown = countdown;
    }

    /** The exception that caused the retry; may be null. */
    public Throwable reason() {
        return reason;
    }

    /** How long until the retry. */
    public Duration countdown() {
        return countdown;
    }
}
