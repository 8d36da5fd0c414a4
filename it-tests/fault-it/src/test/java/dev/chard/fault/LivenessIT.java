package dev.chard.fault;

import dev.chard.testsupport.JavaProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code chard alive --file} follows the worker: 0 while it runs, 1 while it is frozen (SIGSTOP), 1 after it exits. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class LivenessIT {

    static final String MAX_AGE = "3s";
    static FaultCluster cluster;

    @BeforeAll
    static void start() {
        cluster = FaultCluster.start("LivenessIT", false);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aliveIsZeroWhileTheWorkerRunsOneWhileItIsStoppedAndOneAfterItExits() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "fault-it").toAbsolutePath());
        Path file = dir.resolve("live-" + System.nanoTime());
        JavaProcess w = cluster.startWorker("live", "--liveness-file", file.toString());

        FaultCluster.CliRun running = alive(file);
        assertEquals(0, running.exitCode(), running.toString());

        FaultCluster.signal(w.pid(), "STOP");
        long stoppedAt = System.nanoTime();
        FaultCluster.CliRun frozen;
        try {
            Thread.sleep(5_000); // longer than --max-age 3s
            frozen = alive(file);
        } finally {
            FaultCluster.signal(w.pid(), "CONT");
        }
        long frozenMs = FaultCluster.ms(stoppedAt);
        assertEquals(1, frozen.exitCode(), frozen.toString());

        long contAt = System.nanoTime();
        FaultCluster.CliRun again = alive(file);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (again.exitCode() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            again = alive(file);
        }
        assertEquals(0, again.exitCode(), "live again after SIGCONT: " + again);
        long liveAgainMs = FaultCluster.ms(contAt);

        w.signalTerm();
        assertEquals(0, w.waitFor(Duration.ofSeconds(60)));
        FaultCluster.CliRun exited = alive(file);
        assertEquals(1, exited.exitCode(), exited.toString());
        System.out.printf("FAULT liveness: alive --max-age %s: running -> %d (%s); SIGSTOPped %d ms -> %d (%s); after SIGCONT -> 0"
                        + " within %d ms; after exit -> %d (%s)%n", MAX_AGE, running.exitCode(), firstLine(running),
                frozenMs, frozen.exitCode(), firstLine(frozen), liveAgainMs, exited.exitCode(), firstLine(exited));
    }

    private static FaultCluster.CliRun alive(Path file) {
        return cluster.cli("alive", "--file", file.toString(), "--max-age", MAX_AGE);
    }

    private static String firstLine(FaultCluster.CliRun run) {
        return run.output().lines().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
    }
}
