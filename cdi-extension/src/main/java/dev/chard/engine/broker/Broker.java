package dev.chard.engine.broker;

import dev.chard.engine.backend.ResultRecord;
import dev.chard.engine.backend.ResultBackend;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * The queues. Each method is one atomic Redis step (docs/architecture.md, "Atomic steps"). When the result
 * backend lives on the same server and database as the broker, the result record passed to {@link #enqueue} and
 * {@link #ack} is written in the same script; otherwise the broker writes it through the backend first.
 * Implementations are thread-safe.
 */
public interface Broker extends AutoCloseable {

    /**
     * Queues one message (ready now, or delayed until its eta) and records its PENDING record, in one atomic step. The
     * encoded body is checked against {@code chard.message.max-size} in the caller's thread. Concurrent calls may
     * share one round trip; each returns once Redis accepted its message, or throws.
     *
     * @throws dev.chard.api.BrokerUnavailableException if Redis does not answer within the configured timeout
     */
    void enqueue(OutgoingTask task);

    /**
     * Queues many messages in chunks, each chunk one atomic step, in order. Every message is encoded and checked
     * first: one too large sends nothing.
     *
     * @throws EnqueueChunkException when a chunk failed: it says how many leading tasks were accepted
     */
    void enqueueAll(List<OutgoingTask> tasks);

    /**
     * Promotes due delayed tasks, then takes up to {@code max} ready tasks of {@code queue} for {@code workerId}, in one
     * atomic step. A worker asks for no more than it can start at once (its free task threads).
     */
    FetchResult fetch(String queue, String workerId, int max);

    /** {@code fetch(queue, workerId, 1)}. */
    default FetchResult fetch(String queue, String workerId) {
        return fetch(queue, workerId, 1);
    }

    /** Blocks until a wake-up token arrives on any of {@code queues}, or {@code max} passes. */
    void awaitWork(Collection<String> queues, Duration max);

    /**
     * Ends a delivery: writes {@code outcome} (may be null: results off, or already stored) and removes the message.
     * The one-entry form of {@link #complete}, which is the only write path (the worker batches its acks there).
     */
    default void ack(Delivery delivery, String workerId, ResultRecord outcome) {
        complete(workerId, List.of(Completion.ack(delivery, outcome)));
    }

    /**
     * Writes {@code entries} in their order: STARTED records and acks with their outcomes, each as
     * {@link ResultBackend#store} and a one-entry {@link #ack} would. With a co-located backend that is one atomic script call for all of them;
     * otherwise the records go first, in one call to the backend, then the acks in one call (an outcome is never
     * written after its ack, so a crash in between re-runs the task rather than losing its outcome).
     */
    void complete(String workerId, List<Completion> entries);

    /**
     * Ends a delivery by scheduling the same task id again: {@code next} (retries + 1, its new eta) waits in the
     * delayed set for {@code countdown}, and {@code retryRecord} (RETRY, may be null) is written. One atomic step.
     */
    void retry(Delivery delivery, String workerId, TaskMessage next, java.time.Duration countdown, ResultRecord retryRecord);

    /** Moves a delivery to the queue's dead-letter list with {@code reason}; the message leaves the queue. */
    void deadLetter(Delivery delivery, String workerId, String reason);

    /** Records that {@code workerId} is alive on {@code queue}, and reclaims the work of dead workers there. */
    HeartbeatResult heartbeat(String queue, String workerId);

    /** Puts every task {@code workerId} still holds on {@code queue} back at the head of the queue; returns how many. */
    int handBack(String queue, String workerId);

    /** The ids {@code workerId} holds on {@code queue}, as Redis sees them (for reconciling with what it runs). */
    java.util.Set<String> inflight(String queue, String workerId);

    /**
     * Puts back those of {@code ids} that {@code workerId} still holds on {@code queue} without running them (a fetch
     * whose reply was lost); returns how many.
     */
    int handBack(String queue, String workerId, Collection<String> ids);

    /** Dead letters of {@code queue}, newest first, as JSON records {@code {id, queue, reason, body, at}}. */
    List<String> deadLetters(String queue, int max);

    /**
     * Puts dead letters of {@code queue} back in the queue as new deliveries (PENDING is recorded for each):
     * those with the given ids, or when {@code ids} is empty every one, at most {@code max}. Returns the ids put back.
     */
    List<String> requeueDeadLetters(String queue, Collection<String> ids, int max);

    /** Ready plus delayed tasks waiting in {@code queue}. */
    long pending(String queue);

    /**
     * Why this version cannot consume {@code queue} as it is stored, or null when it can: checked by a worker before it
     * consumes, so that tasks written in an earlier layout are never taken and dropped for want of a body.
     */
    default String layoutProblem(String queue) {
        return null;
    }

    @Override
    void close();
}
