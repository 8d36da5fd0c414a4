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
    private final Map<String, Set<String>> suspects = new HashMap<>();
    private volatile boolean failing;

    /** @param holds whether this worker holds a delivery, by {@link #key(String, String)} */
    Heartbeats(Broker broker, List<String> queues, String instanceId, Duration interval, Predicate<String> holds) {
        this.broker = broker;
        this.queues = List.copyOf(queues);
        this.instanceId = instanceId;
        this.interval = interval;
        this.holds = holds;
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
                    LOG.warning(() -> "This worker (" + instanceId + ") had been declared dead on queue " + q
                            + " (no heartbeat for longer than chard.worker.heartbeat-timeout: a long pause or a network cut);"
                            + " its tasks there were handed to other workers and may run twice");
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
