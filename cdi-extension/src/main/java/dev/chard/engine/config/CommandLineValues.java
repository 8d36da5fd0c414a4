package dev.chard.engine.config;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Values that a command-line option published as system properties (the worker's {@code --broker}, {@code -c}, ...):
 * they must be system properties, so that the application booted in the worker reads the same configuration, but an
 * error about one names the option that was typed, not "system property". Thread-safe.
 */
public final class CommandLineValues {

    private static final Map<String, Origin> SET = new ConcurrentHashMap<>();

    private record Origin(String value, String option) {
    }

    private CommandLineValues() {
    }

    /** Sets the system property {@code key} to {@code value}, remembering that {@code option} gave it. */
    public static void set(String key, String value, String option) {
        System.setProperty(key, value);
        SET.put(key, new Origin(value, option));
    }

    /** "command-line option --broker" when the option set {@code key} to this value; null otherwise. */
    static String origin(String key, String value) {
        Origin o = SET.get(key);
        return o != null && o.value().trim().equals(value.trim()) ? "command-line option " + o.option() : null;
    }
}
