package dev.chard.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real worker process, {@code chard-worker worker -A <app> [-c n]} (or {@code java -jar}: {@link WorkerLaunch}), with its output in a file (not in
 * this JVM's memory: at the default log level a worker prints two lines per task). Its CPU time comes from
 * {@code /proc/<pid>/stat}, its memory from {@code /proc/<pid>/status} (VmHWM is the peak RSS), its live heap from
 * {@code jcmd} ({@link #liveHeapMiB()}); it also writes a GC log ({@code -Xlog:gc}, which changes nothing else) for
 * reading afterwards.
 */
final class WorkerProcess implements AutoCloseable {

    private static final Pattern INSTANCE = Pattern.compile("instance:\\s+(\\S+)");
    /** A generation's or the whole heap's line of GC.heap_info: "... total 3072K, used 1234K [...". */
    private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");

    private final Process process;
    private final Path log;

    private final Thread killOnExit;

    private WorkerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
        // an interrupted benchmark (Ctrl-C) must not leave workers behind
        this.killOnExit = new Thread(process::destroyForcibly, "kill worker " + process.pid());
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * @param concurrency {@code -c}, or null for the worker's default (one task thread per CPU)
     * @param jvmArgs     extra JVM options (a JFR recording) on top of the launch's own; none by default
     */
    static WorkerProcess start(WorkerLaunch launch, Path appJar, String redisUrl, Integer concurrency, String logLevel,
                               List<String> jvmArgs, Path dir, String name, Predicate<String> registered) {
        try {
            Files.createDirectories(dir);
            Path log = dir.resolve(name + ".log");
            Path gcLog = dir.resolve(name + "-gc.log");
            List<String> jvm = new ArrayList<>();
            jvm.add("-Xlog:gc:file=" + gcLog);
            jvm.addAll(jvmArgs);
            Map<String, String> env = new HashMap<>(System.getenv());
            env.remove("JAVA_TOOL_OPTIONS");
            env.put("CHARD_BROKER_URL", redisUrl);
            env.put("CHARD_BACKEND_URL", redisUrl);
            List<String> cmd = launch.command(jvm, env);
            cmd.addAll(List.of("worker", "-A", appJar.toString(), "-n", name));
            if (logLevel != null) {
                cmd.addAll(List.of("-l", logLevel));
            }
            if (concurrency != null) {
                cmd.addAll(List.of("-c", concurrency.toString()));
            }
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().clear();
            pb.environment().putAll(env);
            WorkerProcess w = new WorkerProcess(pb.start(), log);
            try {
                w.awaitReady(name, registered, Duration.ofSeconds(60));
            } catch (RuntimeException | IOException | Error e) {
                w.process.destroyForcibly(); // never leave a worker behind
                throw e;
            }
            return w;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the worker", e);
        }
    }

    /**
     * Until it logs {@code <name> ready.}, or, at a log level that hides that line, until it has printed its banner and
     * its instance id is in the queue's workers set ({@code registered}).
     */
    private void awaitReady(String name, Predicate<String> registered, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            if (text.contains(name + " ready.")) {
                return;
            }
            Matcher m = INSTANCE.matcher(text);
            if (m.find() && registered.test(m.group(1))) {
                return;
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("the worker did not log '" + name + " ready.'; log " + log + ":\n" + tail());
            }
            sleep(20);
        }
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    /** User plus system CPU time so far, in nanoseconds ({@code /proc/<pid>/stat} fields 14 and 15). */
    long cpuNanos() {
        String stat = read(Path.of("/proc", Long.toString(pid()), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14, 15 (the list starts at field 3)
        return ticks * (1_000_000_000L / clockTicks());
    }

    /** A field of {@code /proc/<pid>/status} in KiB, e.g. VmHWM (peak RSS) or VmRSS. */
    long statusKb(String field) {
        for (String line : read(Path.of("/proc", Long.toString(pid()), "status")).split("\n")) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
            }
        }
        throw new IllegalStateException("no " + field + " in /proc/" + pid() + "/status");
    }

    /** SIGKILL, and waits until the process is gone: a crash, with no chance to hand anything back. */
    void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("worker " + pid() + " still runs 30 s after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGSTOP: the worker holds still (it keeps its JIT-compiled code) while a backlog is built. */
    void pause() {
        signal("STOP");
    }

    /** SIGCONT. */
    void resume() {
        signal("CONT");
    }

    /**
     * The live heap now, in MiB: {@code jcmd <pid> GC.run} (a full collection), then {@code GC.heap_info}'s used space.
     * Heap after a young collection is no measure of the live set with a generational collector such as Serial (the
     * launcher's default): the old generation fills with promoted garbage until its next full collection.
     */
    double liveHeapMiB() {
        jcmd("GC.run");
        long usedKb = 0;
        for (String line : jcmd("GC.heap_info").split("\n")) {
            Matcher m = HEAP_USED.matcher(line);
            if (m.find() && !line.contains("Metaspace") && !line.contains("class space")) {
                usedKb += Long.parseLong(m.group(1));
            }
        }
        if (usedKb == 0) {
            throw new IllegalStateException("no heap usage in jcmd " + pid() + " GC.heap_info");
        }
        return usedKb / 1024.0;
    }

    /**
     * Starts async-profiler in the worker (CPU samples every 100 us), loaded as an agent through {@code jcmd}; the
     * options are quoted because jcmd would otherwise read their '=' as its own.
     */
    void startProfiler(Path library) {
        agent(library, "start,event=cpu,interval=100us");
    }

    /** Stops the profiler started by {@link #startProfiler} and writes the collapsed stacks to {@code out}. */
    void stopProfiler(Path library, Path out) {
        agent(library, "stop,file=" + out.toAbsolutePath() + ",collapsed");
    }

    /** jcmd exits 0 even when the agent refused its options: its output says so. */
    private void agent(Path library, String options) {
        String out = jcmd("JVMTI.agent_load", library.toString(), "\"" + options + "\"");
        if (!out.contains("return code: 0")) {
            throw new IllegalStateException("async-profiler " + options + " failed in worker " + pid() + ":\n" + out);
        }
    }

    private String jcmd(String... command) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            List<String> line = new ArrayList<>(List.of(jcmd.toString(), Long.toString(pid())));
            line.addAll(List.of(command));
            Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(jcmd + " " + pid() + " " + String.join(" ", command) + " failed:\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void signal(String sig) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + sig, Long.toString(pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + sig + " " + pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Warm shutdown (SIGTERM), so that a JFR recording is written; SIGKILL after 30 s. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException e) {
            // the JVM is exiting: the hook does it
        }
        if (!process.isAlive()) {
            return;
        }
        signal("CONT"); // a paused worker cannot act on SIGTERM
        process.toHandle().destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private String tail() {
        String text = read(log);
        return text.substring(Math.max(0, text.length() - 3000));
    }

    private static long clockTicks() {
        return 100; // USER_HZ: 100 on every Linux architecture Chard runs on (getconf CLK_TCK)
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
