package dev.chard.fault;

import dev.chard.engine.Engine;
import dev.chard.testsupport.JavaProcess;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 5,000 tasks over two worker processes; one of them is killed with SIGKILL three times while it runs tasks, and
 * restarted each time. Heartbeat timeout 3 s (interval 1 s, the default).
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class KillNineIT {

    static final int TASKS = 5_000;
    static final long TASK_MS = 30;
    static final double[] KILL_AT = {0.10, 0.35, 0.60};

    static FaultCluster cluster;

    @BeforeAll
    static void start() {
        cluster = FaultCluster.startWithTwoWorkers("KillNineIT", false);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void fiveThousandTasksThroughThreeKill9sAllSucceedExactlyOnceInTheBackendAndNoneIsLost() throws Exception {
        Engine producer = cluster.producer(Map.of());
        long start = System.nanoTime();
        List<String> ids = new ArrayList<>(TASKS);
        for (int i = 0; i < TASKS; i++) {
            ids.add(producer.client().send(FaultCluster.TASKS + "work", i, TASK_MS).id());
        }
        System.out.printf("FAULT kill9: %d tasks sent in %d ms%n", TASKS, FaultCluster.ms(start));

        List<Set<String>> inflightAtKill = new ArrayList<>();
        List<Long> recoveryMs = new ArrayList<>();
        for (int k = 0; k < KILL_AT.length; k++) {
            long threshold = (long) (TASKS * KILL_AT[k]);
            long waitStart = System.nanoTime();
            while (cluster.recordedCount("fault:finished") < threshold) {
                assertTrue(FaultCluster.ms(waitStart) < 120_000, "no progress to " + threshold + " finished tasks");
                Thread.sleep(20);
            }
            String victim = cluster.instance("w1");
            long finishedAtKill = cluster.recordedCount("fault:finished");
            long killedAt = System.nanoTime();
            cluster.kill9("w1");
            long killMs = FaultCluster.ms(killedAt);
            // the process is gone: its in-flight set is frozen until another worker's heartbeat reclaims it
            Set<String> held = heldBy(victim);
            assertFalse(held.isEmpty(), "kill " + (k + 1) + ": w1 held no task when it was killed (not mid-run)");
            assertTrue(finishedAtKill < TASKS, "kill " + (k + 1) + " came after the run ended");
            inflightAtKill.add(held);
            // restart at once, as a supervisor would; its start-up overlaps the wait for reclaim
            JavaProcess restarted = cluster.launchWorker("w1");
            long recovered = awaitRunningElsewhere(held, victim, killedAt, Duration.ofSeconds(60));
            recoveryMs.add(recovered);
            System.out.printf("FAULT kill9: kill %d of w1 (%s) after %d finished tasks (SIGKILL took %d ms): %d task(s) in"
                    + " flight; all running elsewhere or done %d ms after the kill%n", k + 1, victim, finishedAtKill, killMs,
                    held.size(), recovered);
            cluster.awaitReady("w1", restarted);
        }

        Map<String, JsonObject> results = cluster.awaitFinal(ids, Duration.ofSeconds(180));
        long done = FaultCluster.ms(start);
        List<String> notSuccess = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            JsonObject r = results.get(ids.get(i));
            if (r == null || !"SUCCESS".equals(r.getString("state")) || r.getInt("result") != i) {
                notSuccess.add(ids.get(i) + "=" + r);
            }
        }
        assertTrue(notSuccess.isEmpty(), notSuccess.size() + " task(s) not SUCCESS with their own value, e.g. "
                + notSuccess.subList(0, Math.min(5, notSuccess.size())) + "; queue: " + cluster.leftovers());

        Map<String, Integer> started = cluster.countsById("fault:started");
        Map<String, Integer> finished = cluster.countsById("fault:finished");
        Set<String> killedIds = new HashSet<>();
        inflightAtKill.forEach(killedIds::addAll);
        int startedDup = 0;
        int finishedDup = 0;
        List<String> unexplained = new ArrayList<>();
        for (String id : ids) {
            int s = started.getOrDefault(id, 0);
            int f = finished.getOrDefault(id, 0);
            assertTrue(s >= 1 && f >= 1, "task " + id + " SUCCESS but recorded " + s + " start(s), " + f + " end(s)");
            startedDup += s - 1;
            finishedDup += f - 1;
            if (s > 1 && !killedIds.contains(id)) {
                unexplained.add(id);
            }
        }
        assertEquals(TASKS, started.keySet().stream().filter(ids::contains).count());
        String left = cluster.leftovers();
        System.out.printf("FAULT kill9: all %d SUCCESS (each result record once, with its own value) %d ms after the first"
                        + " send; executions started %d (duplicates %d), completed %d (duplicates %d); in flight at the"
                        + " kills %s; duplicates not explained by a kill: %d %s; queue afterwards: %s%n", TASKS, done,
                started.values().stream().mapToInt(Integer::intValue).sum(), startedDup,
                finished.values().stream().mapToInt(Integer::intValue).sum(), finishedDup,
                inflightAtKill.stream().map(Set::size).toList(), unexplained.size(),
                unexplained.subList(0, Math.min(5, unexplained.size())), left);
        System.out.printf("FAULT kill9: kill -9 to in-flight tasks running elsewhere (ms): %s%n", recoveryMs);
        assertTrue(startedDup <= killedIds.size() + unexplained.size(), "duplicates are bounded by the killed in-flight tasks");
        assertEquals("ready=0 delayed=0 messages=0 inflightIds=0 dead=0", left, "nothing left behind in Redis");
        for (long r : recoveryMs) {
            // 3 s heartbeat timeout + 1 s beat interval + start-up of the task elsewhere; generous for a loaded machine
            assertTrue(r < 30_000, "in-flight tasks of the killed worker ran elsewhere only after " + r + " ms");
        }
    }

    /** The ids in a worker instance's inflight hash. */
    private Set<String> heldBy(String instance) {
        Set<String> out = new HashSet<>();
        for (Object o : (List<?>) cluster.broker.call("HKEYS", FaultCluster.key("inflight:" + instance))) {
            out.add((String) o);
        }
        return out;
    }

    /**
     * Polls each id until another worker instance holds it (running there) or its message is gone (done); returns
     * the time from {@code killedAt} until that holds for every id.
     */
    private long awaitRunningElsewhere(Set<String> held, String victim, long killedAt, Duration timeout) throws InterruptedException {
        Set<String> waiting = new HashSet<>(held);
        long deadline = killedAt + timeout.toNanos();
        while (!waiting.isEmpty()) {
            Set<String> elsewhere = new HashSet<>();
            for (Object k : (List<?>) cluster.broker.call("KEYS", FaultCluster.key("inflight:") + "*")) {
                if (!k.equals(FaultCluster.key("inflight:" + victim))) {
                    for (Object id : (List<?>) cluster.broker.call("HKEYS", (String) k)) {
                        elsewhere.add((String) id);
                    }
                }
            }
            waiting.removeIf(id -> elsewhere.contains(id)
                    || (Long) cluster.broker.call("HEXISTS", FaultCluster.key("msgs"), id) == 0);
            if (System.nanoTime() > deadline) {
                throw new AssertionError(waiting.size() + " task(s) of the killed worker " + victim + " not running elsewhere after "
                        + timeout + ": " + waiting + "; queue: " + cluster.leftovers());
            }
            Thread.sleep(10);
        }
        return FaultCluster.ms(killedAt);
    }
}
