package dev.chard.testsupport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The java.util.logging records at or above a level that reach a logger (the root: every logger of the JVM, Yasson's
 * included) while it is open: {@code try (LogCapture warnings = LogCapture.root(Level.WARNING)) {...}}.
 */
public final class LogCapture implements AutoCloseable {

    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler;

    private LogCapture(Logger logger, Level atLeast) {
        this.logger = logger;
        this.handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= atLeast.intValue()) {
                    records.add(r);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
    }

    public static LogCapture root(Level atLeast) {
        return new LogCapture(Logger.getLogger(""), atLeast);
    }

    /** Each captured record as {@code LEVEL logger: message}. */
    public List<String> lines() {
        return records.stream().map(r -> r.getLevel() + " " + r.getLoggerName() + ": " + r.getMessage()).toList();
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}
