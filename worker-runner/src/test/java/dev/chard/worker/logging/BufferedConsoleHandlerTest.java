package dev.chard.worker.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class BufferedConsoleHandlerTest {

    /** Collects what was written and counts the flushes that reached it. */
    private static final class Sink extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final AtomicInteger flushes = new AtomicInteger();

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
        }

        @Override
        public void flush() {
            flushes.incrementAndGet();
        }

        synchronized String text() {
            return bytes.toString(Charset.defaultCharset());
        }
    }

    private static final Formatter PLAIN = new Formatter() {
        @Override
        public String format(LogRecord r) {
            return r.getMessage() + "\n";
        }
    };

    @Test
    void aLoneLineIsWrittenWithoutAnyoneFlushing() throws Exception {
        Sink sink = new Sink();
        BufferedConsoleHandler h = new BufferedConsoleHandler(sink, PLAIN);
        h.publish(new LogRecord(Level.INFO, "hello"));
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!sink.text().equals("hello\n") && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals("hello\n", sink.text());
        h.close();
    }

    @Test
    void linesFromManyThreadsKeepEachThreadsOrderAndAFlushWritesThemAll() throws Exception {
        Sink sink = new Sink();
        BufferedConsoleHandler h = new BufferedConsoleHandler(sink, PLAIN);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int n = t;
            threads.add(new Thread(() -> {
                for (int i = 0; i < 5_000; i++) {
                    h.publish(new LogRecord(Level.INFO, n + ":" + i));
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        h.flush();
        String[] lines = sink.text().split("\n");
        assertEquals(20_000, lines.length, "every line written by the time flush returns, none dropped");
        int[] next = new int[4];
        for (String line : lines) {
            String[] p = line.split(":");
            int t = Integer.parseInt(p[0]);
            assertEquals(next[t]++, Integer.parseInt(p[1]), "a thread's lines keep their order");
        }
        assertTrue(sink.flushes.get() < 20_000, "lines are flushed in batches, not one by one: " + sink.flushes.get());
        h.close();
    }

    @Test
    void aWarningIsWrittenBeforePublishReturnsTogetherWithTheLinesBeforeIt() {
        Sink sink = new Sink();
        BufferedConsoleHandler h = new BufferedConsoleHandler(sink, PLAIN);
        h.publish(new LogRecord(Level.INFO, "first"));
        h.publish(new LogRecord(Level.WARNING, "trouble"));
        assertEquals("first\ntrouble\n", sink.text());
        h.close();
    }

    @Test
    void closeWritesWhatIsQueuedAndLaterRecordsAreIgnored() {
        Sink sink = new Sink();
        BufferedConsoleHandler h = new BufferedConsoleHandler(sink, PLAIN);
        for (int i = 0; i < 100; i++) {
            h.publish(new LogRecord(Level.INFO, "l" + i));
        }
        h.close();
        assertEquals(100, sink.text().split("\n").length);
        h.publish(new LogRecord(Level.INFO, "late"));
        assertTrue(!sink.text().contains("late"));
    }

    @Test
    void recordsBelowTheHandlersLevelAreNotWritten() {
        Sink sink = new Sink();
        BufferedConsoleHandler h = new BufferedConsoleHandler(sink, PLAIN);
        h.setLevel(Level.WARNING);
        h.publish(new LogRecord(Level.INFO, "quiet"));
        h.publish(new LogRecord(Level.WARNING, "loud"));
        h.close();
        assertEquals("loud\n", sink.text());
    }
}
