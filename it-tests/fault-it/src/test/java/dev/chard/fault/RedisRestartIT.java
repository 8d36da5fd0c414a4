package dev.chard.fault;

import dev.chard.api.BrokerUnavailableException;
import dev.chard.engine.Engine;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The broker's redis-server runs with {@code appendonly yes} and {@code appendfsync always}; it is killed (SIGKILL)
 * while a producer sends and two workers run tasks, and restarted on the same port and directory a second later.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RedisRestartIT {

    /** Stated bound: each worker runs tasks again within this long of Redis answering again. */
    static final long RESUME_BOUND_MS = 20_000;

    static FaultCluster cluster;

    @BeforeAll
    static void start() {
        cluster = FaultCluster.startWithTwoWorkers("RedisRestartIT", false, "--appendonly", "yes", "--appendfsync", "always");
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void appendOnlyRedisKilledAndRestartedLosesNoAcceptedTaskAndWorkersResumeOnTheirOwn() throws Exception {
        Engine producer = cluster.producer(Map.of("chard.redis.timeout", "1s"));
        List<String> accepted;
        List<SteadyProducer.Failure> failed;
        long killedAt;
        long backAt;
        long firstAcceptedAfterMs;
        try (SteadyProducer steady = new SteadyProducer(producer, 5, 20)) {
            Thread.sleep(4_000);
            int acceptedBefore = steady.accepted.size();
            long startedBefore = cluster.recordedCount("fault:started");
            killedAt = System.nanoTime();
            cluster.broker.kill();
            Thread.sleep(1_000);
            cluster.broker.restart();
            backAt = System.nanoTime();
            long startedAtRestart = cluster.recordedCount("fault:started");
            System.out.printf("FAULT redis-restart: killed redis-server after %d accepted sends (%d executions started); it"
                            + " answers PING again %d ms after the kill (%d executions started meanwhile: tasks already"
                            + " running)%n", acceptedBefore, startedBefore, FaultCluster.ms(killedAt), startedAtRestart - startedBefore);
            Map<String, Long> resumed = awaitEachWorkerStartsATask(cluster, steady, backAt, RESUME_BOUND_MS + 10_000);
            System.out.printf("FAULT redis-restart: time from Redis answering again to each worker starting a task: %s ms%n", resumed);
            resumed.forEach((w, ms) -> assertTrue(ms <= RESUME_BOUND_MS,
                    "worker " + w + " resumed " + ms + " ms after the restart (bound " + RESUME_BOUND_MS + " ms)"));
            firstAcceptedAfterMs = -1;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (firstAcceptedAfterMs < 0 && System.nanoTime() < deadline) {
                synchronized (steady.accepted) {
                    for (long at : steady.acceptedAtNanos) {
                        if (at >= backAt) {
                            firstAcceptedAfterMs = (at - backAt) / 1_000_000;
                            break;
                        }
                    }
                }
                Thread.sleep(20);
            }
            Thread.sleep(3_000);
            steady.stop();
            accepted = new ArrayList<>(steady.accepted);
            failed = new ArrayList<>(steady.failures);
        }
        System.out.printf("FAULT redis-restart: producer: %d sends accepted, %d failed (all during the outage); first send"
                + " accepted %d ms after the restart%n", accepted.size(), failed.size(), firstAcceptedAfterMs);
        for (SteadyProducer.Failure f : failed) {
            assertInstanceOf(BrokerUnavailableException.class, f.error(), SteadyProducer.describe(f.error()));
            assertTrue(f.atNanos() >= killedAt - 2_000_000_000L && f.atNanos() < backAt + 2_000_000_000L,
                    "a send failed outside the outage: " + SteadyProducer.describe(f.error()));
        }

        Map<String, JsonObject> results = cluster.awaitFinal(accepted, Duration.ofSeconds(90));
        List<String> lost = new ArrayList<>();
        results.forEach((id, r) -> {
            if (r == null || !"SUCCESS".equals(r.getString("state"))) {
                lost.add(id + "=" + r);
            }
        });
        Map<String, Integer> started = cluster.countsById("fault:started");
        int dup = accepted.stream().mapToInt(id -> Math.max(0, started.getOrDefault(id, 0) - 1)).sum();
        System.out.printf("FAULT redis-restart: %d of %d accepted tasks SUCCESS; duplicate executions %d; queue afterwards: %s%n",
                accepted.size() - lost.size(), accepted.size(), dup, cluster.leftovers());
        assertTrue(lost.isEmpty(), lost.size() + " accepted task(s) not SUCCESS: " + lost.subList(0, Math.min(5, lost.size())));
    }

    /**
     * For w1 and w2: ms from {@code backAt} until the recorder shows it started a task that was sent after
     * {@code backAt} (so certainly fetched from Redis after it came back).
     */
    static Map<String, Long> awaitEachWorkerStartsATask(FaultCluster cluster, SteadyProducer steady, long backAt, long timeoutMs)
            throws InterruptedException {
        Map<String, Long> out = new java.util.TreeMap<>();
        while (out.size() < 2) {
            long now = FaultCluster.ms(backAt);
            java.util.Set<String> sentAfter = new java.util.HashSet<>();
            synchronized (steady.accepted) {
                for (int i = 0; i < steady.accepted.size(); i++) {
                    if (steady.acceptedAtNanos.get(i) >= backAt) {
                        sentAfter.add(steady.accepted.get(i));
                    }
                }
            }
            if (!sentAfter.isEmpty()) {
                for (String entry : cluster.recorded("fault:started")) {
                    String[] f = entry.split(" ");
                    if (sentAfter.contains(f[0])) {
                        out.putIfAbsent(f[1], now);
                    }
                }
            }
            if (now > timeoutMs) {
                throw new AssertionError("workers that ran a task sent after the restart: " + out.keySet() + " after " + now + " ms");
            }
            Thread.sleep(50);
        }
        return out;
    }
}
