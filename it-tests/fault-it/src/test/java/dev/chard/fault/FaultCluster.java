package dev.chard.fault;

import dev.chard.engine.Engine;
import dev.chard.engine.config.ChardConfig;
import dev.chard.engine.registry.TaskRegistry;
import dev.chard.testsupport.BuildArtifacts;
import dev.chard.testsupport.JavaProcess;
import dev.chard.testsupport.RedisServer;
import dev.chard.testsupport.TcpProxy;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.bind.JsonbBuilder;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The processes of one fault-injection test: the broker's redis-server (optionally behind a {@link TcpProxy}), a
 * separate "recorder" redis-server that the tasks write their executions to (so a fault injected into the broker does
 * not touch the record), worker processes ({@code java -jar chard-worker.jar worker -A fault-app.jar}), and producer
 * engines in this JVM. The result backend is the broker's own database (the co-located, usual set-up: results are
 * written in the same Lua step as the ack).
 *
 * <p>Same approach as weld-it's ChardCluster (a private copy of the worker jar, logs under target/process-logs), without
 * Arquillian: the producer is a plain {@link Engine}.
 */
final class FaultCluster implements AutoCloseable {

    static final String PREFIX = "chard";
    static final String QUEUE = "default";
    static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    static final String TASKS = "dev.chard.fault.app.FaultTasks.";

    private static final Pattern INSTANCE = Pattern.compile("instance:\\s+(\\S+)");
    private static final String BUILD = "mvn -o verify -pl it-tests/fault-app,it-tests/fault-it -am";
    private static Path workerJarCopy;

    final RedisServer broker;
    final RedisServer recorder;
    final TcpProxy proxy;
    private final String testName;
    private final Map<String, String> workerConfig = new LinkedHashMap<>();
    private final Map<String, JavaProcess> workers = new LinkedHashMap<>();
    private final Map<String, String> instances = new HashMap<>();
    private final List<JavaProcess> allProcesses = new ArrayList<>();
    private final List<Engine> engines = new ArrayList<>();

    private FaultCluster(String testName, RedisServer broker, RedisServer recorder, TcpProxy proxy) {
        this.testName = testName;
        this.broker = broker;
        this.recorder = recorder;
        this.proxy = proxy;
        workerConfig.put("chard.worker.heartbeat-timeout", "3s");
    }

    /**
     * @param brokerArgs extra redis-server arguments (e.g. appendonly)
     * @param withProxy  whether workers and producers reach the broker through a TcpProxy
     */
    /** {@link #start}, then workers w1 and w2, both ready. */
    static FaultCluster startWithTwoWorkers(String testName, boolean withProxy, String... brokerArgs) {
        FaultCluster cluster = start(testName, withProxy, brokerArgs);
        JavaProcess w1 = cluster.launchWorker("w1");
        JavaProcess w2 = cluster.launchWorker("w2");
        cluster.awaitReady("w1", w1);
        cluster.awaitReady("w2", w2);
        return cluster;
    }

    static FaultCluster start(String testName, boolean withProxy, String... brokerArgs) {
        RedisServer broker = RedisServer.start(brokerArgs);
        RedisServer recorder = null;
        TcpProxy proxy = null;
        try {
            recorder = RedisServer.start();
            proxy = withProxy ? TcpProxy.start(broker.port()) : null;
            return new FaultCluster(testName, broker, recorder, proxy);
        } catch (RuntimeException e) {
            broker.close();
            if (recorder != null) {
                recorder.close();
            }
            throw e;
        }
    }

    /** The broker (and backend) URL clients use: through the proxy when there is one. */
    String brokerUrl() {
        return proxy != null ? proxy.redisUrl(0) : broker.url(0);
    }

    /** Sets a configuration key for workers started from now on. */
    FaultCluster workerConfig(String key, String value) {
        workerConfig.put(key, value);
        return this;
    }

    /** A producer engine in this JVM (no task classes: it sends by name), with {@code config} over the defaults. */
    Engine producer(Map<String, String> config) {
        Map<String, String> all = new HashMap<>();
        all.put("chard.broker.url", brokerUrl());
        all.put("chard.backend.url", brokerUrl());
        all.putAll(config);
        Engine e = Engine.start(ChardConfig.of(all), TaskRegistry.empty(), JsonbBuilder.create());
        engines.add(e);
        return e;
    }

