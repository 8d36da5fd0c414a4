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
}
