package dev.chard.engine.broker;

/**
 * A message a worker took from a queue and now owns until it acks, dead-letters or hands it back.
 *
 * @param queue      the queue it came from
 * @param id         the task id
 * @param body       the message JSON as stored (decode with {@code MessageCodec}; it may be malformed)
 * @param deliveries how many times it has been fetched, this time included (1 on the first delivery)
 */
public record Delivery(String queue, String id, String body, int deliveries) {

    /** True when an earlier delivery of this message did not end in an ack (its worker died or was stopped). */
    public boolean redelivered() {
        return deliveries > 1;
    }
}
