package example.app;

import dev.chard.api.AsyncResult;
import dev.chard.api.AsyncTask;
import jakarta.enterprise.context.ApplicationScoped;

/** A task bean for the worker tests: outside dev.chard on purpose, since the worker skips Chard's own packages. */
@ApplicationScoped
public class MathTasks {

    @AsyncTask
    public AsyncResult<Integer> add(int x, int y) {
        return AsyncResult.completed(x + y);
    }

    @AsyncTask
    public AsyncResult<Integer> divide(int x, int y) {
        return AsyncResult.completed(x / y);
    }

    @AsyncTask
    public AsyncResult<String> sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
        return AsyncResult.completed("slept " + millis);
    }
}
