package dev.chard.engine.broker;

/**
 * The outcome of one heartbeat on one queue.
 *
 * @param reclaimed      ids taken back from dead workers and made ready again
 * @param deadWorkers    how many dead workers were removed
 * @param wasDeclaredDead true if this worker had itself been declared dead (its work was handed to others)
 */
public record HeartbeatResult(int reclaimed, int deadWorkers, boolean wasDeclaredDead) {
}
