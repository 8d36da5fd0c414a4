package dev.chard.cdi.discovery;

import dev.chard.api.AsyncResult;
import dev.chard.api.AsyncTask;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.concurrent.atomic.AtomicInteger;

@ApplicationScoped
public class NamedTasks {

    public static final AtomicInteger RENDER_RUNS = new AtomicInteger();
    public static final AtomicInteger OUTER_RUNS = new AtomicInteger();

    @Inject
    OtherTasks other;

    @AsyncTask(name = "x", queue = "discovery", priority = 7)
    public AsyncResult<String> render(long id) {
        RENDER_RUNS.incrementAndGet();
        return AsyncResult.completed("rendered " + id);
    }

    @AsyncTask(name = "discovery.outer", queue = "discovery")
    public void outer(int n) {
        OUTER_RUNS.incrementAndGet();
        other.inner(n + 1);
    }
}
