package dev.chard.worker.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.Test;

class CeleryFormatterTest {

    @Test
    void linesReadLikeCelerys() {
        String line = new CeleryFormatter().format(new LogRecord(Level.SEVERE, "Task add[1] failed"));
        assertTrue(line.matches("\\[\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3}: ERROR/[^\\]]+\\] Task add\\[1\\] failed\\R"), line);
    }

    @Test
    void levelNamesAreCelerysAndParseLeniently() {
        assertEquals("WARNING", LogLevel.celeryName(Level.WARNING));
        assertEquals("DEBUG", LogLevel.celeryName(Level.FINEST));
        assertEquals(LogLevel.WARNING, LogLevel.parse("warn"));
        assertEquals(LogLevel.DEBUG, LogLevel.parse("DEBUG"));
    }

    @Test
    void theTimeIsTheRecordsOwnToTheMillisecondAcrossSeconds() {
        CeleryFormatter f = new CeleryFormatter();
        for (long millis : new long[] {1_764_167_400_123L, 1_764_167_400_999L, 1_764_167_401_000L, 1_764_167_401_007L,
                1_764_167_400_050L, 0L}) {
            java.util.logging.LogRecord r = new java.util.logging.LogRecord(Level.INFO, "x");
            r.setInstant(java.time.Instant.ofEpochMilli(millis));
            String expected = "[" + CeleryFormatter.TIME.format(java.time.Instant.ofEpochMilli(millis)) + ": ";
            assertTrue(f.format(r).startsWith(expected), f.format(r) + " should start with " + expected);
        }
    }
}
