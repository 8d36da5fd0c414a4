package dev.chard.it.app;

import dev.chard.api.AsyncTask;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A task that takes a while, for tests that kill a worker while it runs. */
@ApplicationScoped
public class SlowTasks {

    @AsyncTask
    public CompletionStage<String> sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted after less than " + millis + " ms", e);
        }
        return CompletableFuture.completedFuture("slept " + millis + " ms");
    }
}