    /** Starts worker {@code name} and waits for its {@code ready.} line. */
    JavaProcess startWorker(String name, String... extraArgs) {
        JavaProcess p = launchWorker(name, extraArgs);
        awaitReady(name, p);
        return p;
    }

    /** Starts worker {@code name} without waiting; {@link #awaitReady} later. Replaces an earlier one of that name. */
    JavaProcess launchWorker(String name, String... extraArgs) {
        JavaProcess.Builder b = JavaProcess.jar(workerJar())
                .jvmArg("-Xmx256m")
                .jvmArg("-XX:+UseSerialGC")
                .name(testName + "-" + name)
                .sysProp("chard.broker.url", brokerUrl())
                .sysProp("chard.backend.url", brokerUrl())
                .sysProp("fault.recorder.url", recorder.url(0))
                .env("CHARD_BROKER_URL", "")
                .env("CHARD_BACKEND_URL", "");
        workerConfig.forEach(b::sysProp);
        List<String> args = new ArrayList<>(List.of("worker", "-A", appJar().toString(), "-l", "info", "-n", name));
        args.addAll(List.of(extraArgs));
        if (!args.contains("-c")) {
            args.addAll(List.of("-c", "4"));
        }
        b.args(args.toArray(String[]::new));
        JavaProcess p = b.start();
        workers.put(name, p);
        allProcesses.add(p);
        return p;
    }

    void awaitReady(String name, JavaProcess p) {
        p.awaitOutputOrFail(name + " ready.", READY_TIMEOUT);
        Matcher m = INSTANCE.matcher(p.output());
        if (!m.find()) {
            throw new AssertionError("no instance id in the banner of " + name + "; log " + p.logFile());
        }
        instances.put(name, m.group(1));
    }

