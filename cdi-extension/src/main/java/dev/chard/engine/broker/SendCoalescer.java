package dev.chard.engine.broker;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Lets concurrent senders share round trips (leader/follower). A sender that finds no batch in flight sends its own item
 * at once, alone: a single thread keeps one round trip per send and waits for nothing else. Senders that arrive while a
 * batch is in flight queue their items; when that batch returns, the first of them becomes the next leader and sends all
 * queued items (up to {@code maxBatch}) in one call, on its own thread. Every sender returns only once the call that
 * carried its item returned, and throws its own exception when that call failed.
 *
 * <p>Thread-safe. Blocking: {@link #send} waits for its batch uninterruptibly (the item may be on the wire already),
 * and keeps the thread's interrupt status.
 *
 * @param <T> what is sent
 */
public final class SendCoalescer<T> {

    private final Consumer<List<T>> sendBatch;
    private final BiFunction<T, RuntimeException, RuntimeException> failureFor;
    private final int maxBatch;
    private final ArrayDeque<Waiter<T>> queued = new ArrayDeque<>();
    private boolean inFlight;

    /**
     * @param sendBatch  sends its items in one round trip, all or none (one script call); throws when it failed
     * @param failureFor the exception one sender gets when the call that carried its item threw {@code cause}
     * @param maxBatch   the most items one call carries
     */
    public SendCoalescer(Consumer<List<T>> sendBatch, BiFunction<T, RuntimeException, RuntimeException> failureFor, int maxBatch) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1, was " + maxBatch);
        }
        this.sendBatch = sendBatch;
        this.failureFor = failureFor;
        this.maxBatch = maxBatch;
    }

    /** Sends {@code item}, alone or with others; returns once it is sent. */
    public void send(T item) {
        Waiter<T> me = new Waiter<>(item);
        List<Waiter<T>> batch = null;
        synchronized (queued) {
            if (inFlight) {
                queued.add(me);
            } else {
                inFlight = true;
                batch = List.of(me);
            }
        }
        if (batch == null) {
            batch = me.awaitTurn(); // null: a leader sent it
        }
        if (batch != null) {
            lead(batch);
        }
        me.rethrow();
    }

    /** Sends {@code batch} (whose first waiter is this thread's), hands the lead on, then tells the others. */
    private void lead(List<Waiter<T>> batch) {
        List<T> items = new ArrayList<>(batch.size());
        for (Waiter<T> w : batch) {
            items.add(w.item);
        }
        RuntimeException failure = null;
        Error error = null;
        try {
            sendBatch.accept(items);
        } catch (RuntimeException e) {
            failure = e;
        } catch (Error e) {
            error = e;
        }
        List<Waiter<T>> next = null;
        synchronized (queued) {
            if (queued.isEmpty()) {
                inFlight = false;
            } else {
                next = new ArrayList<>(Math.min(queued.size(), maxBatch));
                while (!queued.isEmpty() && next.size() < maxBatch) {
                    next.add(queued.poll());
                }
            }
        }
        if (next != null) {
            next.get(0).lead(next); // first, so the next round trip starts before this batch's senders wake
        }
        for (Waiter<T> w : batch) {
            w.done(error != null ? null : failure == null ? null : failureFor.apply(w.item, failure), error);
        }
    }

    /** One sender: told either to lead a batch or that its item was sent (and how it went). */
    private static final class Waiter<T> {
        final T item;
        private final CountDownLatch told = new CountDownLatch(1);
        private List<Waiter<T>> batch;
        private boolean finished;
        private RuntimeException failure;
        private Error error;

        Waiter(T item) {
            this.item = item;
        }

        void lead(List<Waiter<T>> toSend) {
            batch = toSend;
            told.countDown();
        }

        void done(RuntimeException f, Error e) {
            finished = true;
            failure = f;
            error = e;
            told.countDown();
        }

        /** The batch to lead, or null when a leader sent this item. */
        List<Waiter<T>> awaitTurn() {
            boolean interrupted = false;
            while (true) {
                try {
                    told.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return finished ? null : batch;
        }

        void rethrow() {
            if (error != null) {
                throw error;
            }
            if (failure != null) {
                throw failure;
            }
        }
    }
}
