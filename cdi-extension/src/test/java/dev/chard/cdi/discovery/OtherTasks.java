package dev.chard.cdi.discovery;

import dev.chard.api.AsyncTask;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.AtomicInteger;

@ApplicationScoped
public class OtherTasks {

    public static final AtomicInteger INNER_RUNS = new AtomicInteger();

    @AsyncTask(name = "discovery.inner", queue = "discovery")
    public void inner(int n) {
        INNER_RUNS.incrementAndGet();
    }
}
