package dev.chard.engine.broker;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Leader/follower coalescing of concurrent sends (no Redis). */
class SendCoalescerTest {

    @Test
    void aSingleSenderSendsEachItemAloneAtOnce() {
        List<List<Integer>> calls = new ArrayList<>();
        SendCoalescer<Integer> c = new SendCoalescer<>(calls::add, (i, e) -> e, 500);
        for (int i = 0; i < 5; i++) {
            c.send(i);
        }
        assertEquals(List.of(List.of(0), List.of(1), List.of(2), List.of(3), List.of(4)), calls);
    }

    @Test
    void sendersArrivingWhileABatchIsInFlightShareTheNextCallAndEachReturnsOnlyOnceItsItemIsSent() throws Exception {
        CountDownLatch firstInFlight = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        List<List<Integer>> calls = Collections.synchronizedList(new ArrayList<>());
        List<Integer> sent = Collections.synchronizedList(new ArrayList<>());
        SendCoalescer<Integer> c = new SendCoalescer<>(batch -> {
            calls.add(List.copyOf(batch));
            if (batch.contains(0)) {
                firstInFlight.countDown();
                await(releaseFirst);
            }
            sent.addAll(batch);
        }, (i, e) -> e, 500);
        ExecutorService pool = Executors.newFixedThreadPool(9);
        try {
            Future<?> first = pool.submit(() -> c.send(0));
            await(firstInFlight);
            List<Future<?>> others = new ArrayList<>();
            AtomicInteger returnedEarly = new AtomicInteger();
            for (int i = 1; i <= 8; i++) {
                int item = i;
                others.add(pool.submit(() -> {
                    c.send(item);
                    if (!sent.contains(item)) {
                        returnedEarly.incrementAndGet();
                    }
                }));
            }
            waitUntilQueued(others);
            releaseFirst.countDown();
            first.get(10, TimeUnit.SECONDS);
            for (Future<?> f : others) {
                f.get(10, TimeUnit.SECONDS);
            }
            assertEquals(0, returnedEarly.get());
            assertEquals(2, calls.size(), "the eight queued senders share one call: " + calls);
            assertEquals(8, calls.get(1).size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailedCallGivesEachOfItsSendersItsOwnErrorAndLaterSendsStillGoThrough() throws Exception {
        CountDownLatch firstInFlight = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        SendCoalescer<Integer> c = new SendCoalescer<>(batch -> {
            int n = calls.incrementAndGet();
            if (n == 1) {
                firstInFlight.countDown();
                await(releaseFirst);
            } else if (n == 2) {
                throw new IllegalStateException("redis down");
            }
        }, (i, e) -> new IllegalStateException("item " + i + ": " + e.getMessage(), e), 500);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<?> first = pool.submit(() -> c.send(0));
            await(firstInFlight);
            List<Future<?>> failing = List.of(pool.submit(() -> c.send(1)), pool.submit(() -> c.send(2)));
            waitUntilQueued(failing);
            releaseFirst.countDown();
            first.get(10, TimeUnit.SECONDS);
            List<String> messages = new ArrayList<>();
            for (Future<?> f : failing) {
                Exception e = assertThrows(Exception.class, () -> f.get(10, TimeUnit.SECONDS));
                messages.add(e.getCause().getMessage());
            }
            assertTrue(messages.contains("item 1: redis down") && messages.contains("item 2: redis down"), messages.toString());
            c.send(3); // the coalescer is free again
            assertEquals(3, calls.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void noCallCarriesMoreThanTheMaximumAndEveryItemIsSentExactlyOnce() throws Exception {
        List<Integer> sent = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger largest = new AtomicInteger();
        SendCoalescer<Integer> c = new SendCoalescer<>(batch -> {
            largest.accumulateAndGet(batch.size(), Math::max);
            sent.addAll(batch);
            Thread.onSpinWait();
        }, (i, e) -> e, 3);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int base = t * 1000;
                all.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        c.send(base + i);
                    }
                }));
            }
            for (Future<?> f : all) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(8000, sent.size());
        assertEquals(8000, sent.stream().distinct().count());
        assertTrue(largest.get() <= 3, "largest call: " + largest.get());
    }

    @Test
    void anErrorReachesTheSendersOfItsCallUnchanged() {
        Error boom = new OutOfMemoryError("test");
        SendCoalescer<Integer> c = new SendCoalescer<>(batch -> {
            throw boom;
        }, (i, e) -> e, 10);
        assertSame(boom, assertThrows(OutOfMemoryError.class, () -> c.send(1)));
    }

    /** Queued senders are parked: wait until none of them has returned and every one had time to queue. */
    private static void waitUntilQueued(List<Future<?>> senders) throws InterruptedException {
        Thread.sleep(300);
        for (Future<?> f : senders) {
            if (f.isDone()) {
                fail("a sender returned while the call before it was still in flight");
            }
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
