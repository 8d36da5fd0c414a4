package dev.chard.bench;

import java.io.IOException;
import java.io.PrintStream;
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

/**
 * The benchmark command: every figure of docs/benchmarks.md, {@code --repeat} times, on a private redis-server; prints a
 * table and one {@code RESULT metric=<name> value=<number> unit=<unit>} line per figure (the median, with the range
 * after it), and writes CSV files, the concurrency plot and the worker logs under {@code --out}. {@code jmh} as the
 * first argument runs the JMH micro-benchmarks of the hot paths instead.
 */
public final class BenchMain {

    private BenchMain() {
    }

    /** Held so that its level stays set: the harness's plain Jedis connections need no RESP3 advice. */
    private static final java.util.logging.Logger JEDIS_LOG = java.util.logging.Logger.getLogger("redis.clients.jedis.Jedis");

    public static void main(String[] args) throws Exception {
        JEDIS_LOG.setLevel(java.util.logging.Level.SEVERE);
        System.setProperty("java.awt.headless", "true");
        if (args.length > 0 && args[0].equals("jmh")) {
            org.openjdk.jmh.Main.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("reclaim")) {
            ReclaimTrial.Options reclaim;
            try {
                reclaim = ReclaimTrial.Options.parse(Arrays.copyOfRange(args, 1, args.length));
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                System.err.print(ReclaimTrial.USAGE);
                System.exit(2);
                return;
            }
            ReclaimTrial.run(reclaim, System.out);
            return;
        }
        if (args.length > 0 && (args[0].equals("-h") || args[0].equals("--help"))) {
            System.out.print(BenchOptions.USAGE);
            return;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        run(options, System.out);
    }

    /** What a whole invocation measured: per figure, the value of each repetition. */
    record Report(Map<String, List<Double>> values, Map<Integer, List<double[]>> sweep, Suite.Run last) {

        double median(String figure) {
            return BenchMain.median(values.getOrDefault(figure, List.of()));
        }
    }

    static Report run(BenchOptions o, PrintStream out) throws Exception {
        Locale.setDefault(Locale.ROOT);
        System.setProperty("java.awt.headless", "true");
        if (!Files.isRegularFile(o.workerJar())) {
            throw new IllegalStateException("no worker jar at " + o.workerJar().toAbsolutePath()
                    + ": build it first (mvn -o -B -q -pl worker-runner -am package -DskipTests) or pass --worker-jar");
        }
        Files.createDirectories(o.outDir());
        // private copies, so a rebuild during the run cannot change what is measured
        Path workerJar = Files.copy(o.workerJar(), o.outDir().resolve("chard-worker.jar"), StandardCopyOption.REPLACE_EXISTING);
        Path appJar = BenchApp.writeJar(o.outDir());
        if (o.launcher() != null && !Files.isExecutable(o.launcher())) {
            throw new IllegalStateException("no executable worker launcher at " + o.launcher().toAbsolutePath()
                    + ": run from the repository root, pass --launcher, or --plain-java");
        }
        WorkerLaunch launch = new WorkerLaunch(o.launcher() == null ? null : o.launcher().toAbsolutePath(), workerJar, o.workerJavaOpts());
        out.printf("# Chard benchmarks: %d repetition(s), %d CPUs, Java %s; output in %s%n", o.repeat(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), o.outDir().toAbsolutePath());
        out.println("# workers: " + launch.describe());
        Map<String, List<Double>> values = new LinkedHashMap<>();
        Map<Integer, List<double[]>> sweep = new LinkedHashMap<>();
        Suite.Run last = null;
        for (int rep = 1; rep <= o.repeat(); rep++) {
            Suite.Run r = new Suite(o, launch, appJar, out).run(rep);
            r.values.forEach((k, v) -> values.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
            r.sweep.forEach((k, v) -> sweep.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
            last = r;
        }
        Report report = new Report(values, sweep, last);
        print(report, o, out);
        write(report, o, out);
        if (o.jfr() != null && Files.exists(o.jfr())) {
            String summary = JfrSummary.summarise(o.jfr(), 25);
            Files.writeString(o.outDir().resolve("jfr-summary.txt"), summary, StandardCharsets.UTF_8);
            out.println();
            out.print(summary);
        }
        return report;
    }

    private static void print(Report report, BenchOptions o, PrintStream out) {
        out.println();
        String fmt = "%-62s %14s %-21s %-9s %-13s %8s %8s %8s%n";
        out.printf(fmt, "figure", "Chard (median)", "range (min-max)", "unit", "target", "Celery", "BullMQ", "Sidekiq");
        out.println("-".repeat(153));
        for (Figure f : Figure.ALL) {
            List<Double> v = report.values().get(f.name());
            if (v == null) {
                continue;
            }
            out.printf(fmt, f.title(), number(median(v), f.unit()), number(min(v), f.unit()) + " - " + number(max(v), f.unit()),
                    f.unit(), f.targetText() + mark(f, median(v)), f.celery(), f.bullmq(), f.sidekiq());
        }
        Suite.Run last = report.last();
        out.println();
        out.println("Redis commands per task by name (last repetition; Lua-internal commands included):");
        last.commands.forEach((phase, byName) -> {
            long n = last.phaseTasks.get(phase);
            StringBuilder line = new StringBuilder("  " + phase + ":");
            byName.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
                    .forEach(e -> line.append(String.format(" %s %.2f (%.1f us)", e.getKey(), e.getValue()[0] / (double) n,
                            e.getValue()[1] / (double) n)));
            out.println(line);
        });
        out.println("Redis memory per key (MEMORY USAGE, bytes): " + last.memorySamples);
        if (!report.sweep().isEmpty()) {
            out.println();
            out.println("Worker concurrency sweep (tasks/s, median of " + o.repeat() + "):");
            out.printf("  %-4s %22s %22s%n", "-c", "end to end (1 producer)", "capacity (backlog)");
            report.sweep().forEach((c, runs) -> out.printf("  %-4d %22s %22s%n", c, number(median(col(runs, 0)), "tasks/s"),
                    number(median(col(runs, 1)), "tasks/s")));
        }
        out.println();
        for (Figure f : Figure.ALL) {
            List<Double> v = report.values().get(f.name());
            if (v == null) {
                continue;
            }
            out.printf("RESULT metric=%s value=%s unit=%s min=%s max=%s runs=%d%n", f.name(), plain(median(v)), f.unit(),
                    plain(min(v)), plain(max(v)), v.size());
        }
        report.sweep().forEach((c, runs) -> {
            out.printf("RESULT metric=sweep_c%d_end_to_end value=%s unit=tasks/s min=%s max=%s runs=%d%n", c, plain(median(col(runs, 0))),
                    plain(min(col(runs, 0))), plain(max(col(runs, 0))), runs.size());
            out.printf("RESULT metric=sweep_c%d_capacity value=%s unit=tasks/s min=%s max=%s runs=%d%n", c, plain(median(col(runs, 1))),
                    plain(min(col(runs, 1))), plain(max(col(runs, 1))), runs.size());
        });
    }

    private static void write(Report report, BenchOptions o, PrintStream out) throws IOException {
        StringBuilder csv = new StringBuilder("metric,unit,median,min,max,runs,target\n");
        for (Figure f : Figure.ALL) {
            List<Double> v = report.values().get(f.name());
            if (v != null) {
                csv.append(String.join(",", f.name(), f.unit(), plain(median(v)), plain(min(v)), plain(max(v)),
                        Integer.toString(v.size()), f.targetText().replace(",", ""))).append('\n');
            }
        }
        Files.writeString(o.outDir().resolve("results.csv"), csv, StandardCharsets.UTF_8);
        Suite.Run last = report.last();
        StringBuilder cmd = new StringBuilder("phase,command,calls_per_task,usec_per_task\n");
        last.commands.forEach((phase, byName) -> byName.forEach((name, v) -> cmd.append(String.format("%s,%s,%.3f,%.3f%n",
                phase, name, v[0] / (double) last.phaseTasks.get(phase), v[1] / (double) last.phaseTasks.get(phase)))));
        Files.writeString(o.outDir().resolve("commandstats.csv"), cmd, StandardCharsets.UTF_8);
        if (last.roundTrip != null) {
            try (PrintStream hgrm = new PrintStream(Files.newOutputStream(o.outDir().resolve("roundtrip.hgrm")), false, StandardCharsets.UTF_8)) {
                last.roundTrip.outputPercentileDistribution(hgrm, 1e6); // milliseconds
            }
        }
        if (!report.sweep().isEmpty()) {
            StringBuilder s = new StringBuilder("concurrency,end_to_end_median,end_to_end_min,end_to_end_max,capacity_median,capacity_min,capacity_max\n");
            report.sweep().forEach((c, runs) -> s.append(String.format("%d,%.0f,%.0f,%.0f,%.0f,%.0f,%.0f%n", c,
                    median(col(runs, 0)), min(col(runs, 0)), max(col(runs, 0)), median(col(runs, 1)), min(col(runs, 1)), max(col(runs, 1)))));
            Files.writeString(o.outDir().resolve("sweep.csv"), s, StandardCharsets.UTF_8);
            Plot.sweep(report.sweep(), o.outDir().resolve("sweep.png"));
            out.println("# wrote " + o.outDir().resolve("sweep.csv") + " and " + o.outDir().resolve("sweep.png"));
        }
        out.println("# wrote " + o.outDir().resolve("results.csv") + ", commandstats.csv, roundtrip.hgrm");
    }

    private static String mark(Figure f, double v) {
        if (Double.isNaN(f.target()) || Double.isNaN(v)) {
            return "";
        }
        boolean met = f.higherIsBetter() ? v >= f.target() : v <= f.target();
        return met ? " ok" : " MISS";
    }

    static List<Double> col(List<double[]> runs, int i) {
        return runs.stream().map(a -> a[i]).toList();
    }

    static double median(List<Double> v) {
        if (v.isEmpty()) {
            return Double.NaN;
        }
        double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static double min(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    static double max(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    private static String number(double v, String unit) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return switch (unit) {
            case "tasks/s", "bytes" -> String.format("%,.0f", v);
            case "ms" -> String.format("%.3f", v);
            default -> String.format("%.1f", v);
        };
    }

    private static String plain(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        return Math.abs(v) >= 100 ? String.format("%.0f", v) : String.format("%.4g", v);
    }
}
