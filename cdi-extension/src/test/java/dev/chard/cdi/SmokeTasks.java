package dev.chard.cdi;

import dev.chard.api.AsyncResult;
import dev.chard.api.AsyncTask;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

@ApplicationScoped
public class SmokeTasks {

    @AsyncTask
    public AsyncResult<Integer> add(int x, int y) {
        return AsyncResult.completed(x + y);
    }

    @AsyncTask(name = "smoke.fail")
    public CompletionStage<String> fail(String why) {
        throw new IllegalArgumentException(why);
    }

    @AsyncTask
    public CompletableFuture<String> echo(String s) {
        return CompletableFuture.completedFuture(s);
    }
}
