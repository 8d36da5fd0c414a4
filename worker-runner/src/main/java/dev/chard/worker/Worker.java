package dev.chard.worker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.chard.engine.Engine;
import dev.chard.engine.broker.Delivery;
import dev.chard.engine.config.ChardConfig;
import dev.chard.engine.config.Durations;

/**
 * The consume loop of one worker process: a pool of {@code concurrency} task threads, one {@link Fetcher} thread
 * that fills free threads and a reserve of short tasks ({@link Reservations}), the {@link Completions} thread that
 * writes the task threads' STARTED records and acks in batches, and {@link Heartbeats}.
 *
 * <p>Lifecycle: {@link #start()} once; then {@link #stop()} once, from any thread, which stops fetching at once,
 * lets running tasks finish for up to {@code chard.worker.shutdown-timeout}, and hands back whatever is still held.
 * {@link #abort()}, from another thread while {@link #stop()} waits, cuts that wait short: running tasks are handed
 * back at once (the second Ctrl-C of Celery's warm shutdown).
 */
public final class Worker {

    private static final Logger LOG = Logger.getLogger(Worker.class.getName());

    private final Engine engine;
    private final WorkerIdentity me;
    private final List<String> queues;
    private final int concurrency;
    private final Reservations reservations;
    private final ThreadPoolExecutor pool;
    private final Fetcher fetcher;
    private final Thread fetcherThread;
    private final Heartbeats heartbeats;
    private final Completions completions;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicBoolean handedBack = new AtomicBoolean();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicLong processed = new AtomicLong();
    /** Deliveries taken from Redis and not yet ended, by Heartbeats.key: what the orphan check compares with. */
    private final Set<String> holding = ConcurrentHashMap.newKeySet();
    private volatile boolean aborted;

