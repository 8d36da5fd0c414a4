package dev.chard.engine.client;

/**
 * Decides when a built message goes to the broker. The engine knows nothing of transactions: the CDI layer supplies a
 * deferral that, inside an active JTA transaction, runs the send after the commit and drops it on rollback
 * ({@code chard.send.transactional}). Implementations must be thread-safe.
 */
@FunctionalInterface
public interface SendDeferral {

    /** Never defers: every message goes to the broker during the call. */
    SendDeferral NONE = (taskId, taskName, send) -> false;

    /**
     * Either takes charge of {@code send} (runs it later, or drops it) and returns true, or returns false so that the
     * caller sends at once. A deferred send can no longer throw to the caller: the deferral reports its failure.
     *
     * @param taskId   the id of the task, known before it is sent
     * @param taskName the task's name, for messages
     * @param send     puts the message on the broker; throws what the broker throws
     */
    boolean defer(String taskId, String taskName, Runnable send);
}
