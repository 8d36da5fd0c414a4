package dev.chard.examples.quickstart;

import dev.chard.api.AsyncTask;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A task that takes a while, returning a {@link CompletionStage} instead of an {@code AsyncResult}. */
@ApplicationScoped
public class SlowTasks {

    @AsyncTask
    public CompletionStage<String> slowEcho(String text, long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(e);
        }
        return CompletableFuture.completedFuture(text);
    }
}
