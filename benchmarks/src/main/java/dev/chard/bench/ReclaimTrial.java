package dev.chard.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.chard.bench.app.StressTasks;
import dev.chard.engine.Engine;
import dev.chard.engine.config.ChardConfig;
import dev.chard.engine.redis.Keys;
import dev.chard.engine.registry.TaskRegistry;
import dev.chard.testsupport.RedisServer;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.Tuple;

/**
 * The measurement behind the default of {@code chard.worker.heartbeat-timeout} ({@code chard-bench.jar reclaim}; raw
 * runs in {@code benchmarks/results/reclaim-*.txt}, figures in docs/reliability.md). Workers run with their default
 * heartbeat settings, so what is measured is what users get.
 *
 * <ol>
 *   <li><b>Reclaim latency</b>: a worker holding tasks is killed with SIGKILL, at a random moment of the other worker's
 *   heartbeat rhythm; the time until that other worker holds every one of them (they run there), {@code --kills}
 *   times.</li>
 *   <li><b>False reclaims under stress</b>: live workers with a small heap and tasks that churn it, Redis stalled by
 *   {@code DEBUG SLEEP} at intervals, and busy-loop processes on every core. No worker dies, so every reclaim (a
 *   worker's "Reclaimed" line, or its "declared dead" warning) is a false one. Also printed: the largest heartbeat age
 *   seen in Redis (how close a live worker came to the timeout: the longest time between two of its beats, by the Redis
 *   clock, which is what another worker's reclaim check compares with the timeout) and the longest GC pause of each
 *   worker.</li>
 * </ol>
 */
final class ReclaimTrial {

    private static final String QUEUE = "default";
    private static final Keys KEYS = new Keys("chard");
    private static final Pattern GC_PAUSE = Pattern.compile("Pause.* (\\d+\\.\\d+)ms");

    static final String USAGE = """
            usage: java -jar benchmarks/target/chard-bench.jar reclaim [options]
              --kills N           SIGKILLs of a worker holding tasks, each timed until another worker holds them (default 10)
              --stress-seconds N  length of the stress run; 0 skips it (default 180)
              --sleeps LIST       DEBUG SLEEP seconds during the stress run, in turn (default 1,2)
              --sleep-every N     seconds between two stalls (default 15)
              --hogs N            busy-loop processes during the stress run (default: 2 per CPU)
              --heap SIZE         -Xmx of the stress run's workers (default 32m)
              --workers N         workers of the stress run (default 3)
              --worker-jar FILE   default: worker-runner/target/chard-worker.jar
              --launcher FILE     default: worker-runner/bin/chard-worker
              --out DIR           worker logs and GC logs (default: benchmarks/target/reclaim-results)
            """;

    record Options(Path workerJar, Path launcher, Path outDir, int kills, int stressSeconds, List<Integer> sleeps,
                   int sleepEverySeconds, int hogs, String heap, int workers) {

        static Options parse(String... args) {
            Path workerJar = Path.of("worker-runner/target/chard-worker.jar");
            Path launcher = Path.of("worker-runner/bin/chard-worker");
            Path out = Path.of("benchmarks", "target", "reclaim-results");
            int kills = 10;
            int stress = 180;
            List<Integer> sleeps = List.of(1, 2);
            int every = 15;
            int hogs = 2 * Runtime.getRuntime().availableProcessors();
            String heap = "32m";
            int workers = 3;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                String v = i + 1 < args.length ? args[i + 1] : null;
                if (v == null) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                switch (a) {
                    case "--kills" -> kills = Integer.parseInt(v);
                    case "--stress-seconds" -> stress = Integer.parseInt(v);
                    case "--sleeps" -> sleeps = Arrays.stream(v.split(",")).map(String::trim).map(Integer::valueOf).toList();
                    case "--sleep-every" -> every = Integer.parseInt(v);
                    case "--hogs" -> hogs = Integer.parseInt(v);
                    case "--heap" -> heap = v;
                    case "--workers" -> workers = Integer.parseInt(v);
                    case "--worker-jar" -> workerJar = Path.of(v);
                    case "--launcher" -> launcher = Path.of(v);
                    case "--out" -> out = Path.of(v);
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
                i++;
            }
            return new Options(workerJar, launcher, out, kills, stress, sleeps, every, hogs, heap, workers);
        }
    }

