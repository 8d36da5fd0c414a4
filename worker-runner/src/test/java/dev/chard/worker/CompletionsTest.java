package dev.chard.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.chard.engine.backend.ResultRecord;
import dev.chard.engine.broker.Broker;
import dev.chard.engine.broker.Completion;
import dev.chard.engine.broker.Delivery;
import dev.chard.engine.broker.FetchResult;
import dev.chard.engine.broker.HeartbeatResult;
import dev.chard.engine.broker.OutgoingTask;
import dev.chard.engine.broker.TaskMessage;
import dev.chard.worker.logging.CeleryFormatter;

@Timeout(20)
class CompletionsTest {

    private final RecordingBroker broker = new RecordingBroker();
    private final List<String> ended = new CopyOnWriteArrayList<>();
    private Completions outbox = new Completions(broker, "w1", 64, d -> ended.add(d.id()));

    @AfterEach
    void stop() {
        broker.open();
        outbox.handBack();
        outbox.stop(Duration.ofSeconds(5));
    }

    private static Delivery delivery(String id) {
        return new Delivery("q", id, "{}", 1);
    }

    private static ResultRecord started(String id) {
        return ResultRecord.started(id, "t", "w1", 0);
    }

    private static ResultRecord success(String id) {
        return ResultRecord.success(id, "t", "1", "w1", 0);
    }

    /** "S:id" for a STARTED entry, "A:id" for an ack. */
    private static List<String> describe(List<Completion> batch) {
        return batch.stream().map(c -> (c.ack() ? "A:" : "S:") + c.delivery().id()).toList();
    }

    @Test
    void aLoneStartedIsWrittenAtOnceWithoutWaitingForItsAck() throws Exception {
        outbox.start();
        outbox.started(delivery("slow"), started("slow"));
        assertEquals(List.of("S:slow"), describe(broker.nextWrite()));
        assertEquals(List.of(), ended, "a STARTED ends nothing");
    }

    @Test
    void whatIsQueuedWhileAWriteIsOnItsWayGoesInTheNextWriteInQueueOrder() throws Exception {
        outbox.start();
        broker.block();
        outbox.ack(delivery("a"), success("a"), null);
        assertEquals(List.of("A:a"), describe(broker.nextWrite()), "the first entry is written at once");
        outbox.started(delivery("b"), started("b"));
        outbox.ack(delivery("c"), null, null);
        outbox.started(delivery("d"), started("d"));
        outbox.ack(delivery("b"), success("b"), null);
        broker.open();
        // b's STARTED was never written when its ack came, so only the ack is; d's STARTED stays
        assertEquals(List.of("A:c", "S:d", "A:b"), describe(broker.nextWrite()));
        assertTrue(outbox.drain(Duration.ofSeconds(5)));
        assertEquals(List.of("a", "c", "b"), ended, "acks end their deliveries once written");
    }

    @Test
    void aStartedAlreadyOnItsWayIsFollowedByItsAckInALaterWrite() throws Exception {
        outbox.start();
        broker.block();
        outbox.started(delivery("x"), started("x"));
        assertEquals(List.of("S:x"), describe(broker.nextWrite()));
        outbox.ack(delivery("x"), success("x"), null);
        broker.open();
        assertEquals(List.of("A:x"), describe(broker.nextWrite()));
    }

    @Test
    void aFailedWriteIsRetriedUntilRedisAnswersAndEndsTheDeliveryOnlyThen() throws Exception {
        broker.failures.set(2);
        outbox.start();
        outbox.ack(delivery("a"), success("a"), null);
        assertEquals(List.of("A:a"), describe(broker.nextWrite()));
        assertTrue(outbox.drain(Duration.ofSeconds(5)));
        assertEquals(3, broker.calls.get(), "two failures, then the write");
        assertEquals(List.of("a"), ended);
    }

