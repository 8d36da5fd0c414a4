package dev.chard.engine.broker;

import dev.chard.engine.backend.ResultRecord;

/**
 * One write a worker makes about a delivery it runs, gathered with others into one {@link Broker#complete} call: its
 * STARTED record, or its ack with the outcome.
 *
 * @param delivery the delivery written about
 * @param record   the record to store (STARTED for {@link #started}; the outcome, or null when none is recorded, for
 *                 {@link #ack})
 * @param ack      true when this entry ends the delivery
 */
public record Completion(Delivery delivery, ResultRecord record, boolean ack) {

    public static Completion started(Delivery delivery, ResultRecord started) {
        return new Completion(delivery, java.util.Objects.requireNonNull(started), false);
    }

    public static Completion ack(Delivery delivery, ResultRecord outcome) {
        return new Completion(delivery, outcome, true);
    }
}
