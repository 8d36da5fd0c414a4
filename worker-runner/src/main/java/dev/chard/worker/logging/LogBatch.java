package dev.chard.worker.logging;

import java.util.logging.Handler;

/**
 * Lets a thread that logs several lines at once (the received lines of one fetch, the succeeded lines of one written
 * batch of acks) have them written to stderr in one {@code write}, instead of one per line. Lines logged inside
 * {@link #run} are formatted at once and held in the handler's buffer; the buffer is flushed when the outermost
 * {@code run} returns, or earlier when any other thread logs a line (a flush writes everything buffered, in order).
 *
 * <p>Why: with a task of a few microseconds the worker's two lines per task were its largest single cost, and nearly all
 * of it was the {@code write} system call behind each line's flush, not the formatting (async-profiler of a backlog
 * drain: 13 % of the worker's CPU in {@code StreamHandler.flush}, 1.3 % in the formatter; docs/benchmarks.md). A line is
 * never held for longer than its batch takes to log, and never waits for a timer, so the last lines before a
 * {@code kill -9} are on stderr as before.
 */
public final class LogBatch {

    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    /** The handler {@link LogSetup} installed; null when logging goes elsewhere (tests), and then batches change nothing. */
    private static volatile Handler handler;

    private LogBatch() {
    }

    /** Runs {@code lines}, which logs, and writes what it logged in one go. */
    public static void run(Runnable lines) {
        int[] depth = DEPTH.get();
        depth[0]++;
        try {
            lines.run();
        } finally {
            if (--depth[0] == 0) {
                Handler h = handler;
                if (h != null) {
                    h.flush();
                }
            }
        }
    }

    /** True while the current thread is inside {@link #run}: its lines wait for the batch's flush. */
    static boolean holding() {
        return DEPTH.get()[0] > 0;
    }

    static void install(Handler h) {
        handler = h;
    }
}