    @Test
    void aFullOutboxMakesTaskThreadsWaitForAWrite() throws Exception {
        outbox = new Completions(broker, "w1", 2, d -> ended.add(d.id()));
        outbox.start();
        broker.block();
        outbox.ack(delivery("a"), null, null);
        broker.nextWrite(); // on its way, blocked
        outbox.ack(delivery("b"), null, null);
        outbox.ack(delivery("c"), null, null); // the outbox holds two now
        CountDownLatch queued = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            outbox.ack(delivery("d"), null, null);
            queued.countDown();
        });
        t.start();
        assertFalse(queued.await(300, TimeUnit.MILLISECONDS), "a third entry waits for room");
        broker.open();
        assertTrue(queued.await(5, TimeUnit.SECONDS), "and is queued once a write took the others");
        assertTrue(outbox.drain(Duration.ofSeconds(5)));
        assertEquals(List.of("a", "b", "c", "d"), ended);
    }

    @Test
    void drainReturnsOnceEverythingQueuedIsWritten() throws Exception {
        outbox.start();
        for (int i = 0; i < 500; i++) {
            outbox.ack(delivery("t" + i), success("t" + i), null);
        }
        assertTrue(outbox.drain(Duration.ofSeconds(5)));
        assertEquals(0, outbox.backlog());
        assertEquals(500, broker.written().size());
        assertTrue(broker.writes.stream().allMatch(b -> b.size() <= Completions.MAX_BATCH), "a write carries at most MAX_BATCH");
    }

    @Test
    void afterHandBackNothingIsWrittenAndTheOutcomesAreDiscarded() throws Exception {
        broker.failures.set(Integer.MAX_VALUE); // Redis is away
        outbox.start();
        outbox.ack(delivery("a"), success("a"), null);
        assertTrue(broker.attempted.poll(5, TimeUnit.SECONDS) != null, "a write was tried");
        outbox.handBack();
        outbox.ack(delivery("b"), success("b"), null); // a task that ends after the hand-back
        outbox.stop(Duration.ofSeconds(5));
        assertEquals(List.of(), broker.written(), "nothing written after the hand-back");
        assertEquals(Set.of("a", "b"), Set.copyOf(ended), "discarded deliveries are no longer held");
    }

    @Test
    void aHandBackWaitsForAWriteOnItsWayAndStopsTheNextOne() throws Exception {
        outbox.start();
        broker.block();
        outbox.ack(delivery("a"), success("a"), null);
        broker.nextWrite();
        outbox.ack(delivery("b"), success("b"), null);
        CountDownLatch handedBack = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            outbox.handBack();
            broker.forbidden = true;
            handedBack.countDown();
        });
        t.start();
        assertFalse(handedBack.await(300, TimeUnit.MILLISECONDS), "hand-back waits while a write is on its way");
        broker.open();
        assertTrue(handedBack.await(5, TimeUnit.SECONDS));
        outbox.ack(delivery("c"), success("c"), null);
        outbox.stop(Duration.ofSeconds(5));
        assertEquals(List.of("A:a"), describe(broker.writes.get(0)), "the write on its way completed");
        assertEquals(List.of(), broker.afterHandBack, "no write began after the hand-back returned");
        assertFalse(describe(broker.written()).contains("A:c"));
        assertTrue(ended.containsAll(List.of("a", "b", "c")), "every delivery ends, written or discarded: " + ended);
    }

    @Test
    void settleDropsAnUnwrittenStartedAndWaitsForOneOnItsWay() throws Exception {
        outbox.start();
        broker.block();
        outbox.started(delivery("x"), started("x"));
        broker.nextWrite();
        outbox.started(delivery("y"), started("y"));
        CountDownLatch settled = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            outbox.settle("y"); // pending: dropped at once
            outbox.settle("x");
            settled.countDown();
        });
        t.start();
        assertFalse(settled.await(300, TimeUnit.MILLISECONDS), "x's STARTED is on its way: its task's own write waits");
        broker.open();
        assertTrue(settled.await(5, TimeUnit.SECONDS));
        assertTrue(outbox.drain(Duration.ofSeconds(5)));
        assertEquals(List.of("S:x"), describe(broker.written()), "y's STARTED was dropped, never written");
    }

    @Test
    void aSucceededLineIsLoggedOnceItsAckIsWrittenAndNamesTheTaskThread() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = capture(lines);
        try {
            outbox.start();
            broker.block();
            Thread task = new Thread(() -> outbox.ack(delivery("a"), success("a"), () -> "Task t[a] succeeded"), "Worker-7");
            task.start();
            task.join();
            broker.nextWrite();
            Thread.sleep(100);
            assertEquals(List.of(), lines, "nothing is logged while the ack is on its way");
            broker.open();
            assertTrue(outbox.drain(Duration.ofSeconds(5)));
            assertEquals(1, lines.size(), String.valueOf(lines));
            assertTrue(lines.get(0).contains("INFO/Worker-7] Task t[a] succeeded"), lines.get(0));
        } finally {
            release(capture);
        }
    }

    @Test
    void aDiscardedAckLogsNoSucceededLine() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = capture(lines);
        try {
            broker.failures.set(Integer.MAX_VALUE); // Redis is away
            outbox.start();
            outbox.ack(delivery("a"), success("a"), () -> "Task t[a] succeeded");
            assertTrue(broker.attempted.poll(5, TimeUnit.SECONDS) != null, "a write was tried");
            outbox.handBack();
            outbox.stop(Duration.ofSeconds(5));
            assertEquals(List.of(), lines, "the task runs again elsewhere: it did not succeed here");
        } finally {
            release(capture);
        }
    }

    /** The task logger, kept while a test captures it: JUL holds loggers weakly, and so would forget its level. */
    private static final Logger TASK_LOG = Logger.getLogger(TaskProcessor.TASK_LOGGER);

    /**
     * Collects the task lines at INFO, formatted as the worker writes them (other tests of this JVM may have set the
     * worker's logging to a higher level); {@link #release} undoes it.
     */
    private static Handler capture(List<String> lines) {
        CeleryFormatter format = new CeleryFormatter();
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                lines.add(format.format(r));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        TASK_LOG.setLevel(Level.INFO);
        TASK_LOG.addHandler(h);
        return h;
    }

    private static void release(Handler h) {
        TASK_LOG.removeHandler(h);
        TASK_LOG.setLevel(null);
    }

    /** A broker whose {@code complete} records each write; it can be held (a slow Redis) or fail (Redis away). */
    private static final class RecordingBroker implements Broker {
        final List<List<Completion>> writes = new CopyOnWriteArrayList<>();
        final BlockingQueue<List<Completion>> attempted = new LinkedBlockingQueue<>();
        final BlockingQueue<List<Completion>> begun = new LinkedBlockingQueue<>();
        final AtomicInteger failures = new AtomicInteger();
        final AtomicInteger calls = new AtomicInteger();
        private volatile CountDownLatch gate = new CountDownLatch(0);
        final List<List<Completion>> afterHandBack = new CopyOnWriteArrayList<>();
        volatile boolean forbidden;

        void block() {
            gate = new CountDownLatch(1);
        }

        void open() {
            gate.countDown();
        }

        /** The next write begun (successful or held), within 5 s. */
        List<Completion> nextWrite() throws InterruptedException {
            List<Completion> b = begun.poll(5, TimeUnit.SECONDS);
            if (b == null) {
                throw new AssertionError("no write within 5 s");
            }
            return b;
        }

        List<Completion> written() {
            List<Completion> all = new ArrayList<>();
            writes.forEach(all::addAll);
            return all;
        }

        @Override
        public void complete(String workerId, List<Completion> entries) {
            calls.incrementAndGet();
            if (forbidden) {
                afterHandBack.add(List.copyOf(entries));
            }
            attempted.add(List.copyOf(entries));
            if (failures.getAndUpdate(n -> n == Integer.MAX_VALUE ? n : Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("Redis is away");
            }
            begun.add(List.copyOf(entries));
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            writes.add(List.copyOf(entries));
        }

        @Override
        public void enqueue(OutgoingTask task) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void enqueueAll(List<OutgoingTask> tasks) {
            throw new UnsupportedOperationException();
        }

        @Override
        public FetchResult fetch(String queue, String workerId, int max) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void awaitWork(Collection<String> queues, Duration max) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void ack(Delivery delivery, String workerId, ResultRecord outcome) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void retry(Delivery delivery, String workerId, TaskMessage next, Duration countdown, ResultRecord retryRecord) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void deadLetter(Delivery delivery, String workerId, String reason) {
            throw new UnsupportedOperationException();
        }

        @Override
        public HeartbeatResult heartbeat(String queue, String workerId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int handBack(String queue, String workerId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Set<String> inflight(String queue, String workerId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int handBack(String queue, String workerId, Collection<String> ids) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<String> deadLetters(String queue, int max) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<String> requeueDeadLetters(String queue, Collection<String> ids, int max) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long pending(String queue) {
            return 0;
        }

        @Override
        public void close() {
        }
    }
}