    JavaProcess worker(String name) {
        JavaProcess p = workers.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no worker " + name);
        }
        return p;
    }

    /** The instance id ({@code name#hex}) of the current process of worker {@code name}. */
    String instance(String name) {
        String id = instances.get(name);
        if (id == null) {
            throw new IllegalStateException("worker " + name + " has not been seen ready");
        }
        return id;
    }

    /** SIGKILL, waiting for the process to be gone. */
    void kill9(String name) {
        JavaProcess p = worker(name);
        p.kill9();
        p.waitFor(Duration.ofSeconds(10));
    }

    /** Runs {@code java -jar chard-worker.jar <args>} to its end with the broker in the environment. */
    CliRun cli(String... args) {
        JavaProcess p = JavaProcess.jar(workerJar())
                .jvmArg("-Xmx128m")
                .jvmArg("-XX:+UseSerialGC")
                .jvmArg("-XX:TieredStopAtLevel=1")
                .name(testName + "-cli-" + args[0])
                .env("CHARD_BROKER_URL", brokerUrl())
                .env("CHARD_BACKEND_URL", brokerUrl())
                .args(args)
                .start();
        allProcesses.add(p);
        try {
            int code = p.waitFor(Duration.ofSeconds(90));
            return new CliRun(List.of(args), code, p.output());
        } finally {
            p.close();
        }
    }

    record CliRun(List<String> command, int exitCode, String output) {
        @Override
        public String toString() {
            return "`chard " + String.join(" ", command) + "` exited " + exitCode + ", output:\n" + output;
        }
    }

    // ---- Redis inspection (direct to the broker, never through the proxy)

    static String key(String suffix) {
        return PREFIX + ":{" + QUEUE + "}:" + suffix;
    }

    /** The result records of {@code ids} (null where there is none), read with MGET in chunks. */
    Map<String, JsonObject> results(List<String> ids) {
        Map<String, JsonObject> out = new LinkedHashMap<>();
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            List<String> args = new ArrayList<>();
            args.add("MGET");
            chunk.forEach(id -> args.add(PREFIX + ":result:" + id));
            @SuppressWarnings("unchecked")
            List<Object> values = (List<Object>) broker.call(args.toArray(String[]::new));
            for (int i = 0; i < chunk.size(); i++) {
                Object v = values.get(i);
                out.put(chunk.get(i), v == null ? null : json((String) v));
            }
        }
        return out;
    }

    /**
     * Waits until every id has a final record (SUCCESS, FAILURE, REVOKED), or {@code timeout}; returns the records
     * (null for ids still without one).
     */
    Map<String, JsonObject> awaitFinal(List<String> ids, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> open = new ArrayList<>(ids);
        Map<String, JsonObject> done = new HashMap<>();
        while (true) {
            Map<String, JsonObject> now = results(open);
            List<String> still = new ArrayList<>();
            now.forEach((id, r) -> {
                if (r != null && isFinal(r.getString("state", ""))) {
                    done.put(id, r);
                } else {
                    still.add(id);
                }
            });
            open = still;
            if (open.isEmpty() || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(200);
        }
        Map<String, JsonObject> out = new LinkedHashMap<>();
        for (String id : ids) {
            out.put(id, done.get(id));
        }
        return out;
    }

    static boolean isFinal(String state) {
        return state.equals("SUCCESS") || state.equals("FAILURE") || state.equals("REVOKED");
    }

    /** A recorder list ({@code fault:started} / {@code fault:finished}). */
    @SuppressWarnings("unchecked")
    List<String> recorded(String list) {
        return (List<String>) (List<?>) recorder.call("LRANGE", list, "0", "-1");
    }

    long recordedCount(String list) {
        return (Long) recorder.call("LLEN", list);
    }

    /** Ids per recorder-list entry ("id worker ..."): how many entries each id has. */
    Map<String, Integer> countsById(String list) {
        Map<String, Integer> counts = new HashMap<>();
        for (String entry : recorded(list)) {
            counts.merge(entry.split(" ")[0], 1, Integer::sum);
        }
        return counts;
    }

    /** What is left in the queue's keys: ready, delayed, in-flight sets, messages, dead letters. */
    String leftovers() {
        long ready = (Long) broker.call("ZCARD", key("ready"));
        long delayed = (Long) broker.call("ZCARD", key("delayed"));
        long dead = (Long) broker.call("LLEN", key("dead"));
        long msgs = (Long) broker.call("HLEN", key("msgs"));
        List<?> inflight = (List<?>) broker.call("KEYS", key("inflight:") + "*");
        long inflightIds = 0;
        for (Object k : inflight) {
            inflightIds += (Long) broker.call("HLEN", (String) k);
        }
        return "ready=" + ready + " delayed=" + delayed + " messages=" + msgs + " inflightIds=" + inflightIds
                + " dead=" + dead;
    }

    static JsonObject json(String text) {
        try (JsonReader r = Json.createReader(new StringReader(text))) {
            return r.readObject();
        }
    }

    /** {@code kill -<signal> <pid>} (STOP, CONT). */
    static void signal(long pid, String signal) {
        try {
            Process p = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("kill -" + signal + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Stops every worker (SIGTERM, then SIGKILL), closes the producers, the proxy and both Redis servers. */
    @Override
    public void close() {
        for (JavaProcess p : allProcesses) {
            if (p.isAlive()) {
                FaultCluster.signal(p.pid(), "CONT"); // a stopped process would ignore TERM until continued
                p.signalTerm();
            }
        }
        for (JavaProcess p : allProcesses) {
            try {
                if (p.isAlive()) {
                    p.waitFor(STOP_TIMEOUT);
                }
            } catch (AssertionError e) {
                System.out.println("FAULT: " + e.getMessage());
            } finally {
                p.close();
            }
        }
        for (Engine e : engines) {
            try {
                e.close();
            } catch (RuntimeException ignored) {
                // closing anyway
            }
        }
        if (proxy != null) {
            proxy.close();
        }
        broker.close();
        recorder.close();
    }

    /** The worker jar, copied once per JVM ({@link BuildArtifacts#privateCopy}). */
    static synchronized Path workerJar() {
        if (workerJarCopy == null) {
            workerJarCopy = BuildArtifacts.privateCopy(BuildArtifacts.required("chard.it.worker-jar", BUILD), Path.of("target", "fault-it"));
        }
        return workerJarCopy;
    }

    static Path appJar() {
        return BuildArtifacts.required("chard.it.app-jar", BUILD);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    static long ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