    /** @param taskLoader the context class loader of task threads (the application's) */
    public Worker(Engine engine, TaskRunner runner, WorkerIdentity me, ClassLoader taskLoader) {
        ChardConfig config = engine.config();
        this.engine = engine;
        this.me = me;
        this.queues = config.workerQueues();
        this.concurrency = config.workerConcurrency();
        this.reservations = new Reservations(concurrency, config.prefetchWindow());
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(concurrency, concurrency, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "Worker-" + n.incrementAndGet());
            t.setContextClassLoader(taskLoader);
            return t;
        });
        // an ended delivery stays held until its ack is written, so the orphan check never hands back an unwritten ack
        this.completions = new Completions(engine.broker(), me.instanceId(), 2 * Completions.MAX_BATCH,
                d -> holding.remove(Heartbeats.key(d.queue(), d.id())));
        TaskProcessor processor = new TaskProcessor(engine, runner, me, handedBack::get, completions);
        this.fetcher = new Fetcher(engine.broker(), queues, me.instanceId(), config.pollInterval(), reservations,
                d -> {
                    holding.add(Heartbeats.key(d.queue(), d.id()));
                    TaskProcessor.Received r = processor.receive(d);
                    pool.execute(() -> runOne(processor, r));
                });
        this.fetcherThread = new Thread(fetcher, "Fetcher");
        this.heartbeats = new Heartbeats(engine.broker(), queues, me.instanceId(), config.heartbeatInterval(), holding::contains,
                engine::brokerRunId);
    }

    public void start() {
        heartbeats.start();
        completions.start();
        fetcherThread.start();
    }

    /**
     * The liveness signal: true when the consume loop made progress recently (see {@link Fetcher#live}). The allowed
     * stall covers one blocking wait plus one Redis timeout, twice, so a healthy idle worker is always live.
     */
    public boolean live() {
        ChardConfig c = engine.config();
        return !stopping.get() && fetcher.live(c.pollInterval().plus(c.redisTimeout()).multipliedBy(2).plus(c.heartbeatInterval()));
    }

    public WorkerIdentity identity() {
        return me;
    }

    /** Tasks run (any outcome) since start. */
    public long processed() {
        return processed.get();
    }

    private void runOne(TaskProcessor processor, TaskProcessor.Received r) {
        Delivery d = r.delivery();
        long started = System.nanoTime();
        running.incrementAndGet();
        boolean acked = false;
        try {
            acked = processor.process(r);
        } catch (RuntimeException | Error e) {
            // the delivery stays owned by this worker: handed back at shutdown, or reclaimed if the process dies
            LOG.log(Level.SEVERE, "Delivery " + d.id() + " of queue " + d.queue() + " could not be completed: " + e, e);
        } finally {
            if (!acked) {
                holding.remove(Heartbeats.key(d.queue(), d.id())); // else the outbox releases it once the ack is written
            }
            running.decrementAndGet();
            processed.incrementAndGet();
            reservations.ended(System.nanoTime() - started);
        }
    }

    /** Warm shutdown; returns when the worker has stopped. Only the first call does anything. */
    public void stop() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        Duration grace = engine.config().shutdownTimeout();
        LOG.info(() -> "Warm shutdown: no new tasks; waiting up to " + Durations.seconds(grace) + " for " + running.get()
                + " running task(s)");
        fetcher.stop();
        fetcherThread.interrupt();
        join(fetcherThread, engine.config().pollInterval().plus(engine.config().redisTimeout()).plusSeconds(1));
        // reserved tasks that have not started do not start now: the hand-back below returns them with the rest
        List<Runnable> reserved = new ArrayList<>();
        pool.getQueue().drainTo(reserved);
        if (!reserved.isEmpty()) {
            LOG.info(() -> reserved.size() + " reserved task(s) not started: handing them back");
        }
        pool.shutdown();
        long deadline = System.nanoTime() + grace.toNanos();
        awaitTasks(grace);
        // the outcomes of finished tasks are written before anything is handed back: for the rest of the grace, and at
        // least (after a second signal: at most) one Redis timeout, since the outbox is never more than a write behind
        long timeout = engine.config().redisTimeout().toNanos();
        Duration flush = Duration.ofNanos(aborted ? timeout : Math.max(deadline - System.nanoTime(), timeout));
        if (!completions.drain(flush)) {
            LOG.warning(() -> completions.backlog() + " completion(s) could not be written before shutdown; those tasks are"
                    + " handed back and will run again");
        }
        // heartbeats stop before the hand-back: a beat after it would register this worker again
        heartbeats.stop();
        completions.handBack();
        handedBack.set(true);
        int still = running.get();
        if (still > 0) {
            LOG.warning(() -> still + " task(s) still running" + (aborted ? " at the second signal" : " after " + Durations.seconds(grace))
                    + ": handing them back; they will run again on a worker");
        }
        int returned = 0;
        for (String q : queues) {
            try {
                returned += engine.broker().handBack(q, me.instanceId());
            } catch (RuntimeException e) {
                LOG.warning(() -> "Cannot hand back the tasks of queue " + q + " (" + e + "); other workers reclaim them after"
                        + " chard.worker.heartbeat-timeout");
            }
        }
        int handed = returned;
        pool.shutdownNow();
        completions.stop(engine.config().redisTimeout());
        LOG.info(() -> "Handed back " + handed + " task(s); " + processed.get() + " task(s) processed. Worker " + me.name() + " stopped.");
    }

    /** Asks a {@link #stop()} in progress to stop waiting for running tasks and hand them back now. */
    public void abort() {
        aborted = true;
        LOG.warning("Second signal: handing back running tasks now");
    }

    public boolean stopping() {
        return stopping.get();
    }

    private void awaitTasks(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        try {
            while (!aborted && System.nanoTime() < deadline && !pool.awaitTermination(100, TimeUnit.MILLISECONDS)) {
                // poll so that abort() is seen within 100 ms
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void join(Thread t, Duration max) {
        try {
            t.join(max.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
