package dev.chard.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes the time into a file while the worker is live (its consume loop makes progress), so that a process
 * supervisor (a Kubernetes exec probe, systemd, a script) can tell a working worker from one that merely runs:
 * {@code chard alive --file <path> --max-age 30s}. The file stops changing as soon as the loop stalls.
 */
public final class LivenessFile implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LivenessFile.class.getName());

    private final Path file;
    private final ScheduledExecutorService timer;

    private LivenessFile(Path file, BooleanSupplier live, Duration every) {
        this.file = file;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "Liveness");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            if (live.getAsBoolean()) {
                touch();
            }
        }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts writing {@code file} every {@code every} while {@code live} says so. */
    public static LivenessFile start(Path file, BooleanSupplier live, Duration every) {
        return new LivenessFile(file, live, every);
    }

    private void touch() {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, Instant.now().toString() + System.lineSeparator());
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot write the liveness file " + file + ": " + e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            Files.deleteIfExists(file); // a stopped worker is not live
        } catch (IOException e) {
            LOG.log(Level.FINE, "cannot delete the liveness file " + file, e);
        }
    }
}
