package dev.chard.it;

import dev.chard.api.AsyncResult;
import dev.chard.api.BrokerUnavailableException;
import dev.chard.it.app.MathTasks;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The broker goes away under a running client and worker, then comes back on the same port (empty: no persistence). */
@ChardSetup(workers = 1, clientConfig = "chard.redis.timeout=1s")
@ExtendWith({ChardCluster.class, ArquillianExtension.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RedisOutageIT {

    static Cluster cluster;

    @Deployment
    static JavaArchive deployment() {
        return Deployments.testApp("redis-outage");
    }

    @Inject
    MathTasks math;

    @Test
    @Order(1)
    void whileRedisHoldsEveryWriteASendGivesUpWithBrokerUnavailableAfterTheConfiguredTimeout() throws Exception {
        assertEquals(3, math.add(1, 2).get(30, TimeUnit.SECONDS), "before the pause");

        // the server stays up and accepts connections but answers no write for 4 s: only chard.redis.timeout ends the wait
        cluster.redis().call("CLIENT", "PAUSE", "4000", "WRITE");
        try {
            long start = System.nanoTime();
            Throwable thrown = assertTimeoutPreemptively(Duration.ofSeconds(3), () -> sendExpectingFailure(1, 2),
                    "with chard.redis.timeout=1s a send to a silent broker must give up after ~1 s");
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("OUTAGE: send to a paused redis-server failed after %d ms: %s%n", tookMs, thrown);
            BrokerUnavailableException e = assertInstanceOf(BrokerUnavailableException.class, thrown);
            assertEquals("CHARD-03001", e.code());
            assertTrue(tookMs >= 900, "gave up after " + tookMs + " ms, before chard.redis.timeout (1 s)");
            assertTrue(e.getMessage().contains("chard.redis.timeout"), e.getMessage());
        } finally {
            cluster.redis().call("CLIENT", "UNPAUSE");
        }
        assertEquals(7, math.add(3, 4).get(30, TimeUnit.SECONDS), "after the pause");
    }

    @Test
    @Order(2)
    void whileRedisIsDownASendFailsFastWithBrokerUnavailableAndAfterARestartSendsWorkAgain() throws Exception {
        assertEquals(3, math.add(1, 2).get(30, TimeUnit.SECONDS), "before the outage");

        cluster.redis().kill();
        try {
            long start = System.nanoTime();
            Throwable thrown = assertTimeoutPreemptively(Duration.ofSeconds(3), () -> sendExpectingFailure(1, 2),
                    "with chard.redis.timeout=1s a send to a dead broker must give up within ~1 s");
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("OUTAGE: send to a killed redis-server failed after %d ms: %s%n", tookMs, thrown);
            BrokerUnavailableException e = assertInstanceOf(BrokerUnavailableException.class, thrown);
            assertEquals("CHARD-03001", e.code());
            assertTrue(e.getMessage().contains("chard.broker.url"), e.getMessage());
            assertTrue(e.getMessage().contains(MathTasks.class.getName() + ".add"), "names the task: " + e.getMessage());
        } finally {
            cluster.redis().restart();
        }
        assertEquals(5, firstSendAfterRestart().get(30, TimeUnit.SECONDS), "a send after the restart runs on the (reconnected) worker");
    }

    @Test
    @Order(3)
    void afterARestartTheFirstSendWorksEvenWhenThePoolHeldManyConnections() throws Exception {
        // eight threads sending at once leave several idle connections in the client's pools, all dead after the restart
        ExecutorService senders = Executors.newFixedThreadPool(8);
        try {
            List<Future<AsyncResult<Integer>>> sent = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                int x = i;
                sent.add(senders.submit(() -> math.add(x, 1)));
            }
            for (int i = 0; i < sent.size(); i++) {
                assertEquals(i + 1, sent.get(i).get(30, TimeUnit.SECONDS).get(30, TimeUnit.SECONDS));
            }
        } finally {
            senders.shutdownNow();
        }

        cluster.redis().kill();
        cluster.redis().restart();
        assertEquals(5, firstSendAfterRestart().get(30, TimeUnit.SECONDS), "a send after the restart runs on the (reconnected) worker");
    }

    /** The exception a send throws (the test fails if it returns). */
    private Throwable sendExpectingFailure(int x, int y) {
        AsyncResult<Integer> sent;
        try {
            sent = math.add(x, y);
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("the send returned " + sent + " although Redis does not answer");
    }

    private AsyncResult<Integer> firstSendAfterRestart() {
        assertEquals("PONG", cluster.redis().call("PING"), "redis-server is back");
        try {
            return math.add(2, 3);
        } catch (BrokerUnavailableException stale) {
            throw new AssertionError("Redis answers PING again, yet the first send after its restart failed: the client used"
                    + " pooled connections opened before the restart. " + stale.getMessage(), stale);
        }
    }
}
