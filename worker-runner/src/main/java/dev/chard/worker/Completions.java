package dev.chard.worker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.chard.engine.backend.ResultRecord;
import dev.chard.engine.broker.Broker;
import dev.chard.engine.broker.Completion;
import dev.chard.engine.broker.Delivery;
import dev.chard.worker.logging.LogBatch;
import dev.chard.worker.logging.TaskLogRecord;

/**
 * The outbox of the task threads: their STARTED records and their acks with outcomes, written by one thread that
 * sends everything pending in one {@link Broker#complete} call. Batching is natural: a write starts as soon as
 * something is pending and no write is on its way, so a lone task waits for no timer, and whatever task threads queue
 * while a write is on its way goes in the next one. Entries are written in the order they were queued, so a task's
 * STARTED never lands after its outcome.
 *
 * <p>Reliability is that of the synchronous ack it replaces (docs/architecture.md, "Completions"): the outbox is
 * bounded (a full one blocks task threads); a failed write is retried with {@link Backoff} while Redis is away (the
 * deliveries stay owned by this live worker meanwhile, and {@code ended} is called only once an ack is written, so
 * the heartbeat's orphan check keeps seeing them as held); after {@link #handBack()} nothing more is written, since
 * those tasks are back in their queue and will run again; a kill before a write re-runs the task (at-least-once).
 *
 * <p>Lifecycle: {@link #start()}, then {@link #drain(Duration)} (graceful shutdown), {@link #handBack()},
 * {@link #stop()}. Every other method is for task threads and is thread-safe.
 */
final class Completions implements Runnable {

    private static final Logger LOG = Logger.getLogger(Completions.class.getName());
    /** The task lines' logger (TaskProcessor's): a succeeded line reads the same whichever thread logs it. */
    private static final Logger TASK_LOG = Logger.getLogger(TaskProcessor.TASK_LOGGER);

    /** The most entries one write carries: large enough to carry a whole pool's worth, small enough for a quick script. */
    static final int MAX_BATCH = 256;

    private final Broker broker;
    private final String workerId;
    private final int capacity;
    private final Consumer<Delivery> ended;
    private final Thread thread;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<Entry> pending = new ArrayList<>();
    /** The pending STARTED entry of each task id: dropped when its ack comes before it was written (nobody saw it). */
    private final Map<String, Entry> pendingStarted = new HashMap<>();
    private List<Entry> writing = List.of();
    private boolean stopped;

    /** Held around each write and by {@link #handBack()}: no write starts, or is still on its way, after hand-back. */
    private final Object writeLock = new Object();
    private volatile boolean handedBack;

