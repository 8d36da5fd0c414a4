package dev.chard.engine.broker;

import java.util.Optional;

/**
 * What one fetch found: a delivery, or nothing and how long until the next delayed task of that queue is due.
 *
 * @param delivery    the message taken, if any
 * @param nextDueInMs milliseconds until the earliest delayed task is due; -1 when none is waiting
 */
public record FetchResult(Optional<Delivery> delivery, long nextDueInMs) {

    public static FetchResult of(Delivery d) {
        return new FetchResult(Optional.of(d), 0);
    }

    public static FetchResult empty(long nextDueInMs) {
        return new FetchResult(Optional.empty(), nextDueInMs);
    }
}
