package dev.chard.worker;

import java.time.Duration;

/**
 * The wait after a failed Redis call: 100 ms, doubling up to 5 s, back to 100 ms after a success. Short enough to
 * resume at once after a blip, long enough not to spin against a Redis that is down. One instance per thread.
 */
final class Backoff {

    static final Duration FIRST = Duration.ofMillis(100);
    static final Duration MAX = Duration.ofSeconds(5);

    private Duration next = FIRST;

    /** Sleeps the current step and doubles it; false if interrupted (the interrupt flag is kept). */
    boolean pause() {
        Duration d = next;
        next = d.multipliedBy(2).compareTo(MAX) > 0 ? MAX : d.multipliedBy(2);
        try {
            Thread.sleep(d.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The step the next {@link #pause()} will sleep. */
    Duration next() {
        return next;
    }

    void reset() {
        next = FIRST;
    }
}
