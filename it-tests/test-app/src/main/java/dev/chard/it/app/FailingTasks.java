package dev.chard.it.app;

import dev.chard.api.AsyncResult;
import dev.chard.api.AsyncTask;
import jakarta.enterprise.context.ApplicationScoped;

/** A task that always throws, from a nested helper, so the remote stack trace has some depth. */
@ApplicationScoped
public class FailingTasks {

    @AsyncTask
    public AsyncResult<String> explode(String arg) {
        return AsyncResult.completed(validate(arg));
    }

    private String validate(String arg) {
        return checkBrokenHelper(arg.trim());
    }

    static String checkBrokenHelper(String arg) {
        throw new IllegalStateException("broken on purpose: " + arg);
    }
}
