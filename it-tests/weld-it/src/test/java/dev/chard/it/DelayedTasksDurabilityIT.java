package dev.chard.it;

import dev.chard.api.AsyncResult;
import dev.chard.api.TaskClient;
import dev.chard.api.TaskOptions;
import dev.chard.api.TaskRevokedException;
import dev.chard.api.TaskState;
import dev.chard.it.app.InstanceTasks;
import dev.chard.it.app.RetryTasks;
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
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Delayed tasks and retries wait in Redis, never in a worker: stopping (SIGTERM) or killing (SIGKILL) the only worker
 * during the wait, then starting another, loses and duplicates nothing. A task whose expiry passes before any worker
 * consumes its queue is revoked as expired when one finally does.
 */
@ChardSetup(workers = 1, workerConfig = "chard.worker.heartbeat-timeout=2s")
@ExtendWith({ChardCluster.class, ArquillianExtension.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class DelayedTasksDurabilityIT {

    static Cluster cluster;

    /** Sent in test 1 to the queue "late", which no worker consumes until w2 starts with {@code -Q default,late}. */
    static AsyncResult<Long> lateExpiring;
    static AsyncResult<Long> lateKept;

    @Deployment
    static JavaArchive deployment() {
        return Deployments.testApp("delayed-durability");
    }

    @Inject
    InstanceTasks instance;

    @Inject
    RetryTasks retry;

    @Inject
    TaskClient client;

    @Test
    @Order(1)
    void countdownTasksWaitingWhileTheWorkerStopsWithSigtermRunOnceOnTheNextWorker() throws Exception {
        lateExpiring = client.withOptions(TaskOptions.defaults().queue("late").expiresIn(Duration.ofMillis(300)),
                () -> instance.now("late, expiring"));
        lateKept = client.withOptions(TaskOptions.defaults().queue("late"), () -> instance.now("late, kept"));

        long sent = System.currentTimeMillis();
        List<AsyncResult<Long>> delayed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            delayed.add(client.withOptions(TaskOptions.defaults().countdown(Duration.ofMillis(1_500)),
                    () -> instance.now("delayed " + n)));
        }
        for (AsyncResult<Long> r : delayed) {
            assertEquals(TaskState.PENDING, r.state());
        }
        assertEquals(0, cluster.stop("w1"), "w1 exit code after SIGTERM");
        cluster.startWorker("w2", "-Q", "default,late");

        for (AsyncResult<Long> r : delayed) {
            long ran = r.get(30, TimeUnit.SECONDS);
            assertTrue(ran - sent >= 1_500 - 30, "ran " + (ran - sent) + " ms after sending, countdown 1500 ms");
            assertEquals(TaskState.SUCCESS, r.state());
            assertEquals("w2", r.worker());
            assertEquals(1, cluster.logCount(r.id(), "succeeded"), "ran exactly once: " + r.id());
            assertEquals(0, cluster.logCount(r.id(), "received") - 1, "received exactly once: " + r.id());
        }
    }

    @Test
    @Order(2)
    void aTaskThatExpiredBeforeAnyWorkerConsumedItsQueueIsRevokedAsExpired() throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class, () -> lateExpiring.get(30, TimeUnit.SECONDS));
        TaskRevokedException revoked = assertInstanceOf(TaskRevokedException.class, e.getCause());
        assertEquals("expired", revoked.reason());
        assertEquals(TaskState.REVOKED, lateExpiring.state());
        assertEquals(0, cluster.logCount(lateExpiring.id(), "succeeded"), "an expired task does not run");

        assertTrue(lateKept.get(30, TimeUnit.SECONDS) > 0, "the same queue's task without expiry runs");
        assertEquals(TaskState.SUCCESS, lateKept.state());
    }

    @Test
    @Order(3)
    void aRetryAndCountdownsWaitingWhileTheWorkerIsKilledRunOnceOnTheNextWorker() throws Exception {
        // first run on w2, then a retry due 1.5 s later; the task answers (code 9999) on its first retried run
        AsyncResult<Map<String, Object>> retried = retry.selfLimited("order-kill", 1, 1_500);
        List<AsyncResult<Long>> delayed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int n = i;
            delayed.add(client.withOptions(TaskOptions.defaults().countdown(Duration.ofMillis(1_500)),
                    () -> instance.now("delayed across kill " + n)));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (client.asyncResult(retried.id()).state() != TaskState.RETRY && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(TaskState.RETRY, retried.state(), "waiting for its retry before the kill");
        // With the backend in another database RETRY is recorded just before the atomic retry step (retry.lua): wait
        // for the step itself (the id in the delayed set), or the kill could land between the two and the first run,
        // never rescheduled, would rightly be reclaimed and run again.
        while (cluster.redis().call("ZSCORE", "chard:{default}:delayed", retried.id()) == null && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertNotNull(cluster.redis().call("ZSCORE", "chard:{default}:delayed", retried.id()), "its retry is scheduled in Redis");
        cluster.kill9("w2");
        cluster.startWorker("w3");

        Map<String, Object> response = retried.get(30, TimeUnit.SECONDS);
        assertEquals("9999", response.get("code"), "response: " + response);
        assertEquals(1, retried.retries());
        assertEquals("w3", retried.worker());
        assertEquals(2, cluster.logCount(retried.id(), "received"), "the first run on w2 and the retry on w3, no more");
        assertEquals(1, cluster.logCount(retried.id(), "succeeded"));

        for (AsyncResult<Long> r : delayed) {
            r.get(30, TimeUnit.SECONDS);
            assertEquals(TaskState.SUCCESS, r.state());
            assertEquals(1, cluster.logCount(r.id(), "succeeded"), "ran exactly once: " + r.id());
        }
    }
}
