package dev.chard.cdi.instance;

import dev.chard.api.AsyncResult;
import dev.chard.api.AsyncTask;
import dev.chard.api.TaskInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** A task bean that injects the running task. */
@ApplicationScoped
public class LineageTasks {

    @Inject
    TaskInstance task;

    @AsyncTask
    public AsyncResult<String> whoAmI(String text) {
        return AsyncResult.completed(task.id() + "|" + task.name() + "|" + task.args() + "|" + task.workerName());
    }

    /** What TaskInstance says when asked from a bean method that is not running as a task. */
    public String idOutsideATask() {
        return task.id();
    }
}
