package dev.chard.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole harness on a tiny load (a few hundred tasks, one sweep point), so that it cannot rot: a private
 * redis-server, real worker processes, every figure, the CSV files and the plot. The benchmark itself never runs in
 * the default build.
 */
class BenchSmokeTest {

    @Test
    @Timeout(45)
    void everyFigureIsMeasuredOnATinyLoad(@TempDir Path out) throws Exception {
        long start = System.nanoTime();
        BenchOptions o = BenchOptions.parse("--tasks", "300", "--backlog", "300", "--warmup", "100", "--worker-warmup", "100", "--threads", "4",
                "--rt-samples", "100", "--sweep", "2", "--sweep-tasks", "200", "--worker-log-level", "warning",
                "--out", out.toString());
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        BenchMain.Report report;
        try (PrintStream ps = new PrintStream(text, true, StandardCharsets.UTF_8)) {
            report = BenchMain.run(o, ps);
        }
        String printed = text.toString(StandardCharsets.UTF_8);
        for (Figure f : Figure.ALL) {
            assertTrue(printed.contains("RESULT metric=" + f.name() + " value="), "no RESULT line for " + f.name() + ":\n" + printed);
            if (f != Figure.BULK && f != Figure.HEAP_GROWTH) {
                double v = report.median(f.name());
                assertTrue(v > 0 && Double.isFinite(v), f.name() + " = " + v + "\n" + printed);
            }
        }
        assertTrue(printed.contains("RESULT metric=sweep_c2_end_to_end value="), printed);
        // every task of the end-to-end figure ran: at least the enqueue, the fetch and the ack script
        assertTrue(report.median(Figure.COMMANDS.name()) >= 3, printed);
        assertEquals(2, Files.readAllLines(out.resolve("sweep.csv")).size());
        assertTrue(Files.size(out.resolve("sweep.png")) > 1000);
        assertTrue(Files.exists(out.resolve("results.csv")) && Files.exists(out.resolve("commandstats.csv")));
        System.out.println(printed);
        System.out.println("smoke run took " + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
    }
}
