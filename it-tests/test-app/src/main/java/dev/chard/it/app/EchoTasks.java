package dev.chard.it.app;

import dev.chard.api.AsyncTask;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.logging.Logger;

/** The other return shapes: a {@link Future} and a {@code void} (fire and forget) task. */
@ApplicationScoped
public class EchoTasks {

    private static final Logger LOG = Logger.getLogger(EchoTasks.class.getName());

    @AsyncTask
    public Future<String> shout(String text) {
        return CompletableFuture.completedFuture(text.toUpperCase(Locale.ROOT) + "!");
    }

    @AsyncTask
    public void touch(String marker) {
        LOG.info(() -> "touched " + marker);
    }

    /** Its argument type passes the deployment check (a public record) but JSON-B cannot write a value of it. */
    @AsyncTask
    public Future<String> describe(Exploding payload) {
        return CompletableFuture.completedFuture(String.valueOf(payload));
    }
}
