package dev.chard.engine.serialization;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads the instants Chard writes ({@link Instant#toString()}: {@code 2026-11-26T14:00:00.012Z}, with 0, 3, 6 or 9
 * fraction digits) without {@link java.time.format.DateTimeFormatter}, which costs more than the rest of a message's
 * decoding: JFR of a draining worker had {@code Instant.parse} of the {@code sentAt} field at 15 % of its CPU
 * samples. Any other ISO-8601 form (an offset instead of {@code Z}, a year past 9999...) goes to {@link Instant#parse},
 * so what is accepted, and the exception for what is not, are exactly {@code Instant.parse}'s.
 */
final class IsoInstants {

    private IsoInstants() {
    }

    static Instant parse(String s) {
        Instant fast = fastPath(s);
        return fast != null ? fast : Instant.parse(s);
    }

    /** The instant, or null when {@code s} is not in the one canonical shape (then the JDK's parser decides). */
    private static Instant fastPath(String s) {
        int n = s.length();
        // yyyy-MM-ddTHH:mm:ssZ is 20 characters; a fraction adds a dot and 1 to 9 digits
        if (n < 20 || n > 30 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if ((year | month | day | hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            if (s.charAt(19) != '.' || n == 21) {
                return null;
            }
            int fractionDigits = n - 21;
            int fraction = digits(s, 20, fractionDigits);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction;
            for (int i = fractionDigits; i < 9; i++) {
                nanos *= 10;
            }
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay(); // checks the day exists (no 2026-02-30)
        } catch (DateTimeException e) {
            return null;
        }
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600 + minute * 60 + second, nanos);
    }

    /** The value of {@code count} ASCII digits at {@code from}, or -1 if any is not a digit. */
    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
