package dev.chard.it.server;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The example WAR in a real server, over HTTP, with a real worker process running the same WAR: the servlet
 * ({@code TaskClient} by name), the {@code @Stateless} EJB (a task bean's {@code @AsyncTask} method inside a JTA
 * transaction) and the JAX-RS resource. The concrete classes (one per server) supply the deployment named "app",
 * and register {@link ServerSide} before ArquillianExtension.
 */
public abstract class AbstractServerIT {

    protected static final String APP = "app";

    /** The server's log as it is now: its log file, or its console where that is the log. */
    protected abstract String serverLog();

    @Test
    @Order(1)
    protected void servletSendsATaskByNameAndItSucceeds(@ArquillianResource @OperateOnDeployment(APP) URL base) {
        Http.Answer sent = Http.get(base, "send?task=web.add&arg=4&arg=5");
        assertEquals(202, sent.status(), sent.toString());
        JsonObject done = Http.awaitReady(base, sent.body().trim());
        assertEquals("SUCCESS", done.getString("state"), done.toString());
        assertEquals(9, done.getJsonNumber("result").intValue(), done.toString());
    }

    @Test
    @Order(2)
    protected void servletWaitsForTheResultThroughAsyncResultGet(@ArquillianResource @OperateOnDeployment(APP) URL base) {
        Http.Answer answer = Http.get(base, "send?task=web.add&arg=40&arg=2&wait=30");
        assertEquals(200, answer.status(), answer.toString());
        assertTrue(answer.body().trim().endsWith(" 42"), answer.toString());
    }

    @Test
    @Order(3)
    protected void ejbSendsItsTaskAfterTheTransactionCommits(@ArquillianResource @OperateOnDeployment(APP) URL base) {
        Http.Answer sent = Http.post(base, "ejb/add?x=2&y=3");
        assertEquals(202, sent.status(), sent.toString());
        JsonObject body = sent.json();
        // read inside the EJB's transaction: not sent yet (with an immediate send it would be PENDING at least)
        assertEquals("UNKNOWN", body.getString("stateInTransaction"), body.toString());
        JsonObject done = Http.awaitReady(base, body.getString("id"));
        assertEquals("SUCCESS", done.getString("state"), done.toString());
        assertEquals(5, done.getJsonNumber("result").intValue(), done.toString());
    }

    @Test
    @Order(4)
    protected void ejbTaskIsNeverSentWhenTheTransactionRollsBack(@ArquillianResource @OperateOnDeployment(APP) URL base) {
        Http.Answer rolledBack = Http.post(base, "ejb/add?x=100&y=1&rollback=true");
        assertEquals(202, rolledBack.status(), rolledBack.toString());
        String id = rolledBack.json().getString("id");
        // a task sent after it, on the same queue and single-threaded worker, has run: the queue is drained
        Http.Answer after = Http.post(base, "ejb/add?x=1&y=1");
        assertEquals("SUCCESS", Http.awaitReady(base, after.json().getString("id")).getString("state"));

        assertEquals("UNKNOWN", Http.get(base, "api/tasks/" + id).json().getString("state"));
        List<?> keys = (List<?>) ServerSide.redis().call("KEYS", "*" + id + "*");
        assertEquals(List.of(), keys, "Redis keys of the rolled-back task " + id);
        assertTrue(!ServerSide.worker().output().contains(id), "the worker never saw " + id);
    }

    @Test
    @Order(5)
    protected void restStartsATaskAndReportsItsResult(@ArquillianResource @OperateOnDeployment(APP) URL base) {
        Http.Answer sent = Http.postJson(base, "api/tasks", "{\"task\":\"web.add\",\"args\":[20,22]}");
        assertEquals(202, sent.status(), sent.toString());
        String id = sent.json().getString("id");
        assertNotNull(sent.location(), "Location header");
        assertTrue(sent.location().endsWith("/api/tasks/" + id), sent.location());
        JsonObject done = Http.awaitReady(base, id);
        assertEquals("SUCCESS", done.getString("state"), done.toString());
        assertEquals(42, done.getJsonNumber("result").intValue(), done.toString());
    }

    @Test
    @Order(6)
    protected void restRefusesArgumentsThatDoNotFitTheTasksParametersInsteadOfWrappingThem(
            @ArquillianResource @OperateOnDeployment(APP) URL base) {
        Http.Answer sent = Http.postJson(base, "api/tasks", "{\"task\":\"web.add\",\"args\":[10000000000,2]}");
        assertEquals(400, sent.status(), sent.toString());
        String error = sent.json().getString("error");
        assertTrue(error.startsWith("CHARD-05003: argument 1 (x, int) of task web.add")
                && error.contains("the JSON number 10000000000 does not fit an int"), error);
    }

