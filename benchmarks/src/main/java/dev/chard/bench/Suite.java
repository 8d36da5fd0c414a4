package dev.chard.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

import dev.chard.api.AsyncResult;
import dev.chard.bench.app.BenchTasks;
import dev.chard.engine.Engine;
import dev.chard.engine.config.ChardConfig;
import dev.chard.engine.redis.Keys;
import dev.chard.engine.registry.TaskRegistry;
import dev.chard.testsupport.RedisServer;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

/**
 * One repetition of every figure, on a private redis-server it starts and stops. The producer is an {@link Engine} in
 * this JVM (the typed path: the registry describes BenchTasks.add); the worker is a real {@code chard-worker.jar}
 * process. Each figure: a warm-up, then {@code CONFIG RESETSTAT} and snapshots of Redis and worker CPU around the
 * measured window.
 */
final class Suite {

    static final String QUEUE = "default";
    private static final Duration WAIT = Duration.ofMinutes(5);

    /** What one repetition measured. */
    static final class Run {
        final Map<String, Double> values = new LinkedHashMap<>();
        /** Phase name to command name to {calls, usec}. */
        final Map<String, Map<String, long[]>> commands = new LinkedHashMap<>();
        final Map<String, Long> phaseTasks = new LinkedHashMap<>();
        /** Concurrency to {end-to-end tasks/s, capacity tasks/s}. */
        final Map<Integer, double[]> sweep = new LinkedHashMap<>();
        final Map<String, Long> memorySamples = new LinkedHashMap<>();
        Histogram roundTrip;
    }

    private final BenchOptions o;
    private final PrintStream log;
    private final WorkerLaunch workerJar;
    private final Path appJar;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    Suite(BenchOptions options, WorkerLaunch workerJar, Path appJar, PrintStream log) {
        this.o = options;
        this.workerJar = workerJar;
        this.appJar = appJar;
        this.log = log;
    }

    Run run(int repetition) throws Exception {
        Run r = new Run();
        Jsonb jsonb = JsonbBuilder.create();
        RedisServer redis = RedisServer.start();
        Thread killRedis = new Thread(redis::kill, "kill redis-server"); // an interrupted benchmark leaves nothing behind
        Runtime.getRuntime().addShutdownHook(killRedis);
        try (redis; RedisProbe probe = new RedisProbe("127.0.0.1", redis.port())) {
            log.println("# repetition " + repetition + ": " + RedisProbe.fields(probe.info("server")).get("redis_version")
                    + " on port " + redis.port());
            String url = redis.url(0);
            TaskRegistry registry = BenchApp.registry();
            try (Engine producer = producer(url, registry, jsonb);
                 ResultCounter counter = new ResultCounter("127.0.0.1", redis.port(), new Keys("chard").resultChannel(0))) {
                enqueueOneThread(r, producer, probe);
                enqueueParallelFigure(r, producer, probe);
                bulkFigure(r, producer, probe);

                List<String> jvm = o.jfr() == null ? List.of()
                        : List.of("-XX:StartFlightRecording=filename=" + o.jfr().toAbsolutePath() + ",settings=profile,dumponexit=true");
                Path dir = o.outDir().resolve("rep" + repetition);
                try (WorkerProcess worker = WorkerProcess.start(workerJar, appJar, url, o.concurrency(), o.workerLogLevel(), jvm, dir, "bench-worker", probe::workerRegistered)) {
                    log.println("# worker pid " + worker.pid() + " (" + (o.concurrency() == null ? "default concurrency" : "-c " + o.concurrency())
                            + "), log " + worker.log());
                    coldEndToEndFigure(r, producer, counter, worker);                       // its first tasks after boot
                    capacity(producer, counter, probe, worker, o.workerWarmup(), null, null); // JIT warm-up under load, then
                    endToEnd(producer, counter, o.warmup());                                // at the figure's own pace
                    List<double[]> live = new ArrayList<>();
                    long liveT0 = System.nanoTime();
                    live.add(new double[] {0, worker.liveHeapMiB()});
                    endToEndFigure(r, producer, counter, probe, worker);
                    capacityFigure(r, producer, counter, probe, worker);
                    try (Engine rtProducer = producer(url, registry, jsonb)) {
                        roundTripFigure(r, rtProducer, probe);
                    }
                    soak(producer, counter, worker, live, liveT0);
                    live.add(new double[] {(System.nanoTime() - liveT0) / 1e9, worker.liveHeapMiB()});
                    r.values.put(Figure.WORKER_RSS.name(), worker.statusKb("VmHWM") / 1024.0);
                    r.values.put(Figure.HEAP_GROWTH.name(), slopePerMinute(live));
                    log.printf("worker live heap (after a full GC): %.1f MiB after warm-up, %.1f MiB %.0f s later%n",
                            live.get(0)[1], live.get(live.size() - 1)[1], live.get(live.size() - 1)[0]);
                }
                probe.flushAllAsync();
                for (int c : o.sweep()) {
                    r.sweep.put(c, sweepPoint(c, url, producer, counter, probe, repetition));
                }
            }
        } finally {
            jsonb.close();
            try {
                Runtime.getRuntime().removeShutdownHook(killRedis);
            } catch (IllegalStateException e) {
                // the JVM is exiting: the hook does it
            }
        }
        return r;
    }

