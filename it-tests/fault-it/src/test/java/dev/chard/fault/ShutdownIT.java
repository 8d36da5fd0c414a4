package dev.chard.fault;

import dev.chard.api.TaskOptions;
import dev.chard.engine.Engine;
import dev.chard.testsupport.JavaProcess;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SIGTERM lets long tasks finish (exit 0); SIGKILL makes them run again on another worker, which they can see. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ShutdownIT {

    static final long TASK_MS = 4_000;
    static FaultCluster cluster;
    static Engine producer;

    @BeforeAll
    static void start() {
        cluster = FaultCluster.start("ShutdownIT", false);
        producer = cluster.producer(Map.of());
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void sigtermLetsRunningLongTasksFinishAndExitsZero() throws Exception {
        JavaProcess w = cluster.startWorker("term", "-Q", "term", "-c", "2");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ids.add(producer.client().send(FaultCluster.TASKS + "slow", List.of(TASK_MS), Map.of(), TaskOptions.defaults().queue("term")).id());
        }
        awaitStarted(ids, Duration.ofSeconds(30));
        long termAt = System.nanoTime();
        w.signalTerm();
        int code = w.waitFor(Duration.ofSeconds(60));
        long exitMs = FaultCluster.ms(termAt);
        assertEquals(0, code, "exit code after SIGTERM; log " + w.logFile());
        Map<String, JsonObject> results = cluster.results(ids);
        for (String id : ids) {
            JsonObject r = results.get(id);
            assertNotNull(r, "no result for " + id);
            assertEquals("SUCCESS", r.getString("state"), r.toString());
            assertEquals(1, r.getInt("result"), "delivered once");
            assertEquals("term", r.getString("worker"));
        }
        assertTrue(w.output().contains("Handed back 0 task(s)"), "nothing handed back: " + w.logFile());
        System.out.printf("FAULT shutdown: SIGTERM with 2 tasks of %d ms running: both SUCCESS on the same worker (delivery 1),"
                + " exit code 0, %d ms after the signal%n", TASK_MS, exitMs);
    }

    @Test
    void sigkillMakesRunningTasksRunAgainOnAnotherWorkerWithTheirDeliveryCount() throws Exception {
        JavaProcess a = cluster.launchWorker("ka", "-Q", "kill", "-c", "2");
        JavaProcess b = cluster.launchWorker("kb", "-Q", "kill", "-c", "2");
        cluster.awaitReady("ka", a);
        cluster.awaitReady("kb", b);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ids.add(producer.client().send(FaultCluster.TASKS + "slow", List.of(TASK_MS), Map.of(), TaskOptions.defaults().queue("kill")).id());
        }
        Map<String, String> firstWorker = awaitStarted(ids, Duration.ofSeconds(30));
        String victim = firstWorker.get(ids.get(0));
        String survivor = victim.equals("ka") ? "kb" : "ka";
        long killedAt = System.nanoTime();
        cluster.kill9(victim);
        Map<String, JsonObject> results = cluster.awaitFinal(ids, Duration.ofSeconds(60));
        long doneMs = FaultCluster.ms(killedAt);
        for (String id : ids) {
            JsonObject r = results.get(id);
            assertNotNull(r, "no final state for " + id);
            assertEquals("SUCCESS", r.getString("state"), r.toString());
            if (firstWorker.get(id).equals(victim)) {
                assertEquals(2, r.getInt("result"), "the task killed with its worker reports deliveryCount 2: " + r);
                assertEquals(survivor, r.getString("worker"), "it ran again on the other worker");
            } else {
                assertEquals(1, r.getInt("result"));
            }
        }
        List<String> starts = cluster.recorded("fault:started").stream().filter(e -> ids.contains(e.split(" ")[0])).toList();
        System.out.printf("FAULT shutdown: SIGKILL of %s with %d-ms tasks running: executions %s; all SUCCESS %d ms after the kill%n",
                victim, TASK_MS, starts, doneMs);
        assertTrue(starts.stream().anyMatch(e -> e.endsWith(survivor + " 2")), "a redelivery (delivery 2) on " + survivor + ": " + starts);
    }

    /**
     * A worker running short tasks reserves more than its threads ({@code chard.worker.prefetch-window}); a warm
     * shutdown does not start what it reserved but hands it back, and those tasks run once, on another worker.
     */
    @Test
    void sigtermHandsBackReservedTasksThatHadNotStartedAndTheyRunOnceElsewhere() throws Exception {
        // a window of 1 s: the short tasks here take 1-2 ms each (a recorder write, two log lines), and all 10 must fit
        cluster.workerConfig("chard.worker.prefetch-window", "1s");
        JavaProcess w = cluster.startWorker("res", "-Q", "reserve", "-c", "1");
        cluster.workerConfig("chard.worker.prefetch-window", "10ms"); // the default, for the workers started later
        TaskOptions onQueue = TaskOptions.defaults().queue("reserve");
        List<String> warm = new ArrayList<>();
        for (int i = 0; i < 50; i++) { // short tasks: the worker learns their duration, and reserves ahead
            warm.add(producer.client().send(FaultCluster.TASKS + "work", List.of(i, 0), Map.of(), onQueue).id());
        }
        cluster.awaitFinal(warm, Duration.ofSeconds(30));
        String slow = producer.client().send(FaultCluster.TASKS + "slow", List.of(TASK_MS), Map.of(), onQueue).id();
        awaitStarted(List.of(slow), Duration.ofSeconds(30));
        List<String> reserved = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            reserved.add(producer.client().send(FaultCluster.TASKS + "work", List.of(i, 0), Map.of(), onQueue).id());
        }
        String inflight = FaultCluster.PREFIX + ":{reserve}:inflight:" + cluster.instance("res");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while ((Long) cluster.broker.call("HLEN", inflight) < 11 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(11L, cluster.broker.call("HLEN", inflight), () -> "the slow task and the 10 short ones behind it are held: "
                + cluster.broker.call("HLEN", inflight) + " held; log " + w.logFile());
        w.signalTerm();
        assertEquals(0, w.waitFor(Duration.ofSeconds(60)), "exit code after SIGTERM; log " + w.logFile());
        assertTrue(w.output().contains("10 reserved task(s) not started: handing them back"), w.logFile().toString());
        assertTrue(w.output().contains("Handed back 10 task(s)"), w.logFile().toString());
        assertEquals("SUCCESS", cluster.results(List.of(slow)).get(slow).getString("state"), "the running task finished");

        cluster.startWorker("res2", "-Q", "reserve", "-c", "1");
        Map<String, JsonObject> results = cluster.awaitFinal(reserved, Duration.ofSeconds(30));
        Map<String, Integer> starts = cluster.countsById("fault:started");
        for (String id : reserved) {
            assertEquals("SUCCESS", results.get(id).getString("state"), results.get(id).toString());
            assertEquals("res2", results.get(id).getString("worker"), "run by the other worker, not the stopping one");
            assertEquals(1, starts.get(id), "ran once: " + id);
        }
        System.out.println("FAULT shutdown: SIGTERM with 1 task running and 10 reserved: the 10 handed back unstarted, each run once on res2");
    }

    /** Waits until each id has started; returns id -> the worker that started it first. */
    private Map<String, String> awaitStarted(List<String> ids, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, String> out = new HashMap<>();
        while (out.size() < ids.size()) {
            for (String e : cluster.recorded("fault:started")) {
                String[] f = e.split(" ");
                if (ids.contains(f[0])) {
                    out.putIfAbsent(f[0], f[1]);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("started: " + out + " of " + ids);
            }
            Thread.sleep(20);
        }
        return out;
    }
}