    @Test
    @Order(6)
    protected void restReportsTheRemoteErrorOfAFailedTask(@ArquillianResource @OperateOnDeployment(APP) URL base) {
        Http.Answer sent = Http.postJson(base, "api/tasks", "{\"task\":\"web.fail\",\"args\":[\"boom\"]}");
        assertEquals(202, sent.status(), sent.toString());
        JsonObject done = Http.awaitReady(base, sent.json().getString("id"));
        assertEquals("FAILURE", done.getString("state"), done.toString());
        JsonObject error = done.getJsonObject("error");
        assertEquals("java.lang.IllegalStateException", error.getString("type"), done.toString());
        assertEquals("web.fail was asked to fail: boom", error.getString("message"), done.toString());
    }

    @Test
    @Order(7)
    protected void restAnswersUnknownForAnIdNeverSent(@ArquillianResource @OperateOnDeployment(APP) URL base) {
        JsonObject j = Http.get(base, "api/tasks/no-such-task").json();
        assertEquals("UNKNOWN", j.getString("state"), j.toString());
    }

    @Test
    @Order(8)
    protected void eachTaskRunsInAFreshRequestContextOnTheWorker(@ArquillianResource @OperateOnDeployment(APP) URL base) {
        String a = Http.get(base, "send?task=web.request-scope&arg=first").body().trim();
        String b = Http.get(base, "send?task=web.request-scope&arg=second").body().trim();
        String ra = Http.awaitReady(base, a).getString("result");
        String rb = Http.awaitReady(base, b).getString("result");
        // <ledger id>:<first entry>:<entries>: each task saw only its own two entries, in a ledger of its own
        String[] pa = ra.split(":");
        String[] pb = rb.split(":");
        assertEquals("first", pa[1], ra);
        assertEquals("2", pa[2], ra);
        assertEquals("second", pb[1], rb);
        assertEquals("2", pb[2], rb);
        assertNotEquals(pa[0], pb[0], "two tasks shared one @RequestScoped instance: " + ra + " / " + rb);
    }

    @Test
    @Order(9)
    protected void serverAndWorkerReadTheSameMicroProfileConfigFile(@ArquillianResource @OperateOnDeployment(APP) URL base) {
        // the deployment's META-INF/microprofile-config.properties says chard.queue.default=web-it: the server sent every
        // task above to that queue, and the worker (same WAR, no -Q) consumes it
        assertEquals(1L, ServerSide.redis().call("EXISTS", "chard:{" + ServerSide.QUEUE + "}:workers"));
        assertEquals(0L, ServerSide.redis().call("EXISTS", "chard:{default}:workers"));
        assertTrue(ServerSide.worker().output().contains(ServerSide.QUEUE), "the worker's banner names queue " + ServerSide.QUEUE);
    }

    @Test
    @Order(10)
    protected void theContextRootListsTheEndpoints(@ArquillianResource @OperateOnDeployment(APP) URL base) {
        Http.Answer index = Http.get(base, "");
        assertEquals(200, index.status(), index.toString());
        assertTrue(index.body().contains("send?task=web.add"), index.body());
    }

    @Test
    @Order(11)
    protected void theWorkerSkipsTheServerOnlyClassesQuietlyAndRunsTheTasks() {
        // examples/jakarta-war/README.md and docs/deployment.md: skipped before Weld sees them, nothing at -l info
        String out = ServerSide.worker().output();
        assertTrue(out.contains(". web.add"), "the banner lists web.add:\n" + out);
        assertFalse(out.contains("WELD-000119"), out);
        assertFalse(out.contains("skipping class"), "the skipped classes are logged at debug only:\n" + out);
    }

    @Test
    @Order(12)
    protected void jedisLogLinesReachTheServerLog(@ArquillianResource @OperateOnDeployment(APP) URL base) {
        int before = count(serverLog(), JedisLogProbeServlet.LINE);
        Http.Answer probe = Http.get(base, "jedis-log-probe?port=" + ServerSide.redis().port());
        assertEquals(200, probe.status(), probe.toString());
        assertEquals("PONG", probe.body().trim(), probe.toString());
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (count(serverLog(), JedisLogProbeServlet.LINE) <= before && System.nanoTime() < deadline) {
            Http.sleep(100);
        }
        String log = serverLog();
        assertTrue(count(log, JedisLogProbeServlet.LINE) > before, "Jedis' WARN line (\"" + JedisLogProbeServlet.LINE
                + "\") is not in the server log; its tail:\n" + log.substring(Math.max(0, log.length() - 4_000)));
        assertFalse(log.contains("No SLF4J providers"), "SLF4J found no provider in the deployment");
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }
}
