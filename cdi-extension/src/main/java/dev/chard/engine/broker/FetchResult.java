package dev.chard.engine.broker;

import java.util.List;
import java.util.Optional;

/**
 * What one fetch found: the deliveries taken (at most as many as asked for), and when fewer were taken, how long
 * until the next delayed task of that queue is due.
 *
 * @param deliveries  the messages taken, in queue order
 * @param nextDueInMs milliseconds until the earliest delayed task is due; -1 when none is waiting (or when as many
 *                    as asked for were taken, so the queue was not looked at further)
 */
public record FetchResult(List<Delivery> deliveries, long nextDueInMs) {

    public FetchResult {
        deliveries = List.copyOf(deliveries);
    }

    /** The first delivery, if any: for callers that fetch one at a time. */
    public Optional<Delivery> delivery() {
        return deliveries.isEmpty() ? Optional.empty() : Optional.of(deliveries.get(0));
    }

    public static FetchResult of(Delivery d) {
        return new FetchResult(List.of(d), -1);
    }

    public static FetchResult empty(long nextDueInMs) {
        return new FetchResult(List.of(), nextDueInMs);
    }
}