    private Engine producer(String url, TaskRegistry registry, Jsonb jsonb) {
        return Engine.start(ChardConfig.of(Map.of("chard.broker.url", url, "chard.backend.url", url)), registry, jsonb);
    }

    // ---------------------------------------------------------------- figures

    private void enqueueOneThread(Run r, Engine producer, RedisProbe probe) {
        sendSequential(producer, o.warmup());
        probe.flushAll();
        probe.resetStats();
        RedisProbe.Snapshot before = probe.snapshot();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        sendSequential(producer, o.tasks());
        long t1 = System.nanoTime();
        long cpu1 = threads.getCurrentThreadCpuTime();
        RedisProbe.Snapshot after = probe.snapshot();
        r.values.put(Figure.ENQUEUE_1.name(), rate(o.tasks(), t1 - t0));
        r.values.put(Figure.PRODUCER_CPU.name(), (cpu1 - cpu0) / 1000.0 / o.tasks());
        recordRedis(r, "enqueue (1 thread)", before, after, o.tasks(), Figure.ENQUEUE_COMMANDS, Figure.ENQUEUE_REDIS_CPU);
        log.printf("enqueue, 1 thread: %,.0f tasks/s%n", r.values.get(Figure.ENQUEUE_1.name()));
        probe.flushAll();
    }

    private void enqueueParallelFigure(Run r, Engine producer, RedisProbe probe) throws Exception {
        sendParallel(producer, o.warmup());
        probe.flushAll();
        RedisProbe.Snapshot before = probe.snapshot();
        long t0 = System.nanoTime();
        sendParallel(producer, o.backlog());
        long t1 = System.nanoTime();
        RedisProbe.Snapshot after = probe.snapshot();
        r.values.put(Figure.ENQUEUE_16.name(), rate(o.backlog(), t1 - t0));
        // every task queued and none run: what one waiting task costs (its body, its ready entry, its PENDING record)
        r.values.put(Figure.REDIS_MEMORY.name(), (after.usedMemory() - before.usedMemory()) / (double) o.backlog());
        Keys keys = new Keys("chard");
        r.memorySamples.put("ready zset, per member", probe.memoryUsage(keys.ready(QUEUE)) / o.backlog());
        r.memorySamples.put("message bodies (msgs hash), per entry", probe.memoryUsage(keys.messages(QUEUE)) / o.backlog());
        log.printf("enqueue, %d threads: %,.0f tasks/s; %.0f bytes of Redis memory per queued task%n", o.threads(),
                r.values.get(Figure.ENQUEUE_16.name()), r.values.get(Figure.REDIS_MEMORY.name()));
        probe.flushAll();
        // one sample of the per-task key, for the breakdown in docs/benchmarks.md
        AsyncResult<Object> one = producer.client().send(BenchTasks.ADD, 1, 2);
        r.memorySamples.put("PENDING record (result:<id>)", probe.memoryUsage(keys.result(one.id())));
        r.memorySamples.put("message body, bytes", probe.bodyLength(keys.messages(QUEUE), one.id()));
        probe.flushAll();
    }

