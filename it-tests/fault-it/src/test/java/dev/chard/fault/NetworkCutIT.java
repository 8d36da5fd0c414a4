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
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Workers and the producer reach Redis through a {@link dev.chard.testsupport.TcpProxy}. The connection is cut for 10 s
 * (every connection reset, new ones refused), then black-holed for 4 s (connections accepted, nothing answered: only
 * {@code chard.redis.timeout} ends a wait), while a producer sends steadily and two workers run tasks.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class NetworkCutIT {

    static final long TIMEOUT_MS = 1_000;
    /** The "small margin" over chard.redis.timeout a failing send may take, on a loaded two-core machine. */
    static final long MARGIN_MS = 1_000;
    static final long RESUME_BOUND_MS = 20_000;

    static FaultCluster cluster;

    @BeforeAll
    static void start() {
        cluster = FaultCluster.startWithTwoWorkers("NetworkCutIT", true);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void producersFailFastAndClearlyDuringACutWorkersResumeAfterItAndNothingAcceptedIsLost() throws Exception {
        Engine producer = cluster.producer(Map.of("chard.redis.timeout", TIMEOUT_MS + "ms"));
        List<String> accepted;
        long cutAt;
        long restoredAt;
        long holeAt;
        long holeRestoredAt;
        Map<String, Long> resumedAfterCut;
        Map<String, Long> resumedAfterHole;
        List<SteadyProducer.Failure> duringCut;
        List<SteadyProducer.Failure> duringHole;
        List<SteadyProducer.Failure> all;
        try (SteadyProducer steady = new SteadyProducer(producer, 10, 20)) {
            Thread.sleep(3_000);
            cutAt = System.nanoTime();
            cluster.proxy.cut();
            Thread.sleep(10_000);
            cluster.proxy.restore();
            restoredAt = System.nanoTime();
            resumedAfterCut = RedisRestartIT.awaitEachWorkerStartsATask(cluster, steady, restoredAt, RESUME_BOUND_MS + 10_000);
            Thread.sleep(2_000);

            holeAt = System.nanoTime();
            cluster.proxy.blackhole();
            Thread.sleep(4_000);
            cluster.proxy.restore();
            holeRestoredAt = System.nanoTime();
            resumedAfterHole = RedisRestartIT.awaitEachWorkerStartsATask(cluster, steady, holeRestoredAt, RESUME_BOUND_MS + 10_000);
            Thread.sleep(2_000);
            steady.stop();
            accepted = new ArrayList<>(steady.accepted);
            duringCut = steady.failuresBetween(cutAt, restoredAt);
            duringHole = steady.failuresBetween(holeAt, holeRestoredAt);
            all = new ArrayList<>(steady.failures);
        }

        report("cut (connections reset, new ones refused) for 10 s", duringCut);
        report("black hole (nothing answered) for 4 s", duringHole);
        System.out.printf("FAULT network: time from the end of the cut to each worker starting a task sent after it: %s ms;"
                + " after the black hole: %s ms%n", resumedAfterCut, resumedAfterHole);
        assertFalse(duringCut.isEmpty(), "no send failed during the 10 s cut");
        assertFalse(duringHole.isEmpty(), "no send failed during the black hole");
        for (SteadyProducer.Failure f : all) {
            BrokerUnavailableException e = assertInstanceOf(BrokerUnavailableException.class, f.error(), SteadyProducer.describe(f.error()));
            assertEquals("CHARD-03001", e.code());
            assertTrue(e.getMessage().contains("chard.redis.timeout") || e.getMessage().contains("chard.broker.url"),
                    "names the setting to check: " + e.getMessage());
            assertTrue(f.latencyMs() <= TIMEOUT_MS + MARGIN_MS, "a send failed only after " + f.latencyMs()
                    + " ms (chard.redis.timeout " + TIMEOUT_MS + " ms + margin " + MARGIN_MS + " ms): " + SteadyProducer.describe(e));
        }
        resumedAfterCut.forEach((w, ms) -> assertTrue(ms <= RESUME_BOUND_MS, w + " resumed after " + ms + " ms"));
        resumedAfterHole.forEach((w, ms) -> assertTrue(ms <= RESUME_BOUND_MS, w + " resumed after " + ms + " ms"));

        Map<String, JsonObject> results = cluster.awaitFinal(accepted, Duration.ofSeconds(90));
        List<String> lost = new ArrayList<>();
        results.forEach((id, r) -> {
            if (r == null || !"SUCCESS".equals(r.getString("state"))) {
                lost.add(id + "=" + r);
            }
        });
        Map<String, Integer> started = cluster.countsById("fault:started");
        int dup = accepted.stream().mapToInt(id -> Math.max(0, started.getOrDefault(id, 0) - 1)).sum();
        System.out.printf("FAULT network: %d sends accepted, %d failed; %d of the accepted SUCCESS; duplicate executions %d;"
                        + " queue afterwards: %s%n", accepted.size(), all.size(), accepted.size() - lost.size(), dup,
                cluster.leftovers());
        assertTrue(lost.isEmpty(), lost.size() + " accepted task(s) not SUCCESS: " + lost.subList(0, Math.min(5, lost.size())));
    }

    private static void report(String phase, List<SteadyProducer.Failure> failures) {
        LongSummaryStatistics s = failures.stream().mapToLong(SteadyProducer.Failure::latencyMs).summaryStatistics();
        System.out.printf("FAULT network: %s: %d failed sends, latency min %d / avg %.0f / max %d ms (chard.redis.timeout %d ms);"
                        + " e.g. %s%n", phase, failures.size(), s.getMin(), s.getAverage(), s.getMax(), TIMEOUT_MS,
                failures.isEmpty() ? "-" : SteadyProducer.describe(failures.get(0).error()));
    }
}
