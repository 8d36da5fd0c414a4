package dev.chard.engine.broker;

import java.util.List;
import java.util.Optional;

/**
 * What one fetch found: the deliveries taken (at most as many as asked for), whether that emptied the queue's ready
 * tasks, and if so how long until the next delayed task of that queue is due.
 *
 * @param deliveries  the messages taken, in queue order
 * @param drained     fewer than asked for were ready: nothing more was ready when the fetch ran, so asking again
 *                    before the next wake-up token would find nothing
 * @param nextDueInMs milliseconds until the earliest delayed task is due; -1 when none is waiting (or when the queue
 *                    was not drained, so it was not looked at further)
 */
public record FetchResult(List<Delivery> deliveries, boolean drained, long nextDueInMs) {

    public FetchResult {
        deliveries = List.copyOf(deliveries);
    }

    /** The first delivery, if any: for callers that fetch one at a time. */
    public Optional<Delivery> delivery() {
        return deliveries.isEmpty() ? Optional.empty() : Optional.of(deliveries.get(0));
    }
}
