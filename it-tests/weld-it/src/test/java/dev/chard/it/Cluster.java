package dev.chard.it;

import dev.chard.testsupport.JavaProcess;
import dev.chard.testsupport.RedisServer;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The processes of one test class: its redis-server and its workers. Made by {@link ChardCluster}. */
public final class Cluster {

    /** A worker log line saying a task ended, with its id: {@code Task dev.chard.it.app.MathTasks.add[<id>] succeeded in ...}. */
    private static final Pattern OUTCOME = Pattern.compile("\\[([0-9A-Za-z-]+)] (succeeded|failed)");

    private final RedisServer redis;
    private final boolean backend;
    private final Map<String, JavaProcess> workers = new LinkedHashMap<>();
    private final Set<String> killed = new HashSet<>();
    private BiFunction<String, List<String>, JavaProcess> launcher;

    Cluster(RedisServer redis, boolean backend) {
        this.redis = redis;
        this.backend = backend;
    }

    public RedisServer redis() {
        return redis;
    }

    public String brokerUrl() {
        return redis.url(0);
    }

    /** Null when the class runs without a result backend. */
    public String backendUrl() {
        return backend ? redis.url(1) : null;
    }

    void addWorker(String name, JavaProcess process) {
        workers.put(name, process);
    }

    void launcher(BiFunction<String, List<String>, JavaProcess> launcher) {
        this.launcher = launcher;
    }

    /**
     * Starts one more worker process (same configuration as the class's workers) named {@code name}, with
     * {@code extraArgs} appended to its command line (e.g. {@code -Q default,late}), and waits until it is ready.
     */
    public JavaProcess startWorker(String name, String... extraArgs) {
        if (workers.containsKey(name)) {
            throw new IllegalArgumentException("worker " + name + " exists already; use a new name");
        }
        JavaProcess p = launcher.apply(name, List.of(extraArgs));
        workers.put(name, p);
        p.awaitOutputOrFail(name + " ready.", ChardCluster.READY_TIMEOUT);
        return p;
    }

    /** SIGTERM (warm shutdown), waiting for the process to end; returns its exit code. */
    public int stop(String name) {
        JavaProcess p = worker(name);
        p.signalTerm();
        return p.waitFor(ChardCluster.STOP_TIMEOUT);
    }

    /** The workers by name ({@code w1}, {@code w2}, ...), killed ones included. */
    public Map<String, JavaProcess> workers() {
        return workers;
    }

    public JavaProcess worker(String name) {
        JavaProcess p = workers.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no worker " + name + "; workers: " + workers.keySet());
        }
        return p;
    }

    /** SIGKILL; the worker is then left out of the exit-code check at the end of the class. */
    public void kill9(String name) {
        JavaProcess p = worker(name);
        killed.add(name);
        p.kill9();
        p.waitFor(Duration.ofSeconds(10));
    }

    boolean wasKilled(String name) {
        return killed.contains(name);
    }

    /** The ids a worker's log says ended ({@code succeeded} or {@code failed}), with the outcome word. */
    public static Map<String, String> outcomes(JavaProcess worker) {
        return settled(() -> outcomesNow(worker), m -> true);
    }

    private static Map<String, String> outcomesNow(JavaProcess worker) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = OUTCOME.matcher(worker.output());
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }

    /** The name of the worker whose log says it received {@code taskId}, waiting up to {@code timeout}; null if none. */
    public String awaitReceivedBy(String taskId, Duration timeout) throws InterruptedException {
        String needle = "[" + taskId + "] received";
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            for (Map.Entry<String, JavaProcess> e : workers.entrySet()) {
                if (!killed.contains(e.getKey()) && e.getValue().output().contains(needle)) {
                    return e.getKey();
                }
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        return null;
    }

    /** A worker log line's time stamp, e.g. {@code [2026-11-26 14:00:00,123: INFO/...]}. */
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS")
            .withZone(ZoneId.systemDefault());

    /**
     * The times at which the logs of every worker say {@code Task <taskName>[<taskId>] <event>} (event: received,
     * succeeded, failed, retry, expired), in order.
     */
    public List<Instant> logTimes(String taskName, String taskId, String event) {
        Pattern p = Pattern.compile("^\\[(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3}): [A-Z]+/[^\\]]*\\] Task "
                + Pattern.quote(taskName + "[" + taskId + "] " + event), Pattern.MULTILINE);
        List<Instant> out = new ArrayList<>();
        for (JavaProcess w : workers.values()) {
            Matcher m = p.matcher(w.output());
            while (m.find()) {
                out.add(LOG_TIME.parse(m.group(1), Instant::from));
            }
        }
        out.sort(null);
        return out;
    }

    /** How many lines of all worker logs contain {@code [<taskId>] <event>} (e.g. succeeded); 0 if none within 2 s. */
    public int logCount(String taskId, String event) {
        return settled(() -> countNow(taskId, event), n -> n > 0);
    }

    /**
     * A worker logs an outcome before it acks, but its INFO lines reach stderr within 50 ms (buffered) and this JVM
     * through a copying thread, so a caller that has just seen a result may read the log a moment early: reads until
     * two reads 150 ms apart agree and {@code enough} holds, for at most 2 s; returns the last read.
     */
    private static <T> T settled(Supplier<T> read, Predicate<T> enough) {
        T last = read.get();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (System.nanoTime() < deadline) {
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            T now = read.get();
            if (now.equals(last) && enough.test(now)) {
                return now;
            }
            last = now;
        }
        return last;
    }

    private int countNow(String taskId, String event) {
        String needle = "[" + taskId + "] " + event;
        int n = 0;
        for (JavaProcess w : workers.values()) {
            String out = w.output();
            for (int i = out.indexOf(needle); i >= 0; i = out.indexOf(needle, i + 1)) {
                n++;
            }
        }
        return n;
    }

    /**
     * The remaining time to live in seconds of a key of the backend database (db 1): one script selects the database
     * and reads the TTL in the same call, since {@link RedisServer#call} opens a fresh connection each time.
     * -2 when the key does not exist, -1 when it has no TTL.
     */
    public long backendTtl(String key) {
        Object r = redis.call("EVAL", "redis.call('SELECT', ARGV[1]) return redis.call('TTL', KEYS[1])", "1", key, "1");
        return (Long) r;
    }

    /** The worker jar with this cluster's broker (and backend) in the environment, as a user's shell would have them. */
    public CliRun cli(String... args) {
        return ChardCluster.cli(brokerUrl(), backendUrl(), List.of(args));
    }

    /** One finished run of {@code java -jar chard-worker.jar ...}. */
    public record CliRun(List<String> command, int exitCode, String output) {

        /** The non-blank lines of the output. */
        public List<String> lines() {
            List<String> out = new ArrayList<>();
            for (String line : output.split("\\R")) {
                if (!line.isBlank()) {
                    out.add(line.strip());
                }
            }
            return out;
        }

        @Override
        public String toString() {
            return "`chard " + String.join(" ", command) + "` exited " + exitCode + ", output:\n" + output;
        }
    }
}
