package dev.chard.engine.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoInstantsTest {

    @Test
    void writesExactlyWhatInstantToStringWrites() {
        SplittableRandom random = new SplittableRandom(20261127);
        for (int i = 0; i < 200_000; i++) {
            long sec = random.nextLong(0, 253_402_300_800L); // 1970 up to the last second of 9999
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000; // whole milliseconds (sentAt)
                case 2 -> random.nextInt(1_000_000) * 1_000; // microseconds (Instant.now(), dateDone)
                default -> random.nextInt(1_000_000_000);
            };
            Instant t = Instant.ofEpochSecond(sec, nano);
            assertEquals(t.toString(), IsoInstants.format(t), () -> "epoch second " + sec + ", nano " + nano);
        }
        for (Instant edge : new Instant[] {Instant.EPOCH, Instant.ofEpochMilli(1), Instant.parse("2000-02-29T23:59:59.999Z"),
                Instant.parse("2100-03-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999Z"), Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("1969-12-31T23:59:59.5Z"), Instant.MIN, Instant.MAX}) {
            assertEquals(edge.toString(), IsoInstants.format(edge));
        }
    }

    @Test
    void readsEveryInstantToStringWritesExactlyAsInstantParseDoes() {
        SplittableRandom random = new SplittableRandom(20261126);
        for (int i = 0; i < 200_000; i++) {
            // years 0000 to 9999, and every fraction length toString produces (none, millis, micros, nanos)
            long seconds = random.nextLong(Instant.parse("0000-01-01T00:00:00Z").getEpochSecond(),
                    Instant.parse("9999-12-31T23:59:59Z").getEpochSecond() + 1);
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            String text = Instant.ofEpochSecond(seconds, nanos).toString();
            assertEquals(Instant.parse(text), IsoInstants.parse(text), text);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-26T14:00:00.1Z", "2026-11-26T14:00:00.12Z", "2026-11-26T14:00:00.1234Z",
            "2024-02-29T23:59:59.999999999Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.5Z",
            // not the canonical shape: the JDK's parser reads these
            "2026-11-26T14:00:00+01:00", "2026-11-26T23:59:60Z", "+12026-11-26T14:00:00Z", "2026-11-26t14:00:00z",
            "2026-11-26T14:00:00.Z"})
    void agreesWithInstantParseOnOtherValidForms(String text) {
        assertEquals(Instant.parse(text), IsoInstants.parse(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2026-11-26", "2026-11-26T14:00:00", "2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z",
            "2026-11-26T25:00:00Z", "2026-11-26T14:60:00Z", "2026-11-26T14:00:00.1234567890Z",
            "2026-1a-26T14:00:00Z", "2026-11-26 14:00:00Z", "yesterday"})
    void rejectsWhatInstantParseRejectsWithTheSameException(String text) {
        assertThrows(DateTimeParseException.class, () -> Instant.parse(text), text);
        assertThrows(DateTimeParseException.class, () -> IsoInstants.parse(text), text);
    }
}
