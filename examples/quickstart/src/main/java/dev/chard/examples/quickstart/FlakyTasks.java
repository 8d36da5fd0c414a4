package dev.chard.examples.quickstart;

import dev.chard.api.AsyncResult;
import dev.chard.api.AsyncTask;
import jakarta.enterprise.context.ApplicationScoped;

/** A task that fails: the worker records FAILURE with the exception's type, message and stack trace. */
@ApplicationScoped
public class FlakyTasks {

    /** Integer division; sent with {@code b = 0} it throws {@link ArithmeticException} on the worker. */
    @AsyncTask
    public AsyncResult<Integer> divide(int a, int b) {
        return AsyncResult.completed(a / b);
    }
}
