package dev.chard.engine.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations as written in configuration: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}, or ISO-8601 ({@code PT30S}). */
public final class Durations {

    private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private Durations() {
    }

    /** The duration, or null when {@code text} is not one. */
    public static Duration parse(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        Matcher m = SIMPLE.matcher(t);
        if (m.matches()) {
            try {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            } catch (NumberFormatException | ArithmeticException e) {
                return null; // too large for a Duration
            }
        }
        try {
            return Duration.parse(text.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** {@code 0.002s}-style seconds, as Celery logs durations. */
    public static String seconds(Duration d) {
        // by hand rather than String.format("%.3fs"), which cost a worker ~10 % of its CPU at two log lines per task
        // (a Formatter, a regex and DecimalFormatSymbols per call); same output: milliseconds rounded half up
        long nanos = d.toNanos();
        boolean negative = nanos < 0;
        long millis = (Math.abs(nanos) + 500_000) / 1_000_000;
        long frac = millis % 1000;
        StringBuilder sb = new StringBuilder(12);
        if (negative) {
            sb.append('-');
        }
        sb.append(millis / 1000).append('.');
        if (frac < 100) {
            sb.append(frac < 10 ? "00" : "0");
        }
        return sb.append(frac).append('s').toString();
    }
}
