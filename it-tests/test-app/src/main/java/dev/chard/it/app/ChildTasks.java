package dev.chard.it.app;

import dev.chard.api.AsyncResult;
import dev.chard.api.AsyncTask;
import dev.chard.api.TaskInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.LinkedHashMap;
import java.util.Map;

/** A task sent from another task's body: it reports its own id, parent and root. */
@ApplicationScoped
public class ChildTasks {

    @Inject
    TaskInstance task;

    @AsyncTask
    public AsyncResult<Map<String, Object>> lineage() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", task.id());
        out.put("parentId", String.valueOf(task.parentId()));
        out.put("rootId", task.rootId());
        return AsyncResult.completed(out);
    }
}
