package dev.chard.worker.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LogBatchTest {

    /** Records each write the handler makes to stderr. */
    private static final class Writes extends ByteArrayOutputStream {
        final List<String> writes = new ArrayList<>();

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            writes.add(new String(b, off, len, StandardCharsets.UTF_8));
        }
    }

    private final Writes out = new Writes();
    private final StderrHandler handler = new StderrHandler(out, new Formatter() {
        @Override
        public String format(LogRecord r) {
            return r.getMessage() + "\n";
        }
    });

    @AfterEach
    void uninstall() {
        LogBatch.install(null);
    }

    private void log(String line) {
        handler.publish(new LogRecord(Level.INFO, line));
    }

    @Test
    void outsideABatchEveryLineIsWrittenAtOnce() {
        LogBatch.install(handler);
        log("a");
        log("b");
        assertEquals(List.of("a\n", "b\n"), out.writes);
    }

    @Test
    void theLinesOfABatchAreWrittenTogetherWhenItEnds() {
        LogBatch.install(handler);
        LogBatch.run(() -> {
            log("a");
            LogBatch.run(() -> log("b")); // a nested batch ends with the outer one
            log("c");
            assertEquals(List.of(), out.writes, "held while the batch runs");
        });
        assertEquals(List.of("a\nb\nc\n"), out.writes);
        log("d");
        assertEquals(List.of("a\nb\nc\n", "d\n"), out.writes, "after the batch, a flush per line again");
    }

    @Test
    void anotherThreadsLineWritesTheHeldLinesFirst() throws Exception {
        LogBatch.install(handler);
        LogBatch.run(() -> {
            log("a");
            Thread other = new Thread(() -> log("b"));
            other.start();
            try {
                other.join();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            log("c");
        });
        assertEquals(List.of("a\nb\n", "c\n"), out.writes, "nothing is reordered or held behind another thread's line");
    }
}
