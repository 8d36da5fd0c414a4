package dev.chard.it;

import dev.chard.testsupport.BuildArtifacts;
import dev.chard.testsupport.JavaProcess;
import dev.chard.testsupport.RedisServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per test class: starts a private {@link RedisServer}, points this JVM's Chard client at it through system
 * properties (read when Arquillian deploys, so register this extension <em>before</em> {@code ArquillianExtension}),
 * starts the worker processes of {@link ChardSetup}, and waits until each logs {@code <name> ready.}. Afterwards it
 * stops every worker with SIGTERM, requires exit code 0 from each one not killed on purpose, stops Redis and restores
 * the system properties. The {@link Cluster} goes into the test class's static field of that type.
 */
public final class ChardCluster implements BeforeAllCallback, AfterAllCallback {

    static final String BROKER = "chard.broker.url";
    static final String BACKEND = "chard.backend.url";
    static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(45);
    static final Duration CLI_TIMEOUT = Duration.ofSeconds(90);

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(ChardCluster.class);
    private static Path workerJarCopy;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Class<?> testClass = context.getRequiredTestClass();
        ChardSetup setup = testClass.getAnnotation(ChardSetup.class);
        if (setup == null) {
            throw new IllegalStateException(testClass.getName() + " uses ChardCluster but has no @ChardSetup");
        }
        Path workerJar = workerJar();
        Path appJar = appJar();

        State state = new State();
        context.getStore(NS).put(State.class, state);
        state.redis = RedisServer.start();
        Cluster cluster = new Cluster(state.redis, setup.backend());
        state.cluster = cluster;

        setProperty(state, BROKER, cluster.brokerUrl());
        setProperty(state, BACKEND, cluster.backendUrl());
        for (String kv : setup.clientConfig()) {
            String[] p = split(kv);
            setProperty(state, p[0], p[1]);
        }

