package dev.chard.examples.web.servlet;

import dev.chard.api.AsyncResult;
import dev.chard.api.TaskClient;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code GET|POST /send?task=web.add&arg=4&arg=5[&wait=10]}: sends a task by name through the injected
 * {@link TaskClient} (Celery's {@code send_task}) and answers its id as text. With {@code wait=<seconds>} it waits for
 * the result ({@code AsyncResult.get}) and answers {@code <id> <value>}. Whole-number arguments are sent as numbers,
 * the rest as strings.
 */
@WebServlet("/send")
public class SendServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient TaskClient client;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        doPost(req, resp);
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String task = req.getParameter("task");
        if (task == null || task.isBlank()) {
            resp.sendError(HttpServletResponse.SC_BAD_REQUEST, "parameter 'task' (the task name) is missing");
            return;
        }
        String[] raw = req.getParameterValues("arg");
        Object[] args = new Object[raw == null ? 0 : raw.length];
        for (int i = 0; i < args.length; i++) {
            args[i] = raw[i].matches("-?\\d{1,9}") ? (Object) Integer.valueOf(raw[i]) : raw[i];
        }
        AsyncResult<Object> r = client.send(task, args);
        resp.setContentType("text/plain;charset=UTF-8");
        String wait = req.getParameter("wait");
        if (wait == null) {
            resp.setStatus(HttpServletResponse.SC_ACCEPTED);
            resp.getWriter().print(r.id());
            return;
        }
        try {
            Object value = r.get(Long.parseLong(wait), TimeUnit.SECONDS);
            resp.getWriter().print(r.id() + " " + value);
        } catch (TimeoutException e) {
            resp.setStatus(HttpServletResponse.SC_GATEWAY_TIMEOUT);
            resp.getWriter().print(r.id() + " not ready after " + wait + " s");
        } catch (ExecutionException e) {
            resp.setStatus(HttpServletResponse.SC_OK);
            resp.getWriter().print(r.id() + " failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            resp.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "interrupted");
        }
    }
}
