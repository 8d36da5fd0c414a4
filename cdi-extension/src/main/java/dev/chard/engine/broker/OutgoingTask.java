package dev.chard.engine.broker;

import java.util.Objects;

/**
 * A message on its way to the broker.
 *
 * @param keepsResult whether the task's outcome is recorded (results on, and the task does not ignore them): a
 *                    re-send of its id then removes the old record, so the new run does not read the old outcome
 * @param freshId     whether the id was generated for this send (no key of it can exist yet, so enqueue skips the checks a
 *                    re-send of a caller's own id needs: docs/architecture.md, "Atomic steps")
 */
public record OutgoingTask(TaskMessage message, boolean keepsResult, boolean freshId) {

    public OutgoingTask {
        Objects.requireNonNull(message, "message");
    }
}
