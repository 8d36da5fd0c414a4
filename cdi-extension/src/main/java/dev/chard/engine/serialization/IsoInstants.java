package dev.chard.engine.serialization;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Writes and reads the instants Chard writes ({@link Instant#toString()}: {@code 2026-11-26T14:00:00.012Z}, with 0, 3, 6 or 9
 * fraction digits) without {@link java.time.format.DateTimeFormatter}, which costs more than the rest of a message's
 * decoding: JFR of a draining worker had {@code Instant.parse} of the {@code sentAt} field at 15 % of its CPU
 * samples. Any other ISO-8601 form (an offset instead of {@code Z}, a year past 9999...) goes to {@link Instant#parse},
 * so what is accepted, and the exception for what is not, are exactly {@code Instant.parse}'s.
 */
final class IsoInstants {

    private IsoInstants() {
    }

    /** The first second of year 10000: {@link Instant#toString()} writes a '+' and more digits from there on. */
    private static final long YEAR_10000 = 253_402_300_800L;

    /**
     * Exactly {@link Instant#toString()}, without its {@code DateTimeFormatter}, for the years 1970 to 9999: JFR of a
     * bulk send had that formatter, for each message's {@code sentAt}, at a third of the message's encoding. The
     * fraction has 0, 3, 6 or 9 digits, the fewest that keep it whole, as {@code toString()} writes it. Instants
     * outside those years are left to {@code toString()}.
     */
    static String format(Instant t) {
        long sec = t.getEpochSecond();
        int nano = t.getNano();
        if (sec < 0 || sec >= YEAR_10000) {
            return t.toString();
        }
        long days = sec / 86_400;
        int secOfDay = (int) (sec % 86_400);
        // the civil date of a day count (H. Hinnant's days_from_civil, inverted), for days >= 0
        long z = days + 719_468;
        long era = z / 146_097;
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int day = (int) (doy - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        int year = (int) (yoe + era * 400 + (month <= 2 ? 1 : 0));
        int digits = nano == 0 ? 0 : nano % 1_000_000 == 0 ? 3 : nano % 1_000 == 0 ? 6 : 9;
        char[] c = new char[digits == 0 ? 20 : 21 + digits];
        put(c, 0, year, 4);
        c[4] = '-';
        put(c, 5, month, 2);
        c[7] = '-';
        put(c, 8, day, 2);
        c[10] = 'T';
        put(c, 11, secOfDay / 3_600, 2);
        c[13] = ':';
        put(c, 14, secOfDay / 60 % 60, 2);
        c[16] = ':';
        put(c, 17, secOfDay % 60, 2);
        if (digits > 0) {
            c[19] = '.';
            put(c, 20, digits == 3 ? nano / 1_000_000 : digits == 6 ? nano / 1_000 : nano, digits);
        }
        c[c.length - 1] = 'Z';
        return new String(c);
    }

    /** {@code value} as exactly {@code width} decimal digits at {@code at}, zero-padded. */
    private static void put(char[] c, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
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
