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
