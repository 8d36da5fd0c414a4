package dev.chard.worker;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Logger;

import dev.chard.engine.broker.Broker;
import dev.chard.engine.broker.Delivery;
import dev.chard.engine.broker.FetchResult;
import dev.chard.worker.logging.LogBatch;

/**
 * The one thread that takes messages from Redis. It asks for as many messages as the worker may hold now
 * ({@link Reservations}: its free task threads, plus a prefetch sized by time for short tasks), up to
 * {@link #MAX_BATCH} in one fetch, so a busy worker refills all its threads in one round trip; it goes round-robin over
 * the queues so that one busy queue cannot starve the others; when a round leaves every queue drained (fewer ready
 * tasks than it asked for) it blocks on the wake-up list for at most the poll interval, or until the next delayed task
 * is due.
 */
final class Fetcher implements Runnable {

    private static final Logger LOG = Logger.getLogger(Fetcher.class.getName());

    private final Broker broker;
    private final List<String> queues;
    private final String instanceId;
    private final Duration pollInterval;
    private final Reservations reservations;
    private final Consumer<Delivery> dispatch;
    private volatile boolean running = true;
    private volatile boolean waitingForSlot;
    private volatile long lastProgressNanos = System.nanoTime();
    private int nextQueue;

    /** The most tasks one fetch takes: enough to fill a large pool in a few round trips, bounded so a reply stays small. */
    static final int MAX_BATCH = 64;

    /**
     * @param dispatch reads the delivery and logs its received line (inside the fetch's {@link LogBatch}), then hands it
     *                 to the pool, which reports its end to {@code reservations}
     */
    Fetcher(Broker broker, List<String> queues, String instanceId, Duration pollInterval, Reservations reservations,
            Consumer<Delivery> dispatch) {
        this.broker = broker;
        this.queues = List.copyOf(queues);
        this.instanceId = instanceId;
        this.pollInterval = pollInterval;
        this.reservations = reservations;
        this.dispatch = dispatch;
    }

    void stop() {
        running = false;
    }

    /**
     * Whether the loop is healthy: it talked to Redis successfully within {@code maxStall}, or it is waiting for a
     * free task thread (a busy worker is not a stuck one). A loop stuck on a dead connection or failing again and
     * again is not live.
     */
    boolean live(Duration maxStall) {
        return waitingForSlot || System.nanoTime() - lastProgressNanos <= maxStall.toNanos();
    }

    @Override
    public void run() {
        Backoff backoff = new Backoff();
        while (running) {
            int held; // deliveries this round may still take
            try {
                waitingForSlot = true;
                held = Math.min(MAX_BATCH, reservations.awaitRoom());
            } catch (InterruptedException e) {
                break;
            } finally {
                waitingForSlot = false;
                lastProgressNanos = System.nanoTime(); // waiting for room was the loop working as designed
            }
            try {
                if (!running) {
                    break;
                }
                long nextDue = -1;
                // every queue asked in this round had fewer ready tasks than asked for: nothing is left to take
                // until a wake-up token says otherwise (a queue not asked, for want of free threads, may hold more)
                boolean allDrained = true;
                int first = nextQueue;
                for (int i = 0; i < queues.size(); i++) {
                    if (held == 0) {
                        allDrained = false;
                        break;
                    }
                    String q = queues.get((first + i) % queues.size());
                    FetchResult r = broker.fetch(q, instanceId, held);
                    allDrained &= r.drained();
                    // dispatched even if stop() came meanwhile: the task is ours either way, and shutdown hands back
                    // whatever did not finish; the received lines of one fetch are written to the log together
                    LogBatch.run(() -> {
                        for (Delivery d : r.deliveries()) {
                            reservations.taken();
                            dispatch.accept(d);
                        }
                    });
                    held -= r.deliveries().size();
                    if (!r.deliveries().isEmpty()) {
                        nextQueue = (first + i + 1) % queues.size(); // the next round starts after the last that gave
                    }
                    if (r.nextDueInMs() >= 0) {
                        nextDue = nextDue < 0 ? r.nextDueInMs() : Math.min(nextDue, r.nextDueInMs());
                    }
                }
                backoff.reset();
                lastProgressNanos = System.nanoTime();
                // Waiting even when this round found tasks: fetching again at once would find nothing and cost a
                // script call per task of a trickle (a task sent meanwhile left a token, so the wait returns at once)
                if (allDrained && running) {
                    long poll = pollInterval.toMillis();
                    Duration wait = nextDue >= 0 && nextDue < poll ? Duration.ofMillis(Math.max(1, nextDue)) : pollInterval;
                    broker.awaitWork(queues, wait);
                    lastProgressNanos = System.nanoTime();
                }
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                LOG.warning(() -> "Cannot fetch from Redis (" + e + "); retrying in " + backoff.next().toMillis() + " ms");
                if (!backoff.pause()) {
                    break;
                }
            }
        }
        LOG.fine("Fetcher stopped");
    }
}
