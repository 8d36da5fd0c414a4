package dev.chard.it.server;

import dev.chard.testsupport.JavaProcess;
import dev.chard.testsupport.RedisServer;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a server test needs besides the server, per test class: a private {@link RedisServer} on the port the build
 * reserved ({@code redis.port}: the server's {@code -Dchard.broker.url} in arquillian.xml names the same port, so it is
 * known before Arquillian starts the server), and one real worker process ({@code chard-worker.jar worker -A <war>})
 * running exactly the WAR that is deployed ({@link #war}). Register it before {@code ArquillianExtension}.
 * Afterwards the worker gets SIGTERM and must exit 0; Redis is stopped. Meanwhile {@link #console()} keeps a copy of
 * what the server prints.
 */
public final class ServerSide implements BeforeAllCallback, AfterAllCallback {

    /** The deployment's name, and its context root ({@code /chard-app}). */
    public static final String WAR_NAME = "chard-app.war";
    /** The queue the deployment's META-INF/microprofile-config.properties names: server and worker must both read it. */
    public static final String QUEUE = "web-it";

    static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(45);

    private static RedisServer redis;
    private static JavaProcess worker;

    /**
     * The test deployment: the example's WAR as built ({@code examples/jakarta-war/target/*.war}), with a
     * {@code META-INF/microprofile-config.properties} of the test's own (the broker URL comes from the server's system
     * properties; the queue from this file), and {@link JedisLogProbeServlet}.
     */
    public static WebArchive war(String name) {
        Path built = requiredFile("chard.it.war", "mvn install -DskipTests -pl examples/jakarta-war -am");
        WebArchive war = ShrinkWrap.create(ZipImporter.class, name).importFrom(built.toFile()).as(WebArchive.class);
        war.delete("WEB-INF/classes/META-INF/microprofile-config.properties");
        war.addAsResource(new StringAsset("chard.queue.default=" + QUEUE + "\n"), "META-INF/microprofile-config.properties");
        war.addClass(JedisLogProbeServlet.class);
        return war;
    }

    public static RedisServer redis() {
        return redis;
    }

    public static JavaProcess worker() {
        return worker;
    }

    /** What the server printed on its console (through this JVM's System.out) since this class started. */
    public static String console() {
        return ServerConsole.text();
    }

    /**
     * The local TCP ports of the worker process's open sockets, read from Linux's {@code /proc} (its socket inodes
     * in {@code /proc/<pid>/fd}, their ports in {@code /proc/net/tcp} and {@code tcp6}): tells the worker's Redis
     * connections from the server's in {@code CLIENT LIST}.
     */
    public static Set<Integer> workerLocalPorts() {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(worker.pid()), "fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor was closed between the listing and the read: not a connection any more
                }
            }
            Set<Integer> ports = new HashSet<>();
            for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
                List<String> rows = Files.readAllLines(Path.of(table));
                for (String row : rows.subList(1, rows.size())) {
                    String[] f = row.trim().split("\\s+");
                    if (f.length > 9 && inodes.contains(f[9])) {
                        ports.add(Integer.parseInt(f[1].substring(f[1].lastIndexOf(':') + 1), 16));
                    }
                }
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the worker's sockets from /proc", e);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        ServerConsole.start();
        String port = System.getProperty("redis.port");
        if (port == null || port.isBlank()) {
            throw new IllegalStateException("system property redis.port is not set; run through Maven (mvn verify), whose"
                    + " build-helper reserve-network-port and failsafe configuration pass it");
        }
        redis = RedisServer.startOnPort(Integer.parseInt(port.trim()));
        Path dir = Files.createDirectories(Path.of("target", "chard-it").toAbsolutePath());
        Files.copy(requiredFile("chard.it.worker-jar", "mvn install -DskipTests -pl worker-runner -am"), workerJar(),
                StandardCopyOption.REPLACE_EXISTING);
        Path war = dir.resolve(WAR_NAME);
        war(WAR_NAME).as(ZipExporter.class).exportTo(war.toFile(), true);
        // The command of the example's README: the whole WAR, no --packages (its servlet, EJB and JAX-RS classes are skipped).
        worker = startWorker(war, "w1", context.getRequiredTestClass().getSimpleName() + "-worker");
    }

    /**
     * A worker process ({@code chard-worker.jar worker -A <war> -l info -c 1 -n <name>}) on this class's Redis, the
     * broker and the backend in its database 0 as in the server; returns once it is ready.
     */
    public static JavaProcess startWorker(Path war, String name, String logName) {
        String url = "redis://127.0.0.1:" + redis.port() + "/0";
        JavaProcess p = JavaProcess.jar(workerJar())
                .jvmArg("-Xmx256m")
                .jvmArg("-XX:+UseSerialGC")
                .name(logName)
                .env("CHARD_BROKER_URL", url)
                .env("CHARD_BACKEND_URL", url)
                .args("worker", "-A", war.toString(), "-l", "info", "-c", "1", "-n", name)
                .start();
        p.awaitOutputOrFail(name + " ready.", READY_TIMEOUT);
        return p;
    }

    /** This module's private copy of the worker jar, so that a rebuild meanwhile does not change what runs. */
    private static Path workerJar() {
        return Path.of("target", "chard-it", "chard-worker.jar").toAbsolutePath();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (worker != null) {
                if (worker.isAlive()) {
                    worker.signalTerm();
                }
                int code = worker.waitFor(STOP_TIMEOUT);
                if (code != 0) {
                    throw new AssertionError("worker exited with " + code + " after SIGTERM (expected 0); log " + worker.logFile());
                }
            }
        } finally {
            if (worker != null) {
                worker.close();
                worker = null;
            }
            if (redis != null) {
                redis.close();
                redis = null;
            }
            ServerConsole.stop();
        }
    }

    public static Path requiredFile(String property, String build) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set; run the tests through Maven");
        }
        Path p = Path.of(value).toAbsolutePath().normalize();
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException(property + "=" + p + " does not exist; build it first: " + build);
        }
        return p;
    }
}
