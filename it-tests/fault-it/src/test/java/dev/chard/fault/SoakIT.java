package dev.chard.fault;

import dev.chard.engine.Engine;
import dev.chard.testsupport.JavaProcess;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Steady load for {@code soak.minutes} (default 10) over two workers, sampling every 10 s each worker's RSS
 * ({@code /proc/<pid>/status VmRSS}), its live heap ({@code jcmd <pid> GC.heap_info} right after
 * {@code jcmd <pid> GC.run}, so the figure is what survives a full collection, not garbage waiting for one) and Redis
 * {@code used_memory}. Samples go to {@code target/soak.csv}. Asserts that the average of the last quarter is within
 * 20 % of the second quarter's (the first quarter is warm-up). Not in the default build:
 * {@code mvn -o verify -pl it-tests/fault-app,it-tests/fault-it -Psoak -Dsoak.minutes=10}.
 */
class SoakIT {

    static final double ALLOWED_GROWTH = 0.20;
    static final long SAMPLE_MS = 10_000;

    @Test
    void memoryStaysFlatUnderSteadyLoad() throws Exception {
        double minutes = Double.parseDouble(System.getProperty("soak.minutes", "10"));
        long durationMs = (long) (minutes * 60_000);
        Path csv = Path.of("target", "soak.csv").toAbsolutePath();
        List<long[]> samples = new ArrayList<>(); // t_s, rss1, heap1, rss2, heap2, redis, sent, done
        try (FaultCluster cluster = FaultCluster.start("SoakIT", false)) {
            // results expire after 30 s (the task's resultExpires), so Redis holds a steady window of them
            JavaProcess w1 = cluster.launchWorker("s1", "-c", "4");
            JavaProcess w2 = cluster.launchWorker("s2", "-c", "4");
            cluster.awaitReady("s1", w1);
            cluster.awaitReady("s2", w2);
            Engine producer = cluster.producer(Map.of());
            long[] sent = {0};
            Thread load = new Thread(() -> {
                // about 200 tasks/s in bursts of 20 every 100 ms
                int n = 0;
                while (!Thread.currentThread().isInterrupted()) {
                    long t = System.nanoTime();
                    for (int i = 0; i < 20; i++) {
                        try {
                            producer.client().send(FaultCluster.TASKS + "steady", n++);
                            sent[0]++;
                        } catch (RuntimeException e) {
                            System.out.println("FAULT soak: send failed: " + e);
                        }
                    }
                    long left = 100 - FaultCluster.ms(t);
                    if (left > 0) {
                        try {
                            Thread.sleep(left);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
            }, "soak-load");
            load.setDaemon(true);
            long start = System.nanoTime();
            load.start();
            List<String> lines = new ArrayList<>(List.of("t_s,s1_rss_kb,s1_heap_live_kb,s2_rss_kb,s2_heap_live_kb,redis_used_memory_b,sent"));
            try {
                while (FaultCluster.ms(start) < durationMs) {
                    Thread.sleep(SAMPLE_MS);
                    long[] s = {FaultCluster.ms(start) / 1000, rssKb(w1.pid()), liveHeapKb(w1.pid()), rssKb(w2.pid()),
                            liveHeapKb(w2.pid()), usedMemory(cluster), sent[0]};
                    samples.add(s);
                    StringBuilder line = new StringBuilder();
                    for (int i = 0; i < s.length; i++) {
                        line.append(i == 0 ? "" : ",").append(s[i]);
                    }
                    lines.add(line.toString());
                    Files.write(csv, lines);
                    System.out.println("FAULT soak: " + line);
                }
            } finally {
                load.interrupt();
                load.join(10_000);
            }
            assertTrue(w1.isAlive() && w2.isAlive(), "both workers survived the soak");
            String pending = cluster.leftovers();
            System.out.println("FAULT soak: queue at the end: " + pending);
        }
        String[] names = {"", "s1 RSS", "s1 live heap", "s2 RSS", "s2 live heap", "Redis used_memory"};
        List<String> problems = new ArrayList<>();
        int q = samples.size() / 4;
        assertTrue(q >= 1, "too few samples: " + samples.size());
        for (int col = 1; col <= 5; col++) {
            double second = avg(samples.subList(q, 2 * q), col);
            double last = avg(samples.subList(samples.size() - q, samples.size()), col);
            double growth = (last - second) / second;
            System.out.printf("FAULT soak: %s: second-quarter average %.0f, last-quarter average %.0f (%+.1f %%)%n",
                    names[col], second, last, growth * 100);
            if (growth > ALLOWED_GROWTH) {
                problems.add(names[col] + " grew " + String.format("%+.1f %%", growth * 100));
            }
        }
        System.out.println("FAULT soak: samples in " + csv);
        assertTrue(problems.isEmpty(), "memory not flat: " + problems + "; see " + csv);
    }

    private static double avg(List<long[]> rows, int col) {
        return rows.stream().mapToLong(r -> r[col]).average().orElse(0);
    }

    private static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    /** Heap used after a full GC: the sum of the "used NK" figures of GC.heap_info's generation lines. */
    private static long liveHeapKb(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        long kb = 0;
        for (String line : info.split("\\R")) {
            String t = line.strip();
            if (t.startsWith("def new generation") || t.startsWith("tenured generation")) {
                Matcher m = USED.matcher(t);
                if (m.find()) {
                    kb += Long.parseLong(m.group(1));
                }
            }
        }
        return kb;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    private static long usedMemory(FaultCluster cluster) {
        String info = (String) cluster.broker.call("INFO", "memory");
        for (String line : info.split("\\R")) {
            if (line.startsWith("used_memory:")) {
                return Long.parseLong(line.substring("used_memory:".length()).strip());
            }
        }
        return -1;
    }
}
