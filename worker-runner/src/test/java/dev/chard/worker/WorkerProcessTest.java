package dev.chard.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.chard.api.AsyncResult;
import dev.chard.api.TaskFailedException;
import dev.chard.api.TaskOptions;
import dev.chard.api.TaskState;
import dev.chard.engine.Engine;
import dev.chard.engine.config.ChardConfig;
import dev.chard.engine.registry.TaskRegistry;
import dev.chard.testsupport.JavaProcess;
import dev.chard.testsupport.RedisServer;
import dev.chard.worker.cli.ChardCommand;
import example.app.MathTasks;
import example.broken.ReportTasks;

/**
 * The worker as users run it: a separate JVM ({@code chard worker -A <folder>}) against a private redis-server,
 * driven through the engine's client and through {@code chard call} / {@code chard result} processes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkerProcessTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ADD = "example.app.MathTasks.add";

    private static RedisServer redis;
    private static Path app;
    private static Path broken;
    private static JavaProcess worker;
    private static Jsonb jsonb;
    private static Engine engine;

    @BeforeAll
    static void startRedisAndWorker() throws Exception {
        redis = RedisServer.start();
        app = TestArchives.folder(Files.createTempDirectory("chard-app-"), TestArchives.ANNOTATED, MathTasks.class);
        worker = chard("worker", "-A", app.toString(), "-c", "2", "-n", "e2e@test", "-l", "info").start();
        jsonb = JsonbBuilder.create();
        engine = Engine.start(ChardConfig.of(Map.of("chard.broker.url", redis.url(0), "chard.backend.url", redis.url(0))),
                TaskRegistry.empty(), jsonb);
        worker.awaitOutputOrFail(" ready\\.", WAIT);
    }

    @AfterAll
    static void stopAll() throws Exception {
        if (worker != null) {
            worker.close();
        }
        if (engine != null) {
            engine.close();
        }
        if (jsonb != null) {
            jsonb.close();
        }
        if (redis != null) {
            redis.close();
        }
        for (Path dir : new Path[]{app, broken}) {
            if (dir != null) {
                try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        }
    }

    /** {@code chard <args>} in a new JVM with this test's class path, pointed at the private Redis. */
    private static JavaProcess.Builder chard(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--broker";
        all[args.length + 1] = redis.url(0);
        all[args.length + 2] = "--backend";
        all[args.length + 3] = redis.url(0);
        return JavaProcess.classpath(System.getProperty("java.class.path"), ChardCommand.class.getName())
                .name(args[0]).jvmArg("-Xmx256m").args(all);
    }

    /**
     * SIGTERM through ProcessHandle: JavaProcess.signalTerm() uses Process.destroy(), which also closes the
     * process's output pipe, so nothing the worker logs while it shuts down could be read.
     */
    private static void sigterm(JavaProcess p) {
        ProcessHandle.of(p.pid()).ifPresent(ProcessHandle::destroy);
    }

    @Test
    @Order(1)
    void theBannerListsTheTasksAndTheTransport() {
        String out = worker.output();
        assertTrue(out.contains(".> transport:   " + redis.url(0).replace("127.0.0.1", "127.0.0.1")), out);
        assertTrue(out.contains(".> concurrency: 2 (threads)"), out);
        assertTrue(out.contains("[tasks]") && out.contains("  . " + ADD), out);
        assertTrue(out.contains("Redis persistence is off"), "the test Redis runs without persistence: " + out);
    }

    @Test
    @Order(2)
    void aTaskSentByNameSucceedsWithItsValue() throws Exception {
        AsyncResult<Object> r = engine.client().send(ADD, 4, 5);
        assertEquals(new BigDecimal(9), new BigDecimal(r.get(20, TimeUnit.SECONDS).toString()));
        assertEquals(TaskState.SUCCESS, r.state());
        assertEquals("e2e@test", r.worker());
        // the full task name, as Celery logs it
        worker.awaitOutputOrFail("Task example\\.app\\.MathTasks\\.add\\[" + r.id() + "\\] succeeded in \\d+\\.\\d{3}s: 9", WAIT);
    }

    @Test
    @Order(3)
    void aThrowingTaskFailsWithItsTypeAndMessage() {
        AsyncResult<Object> r = engine.client().send("example.app.MathTasks.divide", 1, 0);
        ExecutionException e = assertThrows(ExecutionException.class, () -> r.get(20, TimeUnit.SECONDS));
        TaskFailedException f = assertInstanceOf(TaskFailedException.class, e.getCause());
        assertEquals("java.lang.ArithmeticException", f.remoteType());
        assertEquals("/ by zero", f.remoteMessage());
        assertTrue(f.traceback().contains("MathTasks.divide"), f.traceback());
        worker.awaitOutputOrFail("Task example.app.MathTasks.divide[" + r.id() + "] failed in", WAIT);
    }

    @Test
    @Order(4)
    void anUnknownTaskFailsNamingItAndTheWorkerKeepsServing() throws Exception {
        AsyncResult<Object> r = engine.client().send("no.such.Task", 1);
        ExecutionException e = assertThrows(ExecutionException.class, () -> r.get(20, TimeUnit.SECONDS));
        TaskFailedException f = assertInstanceOf(TaskFailedException.class, e.getCause());
        assertEquals(WorkerErrors.NOT_REGISTERED_TYPE, f.remoteType());
        assertTrue(f.remoteMessage().contains("CHARD-04004: task 'no.such.Task' is not registered"), f.remoteMessage());
        worker.awaitOutputOrFail("Received unregistered task of type 'no.such.Task'", WAIT);
        assertEquals(new BigDecimal(3), new BigDecimal(engine.client().send(ADD, 1, 2).get(20, TimeUnit.SECONDS).toString()));
    }

    @Test
    @Order(5)
    void aMalformedMessageIsDeadLetteredAndTheWorkerKeepsServing() throws Exception {
        redis.call("HSET", "chard:{default}:msgs", "bad-1", "this is not json");
        redis.call("ZADD", "chard:{default}:ready", "0", "bad-1");
        redis.call("LPUSH", "chard:{default}:wake", "1");
        worker.awaitOutputOrFail("Message bad-1 of queue default is malformed", WAIT);
        List<String> dead = engine.broker().deadLetters("default", 10); // written before the worker logs it
        assertTrue(dead.stream().anyMatch(d -> d.contains("bad-1") && d.contains("CHARD-05001: malformed message")), dead.toString());
        assertEquals(new BigDecimal(7), new BigDecimal(engine.client().send(ADD, 3, 4).get(20, TimeUnit.SECONDS).toString()));
    }

    @Test
    @Order(5)
    void aFetchWhoseReplyWasLostIsHandedBackByTheLiveWorkerAndRuns() throws Exception {
        // a delayed task, then moved into the worker's in-flight set by hand: what a fetch script leaves behind when
        // it ran but its reply never reached the worker
        AsyncResult<Object> r = engine.client().send(ADD, List.of(20, 22), Map.of(),
                dev.chard.api.TaskOptions.defaults().countdown(java.time.Duration.ofMinutes(5)));
        @SuppressWarnings("unchecked")
        List<Object> workers = (List<Object>) redis.call("ZRANGE", "chard:{default}:workers", "0", "-1");
        String instance = workers.stream().map(String::valueOf).filter(w -> w.startsWith("e2e@test#")).findFirst().orElseThrow();
        redis.call("ZREM", "chard:{default}:delayed", r.id());
        redis.call("HSET", "chard:{default}:inflight:" + instance, r.id(), "1,0"); // delivery 1, ready score 0

        worker.awaitOutputOrFail("Handed back 1 task\\(s\\) of queue default that this worker held", WAIT);
        assertEquals(new BigDecimal(42), new BigDecimal(r.get(20, TimeUnit.SECONDS).toString()));
    }

    @Test
    @Order(6)
    void callWaitPrintsTheOutcomeAsJsonAndResultReadsItBack() throws Exception {
        try (JavaProcess ok = chard("call", ADD, "--args", "[2, 3]", "--wait", "--timeout", "20s").start();
             JavaProcess failed = chard("call", "example.app.MathTasks.divide", "--args", "[1, 0]", "--wait").start()) {
            assertEquals(0, ok.waitFor(WAIT), ok.output());
            assertEquals(1, failed.waitFor(WAIT), failed.output());
            assertTrue(ok.output().contains("\"state\":\"SUCCESS\"") && ok.output().contains("\"result\":5"), ok.output());
            assertTrue(failed.output().contains("\"state\":\"FAILURE\"")
                    && failed.output().contains("\"type\":\"java.lang.ArithmeticException\""), failed.output());
            Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(ok.output());
            assertTrue(id.find(), ok.output());
            try (JavaProcess result = chard("result", id.group(1)).start();
                 JavaProcess unknown = chard("result", "no-such-id").start()) {
                assertEquals(0, result.waitFor(WAIT), result.output());
                assertTrue(result.output().contains("\"state\":\"SUCCESS\""), result.output());
                assertEquals(0, unknown.waitFor(WAIT), unknown.output());
                assertTrue(unknown.output().contains("{\"id\":\"no-such-id\",\"state\":\"UNKNOWN\"}"), unknown.output());
            }
        }
    }

    @Test
    @Order(6)
    void aNumberThatDoesNotFitAnIntParameterEndsFailureNamingTheParameterInsteadOfWrapping() throws Exception {
        // by name, from a sender that does not declare the task (the REST example's case, there with a declaring WAR)
        AsyncResult<Object> r = engine.client().send(ADD, 10_000_000_000L, 2);
        ExecutionException e = assertThrows(ExecutionException.class, () -> r.get(20, TimeUnit.SECONDS));
        TaskFailedException f = assertInstanceOf(TaskFailedException.class, e.getCause());
        assertEquals("dev.chard.engine.serialization.ArgumentBindingException", f.remoteType());
        assertTrue(f.remoteMessage().startsWith("CHARD-05003: argument 1 (x, int) of task " + ADD + " (example.app.MathTasks#add(int, int)):"
                + " the JSON number 10000000000 does not fit an int"), f.remoteMessage());
        assertEquals(TaskState.FAILURE, r.state());
        assertEquals(0, r.retries(), "a binding failure is not retried");

        // the command line: chard call <task> --args '[2147483648, 0]' --wait
        try (JavaProcess call = chard("call", ADD, "--args", "[2147483648, 0]", "--wait", "--timeout", "20s").start()) {
            assertEquals(1, call.waitFor(WAIT), call.output());
            assertTrue(call.output().contains("\"state\":\"FAILURE\"") && !call.output().contains("\"result\""), call.output());
            assertTrue(call.output().contains("\"message\":\"CHARD-05003: argument 1 (x, int) of task " + ADD)
                    && call.output().contains("the JSON number 2147483648 does not fit an int (-2147483648 to 2147483647"), call.output());
        }
    }

    @Test
    @Order(7)
    void aBeanWithAnUnsatisfiedInjectionPointExitsFourNamingIt() throws Exception {
        broken = TestArchives.folder(Files.createTempDirectory("chard-broken-"), null, ReportTasks.class);
        try (JavaProcess p = chard("worker", "-A", broken.toString()).start()) {
            assertEquals(4, p.waitFor(WAIT), p.output());
            assertTrue(p.output().contains("CHARD-04002: cannot start the application in the worker: bean "
                    + "example.broken.ReportTasks injects javax.sql.DataSource"), p.output());
            assertTrue(!p.output().contains("\tat "), "no stack trace below debug: " + p.output());
        }
    }

    @Test
    @Order(8)
    void aSecondSignalHandsARunningTaskBackAtOnce() throws Exception {
        try (JavaProcess slow = chard("worker", "-A", app.toString(), "-Q", "slow", "-c", "1", "-n", "slow@test")
                .sysProp("chard.worker.shutdown-timeout", "60s").start()) {
            slow.awaitOutputOrFail(" ready\\.", WAIT);
            AsyncResult<Object> r = engine.client().send("example.app.MathTasks.sleep", List.of(30_000), Map.of(),
                    TaskOptions.defaults().queue("slow"));
            slow.awaitOutputOrFail("Task example.app.MathTasks.sleep[" + r.id() + "] received", WAIT);
            sigterm(slow);
            slow.awaitOutputOrFail("Warm shutdown", WAIT);
            long start = System.nanoTime();
            sigterm(slow);
            assertEquals(0, slow.waitFor(WAIT), slow.output());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10), "stopped long before the task's 30 s");
            assertTrue(slow.output().contains("Handed back 1 task(s)"), slow.output());
            assertEquals(1, engine.broker().pending("slow"), "the task is back in its queue");
        }
    }

    @Test
    @Order(9)
    void sigtermStopsTheWorkerWithExitCodeZero() {
        sigterm(worker);
        assertEquals(0, worker.waitFor(WAIT), worker.output());
        String out = worker.output();
        assertTrue(out.contains("SIGTERM received: warm shutdown"), out);
        assertTrue(out.contains("Warm shutdown: no new tasks"), out);
        assertTrue(out.contains("Worker e2e@test stopped."), out);
    }
}
