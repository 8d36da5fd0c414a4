package ${package};

import dev.chard.api.AsyncResult;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code GET /api/add?x=4&y=5} sends {@link MathTasks#add} to Redis, waits for a worker to run it and answers its
 * result, {@code 9}. Waiting in a request suits a demonstration; an application that must not hold a request would
 * answer {@code sum.id()} at once and let the caller look the result up later ({@code TaskClient.asyncResult(id)}).
 */
@Path("/add")
@RequestScoped
public class AddResource {

    @Inject
    MathTasks tasks;

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String add(@QueryParam("x") int x, @QueryParam("y") int y)
            throws InterruptedException, ExecutionException, TimeoutException {
        AsyncResult<Integer> sum = tasks.add(x, y);          // sent to Redis; returns at once
        return String.valueOf(sum.get(30, TimeUnit.SECONDS));  // 9, once a worker has run it
    }
}
