package dev.chard.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private {@code redis-server} process on a free loopback port, in its own temporary directory.
 *
 * <p>It runs in the foreground (no {@code --daemonize}), so it belongs to this JVM: {@link #kill()} is a SIGKILL
 * and {@link #close()} stops it and deletes its directory. Defaults: {@code --bind 127.0.0.1 --save ''
 * --appendonly no}; extra arguments come last and so override them (Redis applies command-line options in
 * order). The server logs to {@code redis.log} in {@link #dir()}.
 *
 * <p>Not thread-safe for lifecycle calls ({@code kill}, {@code stop}, {@code restart}, {@code close}); {@link #call}
 * may be used from any thread.
 */
public final class RedisServer implements AutoCloseable {

    private static final long READY_TIMEOUT_MILLIS = 10_000;
    private static final long PORT_RETRY_MILLIS = 5_000;
    private static final int START_ATTEMPTS = 5;

    private final Path dir;
    private final List<String> extraArgs;
    private int port;
    private Process process;

    private RedisServer(Path dir, List<String> extraArgs) {
        this.dir = dir;
        this.extraArgs = List.copyOf(extraArgs);
    }

    /** Starts a server with the defaults. */
    public static RedisServer start() {
        return start(new String[0]);
    }

    /**
     * Starts a server with extra arguments, for example {@code "--appendonly", "yes", "--appendfsync", "always"}.
     *
     * @throws IllegalStateException if {@code redis-server} is not on the PATH or does not answer PING in 10 s
     */
    public static RedisServer start(String... extraArgs) {
        requireBinary();
        Path dir;
        try {
            dir = Files.createTempDirectory("chard-redis-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for redis-server", e);
        }
        RedisServer server = new RedisServer(dir, List.of(extraArgs));
        try {
            // The free port may be taken between find() and bind(): try a few fresh ones.
            IllegalStateException last = null;
            for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
                server.port = FreePorts.find();
                try {
                    server.launch(READY_TIMEOUT_MILLIS);
                    return server;
                } catch (IllegalStateException e) {
                    last = e;
                    if (!server.logMentionsAddressInUse()) {
                        break;
                    }
                }
            }
            throw last;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * Starts a server on a given port, for a process that must know the port before the test starts (an application
     * server configured by the build, e.g. a port reserved by build-helper-maven-plugin's {@code reserve-network-port}).
     * There is no retry on another port: if {@code port} is taken this fails, naming it.
     *
     * @throws IllegalStateException if {@code redis-server} is not on the PATH, the port is taken, or the server does
     *     not answer PING in 10 s
     */
    public static RedisServer startOnPort(int port, String... extraArgs) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " is not a TCP port");
        }
        requireBinary();
        Path dir;
        try {
            dir = Files.createTempDirectory("chard-redis-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for redis-server", e);
        }
        RedisServer server = new RedisServer(dir, List.of(extraArgs));
        server.port = port;
        try {
            if (RespClient.pings(port)) {
                throw new IllegalStateException("port " + port + " already answers PING: another redis-server holds it");
            }
            server.launch(READY_TIMEOUT_MILLIS);
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:<port>/0}. */
    public String url() {
        return url(0);
    }

    /** {@code redis://127.0.0.1:<port>/<db>}. */
    public String url(int db) {
        return "redis://127.0.0.1:" + port + "/" + db;
    }

    /** The server's working directory ({@code --dir}), holding its log and any AOF/RDB files. */
    public Path dir() {
        return dir;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /**
     * Sends one command over a fresh connection.
     *
     * @return a {@code String} for simple and bulk strings, a {@code Long} for integers, a {@code List<Object>} for
     *     arrays, {@code null} for nil
     * @throws RedisReplyException for an error reply
     * @throws IllegalStateException if the server cannot be reached
     */
    public Object call(String... args) {
        try {
            return RespClient.call(port, args);
        } catch (IOException e) {
            throw new IllegalStateException("redis-server on port " + port + " did not answer " + String.join(" ", args)
                    + ": " + e, e);
        }
    }

    /** SIGKILL: the server gets no chance to write anything (as in a crash or an OOM kill). */
    public void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        awaitExit(10_000);
    }

    /** {@code SHUTDOWN NOSAVE}, then waits for the process to end (SIGKILL after 10 s). */
    public void stop() {
        if (!isRunning()) {
            return;
        }
        try {
            RespClient.send(port, "SHUTDOWN", "NOSAVE");
        } catch (IOException e) {
            process.destroy(); // SIGTERM: redis-server shuts down cleanly on it too
        }
        if (!awaitExit(10_000)) {
            process.destroyForcibly();
            awaitExit(10_000);
        }
    }

    /**
     * Starts the server again on the same port and directory with the same arguments (so an AOF written before a
     * {@link #kill()} is loaded), and waits until it answers PING. If the port is still taken, retries for a few
     * seconds. A running server is killed first.
     */
    public void restart() {
        kill();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PORT_RETRY_MILLIS);
        while (true) {
            try {
                launch(READY_TIMEOUT_MILLIS);
                return;
            } catch (IllegalStateException e) {
                if (!logMentionsAddressInUse() || System.nanoTime() > deadline) {
                    throw e;
                }
                sleep(200);
            }
        }
    }

    /** Stops the server and deletes its directory. */
    @Override
    public void close() {
        try {
            stop();
        } finally {
            if (isRunning()) {
                kill();
            }
            deleteRecursively(dir);
        }
    }

    @Override
    public String toString() {
        return "RedisServer[port=" + port + ", dir=" + dir + ", running=" + isRunning() + "]";
    }

    private void launch(long readyTimeoutMillis) {
        List<String> command = new ArrayList<>(List.of("redis-server",
                "--port", Integer.toString(port),
                "--bind", "127.0.0.1",
                "--save", "",
                "--appendonly", "no",
                "--daemonize", "no",
                "--dir", dir.toString(),
                "--logfile", logFile().toString()));
        command.addAll(extraArgs);
        try {
            Files.deleteIfExists(logFile()); // so "address in use" checks read this attempt's log only
            process = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis-stdout.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + String.join(" ", command) + ": " + e, e);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(readyTimeoutMillis);
        while (!RespClient.pings(port)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server on port " + port + " exited with " + process.exitValue()
                        + " before answering PING; log:\n" + logTail());
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                awaitExit(5_000);
                throw new IllegalStateException("redis-server on port " + port + " did not answer PING within "
                        + readyTimeoutMillis + " ms; log:\n" + logTail());
            }
            sleep(25);
        }
    }

    private Path logFile() {
        return dir.resolve("redis.log");
    }

    private boolean logMentionsAddressInUse() {
        String log = logTail();
        return log.contains("Address already in use") || log.contains("Could not create server TCP listening socket");
    }

    private String logTail() {
        StringBuilder text = new StringBuilder();
        for (Path file : List.of(logFile(), dir.resolve("redis-stdout.log"))) {
            try {
                if (Files.exists(file)) {
                    String content = Files.readString(file);
                    text.append(content, Math.max(0, content.length() - 4_000), content.length());
                }
            } catch (IOException e) {
                text.append("(cannot read ").append(file).append(": ").append(e).append(")\n");
            }
        }
        return text.toString();
    }

    private boolean awaitExit(long millis) {
        try {
            return process.waitFor(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void requireBinary() {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String entry : path.split(File.pathSeparator)) {
                if (!entry.isEmpty() && Files.isExecutable(Path.of(entry, "redis-server"))) {
                    return;
                }
            }
        }
        throw new IllegalStateException("redis-server is not on the PATH (" + path + "); install it, for example with "
                + "'apt-get install -y redis-server' (.ci/run does this)");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for redis-server", e);
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
