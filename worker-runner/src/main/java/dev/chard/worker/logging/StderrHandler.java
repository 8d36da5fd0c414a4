package dev.chard.worker.logging;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.StreamHandler;

/**
 * The worker's log handler: {@link java.util.logging.ConsoleHandler}'s behaviour (stderr, a flush per line, never
 * closing stderr), except that lines logged inside a {@link LogBatch} are flushed together at its end.
 */
final class StderrHandler extends StreamHandler {

    StderrHandler(java.util.logging.Formatter formatter) {
        // stderr's file descriptor itself: System.err adds a buffer of its own and flushes it on every write
        this(new FileOutputStream(FileDescriptor.err), formatter);
    }

    StderrHandler(OutputStream out, java.util.logging.Formatter formatter) {
        super(out, formatter);
        setLevel(Level.ALL);
    }

    @Override
    public synchronized void publish(LogRecord record) {
        super.publish(record);
        if (!LogBatch.holding()) {
            flush();
        }
    }

    /** Flushes but leaves stderr open, as ConsoleHandler does: other code still writes to it. */
    @Override
    public synchronized void close() {
        flush();
    }
}
