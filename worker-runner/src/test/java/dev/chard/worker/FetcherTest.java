package dev.chard.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.chard.engine.broker.Broker;
import dev.chard.engine.broker.Delivery;
import dev.chard.engine.broker.FetchResult;

/** The fetch loop's decisions: how many tasks it asks for, and when it waits for a wake-up token instead of asking. */
@Timeout(20)
class FetcherTest {

    /** A broker that answers fetches from a script and records every fetch and wait, in order. */
    private static final class ScriptedBroker {
        final Deque<FetchResult> answers = new ArrayDeque<>();
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch done = new CountDownLatch(1);

        Broker proxy() {
            return (Broker) Proxy.newProxyInstance(Broker.class.getClassLoader(), new Class<?>[]{Broker.class}, (p, m, args) -> {
                switch (m.getName()) {
                    case "fetch":
                        calls.add("fetch " + args[0] + " max " + args[2]);
                        synchronized (answers) {
                            if (answers.isEmpty()) {
                                done.countDown();
                                return new FetchResult(List.of(), true, -1);
                            }
                            return answers.poll();
                        }
                    case "awaitWork":
                        calls.add("wait");
                        return null;
                    default:
                        throw new UnsupportedOperationException(m.getName());
                }
            });
        }
    }

    private static FetchResult took(int n, boolean drained) {
        List<Delivery> ds = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ds.add(new Delivery("q", "id" + i, "{}", 1));
        }
        return new FetchResult(ds, drained, -1);
    }

    private static List<String> run(ScriptedBroker broker, List<String> queues, int threads, boolean releaseAtOnce) throws Exception {
        // no prefetch: each fetch asks for the free threads only
        Reservations reservations = new Reservations(threads, Duration.ZERO);
        Fetcher f = new Fetcher(broker.proxy(), queues, "w1", Duration.ofSeconds(1), reservations, d -> {
            if (releaseAtOnce) {
                reservations.ended(1_000); // the task ended at once: its thread is free again
            }
        });
        Thread t = new Thread(f, "Fetcher");
        t.start();
        broker.done.await(10, TimeUnit.SECONDS);
        f.stop();
        t.interrupt();
        t.join(5_000);
        synchronized (broker.calls) {
            return List.copyOf(broker.calls);
        }
    }

    @Test
    void aRoundThatDrainedTheQueueWaitsForATokenInsteadOfFetchingAgain() throws Exception {
        ScriptedBroker broker = new ScriptedBroker();
        broker.answers.add(took(1, true)); // one task was ready for two free threads
        List<String> calls = run(broker, List.of("q"), 2, false);
        assertEquals(List.of("fetch q max 2", "wait", "fetch q max 1"), calls.subList(0, 3));
    }

    @Test
    void aRoundThatTookAsManyAsAskedFetchesAgainWhenAThreadIsFree() throws Exception {
        ScriptedBroker broker = new ScriptedBroker();
        broker.answers.add(took(2, false)); // as many as asked: more may be ready
        List<String> calls = run(broker, List.of("q"), 2, true);
        assertEquals(List.of("fetch q max 2", "fetch q max 2"), calls.subList(0, 2));
    }

    @Test
    void withTwoQueuesItWaitsOnlyWhenEveryQueueAskedWasDrained() throws Exception {
        ScriptedBroker broker = new ScriptedBroker();
        broker.answers.add(took(1, true));  // q1: one of two, drained
        broker.answers.add(took(1, false)); // q2: one of one, maybe more
        broker.answers.add(took(0, true));  // next round, q1 (round-robin moved past q2): nothing
        List<String> calls = run(broker, List.of("q1", "q2"), 2, true);
        assertEquals(List.of("fetch q1 max 2", "fetch q2 max 1", "fetch q1 max 2"), calls.subList(0, 3));
    }
}
