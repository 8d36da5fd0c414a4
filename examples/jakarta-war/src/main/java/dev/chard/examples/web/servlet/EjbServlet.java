package dev.chard.examples.web.servlet;

import dev.chard.examples.web.ejb.TaskService;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.json.Json;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * {@code POST /ejb/add?x=4&y=5[&rollback=true]}: calls the {@link TaskService} EJB, which calls the {@code web.add}
 * task inside its transaction. Answers {@code {"id":..., "stateInTransaction":"UNKNOWN", "committed":true|false}}.
 */
@WebServlet("/ejb/add")
public class EjbServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @EJB
    transient TaskService service;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        int x;
        int y;
        try {
            x = Integer.parseInt(req.getParameter("x"));
            y = Integer.parseInt(req.getParameter("y"));
        } catch (NumberFormatException e) {
            resp.sendError(HttpServletResponse.SC_BAD_REQUEST, "parameters x and y must be whole numbers");
            return;
        }
        boolean rollback = Boolean.parseBoolean(req.getParameter("rollback"));
        TaskService.Sent sent;
        try {
            sent = service.add(x, y, rollback);
        } catch (EJBException e) {
            resp.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR, String.valueOf(e.getCause()));
            return;
        }
        resp.setStatus(HttpServletResponse.SC_ACCEPTED);
        resp.setContentType("application/json");
        resp.getWriter().print(Json.createObjectBuilder()
                .add("id", sent.id())
                .add("stateInTransaction", sent.stateInTransaction())
                .add("committed", !rollback)
                .build());
    }
}
