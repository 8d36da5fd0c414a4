package dev.chard.worker.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * Formats records as Celery does, {@code [2026-11-26 14:30:00,123: INFO/MainThread] message}, so that people
 * and tools used to Celery's worker log read Chard's the same way. The thread name is read at format time:
 * the console handler formats on the logging thread, and JUL records keep only a thread id.
 */
public final class CeleryFormatter extends Formatter {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS")
            .withZone(ZoneId.systemDefault());

    @Override
    public String format(LogRecord r) {
        StringBuilder sb = new StringBuilder(128);
        sb.append('[').append(TIME.format(Instant.ofEpochMilli(r.getMillis()))).append(": ")
                .append(LogLevel.celeryName(r.getLevel())).append('/').append(threadName()).append("] ")
                .append(formatMessage(r)).append(System.lineSeparator());
        if (r.getThrown() != null) {
            StringWriter w = new StringWriter();
            r.getThrown().printStackTrace(new PrintWriter(w));
            sb.append(w);
        }
        return sb.toString();
    }

    private static String threadName() {
        String name = Thread.currentThread().getName();
        return "main".equals(name) ? "MainThread" : name;
    }
}