    /** One {@code sendBulk} call of five backlogs' worth of tasks (the client chunks it), after a warm-up of the same kind. */
    private void bulkFigure(Run r, Engine producer, RedisProbe probe) {
        sendBulk(producer, o.warmup());
        probe.flushAll();
        probe.resetStats();
        int n = o.backlog() * 5;
        RedisProbe.Snapshot before = probe.snapshot();
        long t0 = System.nanoTime();
        sendBulk(producer, n);
        long t1 = System.nanoTime();
        RedisProbe.Snapshot after = probe.snapshot();
        r.values.put(Figure.BULK.name(), rate(n, t1 - t0));
        r.commands.put("bulk enqueue", after.commandsSince(before));
        r.phaseTasks.put("bulk enqueue", (long) n);
        log.printf("bulk enqueue: %,.0f tasks/s (%,d tasks in one sendBulk call); %.1f us Redis CPU per task%n",
                r.values.get(Figure.BULK.name()), n, (after.cpuSeconds() - before.cpuSeconds()) * 1e6 / n);
        probe.flushAll();
    }

    private static void sendBulk(Engine producer, int n) {
        List<List<?>> argsList = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            argsList.add(List.of(i, 1));
        }
        producer.client().sendBulk(BenchTasks.ADD, argsList);
    }

    private void endToEndFigure(Run r, Engine producer, ResultCounter counter, RedisProbe probe, WorkerProcess worker) throws Exception {
        probe.resetStats();
        RedisProbe.Snapshot before = probe.snapshot();
        long w0 = worker.cpuNanos();
        double rate = endToEnd(producer, counter, o.tasks());
        long w1 = worker.cpuNanos();
        RedisProbe.Snapshot after = probe.snapshot();
        r.values.put(Figure.E2E.name(), rate);
        r.values.put(Figure.WORKER_CPU.name(), (w1 - w0) / 1000.0 / o.tasks());
        recordRedis(r, "end to end (1 producer thread)", before, after, o.tasks(), Figure.COMMANDS, Figure.REDIS_CPU);
        log.printf("end to end: %,.0f tasks/s; %.1f commands, %.1f us Redis CPU, %.0f us worker CPU per task%n", rate,
                r.values.get(Figure.COMMANDS.name()), r.values.get(Figure.REDIS_CPU.name()), r.values.get(Figure.WORKER_CPU.name()));
    }

    /**
     * End to end on a worker fresh from boot, before any warm-up: what a newly started (or autoscaled) worker gives while
     * its JIT compiles the task path. The figures after it are measured once that is done.
     */
    private void coldEndToEndFigure(Run r, Engine producer, ResultCounter counter, WorkerProcess worker) throws Exception {
        long w0 = worker.cpuNanos();
        double rate = endToEnd(producer, counter, o.tasks());
        long w1 = worker.cpuNanos();
        r.values.put(Figure.E2E_COLD.name(), rate);
        r.values.put(Figure.WORKER_CPU_COLD.name(), (w1 - w0) / 1000.0 / o.tasks());
        log.printf("end to end, fresh worker: %,.0f tasks/s; %.0f us worker CPU per task%n", rate, r.values.get(Figure.WORKER_CPU_COLD.name()));
    }

    private void capacityFigure(Run r, Engine producer, ResultCounter counter, RedisProbe probe, WorkerProcess worker) throws Exception {
        if (o.asyncProfiler() != null) {
            worker.startProfiler(o.asyncProfiler()); // before capacity() stops the worker to queue the backlog
        }
        double[] m = capacity(producer, counter, probe, worker, o.backlog(), r, "backlog drain");
        if (o.asyncProfiler() != null) {
            Path profile = worker.log().resolveSibling("drain-profile.collapsed");
            worker.stopProfiler(o.asyncProfiler(), profile);
            log.println("# async-profiler: the worker's CPU during the drain, collapsed stacks in " + profile);
        }
        r.values.put(Figure.CAPACITY.name(), m[0]);
        r.values.put(Figure.CAPACITY_WORKER_CPU.name(), m[1]);
        log.printf("worker capacity: %,.0f tasks/s; %.0f us worker CPU per task%n", m[0], m[1]);
    }

    private void roundTripFigure(Run r, Engine producer, RedisProbe probe) throws Exception {
        Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        for (int i = 0; i < Math.max(100, o.rtSamples() / 5); i++) {
            producer.client().send(BenchTasks.ADD, i, 1).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        probe.resetStats();
        RedisProbe.Snapshot before = probe.snapshot();
        for (int i = 0; i < o.rtSamples(); i++) {
            long t0 = System.nanoTime();
            Object v = producer.client().send(BenchTasks.ADD, i, 1).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            h.recordValue(System.nanoTime() - t0);
            if (!(v instanceof Number n) || n.intValue() != i + 1) {
                throw new IllegalStateException("add(" + i + ", 1) returned " + v);
            }
        }
        RedisProbe.Snapshot after = probe.snapshot();
        r.roundTrip = h;
        r.values.put(Figure.RT_P50.name(), h.getValueAtPercentile(50) / 1e6);
        r.values.put(Figure.RT_P99.name(), h.getValueAtPercentile(99) / 1e6);
        r.values.put(Figure.RT_P999.name(), h.getValueAtPercentile(99.9) / 1e6);
        recordRedis(r, "round trip (one at a time)", before, after, o.rtSamples(), Figure.RT_COMMANDS, null);
        log.printf("round trip: p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms%n", h.getValueAtPercentile(50) / 1e6,
                h.getValueAtPercentile(99) / 1e6, h.getValueAtPercentile(99.9) / 1e6, h.getMaxValue() / 1e6);
    }

    private double[] sweepPoint(int c, String url, Engine producer, ResultCounter counter, RedisProbe probe, int repetition) throws Exception {
        Path dir = o.outDir().resolve("rep" + repetition);
        try (WorkerProcess worker = WorkerProcess.start(workerJar, appJar, url, c, o.workerLogLevel(), List.of(), dir, "sweep-c" + c, probe::workerRegistered)) {
            // a fresh JVM: warm it as the main worker is warmed before its figures (its JIT compiles under load)
            capacity(producer, counter, probe, worker, o.workerWarmup(), null, null);
            endToEnd(producer, counter, o.warmup());
            double e2e = endToEnd(producer, counter, o.sweepTasks());
            double cap = capacity(producer, counter, probe, worker, o.sweepTasks(), null, null)[0];
            log.printf("sweep -c %d: end to end %,.0f tasks/s, capacity %,.0f tasks/s%n", c, e2e, cap);
            return new double[] {e2e, cap};
        } finally {
            probe.flushAll();
        }
    }

    // ---------------------------------------------------------------- building blocks

    /** One producer thread sends {@code n} tasks; returns tasks/s from the first send to the n-th stored result. */
    /**
     * {@code --soak-minutes}: end-to-end traffic for that long after the figures, the live heap sampled (a forced full
     * collection) about once a minute, so that its slope covers a long run and not the figures' forty seconds.
     */
    private void soak(Engine producer, ResultCounter counter, WorkerProcess worker, List<double[]> live, long t0) throws Exception {
        if (o.soakMinutes() <= 0) {
            return;
        }
        long end = System.nanoTime() + o.soakMinutes() * 60_000_000_000L;
        long nextSample = System.nanoTime() + 60_000_000_000L;
        long tasks = 0;
        while (System.nanoTime() < end) {
            endToEnd(producer, counter, 5_000);
            tasks += 5_000;
            if (System.nanoTime() >= nextSample) {
                live.add(new double[] {(System.nanoTime() - t0) / 1e9, worker.liveHeapMiB()});
                nextSample += 60_000_000_000L;
            }
        }
        log.printf("soak: %d minute(s), %,d tasks end to end, live heap samples (s, MiB): %s%n", o.soakMinutes(), tasks,
                live.stream().map(p -> String.format("(%.0f, %.1f)", p[0], p[1])).toList());
    }

    private double endToEnd(Engine producer, ResultCounter counter, int n) throws Exception {
        counter.reset();
        long t0 = System.nanoTime();
        sendSequential(producer, n);
        counter.await(n, WAIT);
        return rate(n, counter.lastNanos() - t0);
    }

    /**
     * The worker is stopped (SIGSTOP, so it stays warm), {@code n} tasks are queued, and it is let go: tasks/s from
     * SIGCONT to the n-th stored result, and worker CPU per task. With {@code r}, Redis figures are recorded too.
     */
    private double[] capacity(Engine producer, ResultCounter counter, RedisProbe probe, WorkerProcess worker, int n, Run r, String phase)
            throws Exception {
        worker.pause();
        try {
            sendParallel(producer, n);
        } finally {
            counter.reset();
            probe.resetStats();
        }
        RedisProbe.Snapshot before = probe.snapshot();
        long w0 = worker.cpuNanos();
        long t0 = System.nanoTime();
        worker.resume();
        counter.await(n, WAIT);
        long t1 = counter.lastNanos();
        long w1 = worker.cpuNanos();
        RedisProbe.Snapshot after = probe.snapshot();
        if (r != null) {
            recordRedis(r, phase, before, after, n, Figure.CAPACITY_COMMANDS, Figure.CAPACITY_REDIS_CPU);
        }
        return new double[] {rate(n, t1 - t0), (w1 - w0) / 1000.0 / n};
    }

    private static void sendSequential(Engine producer, int n) {
        for (int i = 0; i < n; i++) {
            producer.client().send(BenchTasks.ADD, i, 1);
        }
    }

    /** {@code n} sends from {@code threads} threads started together. */
    private void sendParallel(Engine producer, int n) throws Exception {
        int t = o.threads();
        ExecutorService pool = Executors.newFixedThreadPool(t);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int k = 0; k < t; k++) {
                int share = n / t + (k < n % t ? 1 : 0);
                done.add(pool.submit(() -> {
                    start.await();
                    sendSequential(producer, share);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void recordRedis(Run r, String phase, RedisProbe.Snapshot before, RedisProbe.Snapshot after, long tasks,
                                    Figure commands, Figure cpu) {
        Map<String, long[]> byName = after.commandsSince(before);
        r.commands.put(phase, byName);
        r.phaseTasks.put(phase, tasks);
        r.values.put(commands.name(), RedisProbe.Snapshot.totalCalls(byName) / (double) tasks);
        if (cpu != null) {
            r.values.put(cpu.name(), (after.cpuSeconds() - before.cpuSeconds()) * 1e6 / tasks);
        }
    }

    private static double rate(long n, long nanos) {
        return n / (nanos / 1e9);
    }

    /** Least-squares slope of (seconds, MiB) points, in MiB per minute (0 with fewer than two points). */
    static double slopePerMinute(List<double[]> points) {
        if (points.size() < 2) {
            return 0;
        }
        double n = points.size();
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (double[] p : points) {
            sx += p[0];
            sy += p[1];
            sxx += p[0] * p[0];
            sxy += p[0] * p[1];
        }
        double d = n * sxx - sx * sx;
        return d == 0 ? 0 : (n * sxy - sx * sy) / d * 60;
    }
}