        cluster.launcher((name, extraArgs) -> launch(testClass, setup, cluster, workerJar, appJar, name, extraArgs));
        for (int i = 1; i <= setup.workers(); i++) {
            String name = "w" + i;
            cluster.addWorker(name, launch(testClass, setup, cluster, workerJar, appJar, name, List.of()));
        }
        long start = System.nanoTime();
        for (Map.Entry<String, JavaProcess> w : cluster.workers().entrySet()) {
            w.getValue().awaitOutputOrFail(w.getKey() + " ready.", READY_TIMEOUT);
        }
        if (setup.workers() > 0) {
            System.out.printf("[%s] redis-server on port %d, %d worker(s) ready in %d ms%n", testClass.getSimpleName(),
                    state.redis.port(), setup.workers(), Duration.ofNanos(System.nanoTime() - start).toMillis());
        }
        inject(testClass, cluster);
    }

    /** One worker process of {@code setup}, named {@code name}, with {@code extraArgs} after the standard ones (e.g. -Q). */
    private static JavaProcess launch(Class<?> testClass, ChardSetup setup, Cluster cluster, Path workerJar, Path appJar,
                                      String name, List<String> extraArgs) {
        JavaProcess.Builder b = JavaProcess.jar(workerJar)
                .jvmArg("-Xmx256m")
                .jvmArg("-XX:+UseSerialGC")
                .name(testClass.getSimpleName() + "-" + name)
                .sysProp(BROKER, cluster.brokerUrl())
                // blank counts as unset: shields the no-backend case from a CHARD_BACKEND_URL in the environment
                .env("CHARD_BACKEND_URL", "")
                .env("CHARD_BROKER_URL", "");
        if (cluster.backendUrl() != null) {
            b.sysProp(BACKEND, cluster.backendUrl());
        }
        for (String kv : setup.workerConfig()) {
            String[] p = split(kv);
            b.sysProp(p[0], p[1]);
        }
        List<String> args = new ArrayList<>(List.of("worker", "-A", appJar.toString(), "-l", "info", "-c",
                Integer.toString(setup.concurrency()), "-n", name));
        args.addAll(extraArgs);
        b.args(args.toArray(String[]::new));
        return b.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        State state = context.getStore(NS).remove(State.class, State.class);
        if (state == null) {
            return;
        }
        List<String> problems = new ArrayList<>();
        try {
            if (state.cluster != null) {
                Map<String, JavaProcess> workers = state.cluster.workers();
                workers.forEach((name, p) -> {
                    if (p.isAlive()) {
                        p.signalTerm();
                    }
                });
                workers.forEach((name, p) -> {
                    try {
                        int code = p.waitFor(STOP_TIMEOUT);
                        if (!state.cluster.wasKilled(name) && code != 0) {
                            problems.add("worker " + name + " exited with " + code + " after SIGTERM (expected 0); log "
                                    + p.logFile() + "; tail:\n" + tail(p.output()));
                        }
                    } catch (AssertionError e) {
                        problems.add(e.getMessage());
                    } finally {
                        p.close();
                    }
                });
            }
        } finally {
            if (state.redis != null) {
                state.redis.close();
            }
            state.previous.forEach((k, v) -> {
                if (v == null) {
                    System.clearProperty(k);
                } else {
                    System.setProperty(k, v);
                }
            });
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(String.join("\n\n", problems));
        }
    }

    /**
     * Runs {@code java -jar chard-worker.jar <args>} to its end, with the broker and backend in the environment
     * ({@code CHARD_BROKER_URL}, {@code CHARD_BACKEND_URL}), as a user would.
     */
    static Cluster.CliRun cli(String brokerUrl, String backendUrl, List<String> args) {
        JavaProcess p = JavaProcess.jar(workerJar())
                .jvmArg("-Xmx128m")
                .jvmArg("-XX:+UseSerialGC")
                .jvmArg("-XX:TieredStopAtLevel=1")
                .name("cli-" + (args.isEmpty() ? "none" : args.get(0).replaceAll("[^A-Za-z0-9-]", "")))
                .env("CHARD_BROKER_URL", brokerUrl == null ? "" : brokerUrl)
                .env("CHARD_BACKEND_URL", backendUrl == null ? "" : backendUrl)
                .args(args.toArray(String[]::new))
                .start();
        try {
            int code = p.waitFor(CLI_TIMEOUT);
            return new Cluster.CliRun(args, code, p.output());
        } finally {
            p.close();
        }
    }

    static Path appJar() {
        return BuildArtifacts.required("chard.it.app-jar", "mvn -o install -DskipTests -pl it-tests/test-app -am");
    }

    /** The worker jar, copied once per JVM ({@link BuildArtifacts#privateCopy}). */
    static synchronized Path workerJar() {
        if (workerJarCopy == null) {
            workerJarCopy = BuildArtifacts.privateCopy(
                    BuildArtifacts.required("chard.it.worker-jar", "mvn -o install -DskipTests -pl worker-runner -am"),
                    Path.of("target", "chard-it"));
        }
        return workerJarCopy;
    }

    private static void setProperty(State state, String key, String value) {
        state.previous.putIfAbsent(key, System.getProperty(key));
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    private static String[] split(String keyValue) {
        int eq = keyValue.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("expected key=value, got '" + keyValue + "'");
        }
        return new String[]{keyValue.substring(0, eq), keyValue.substring(eq + 1)};
    }

    private static void inject(Class<?> testClass, Cluster cluster) throws IllegalAccessException {
        for (Class<?> c = testClass; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) && f.getType() == Cluster.class) {
                    f.setAccessible(true);
                    f.set(null, cluster);
                }
            }
        }
    }

    private static String tail(String text) {
        return text.substring(Math.max(0, text.length() - 3_000));
    }

    private static final class State {
        RedisServer redis;
        Cluster cluster;
        final Map<String, String> previous = new HashMap<>();
    }
}
