package dev.chard.bench;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * Counts the result records the workers publish (every final record is published on {@code chard:results:<db>} by
 * the ack script, right after it is stored), so "the last result is stored" is seen at once, without polling Redis.
 * One subscribed connection: Redis writes each record to it, a cost the peers' result polling has in another form.
 */
final class ResultCounter implements AutoCloseable {

    private final Jedis jedis;
    private final Thread thread;
    private final AtomicLong successes = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile long firstNanos;
    private volatile long lastNanos;
    private volatile String lastFailure;
    private final JedisPubSub pubSub = new JedisPubSub() {
        @Override
        public void onMessage(String channel, String message) {
            long now = System.nanoTime();
            if (message.contains("\"state\":\"SUCCESS\"")) {
                if (successes.incrementAndGet() == 1) {
                    firstNanos = now;
                }
            } else if (message.contains("\"state\":\"FAILURE\"")) {
                failures.incrementAndGet();
                lastFailure = message;
            }
            lastNanos = now;
        }
    };

    @SuppressWarnings("deprecation") // a plain connection is what a subscription needs
    ResultCounter(String host, int port, String channel) {
        this.jedis = new Jedis(host, port, 0);
        this.thread = new Thread(() -> {
            try {
                jedis.subscribe(pubSub, channel);
            } catch (RuntimeException e) {
                // closed
            }
        }, "bench-result-counter");
        thread.setDaemon(true);
        thread.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!pubSub.isSubscribed()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the result subscription did not start");
            }
            Thread.onSpinWait();
        }
    }

    void reset() {
        successes.set(0);
        failures.set(0);
        firstNanos = 0;
        lastNanos = 0;
    }

    long successes() {
        return successes.get();
    }

    /** When the first success since {@link #reset()} was seen (System.nanoTime). */
    long firstNanos() {
        return firstNanos;
    }

    /** When the last record was seen (System.nanoTime). */
    long lastNanos() {
        return lastNanos;
    }

    /** Waits until {@code n} successes have been seen since {@link #reset()}; fails on any FAILURE record. */
    void await(long n, Duration timeout) throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (successes.get() < n) {
            if (failures.get() > 0) {
                throw new IllegalStateException(failures.get() + " task(s) failed; last record: " + lastFailure);
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("saw " + successes.get() + " of " + n + " results within " + timeout);
            }
            Thread.sleep(1);
        }
    }

    @Override
    public void close() {
        try {
            if (pubSub.isSubscribed()) {
                pubSub.unsubscribe();
            }
        } catch (RuntimeException e) {
            // the connection is closed below anyway
        }
        jedis.close();
    }
}
