package dev.chard.worker;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.logging.Logger;

import dev.chard.engine.broker.Broker;
import dev.chard.engine.broker.HeartbeatResult;

/**
 * Proves this worker alive on each of its queues every heartbeat interval, and through the same script reclaims
 * the in-flight tasks of workers that went silent (docs/architecture.md, "Ownership, heartbeats and reclaim").
 * One daemon thread; a failed beat is logged once until beats succeed again, so a Redis outage does not flood the log.
 */
final class Heartbeats {

    private static final Logger LOG = Logger.getLogger(Heartbeats.class.getName());

    private final Broker broker;
    private final List<String> queues;
    private final String instanceId;
    private final Duration interval;
    private final ScheduledExecutorService scheduler;
    private final Predicate<String> holds;
    private final Supplier<String> brokerRunId;
    private final Map<String, Set<String>> suspects = new HashMap<>();
    private volatile boolean failing;
    /** The broker's run_id when this worker registered, or after the restart it last reported; null if unknown. */
    private volatile String knownRunId;

    /**
     * @param holds       whether this worker holds a delivery, by {@link #key(String, String)}
     * @param brokerRunId the broker's {@code run_id}, which changes when Redis restarts; null when it cannot be read
     */
    Heartbeats(Broker broker, List<String> queues, String instanceId, Duration interval, Predicate<String> holds,
               Supplier<String> brokerRunId) {
        this.broker = broker;
        this.queues = List.copyOf(queues);
        this.instanceId = instanceId;
        this.interval = interval;
        this.holds = holds;
        this.brokerRunId = brokerRunId;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "Heartbeat");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Beats once on the calling thread, then every interval. The first beat registers this worker before it fetches
     * anything, so that work it takes is always held by a worker others can see and reclaim from.
     */
    void start() {
        knownRunId = brokerRunId.get();
        beat();
        long ms = interval.toMillis();
        scheduler.scheduleWithFixedDelay(this::beat, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** Stops beating and waits for a beat in progress, so no beat can re-register the worker after hand-back. */
    void stop() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The key of a delivery for {@code holds}. */
    static String key(String queue, String id) {
        return queue + "\n" + id;
    }

    /**
     * Hands back ids that Redis says this worker holds on {@code q} but that it does not: a fetch whose reply was lost.
     * An id must be seen so at two beats in a row, since a reply on its way is held by the next beat.
     */
    private void reconcile(String q) {
        Set<String> orphans = new HashSet<>();
        for (String id : broker.inflight(q, instanceId)) {
            if (!holds.test(key(q, id))) {
                orphans.add(id);
            }
        }
        Set<String> before = suspects.getOrDefault(q, Set.of());
        Set<String> confirmed = new HashSet<>(orphans);
        confirmed.retainAll(before);
        orphans.removeAll(confirmed);
        suspects.put(q, orphans);
        if (!confirmed.isEmpty()) {
            int n = broker.handBack(q, instanceId, confirmed);
            LOG.warning(() -> "Handed back " + n + " task(s) of queue " + q + " that this worker held in Redis without running"
                    + " them (a fetch whose reply was lost): " + confirmed);
        }
    }

    /**
     * Why this worker's registration on {@code q} was gone. Only another worker's reclaim removes it while Redis keeps
     * running; a Redis restart without persistence (or from an older snapshot) loses it with everything else, and then
     * nothing was handed to anyone: the broker's run_id tells the two apart.
     */
    private String registrationLost(String q) {
        String now = brokerRunId.get();
        String before = knownRunId;
        if (now != null && before != null && !now.equals(before)) {
            knownRunId = now;
            return "Redis restarted (its run_id changed) and came back without this worker's registration on queue " + q
                    + ": it keeps no data across a restart (no persistence, appendonly no) or restored an older snapshot."
                    + " Nothing was handed to another worker: this worker's running tasks finish here and their outcomes are"
                    + " recorded, but tasks that were queued at the restart and that Redis did not keep are lost."
                    + " This worker has registered again and goes on.";
        }
        return "This worker (" + instanceId + ") had been declared dead on queue " + q
                + " (no heartbeat for longer than chard.worker.heartbeat-timeout: a long pause or a network cut), or its"
                + " registration was deleted (FLUSHDB, eviction under a maxmemory-policy other than noeviction); its tasks"
                + " there may have been handed to other workers and run twice. It has registered again and goes on.";
    }

    void beat() {
        for (String q : queues) {
            try {
                HeartbeatResult r = broker.heartbeat(q, instanceId);
                if (failing) {
                    failing = false;
                    LOG.info(() -> "Heartbeats on queue " + q + " succeed again");
                }
                if (r.reclaimed() > 0 || r.deadWorkers() > 0) {
                    LOG.info(() -> "Reclaimed " + r.reclaimed() + " task(s) of " + r.deadWorkers()
                            + " dead worker(s) on queue " + q + "; they are ready to run again");
                }
                reconcile(q);
                if (r.wasDeclaredDead()) {
                    String why = registrationLost(q);
                    LOG.warning(() -> why);
                }
            } catch (RuntimeException e) {
                if (!failing) {
                    failing = true;
                    LOG.warning(() -> "Heartbeat on queue " + q + " failed: " + e + " (will keep trying every "
                            + interval.toMillis() + " ms)");
                }
            }
        }
    }
}
