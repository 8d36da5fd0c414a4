package dev.chard.it.server;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;

import java.io.IOException;

/**
 * Added to the test deployment (not part of the example): {@code GET /jedis-log-probe?port=<redis port>} makes the
 * WAR's own Jedis log a WARN through SLF4J (a {@code Jedis} built from a configuration that names no protocol logs
 * {@value #LINE} ...), so a test can look for that line in the server's log.
 */
@WebServlet("/jedis-log-probe")
public class JedisLogProbeServlet extends HttpServlet {

    /** The start of the WARN line Jedis logs. */
    public static final String LINE = "Jedis does not support RESP3 protocol auto-negotiation";

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        int port = Integer.parseInt(req.getParameter("port"));
        try (Jedis jedis = new Jedis("127.0.0.1", port, DefaultJedisClientConfig.builder().build())) {
            resp.setContentType("text/plain");
            resp.getWriter().print(jedis.ping());
        }
    }
}
