package dev.chard.fault;

import dev.chard.api.ChardException;
import dev.chard.engine.Engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A thread sending {@code work(n, taskMs)} every {@code periodMs}, keeping the ids whose send returned normally
 * (accepted) apart from the sends that threw (with their latency, exception and the time they started).
 */
final class SteadyProducer implements AutoCloseable {

    record Failure(long atNanos, long latencyMs, RuntimeException error) {
    }

    private final Engine engine;
    private final long periodMs;
    private final long taskMs;
    private final Thread thread;
    final List<String> accepted = Collections.synchronizedList(new ArrayList<>());
    final List<Long> acceptedAtNanos = Collections.synchronizedList(new ArrayList<>());
    final List<Failure> failures = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean running = true;

    SteadyProducer(Engine engine, long periodMs, long taskMs) {
        this.engine = engine;
        this.periodMs = periodMs;
        this.taskMs = taskMs;
        this.thread = new Thread(this::loop, "steady-producer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void loop() {
        int n = 0;
        while (running) {
            long start = System.nanoTime();
            try {
                String id = engine.client().send(FaultCluster.TASKS + "work", n++, taskMs).id();
                accepted.add(id);
                acceptedAtNanos.add(start);
            } catch (RuntimeException e) {
                failures.add(new Failure(start, FaultCluster.ms(start), e));
            }
            long left = periodMs - FaultCluster.ms(start);
            if (left > 0) {
                try {
                    Thread.sleep(left);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Failures whose send started in [fromNanos, toNanos). */
    List<Failure> failuresBetween(long fromNanos, long toNanos) {
        synchronized (failures) {
            return failures.stream().filter(f -> f.atNanos() >= fromNanos && f.atNanos() < toNanos).toList();
        }
    }

    static String describe(RuntimeException e) {
        return e.getClass().getSimpleName() + (e instanceof ChardException c ? "[" + c.code() + "]" : "") + ": " + e.getMessage();
    }

    @Override
    public void close() {
        stop();
    }

    /** Stops sending and waits for the last send to end. */
    void stop() {
        running = false;
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
