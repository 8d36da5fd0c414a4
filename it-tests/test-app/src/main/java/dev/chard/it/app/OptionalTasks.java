package dev.chard.it.app;

import dev.chard.api.AsyncResult;
import dev.chard.api.AsyncTask;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.OptionalInt;

/** Optional arguments and results: an empty one must arrive empty (not null) and come back empty. */
@ApplicationScoped
public class OptionalTasks {

    /** What {@link #find} returns for a name. */
    public record Found(String name, int length) {
    }

    /** Throws NullPointerException if the empty Optional arrived as null. */
    @AsyncTask
    public AsyncResult<Optional<Found>> find(Optional<String> name) {
        return AsyncResult.completed(name.map(n -> new Found(n, n.length())));
    }

    @AsyncTask
    public AsyncResult<OptionalInt> length(Optional<String> text) {
        return AsyncResult.completed(text.isPresent() ? OptionalInt.of(text.get().length()) : OptionalInt.empty());
    }
}