    private final Options o;
    private final PrintStream out;
    private final WorkerLaunch launch;
    private final Path appJar;
    private String redisUrl;

    private ReclaimTrial(Options o, PrintStream out) throws IOException {
        this.o = o;
        this.out = out;
        Files.createDirectories(o.outDir());
        Path jar = Files.copy(o.workerJar(), o.outDir().resolve("chard-worker.jar"), StandardCopyOption.REPLACE_EXISTING);
        this.launch = new WorkerLaunch(o.launcher().toAbsolutePath(), jar, null);
        this.appJar = BenchApp.writeJar(o.outDir());
    }

    static void run(Options o, PrintStream out) throws Exception {
        Locale.setDefault(Locale.ROOT);
        new ReclaimTrial(o, out).run();
    }

    private void run() throws Exception {
        out.printf("# chard-bench reclaim: %d CPUs, Java %s, load average %s; workers: %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), loadAverage(), launch.describe());
        Jsonb jsonb = JsonbBuilder.create();
        try (RedisServer redis = RedisServer.start("--enable-debug-command", "yes");
             UnifiedJedis jedis = RedisClient.create("127.0.0.1", redis.port());
             Engine producer = Engine.start(ChardConfig.of(Map.of("chard.broker.url", redis.url(0))), TaskRegistry.empty(), jsonb)) {
            redisUrl = redis.url(0);
            ChardConfig defaults = ChardConfig.of(Map.of());
            out.printf("# worker defaults: chard.worker.heartbeat-interval=%s, chard.worker.heartbeat-timeout=%s%n",
                    defaults.raw(dev.chard.engine.config.ConfigKey.WORKER_HEARTBEAT_INTERVAL),
                    defaults.raw(dev.chard.engine.config.ConfigKey.WORKER_HEARTBEAT_TIMEOUT));
            if (o.kills() > 0) {
                reclaimLatency(redis, jedis, producer);
            }
            if (o.stressSeconds() > 0) {
                jedis.flushAll();
                stress(redis, jedis, producer);
            }
        } finally {
            jsonb.close();
        }
    }

    // ------------------------------------------------------------------ 1. reclaim latency

    private void reclaimLatency(RedisServer redis, UnifiedJedis jedis, Engine producer) throws Exception {
        out.println("# 1. reclaim latency: a worker holding 4 tasks (-c 4) is SIGKILLed; time until a second worker holds all 4");
        List<Double> latencies = new ArrayList<>();
        for (int n = 1; n <= o.kills(); n++) {
            jedis.flushAll();
            Path dir = o.outDir().resolve("kill" + n);
            try (WorkerProcess victim = start("victim", 4, List.of(), dir, jedis)) {
                String victimId = onlyWorker(jedis);
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    ids.add(producer.client().send(StressTasks.HOLD, 600_000L).id());
                }
                await(() -> jedis.hlen(KEYS.inflight(QUEUE, victimId)) == ids.size(), 30, "the victim to hold " + ids);
                try (WorkerProcess keeper = start("keeper", 8, List.of(), dir, jedis)) {
                    String keeperId = otherWorker(jedis, victimId);
                    // the keeper beats every interval from its start: a kill at a random moment of that rhythm, as a
                    // real crash comes (a kill right after its start would always fall at the same point of it)
                    Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(1_000, 3_000));
                    long redisNow = redisMillis(jedis);
                    Double lastBeat = jedis.zscore(KEYS.workers(QUEUE), victimId);
                    long t0 = System.nanoTime();
                    victim.kill();
                    Map<String, Long> takenAt = new LinkedHashMap<>();
                    long deadline = t0 + TimeUnit.SECONDS.toNanos(60);
                    while (takenAt.size() < ids.size() && System.nanoTime() < deadline) {
                        for (String id : ids) {
                            if (!takenAt.containsKey(id) && jedis.hexists(KEYS.inflight(QUEUE, keeperId), id)) {
                                takenAt.put(id, System.nanoTime() - t0);
                            }
                        }
                        Thread.sleep(5);
                    }
                    if (takenAt.size() < ids.size()) {
                        throw new IllegalStateException("kill " + n + ": only " + takenAt.size() + " of " + ids.size()
                                + " tasks reached the other worker within 60 s; logs in " + dir);
                    }
                    double first = takenAt.values().stream().mapToLong(Long::longValue).min().orElseThrow() / 1e6;
                    double last = takenAt.values().stream().mapToLong(Long::longValue).max().orElseThrow() / 1e6;
                    long age = lastBeat == null ? -1 : redisNow - lastBeat.longValue();
                    latencies.add(last);
                    out.printf("KILL n=%d latency_ms=%.0f first_ms=%.0f heartbeat_age_at_kill_ms=%d load=%s%n",
                            n, last, first, age, loadAverage());
                    keeper.kill();
                }
            }
        }
        latencies.sort(Double::compare);
        out.printf("RESULT metric=reclaim_latency_ms min=%.0f median=%.0f max=%.0f runs=%d%n", latencies.get(0),
                BenchMain.median(latencies), latencies.get(latencies.size() - 1), latencies.size());
    }

    // ------------------------------------------------------------------ 2. false reclaims under stress

    private void stress(RedisServer redis, UnifiedJedis jedis, Engine producer) throws Exception {
        out.printf("# 2. stress: %d workers (-c 2, -Xmx%s, churn tasks), DEBUG SLEEP %s every %d s, %d busy-loop processes,"
                        + " %d s%n", o.workers(), o.heap(), o.sleeps(), o.sleepEverySeconds(), o.hogs(), o.stressSeconds());
        Path dir = o.outDir().resolve("stress");
        List<WorkerProcess> workers = new ArrayList<>();
        List<Process> hogs = new ArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        Map<String, Long> maxAge = new java.util.concurrent.ConcurrentHashMap<>();
        Map<String, Long> lastBeat = new java.util.concurrent.ConcurrentHashMap<>();
        Map<String, Long> maxGap = new java.util.concurrent.ConcurrentHashMap<>();
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger stalls = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        Thread stopHogs = new Thread(() -> hogs.forEach(Process::destroyForcibly), "stop hogs");
        Runtime.getRuntime().addShutdownHook(stopHogs);
        try {
            for (int i = 1; i <= o.workers(); i++) {
                workers.add(start("s" + i, 2, List.of("-Xmx" + o.heap()), dir, jedis));
            }
            for (int i = 0; i < o.hogs(); i++) {
                hogs.add(new ProcessBuilder("sh", "-c", "while :; do :; done").redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start());
            }
            threads.add(thread("producer", () -> {
                long next = System.nanoTime();
                int i = 0;
                while (running.get()) {
                    try {
                        producer.client().send(i++ % 10 == 0 ? StressTasks.HOLD : StressTasks.CHURN, i % 10 == 1 ? 300L : 4);
                        sent.incrementAndGet();
                    } catch (RuntimeException e) {
                        // Redis stalled longer than the send timeout: the next send tries again
                    }
                    next += TimeUnit.MILLISECONDS.toNanos(20); // 50 tasks/s
                    sleepNanos(next - System.nanoTime());
                }
            }));
            threads.add(thread("monitor", () -> {
                try (UnifiedJedis m = RedisClient.create("127.0.0.1", redis.port())) {
                    while (running.get()) {
                        try {
                            long now = redisMillis(m);
                            for (Tuple t : m.zrangeWithScores(KEYS.workers(QUEUE), 0, -1)) {
                                long beat = (long) t.getScore();
                                maxAge.merge(t.getElement(), now - beat, Math::max);
                                Long before = lastBeat.put(t.getElement(), beat);
                                if (before != null && beat > before) {
                                    maxGap.merge(t.getElement(), beat - before, Math::max);
                                }
                            }
                        } catch (RuntimeException e) {
                            // a stall longer than the client's timeout: the next read measures the age it caused
                        }
                        sleepNanos(TimeUnit.MILLISECONDS.toNanos(50));
                    }
                }
            }));
            threads.add(thread("staller", () -> {
                int k = 0;
                while (running.get()) {
                    sleepNanos(TimeUnit.SECONDS.toNanos(o.sleepEverySeconds()));
                    if (!running.get()) {
                        break;
                    }
                    int s = o.sleeps().get(k++ % o.sleeps().size());
                    redis.call("DEBUG", "SLEEP", Integer.toString(s));
                    stalls.incrementAndGet();
                    out.printf("stall %d: DEBUG SLEEP %d (load %s)%n", stalls.get(), s, loadAverage());
                }
            }));
            threads.forEach(Thread::start);
            Thread.sleep(TimeUnit.SECONDS.toMillis(o.stressSeconds()));
        } finally {
            running.set(false);
            for (Thread t : threads) {
                t.join(30_000);
            }
            hogs.forEach(Process::destroyForcibly);
            Runtime.getRuntime().removeShutdownHook(stopHogs);
        }
        await(() -> producer.broker().pending(QUEUE) == 0, 120, "the queue to drain");
        Thread.sleep(2_000);
        for (WorkerProcess w : workers) {
            w.close();
        }
        int reclaimLines = 0;
        int declaredDead = 0;
        int redelivered = 0;
        int succeeded = 0;
        for (int i = 1; i <= o.workers(); i++) {
            String log = Files.readString(dir.resolve("s" + i + ".log"), StandardCharsets.UTF_8);
            int r = count(log, "Reclaimed ");
            int d = count(log, "declared dead");
            int rd = count(log, "received (delivery ");
            int ok = count(log, "] succeeded in ");
            double[] gc = gcPauses(dir.resolve("s" + i + "-gc.log"));
            reclaimLines += r;
            declaredDead += d;
            redelivered += rd;
            succeeded += ok;
            out.printf("WORKER s%d reclaim_lines=%d declared_dead_lines=%d redelivered=%d succeeded=%d gc_pauses=%.0f"
                    + " gc_max_pause_ms=%.1f gc_pauses_over_100ms=%.0f%n", i, r, d, rd, ok, gc[0], gc[1], gc[2]);
        }
        long worstAge = maxAge.values().stream().mapToLong(Long::longValue).max().orElse(-1);
        long worstGap = maxGap.values().stream().mapToLong(Long::longValue).max().orElse(-1);
        maxAge.forEach((w, age) -> out.printf("BEATS worker=%s max_gap_between_beats_ms=%d max_age_sampled_ms=%d%n", w,
                maxGap.getOrDefault(w, -1L), age));
        out.printf("RESULT metric=false_reclaims value=%d unit=reclaims stalls=%d sent=%d succeeded=%d redelivered=%d"
                        + " declared_dead=%d max_gap_between_beats_ms=%d max_age_sampled_ms=%d load=%s%n", reclaimLines, stalls.get(),
                sent.get(), succeeded, redelivered, declaredDead, worstGap, worstAge, loadAverage());
    }

    // ------------------------------------------------------------------ helpers

    private WorkerProcess start(String name, int concurrency, List<String> jvmArgs, Path dir, UnifiedJedis jedis) {
        return WorkerProcess.start(launch, appJar, redisUrl, concurrency, "info", jvmArgs, dir, name,
                id -> jedis.zscore(KEYS.workers(QUEUE), id) != null);
    }

    private static String onlyWorker(UnifiedJedis jedis) {
        List<String> ws = jedis.zrange(KEYS.workers(QUEUE), 0, -1);
        if (ws.size() != 1) {
            throw new IllegalStateException("expected one registered worker, found " + ws);
        }
        return ws.get(0);
    }

    private static String otherWorker(UnifiedJedis jedis, String not) {
        return jedis.zrange(KEYS.workers(QUEUE), 0, -1).stream().filter(w -> !w.equals(not)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the second worker is not registered"));
    }

    private static long redisMillis(UnifiedJedis jedis) {
        return (Long) jedis.eval("local t = redis.call('TIME') return t[1] * 1000 + math.floor(t[2] / 1000)");
    }

    /** Count of GC pauses, the longest (ms), and how many took over 100 ms, from an {@code -Xlog:gc} file. */
    private static double[] gcPauses(Path gcLog) {
        double[] r = new double[3];
        try {
            for (String line : Files.readAllLines(gcLog, StandardCharsets.UTF_8)) {
                Matcher m = GC_PAUSE.matcher(line);
                if (m.find()) {
                    double ms = Double.parseDouble(m.group(1));
                    r[0]++;
                    r[1] = Math.max(r[1], ms);
                    if (ms > 100) {
                        r[2]++;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return r;
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + "," + f[1] + "," + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private static Thread thread(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        return t;
    }

    private static void await(java.util.function.BooleanSupplier done, int seconds, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + seconds + " s waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    private static void sleepNanos(long nanos) {
        if (nanos <= 0) {
            return;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
