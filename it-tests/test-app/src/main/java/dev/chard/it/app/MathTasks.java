package dev.chard.it.app;

import dev.chard.api.AsyncResult;
import dev.chard.api.AsyncTask;
import jakarta.enterprise.context.ApplicationScoped;

/** Arithmetic, for round trips and throughput. */
@ApplicationScoped
public class MathTasks {

    @AsyncTask
    public AsyncResult<Integer> add(int x, int y) {
        return AsyncResult.completed(x + y);
    }
}
