package dev.chard.cdi.discovery;

import dev.chard.api.AsyncResult;
import dev.chard.api.AsyncTask;
import jakarta.enterprise.context.ApplicationScoped;

@AsyncTask
@ApplicationScoped
public class ClassLevelTasks {

    public AsyncResult<Integer> count(String s) {
        return AsyncResult.completed(s.length());
    }

    public void log(String line) {
    }

    /** Not public: not a task, so its int return type is no error. */
    protected int helper() {
        return 1;
    }
}
