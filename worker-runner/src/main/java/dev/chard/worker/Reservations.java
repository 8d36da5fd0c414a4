package dev.chard.worker;

import java.time.Duration;

/**
 * How many deliveries the worker may hold at once (taken from Redis, not yet ended): one per task thread, plus a
 * prefetch measured in time rather than in tasks: as many extra tasks as the threads finish within
 * {@code chard.worker.prefetch-window} at the mean duration of recent tasks, at most {@link #MAX_AHEAD}.
 *
 * <p>Why time: a fixed prefetch (Celery's {@code worker_prefetch_multiplier}) either leaves short tasks paying a
 * round trip each or parks long tasks in one worker's memory while others sit idle. Sized by time, a worker running
 * 50 µs tasks fetches them by the dozen (one script call for many), and one running 1 s tasks reserves none beyond its
 * free threads, so a reserved task waits at most about one window behind the running ones. Until a task has ended
 * there is no mean, and nothing is reserved ahead.
 *
 * <p>Thread-safe: the fetcher takes, task threads end.
 */
final class Reservations {

    /** The most tasks reserved beyond the threads, whatever the window: one fetch's worth. */
    static final int MAX_AHEAD = Fetcher.MAX_BATCH;

    private final int threads;
    private final long windowNanos;
    private int held;
    /** Exponentially weighted mean duration of the tasks ended so far (weight 1/8 for the newest); -1 before the first. */
    private double meanNanos = -1;
    private boolean waiting;

    Reservations(int threads, Duration window) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads: " + threads);
        }
        this.threads = threads;
        this.windowNanos = window.toNanos();
    }

    /**
     * Blocks until the worker should fetch, and returns how many more deliveries it may hold now (at least 1). While
     * reserved tasks still wait for a thread, that is once there is room for half the prefetch: refilling the reserve
     * one task at a time, as each ends, would cost a round trip per task again.
     */
    synchronized int awaitRoom() throws InterruptedException {
        while (!shouldFetch()) {
            waiting = true;
            try {
                wait();
            } finally {
                waiting = false;
            }
        }
        return limit() - held;
    }

    /** A delivery was taken from Redis and is about to be handed to the pool. */
    synchronized void taken() {
        held++;
    }

    /** A delivery ended (any outcome) after running for {@code nanos}. */
    synchronized void ended(long nanos) {
        meanNanos = meanNanos < 0 ? nanos : meanNanos + (nanos - meanNanos) / 8;
        held--;
        if (waiting) {
            notifyAll();
        }
    }

    /** Tasks held now. */
    synchronized int held() {
        return held;
    }

    /** Tasks the worker may hold beyond its threads now (0 with the window off, or before any task ended). */
    synchronized int ahead() {
        if (windowNanos == 0 || meanNanos < 0) {
            return 0;
        }
        double n = threads * (double) windowNanos / Math.max(1.0, meanNanos);
        return (int) Math.min(MAX_AHEAD, n);
    }

    private boolean shouldFetch() {
        int room = limit() - held;
        return room > 0 && (held <= threads || room >= Math.max(1, ahead() / 2));
    }

    private int limit() {
        return threads + ahead();
    }
}
