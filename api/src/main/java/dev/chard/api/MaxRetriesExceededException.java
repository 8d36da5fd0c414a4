package dev.chard.api;

/** {@link TaskInstance#retry} was called with no exception after the last allowed retry: the task fails with this. */
public class MaxRetriesExceededException extends ChardException {
    public MaxRetriesExceededException(String taskName, String taskId, int maxRetries) {
        super("CHARD-04012", "task " + taskName + "[" + taskId + "] can't be retried again: it reached its maximum of "
                + maxRetries + " retries");
    }
}
