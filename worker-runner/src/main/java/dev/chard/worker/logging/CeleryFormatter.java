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
 * and tools used to Celery's worker log read Chard's the same way. The thread name is read at format time (the
 * handler formats on the logging thread, and JUL records keep only a thread id), unless a {@link TaskLogRecord}
 * carries it.
 */
public final class CeleryFormatter extends Formatter {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS")
            .withZone(ZoneId.systemDefault());

    private static final DateTimeFormatter TO_SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    /** The last second formatted, and its text: records come many per second, and formatting a date is not cheap. */
    private record Second(long epochSecond, String text) {
    }

    private volatile Second lastSecond = new Second(Long.MIN_VALUE, "");

    @Override
    public String format(LogRecord r) {
        StringBuilder sb = new StringBuilder(128);
        sb.append('[');
        appendTime(sb, r.getMillis());
        sb.append(": ")
                .append(LogLevel.celeryName(r.getLevel())).append('/').append(threadName(r)).append("] ")
                .append(formatMessage(r)).append(System.lineSeparator());
        if (r.getThrown() != null) {
            StringWriter w = new StringWriter();
            r.getThrown().printStackTrace(new PrintWriter(w));
            sb.append(w);
        }
        return sb.toString();
    }

    /** {@code 2026-11-26 14:30:00,123}, as {@link #TIME} would format it. */
    private void appendTime(StringBuilder sb, long millis) {
        long second = Math.floorDiv(millis, 1000);
        Second s = lastSecond;
        if (s.epochSecond() != second) {
            s = new Second(second, TO_SECOND.format(Instant.ofEpochSecond(second)));
            lastSecond = s;
        }
        int ms = Math.floorMod(millis, 1000);
        sb.append(s.text()).append(',').append(ms < 100 ? (ms < 10 ? "00" : "0") : "").append(ms);
    }

    private static String threadName(LogRecord r) {
        String name = r instanceof TaskLogRecord t ? t.threadName() : Thread.currentThread().getName();
        return "main".equals(name) ? "MainThread" : name;
    }
}
