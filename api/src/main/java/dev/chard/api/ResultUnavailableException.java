package dev.chard.api;

/**
 * A task's state or outcome could not be read: the result backend (or, for an id that has no record, the broker, asked
 * whether the task waits in a queue) could not be reached or refused the command, or no backend is configured
 * ({@link ResultsDisabledException}). Every query of {@link AsyncResult} that reads the backend throws it:
 * {@code state()}, {@code ready()}, {@code successful()}, {@code failed()}, {@code result()} and the others.
 *
 * <p>{@link #isTransient()} tells an outage that may pass by itself (no answer in time, connection refused or closed,
 * Redis still loading its data) from a mistake that waiting cannot cure (a wrong password, a missing permission, a
 * database that does not exist, no backend configured). {@link AsyncResult#get(long, java.util.concurrent.TimeUnit)}
 * and {@link AsyncResult#get()} keep waiting through the first kind and throw the second at once.
 */
public class ResultUnavailableException extends ChardException {

    private final boolean transientFailure;

    public ResultUnavailableException(String code, String message, boolean transientFailure, Throwable cause) {
        super(code, message, cause);
        this.transientFailure = transientFailure;
    }

    /** True when the cause may pass by itself (an outage), false when something must be changed first. */
    public boolean isTransient() {
        return transientFailure;
    }
}