    /**
     * @param capacity how many entries may wait; a task thread queuing one more waits for a write
     * @param ended    called on the writer thread once a delivery's ack is written or discarded: it no longer needs to
     *                 be held
     */
    Completions(Broker broker, String workerId, int capacity, Consumer<Delivery> ended) {
        this.broker = broker;
        this.workerId = workerId;
        this.capacity = Math.max(2, capacity);
        this.ended = ended;
        this.thread = new Thread(this, "Completions");
        // a JVM that exits with entries unwritten loses nothing: those deliveries are still owned in Redis and re-run
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Queues the STARTED record of a delivery that starts running now. */
    void started(Delivery d, ResultRecord started) {
        Entry c = new Entry(Completion.started(d, started), null, null);
        lock.lock();
        try {
            if (!awaitRoom()) {
                return;
            }
            pending.add(c);
            pendingStarted.put(d.id(), c);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Queues the ack of a delivery with its outcome (null: nothing to record); {@code ended} follows once written.
     *
     * @param written an INFO line logged once the ack is written (with the lines of the same write, in one go), or null;
     *                it names the calling thread, the one that ran the task
     */
    void ack(Delivery d, ResultRecord outcome, Supplier<String> written) {
        Entry entry = new Entry(Completion.ack(d, outcome), written, written == null ? null : Thread.currentThread().getName());
        lock.lock();
        try {
            Entry started = pendingStarted.remove(d.id());
            if (started != null) {
                pending.remove(started); // never written, so never seen: the outcome replaces it
            }
            if (!awaitRoom()) {
                discard(List.of(entry));
                ended.accept(d);
                return;
            }
            pending.add(entry);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until nothing queued for task {@code id} is still unwritten, dropping a pending STARTED: called before
     * the task's own writes that do not go through the outbox (a retry, a state update), so that they land after it.
     */
    void settle(String id) {
        lock.lock();
        try {
            Entry started = pendingStarted.remove(id);
            if (started != null) {
                pending.remove(started);
                changed.signalAll();
            }
            while (!handedBack && contains(writing, id)) {
                changed.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Waits until every queued entry is written, or {@code max} passes; true when nothing is left. */
    boolean drain(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        lock.lock();
        try {
            while (!pending.isEmpty() || !writing.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || handedBack) {
                    return false;
                }
                changed.awaitNanos(left);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return pending.isEmpty() && writing.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Shutdown is about to hand this worker's tasks back: from now on nothing is written (an ack after the hand-back
     * would delete a message that is queued again). Returns once a write on its way has ended.
     */
    void handBack() {
        synchronized (writeLock) {
            handedBack = true;
        }
        lock.lock();
        try {
            changed.signalAll(); // task threads waiting for room discard instead
        } finally {
            lock.unlock();
        }
    }

    /** Ends the writer once what is queued is written or discarded; waits for it up to {@code max}. */
    void stop(Duration max) {
        lock.lock();
        try {
            stopped = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (handedBack) {
            thread.interrupt(); // cut a backoff pause short: what is left is discarded
        }
        try {
            thread.join(max.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How many entries wait to be written (queued or on their way). */
    int backlog() {
        lock.lock();
        try {
            return pending.size() + writing.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void run() {
        while (true) {
            List<Entry> batch;
            lock.lock();
            try {
                while (pending.isEmpty() && !stopped) {
                    changed.awaitUninterruptibly();
                }
                if (pending.isEmpty()) {
                    return;
                }
                int n = Math.min(MAX_BATCH, pending.size());
                batch = new ArrayList<>(pending.subList(0, n));
                pending.subList(0, n).clear();
                for (Entry e : batch) {
                    if (!e.completion().ack()) {
                        pendingStarted.remove(e.completion().delivery().id());
                    }
                }
                writing = batch;
                changed.signalAll(); // room for task threads waiting on a full outbox
            } finally {
                lock.unlock();
            }
            if (write(batch)) {
                logWritten(batch);
            }
            for (Entry e : batch) {
                if (e.completion().ack()) {
                    ended.accept(e.completion().delivery());
                }
            }
            lock.lock();
            try {
                writing = List.of(); // only now: drain() returns once the deliveries are ended too
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Writes {@code batch}, retrying while Redis is away; gives up (discarding it) only once the tasks are handed back.
     * True when written.
     */
    private boolean write(List<Entry> batch) {
        List<Completion> completions = new ArrayList<>(batch.size());
        for (Entry e : batch) {
            completions.add(e.completion());
        }
        Backoff backoff = new Backoff();
        while (true) {
            try {
                synchronized (writeLock) {
                    if (!handedBack) {
                        broker.complete(workerId, completions);
                        return true;
                    }
                }
                discard(batch);
                return false;
            } catch (RuntimeException e) {
                if (handedBack) {
                    LOG.warning(() -> "Giving up on writing " + batch.size() + " completion(s) after hand-back: " + e);
                    discard(batch);
                    return false;
                }
                LOG.warning(() -> "Cannot write " + batch.size() + " completion(s) (" + e + "); retrying in "
                        + backoff.next().toMillis() + " ms");
                if (!backoff.pause()) {
                    // interrupted: only stop() does that, after hand-back, so the next round discards the batch
                    Thread.interrupted();
                }
            }
        }
    }

    /** The lines of a written batch, in one write to the log (a line per task, each naming its task's thread). */
    private static void logWritten(List<Entry> batch) {
        if (!TASK_LOG.isLoggable(Level.INFO)) {
            return;
        }
        LogBatch.run(() -> {
            for (Entry e : batch) {
                if (e.written() != null) {
                    TaskLogRecord r = new TaskLogRecord(Level.INFO, e.written().get(), e.thread());
                    r.setLoggerName(TASK_LOG.getName());
                    TASK_LOG.log(r);
                }
            }
        });
    }

    /** The hand-back already put these tasks back in their queue; they will run again elsewhere, so keep no outcome. */
    private static void discard(List<Entry> entries) {
        for (Entry e : entries) {
            Completion c = e.completion();
            if (c.ack()) {
                ResultRecord r = c.record();
                LOG.warning(() -> "Task " + c.delivery().id() + " finished after it was handed back; its outcome ("
                        + (r == null ? "not recorded" : r.state()) + ") is discarded and it will run again");
            }
        }
    }

    /** A full outbox blocks the caller until a write makes room; false when the tasks were handed back meanwhile. */
    private boolean awaitRoom() {
        while (pending.size() >= capacity && !handedBack) {
            changed.awaitUninterruptibly();
        }
        return !handedBack;
    }

    private static boolean contains(List<Entry> entries, String id) {
        for (Entry e : entries) {
            if (e.completion().delivery().id().equals(id)) {
                return true;
            }
        }
        return false;
    }

    /** A queued completion, with the line to log once it is written and the thread that queued it. */
    private record Entry(Completion completion, Supplier<String> written, String thread) {
    }
}
