package dev.chard.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({
        "500ms, PT0.5S",
        "30s, PT30S",
        "5m, PT5M",
        "2h, PT2H",
        "1d, PT24H",
        "' 10 s ', PT10S",
        "15MS, PT0.015S",
        "PT30S, PT30S",
        "pt1m30s, PT1M30S",
        "P1D, PT24H",
    })
    void shortAndIsoFormsAreParsed(String text, String expected) {
        assertEquals(Duration.parse(expected), Durations.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "soon", "5", "5 minutes", "1.5s", "-5s", "s", "10w"})
    void textThatIsNoDurationGivesNull(String text) {
        assertNull(Durations.parse(text));
    }

    @Test
    void secondsAreFormattedLikeCeleryLogs() {
        assertEquals("0.002s", Durations.seconds(Duration.ofMillis(2)));
        assertEquals("1.500s", Durations.seconds(Duration.ofMillis(1500)));
        for (long nanos : new long[] {0, 1, 499_999, 500_000, 1_000_000, 12_345_678, 999_499_999, 999_500_000,
                61_234_567_891L, 3_600_000_000_000L, -2_000_000, -1}) {
            assertEquals(String.format(java.util.Locale.ROOT, "%.3fs", nanos / 1e9), Durations.seconds(Duration.ofNanos(nanos)),
                    "the same text as %.3f for " + nanos + " ns");
        }
    }
}
