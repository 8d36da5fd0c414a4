package ${package};

import dev.chard.api.AsyncResult;
import dev.chard.api.AsyncTask;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A task bean. Called in the client, {@code add} does not run there: the call is sent to Redis and an
 * {@link AsyncResult} comes back at once. The worker runs the body. The task's name is the class name, a dot and the
 * method name: {@code ${package}.MathTasks.add}.
 */
@ApplicationScoped
public class MathTasks {

    @AsyncTask
    public AsyncResult<Integer> add(int x, int y) {
        return AsyncResult.completed(x + y);
    }
}
