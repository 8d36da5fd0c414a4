package dev.chard.bench.app;

import dev.chard.api.AsyncResult;
import dev.chard.api.AsyncTask;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The benchmark's task: the peers' no-op {@code add(x, y)}. The harness writes this class and a {@code beans.xml} into
 * the application jar it gives the worker ({@code -A}); task name {@code dev.chard.bench.app.BenchTasks.add}.
 */
@ApplicationScoped
public class BenchTasks {

    public static final String ADD = BenchTasks.class.getName() + ".add";

    @AsyncTask
    public AsyncResult<Integer> add(int x, int y) {
        return AsyncResult.completed(x + y);
    }
}
