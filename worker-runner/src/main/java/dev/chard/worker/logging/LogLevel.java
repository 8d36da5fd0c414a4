package dev.chard.worker.logging;

import java.util.Locale;
import java.util.logging.Level;

/** Celery's {@code -l} level names and the java.util.logging levels they stand for. */
public enum LogLevel {
    DEBUG(Level.FINE), INFO(Level.INFO), WARNING(Level.WARNING), ERROR(Level.SEVERE), CRITICAL(Level.SEVERE);

    private final Level julLevel;

    LogLevel(Level julLevel) {
        this.julLevel = julLevel;
    }

    public Level julLevel() {
        return julLevel;
    }

    /** Parses {@code debug}, {@code INFO}, {@code warn}..., or throws IllegalArgumentException listing the choices. */
    public static LogLevel parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        if (t.equals("WARN")) {
            return WARNING;
        }
        if (t.equals("FATAL")) {
            return CRITICAL;
        }
        try {
            return valueOf(t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown log level '" + text + "'; use debug, info, warning, error or critical");
        }
    }

    /** The name Celery prints for a JUL level: SEVERE is ERROR, FINE and finer are DEBUG. */
    public static String celeryName(Level level) {
        int v = level.intValue();
        if (v >= Level.SEVERE.intValue()) {
            return "ERROR";
        }
        if (v >= Level.WARNING.intValue()) {
            return "WARNING";
        }
        if (v >= Level.INFO.intValue()) {
            return "INFO";
        }
        return "DEBUG";
    }
}
