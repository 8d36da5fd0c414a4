package dev.chard.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command line of the harness. Every size has a default that keeps each figure's run to a few seconds on two
 * cores.
 *
 * @param concurrency the main worker's {@code -c}; null for its default (one task thread per CPU)
 * @param workerLogLevel the workers' {@code -l}; null for their default (info)
 * @param jfr         when set, the main worker records a JFR profile there and the harness summarises it
 * @param launcher    the worker launcher script; null to run workers as plain {@code java -jar} with the JVM's defaults
 * @param workerJavaOpts what replaces the launcher's default JVM options; null keeps them
 * @param soakMinutes end-to-end traffic after the figures, for the live-heap slope over a long run (0: none)
 * @param workerWarmup tasks a fresh worker drains before its figures: enough for its JIT to finish the task path (on two
 *                    cores the C2 compiler took half the worker's CPU during the first ~30,000 tasks)
 * @param asyncProfiler async-profiler's libasyncProfiler.so: when set, the main worker is profiled (CPU, collapsed
 *                    stacks) during the worker-capacity figure only
 */
record BenchOptions(Path workerJar, Path launcher, String workerJavaOpts, Path outDir, int repeat, int tasks, int backlog, int warmup,
                    int workerWarmup, int threads, int rtSamples,
                    List<Integer> sweep, int sweepTasks, Integer concurrency, String workerLogLevel, Path jfr, int soakMinutes,
                    Path asyncProfiler) {

    static final String USAGE = """
            usage: java -jar benchmarks/target/chard-bench.jar [options]       (or: benchmarks/run.sh [options])
                   java -jar benchmarks/target/chard-bench.jar jmh [JMH options]   (hot-path micro-benchmarks)
                   java -jar benchmarks/target/chard-bench.jar reclaim [options]   (heartbeat-timeout: reclaim time, false reclaims)
              --repeat N          run every figure N times; report the median and the range (default 1)
              --tasks N           tasks of the enqueue (1 thread) and end-to-end figures (default 10000)
              --backlog N         tasks of the 16-thread enqueue, memory and worker-capacity figures (default 10000)
              --warmup N          tasks sent before each measured window (default 3000)
              --worker-warmup N   tasks a fresh worker drains before its figures, for its JIT (default 30000)
              --threads N         producer threads of the parallel enqueue (default 16)
              --rt-samples N      round trips measured one at a time (default 2000)
              --sweep LIST        worker concurrencies of the sweep, e.g. 1,2,4,8,16 (default); 'none' to skip it
              --sweep-tasks N     tasks per sweep point and series (default 3000)
              -c, --concurrency N the main worker's -c (default: the worker's default, one thread per CPU)
              --worker-log-level L  the workers' -l (default: the worker's default, info)
              --jfr FILE          record a JFR profile of the main worker into FILE and print its top frames
              --async-profiler LIB  profile the main worker's CPU during the worker-capacity figure only, with
                                  async-profiler's libasyncProfiler.so (collapsed stacks in OUT/repN/drain-profile.collapsed)
              --worker-jar FILE   default: worker-runner/target/chard-worker.jar
              --launcher FILE     how workers start (default: worker-runner/bin/chard-worker, with its JVM defaults)
              --worker-java-opts S  JVM options replacing the launcher's defaults ('' for the JVM's own defaults)
              --soak-minutes N    after the figures, N minutes of end-to-end traffic; the live-heap slope covers them
              --plain-java        start workers as 'java -jar chard-worker.jar', JVM defaults (the baseline's way)
              --out DIR           results, CSV, plot and worker logs (default: benchmarks/target/bench-results)
            """;

    static BenchOptions parse(String... args) {
        Path workerJar = Path.of(System.getProperty("chard.bench.worker-jar", "worker-runner/target/chard-worker.jar"));
        Path launcher = Path.of(System.getProperty("chard.bench.launcher", "worker-runner/bin/chard-worker"));
        String javaOpts = null;
        Path out = Path.of("benchmarks", "target", "bench-results");
        int repeat = 1;
        int tasks = 10_000;
        int backlog = 10_000;
        int warmup = 3_000;
        int workerWarmup = 30_000;
        int threads = 16;
        int rt = 2_000;
        List<Integer> sweep = List.of(1, 2, 4, 8, 16);
        int sweepTasks = 3_000;
        Integer c = null;
        String level = null;
        Path jfr = null;
        Path asyncProfiler = null;
        int soak = 0;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--repeat" -> repeat = positive(a, args, ++i);
                case "--tasks" -> tasks = positive(a, args, ++i);
                case "--backlog" -> backlog = positive(a, args, ++i);
                case "--warmup" -> warmup = positive(a, args, ++i);
                case "--worker-warmup" -> workerWarmup = positive(a, args, ++i);
                case "--threads" -> threads = positive(a, args, ++i);
                case "--rt-samples" -> rt = positive(a, args, ++i);
                case "--sweep" -> sweep = list(a, value(a, args, ++i));
                case "--sweep-tasks" -> sweepTasks = positive(a, args, ++i);
                case "-c", "--concurrency" -> c = positive(a, args, ++i);
                case "--worker-log-level" -> level = value(a, args, ++i);
                case "--jfr" -> jfr = Path.of(value(a, args, ++i));
                case "--async-profiler" -> asyncProfiler = Path.of(value(a, args, ++i)).toAbsolutePath();
                case "--worker-jar" -> workerJar = Path.of(value(a, args, ++i));
                case "--launcher" -> launcher = Path.of(value(a, args, ++i));
                case "--worker-java-opts" -> javaOpts = value(a, args, ++i);
                case "--plain-java" -> launcher = null;
                case "--soak-minutes" -> soak = positive(a, args, ++i);
                case "--out" -> out = Path.of(value(a, args, ++i));
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        return new BenchOptions(workerJar, launcher, javaOpts, out, repeat, tasks, backlog, warmup, workerWarmup, threads, rt, sweep, sweepTasks, c, level, jfr, soak, asyncProfiler);
    }

    private static String value(String option, String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int positive(String option, String[] args, int i) {
        String v = value(option, args, i);
        try {
            int n = Integer.parseInt(v.replace("_", ""));
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " must be a positive whole number, was " + v);
    }

    private static List<Integer> list(String option, String v) {
        if (v.equals("none")) {
            return List.of();
        }
        List<Integer> out = new ArrayList<>();
        for (String s : Arrays.asList(v.split(","))) {
            out.add(positive(option, new String[] {s.trim()}, 0));
        }
        return List.copyOf(out);
    }
}
