package dev.chard.examples.quickstart;

import dev.chard.api.AsyncResult;
import dev.chard.api.AsyncTask;
import jakarta.enterprise.context.ApplicationScoped;

/** Celery's {@code add}: called in the client it is sent to the broker; the worker runs the body. */
@ApplicationScoped
public class MathTasks {

    /** Task name {@code dev.chard.examples.quickstart.MathTasks.add} (class name + "." + method name). */
    @AsyncTask
    public AsyncResult<Integer> add(int x, int y) {
        return AsyncResult.completed(x + y);
    }
}
