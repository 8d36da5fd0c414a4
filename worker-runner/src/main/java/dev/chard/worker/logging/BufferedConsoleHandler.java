package dev.chard.worker.logging;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.ErrorManager;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * The worker's console handler: what {@link java.util.logging.ConsoleHandler} prints, without its flush per record.
 * {@code ConsoleHandler} makes one {@code write} system call per line, under a lock every task thread shares (two
 * lines per task at INFO). Here a line is formatted and appended to a 64 KiB buffer on the logging thread; the buffer
 * reaches stderr when it fills, at once for WARNING and above, and otherwise within {@link #LINGER}, when a daemon
 * thread flushes whatever is buffered. A busy worker thus makes one {@code write} per buffer instead of one per line,
 * and no line waits longer than {@link #LINGER} (a hand-off to another thread per line would cost more than the write
 * it saves on two cores).
 *
 * <p>Thread-safe. {@link #close()} flushes (JUL calls it when the JVM exits); a kill -9 can lose the lines of the last
 * {@link #LINGER}, as it can lose what a terminal has not shown yet.
 */
public final class BufferedConsoleHandler extends Handler {

    /** The longest an INFO line stays buffered. */
    static final Duration LINGER = Duration.ofMillis(50);

    private final Writer out;
    private final Thread flusher;
    private boolean dirty;
    private boolean closed;

    /** Writes to System.err, as Celery's worker log does (and as ConsoleHandler does). */
    public BufferedConsoleHandler(Formatter formatter) {
        this(System.err, formatter);
    }

    BufferedConsoleHandler(OutputStream stream, Formatter formatter) {
        this.out = new BufferedWriter(new OutputStreamWriter(stream), 1 << 16);
        setFormatter(formatter);
        this.flusher = new Thread(this::flushLoop, "chard-log-flush");
        this.flusher.setDaemon(true);
        this.flusher.start();
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        String line;
        try {
            line = getFormatter().format(record);
        } catch (RuntimeException e) {
            reportError(null, e, ErrorManager.FORMAT_FAILURE);
            return;
        }
        boolean now = record.getLevel().intValue() >= Level.WARNING.intValue();
        synchronized (this) {
            if (closed) {
                return;
            }
            try {
                out.write(line);
                if (now) {
                    out.flush();
                    dirty = false;
                } else {
                    dirty = true;
                }
            } catch (IOException e) {
                reportError(null, e, ErrorManager.WRITE_FAILURE);
            }
        }
    }

    @Override
    public synchronized void flush() {
        if (!dirty) {
            return;
        }
        try {
            out.flush();
        } catch (IOException e) {
            reportError(null, e, ErrorManager.FLUSH_FAILURE);
        }
        dirty = false;
    }

    @Override
    public void close() {
        synchronized (this) {
            flush();
            closed = true;
        }
        flusher.interrupt();
    }

    private void flushLoop() {
        long nanos = LINGER.toNanos();
        while (!Thread.currentThread().isInterrupted()) {
            LockSupport.parkNanos(nanos);
            synchronized (this) {
                if (closed) {
                    return;
                }
                flush();
            }
        }
    }
}
