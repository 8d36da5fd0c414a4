package dev.chard.engine.broker;

import dev.chard.engine.backend.ResultRecord;

import java.util.Objects;

/**
 * A message on its way to the broker, with what is recorded with it.
 *
 * @param pending the PENDING record written with the message; null when results are off for it
 * @param freshId whether the id was generated for this send (no key of it can exist yet, so enqueue skips the checks a
 *                re-send of a caller's own id needs: docs/architecture.md, "Atomic steps")
 */
public record OutgoingTask(TaskMessage message, ResultRecord pending, boolean freshId) {

    public OutgoingTask {
        Objects.requireNonNull(message, "message");
    }
}
