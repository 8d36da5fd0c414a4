package dev.chard.engine.redis;

/**
 * Every Redis key and channel name (docs/architecture.md, "Redis layout"). The keys of one queue share the hash
 * tag {@code {queue}}, so a queue stays in one Cluster slot.
 */
public final class Keys {

    private final String prefix;

    public Keys(String prefix) {
        this.prefix = prefix;
    }

    private String q(String queue) {
        return prefix + ":{" + queue + "}:";
    }

    public String ready(String queue) {
        return q(queue) + "ready";
    }

    public String delayed(String queue) {
        return q(queue) + "delayed";
    }

    /** The queue's message bodies, by id: every task queued, delayed or in flight. */
    public String messages(String queue) {
        return q(queue) + "msgs";
    }

    /** Where Chard before the sixth performance step kept a message (one hash per task): only checked for, never written. */
    public String earlierLayoutMessage(String queue, String id) {
        return q(queue) + "msg:" + id;
    }

    /** Delivery counts of tasks put back after a delivery that did not end (reclaimed, handed back), by id. */
    public String deliveries(String queue) {
        return q(queue) + "deliveries";
    }

    public String workers(String queue) {
        return q(queue) + "workers";
    }

    public String inflightPrefix(String queue) {
        return q(queue) + "inflight:";
    }

    public String inflight(String queue, String workerId) {
        return inflightPrefix(queue) + workerId;
    }

    public String dead(String queue) {
        return q(queue) + "dead";
    }

    public String wake(String queue) {
        return q(queue) + "wake";
    }

    public String prefix() {
        return prefix;
    }

    /** The names of the queues tasks were sent to: where a lookup searches for a task that has no record yet. */
    public String queues() {
        return prefix + ":queues";
    }

    public String result(String id) {
        return prefix + ":result:" + id;
    }

    /** Pub/sub ignores the database number, so the channel names it (as kombu does). */
    public String resultChannel(int database) {
        return prefix + ":results:" + database;
    }
}
