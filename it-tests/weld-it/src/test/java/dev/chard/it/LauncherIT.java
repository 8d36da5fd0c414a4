package dev.chard.it;

import dev.chard.testsupport.BuildArtifacts;
import dev.chard.testsupport.JavaProcess;
import dev.chard.testsupport.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code worker-runner/bin/chard-worker}, the launcher users run: its JVM defaults reach the worker's JVM, that JVM
 * replaces the shell (so the pid a supervisor holds gets the signals), and {@code CHARD_WORKER_JAVA_OPTS} replaces the
 * defaults instead of adding to them.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LauncherIT {

    private static RedisServer redis;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void aWorkerStartedByTheLauncherRunsWithItsDefaultsAndStopsOnSigterm() throws IOException {
        try (JavaProcess worker = launcher("launched-worker", null)
                .args("worker", "-A", ChardCluster.appJar().toString(), "-c", "1", "-n", "lw").start()) {
            worker.awaitOutputOrFail("lw ready.", Duration.ofSeconds(60));

            // the pid we started is the JVM itself (exec), running with the launcher's default options
            List<String> cmdline = List.of(Files.readString(Path.of("/proc", Long.toString(worker.pid()), "cmdline"),
                    StandardCharsets.UTF_8).split("\0"));
            assertTrue(cmdline.get(0).endsWith("java"), "the process is the JVM, not a shell: " + cmdline);
            assertTrue(cmdline.contains("-XX:+UseSerialGC") && cmdline.contains("-Xms8m"), cmdline::toString);
            assertTrue(cmdline.contains("-jar"), cmdline::toString);

            try (JavaProcess call = launcher("launched-call", null)
                    .args("call", "dev.chard.it.app.MathTasks.add", "--args", "[40,2]", "--wait").start()) {
                assertEquals(0, call.waitFor(Duration.ofSeconds(60)), call::output);
                assertTrue(Pattern.compile("\"result\"\\s*:\\s*42\\b").matcher(call.output()).find(), call::output);
            }

            worker.signalTerm();
            assertEquals(0, worker.waitFor(Duration.ofSeconds(30)), worker::output);
        }
    }

    @Test
    void chardWorkerJavaOptsReplaceTheDefaults() {
        // with the defaults kept as well, two collectors would be selected and the JVM would refuse to start
        try (JavaProcess help = launcher("launched-parallel-gc", "-XX:+UseParallelGC -Xmx64m").args("--help").start()) {
            assertEquals(0, help.waitFor(Duration.ofSeconds(60)), help::output);
            assertTrue(help.output().contains("Usage: chard"), help::output);
            assertFalse(help.output().contains("multiple garbage collectors"), help::output);
        }
    }

    @Test
    void aMissingJarIsAClearConfigurationError() {
        try (JavaProcess run = JavaProcess.script(launcherScript()).name("launched-no-jar")
                .env("CHARD_WORKER_JAR", "/nonexistent/chard-worker.jar").args("--help").start()) {
            assertEquals(3, run.waitFor(Duration.ofSeconds(30)), run::output);
            assertTrue(run.output().contains("/nonexistent/chard-worker.jar (CHARD_WORKER_JAR) does not exist"), run::output);
        }
    }

    private static JavaProcess.Builder launcher(String name, String javaOpts) {
        JavaProcess.Builder b = JavaProcess.script(launcherScript()).name(name)
                .env("CHARD_WORKER_JAR", ChardCluster.workerJar().toString())
                .env("JAVA_HOME", System.getProperty("java.home"))
                .env("CHARD_BROKER_URL", redis.url(0))
                .env("CHARD_BACKEND_URL", redis.url(0));
        if (javaOpts != null) {
            b.env("CHARD_WORKER_JAVA_OPTS", javaOpts);
        }
        return b;
    }

    private static Path launcherScript() {
        return BuildArtifacts.required("chard.it.launcher", "it is worker-runner/bin/chard-worker, in the repository");
    }
}
