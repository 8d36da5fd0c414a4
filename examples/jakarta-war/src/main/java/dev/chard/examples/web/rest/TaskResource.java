package dev.chard.examples.web.rest;

import dev.chard.api.AsyncResult;
import dev.chard.api.TaskClient;
import dev.chard.api.TaskFailedException;
import dev.chard.api.TaskSerializationException;
import dev.chard.api.TaskState;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/tasks} with {@code {"task":"web.add","args":[4,5]}} starts a task: 202 Accepted,
 * {@code {"id":...}} and a Location header. {@code GET /api/tasks/{id}} answers
 * {@code {"id":..., "state":"SUCCESS", "result":9}}, or for a failed task
 * {@code {"id":..., "state":"FAILURE", "error":{"type":"java.lang.IllegalStateException", "message":...}}}. Arguments
 * that do not fit the task's parameters ({@code [10000000000, 2]} for {@code web.add(int, int)}) are answered 400 with
 * {@code {"error":"CHARD-05003: ..."}}, and nothing is sent.
 * An unknown (never sent, or expired) id is {@code "state":"UNKNOWN"}, as in Celery terms a task never heard of.
 */
@Path("/tasks")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class TaskResource {

    @Inject
    TaskClient client;

    @Context
    UriInfo uri;

    /** The body of {@code POST /api/tasks}. */
    public static class SendRequest {
        private String task;
        private List<Object> args = new ArrayList<>();

        public String getTask() {
            return task;
        }

        public void setTask(String task) {
            this.task = task;
        }

        public List<Object> getArgs() {
            return args;
        }

        public void setArgs(List<Object> args) {
            this.args = args;
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response send(SendRequest request) {
        if (request == null || request.getTask() == null || request.getTask().isBlank()) {
            return Response.status(Response.Status.BAD_REQUEST).entity(Map.of("error", "'task' (the task name) is missing")).build();
        }
        List<Object> args = new ArrayList<>();
        for (Object a : request.getArgs() == null ? List.of() : request.getArgs()) {
            args.add(plain(a));
        }
        AsyncResult<Object> r;
        try {
            r = client.send(request.getTask(), args.toArray());
        } catch (TaskSerializationException e) {
            // the arguments do not fit the task's parameters (CHARD-05003) or cannot be written: the client's mistake
            return Response.status(Response.Status.BAD_REQUEST).entity(Map.of("error", e.getMessage())).build();
        }
        return Response.accepted(Map.of("id", r.id()))
                .location(uri.getAbsolutePathBuilder().path(r.id()).build())
                .build();
    }

    @GET
    @Path("/{id}")
    public Map<String, Object> get(@PathParam("id") String id) {
        AsyncResult<Object> r = client.asyncResult(id);
        TaskState state = r.state();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("state", state.name());
        if (state == TaskState.SUCCESS) {
            out.put("result", r.result());
        } else if (state.isReady()) {
            Object failure = r.result();
            Map<String, Object> error = new LinkedHashMap<>();
            if (failure instanceof TaskFailedException f) {
                error.put("type", f.remoteType());
                error.put("message", f.remoteMessage());
            } else if (failure instanceof Throwable t) {
                error.put("type", t.getClass().getName());
                error.put("message", String.valueOf(t.getMessage()));
            }
            out.put("error", error);
        }
        return out;
    }

    /** JSON numbers arrive as BigDecimal: a whole number that fits goes on as an Integer (or Long), so int parameters bind. */
    private static Object plain(Object value) {
        if (value instanceof BigDecimal d) {
            if (d.stripTrailingZeros().scale() <= 0) {
                try {
                    return d.intValueExact();
                } catch (ArithmeticException e) {
                    return d.longValue();
                }
            }
            return d.doubleValue();
        }
        return value;
    }
}
