package dev.chard.it;

import dev.chard.api.AsyncResult;
import dev.chard.api.TaskClient;
import dev.chard.api.TaskFailedException;
import dev.chard.api.TaskSerializationException;
import dev.chard.api.TaskState;
import dev.chard.it.app.EchoTasks;
import dev.chard.it.app.Exploding;
import dev.chard.it.app.FailingTasks;
import dev.chard.it.app.MathTasks;
import dev.chard.it.app.SlowTasks;
import dev.chard.testsupport.JavaProcess;
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
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An Arquillian/Weld-embedded client sending to two real worker processes through a private redis-server. The
 * workers count each other dead after 2 s of silence, so the last test can kill one and watch the other take over.
 */
@ChardSetup(workers = 2, workerConfig = "chard.worker.heartbeat-timeout=2s")
@ExtendWith({ChardCluster.class, ArquillianExtension.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TwoWorkersIT {

    static Cluster cluster;

    @Deployment
    static JavaArchive deployment() {
        return Deployments.testApp("two-workers");
    }

    @Inject
    MathTasks math;

    @Inject
    FailingTasks failing;

    @Inject
    SlowTasks slow;

    @Inject
    EchoTasks echo;

    @Inject
    TaskClient client;

    @Test
    @Order(1)
    void aThousandAddsOverTwoWorkersAllSucceedWithTheirOwnSumsAndBothWorkersShareThem() throws Exception {
        int n = 1_000;
        long start = System.nanoTime();
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            AsyncResult<Integer> r = math.add(i, i * 2);
            assertNotNull(r.id(), "a sent task has an id");
            ids.add(r.id());
        }
        long sent = System.nanoTime();
        for (int i = 0; i < n; i++) {
            AsyncResult<Integer> r = client.asyncResult(ids.get(i), Integer.class);
            assertEquals(i * 3, r.get(60, TimeUnit.SECONDS), "sum of task " + ids.get(i) + " (add(" + i + ", " + i * 2 + "))");
            assertEquals(TaskState.SUCCESS, r.state(), "state of " + ids.get(i));
        }
        long done = System.nanoTime();
        double seconds = (done - start) / 1e9;
        System.out.printf("THROUGHPUT: %d add tasks over 2 worker processes (-c 4 each): sent in %d ms, all SUCCESS after %d ms"
                        + " = %.0f tasks/s%n", n, (sent - start) / 1_000_000, (done - start) / 1_000_000, n / seconds);

        int counted = 0;
        for (Map.Entry<String, JavaProcess> w : cluster.workers().entrySet()) {
            Map<String, String> outcomes = Cluster.outcomes(w.getValue());
            long mine = ids.stream().filter(id -> "succeeded".equals(outcomes.get(id))).count();
            System.out.printf("THROUGHPUT: worker %s ran %d of them%n", w.getKey(), mine);
            assertTrue(mine > 0, "worker " + w.getKey() + " ran none of the " + n + " tasks; log " + w.getValue().logFile());
            counted += (int) mine;
        }
        assertTrue(counted >= n, "the worker logs account for " + counted + " of " + n + " tasks");
    }

    @Test
    @Order(2)
    void aFailingTaskEndsInFailureWithTheRemoteTypeMessageAndStackTrace() throws Exception {
        AsyncResult<String> r = failing.explode("x");

        ExecutionException e = assertThrows(ExecutionException.class, () -> r.get(30, TimeUnit.SECONDS));
        TaskFailedException f = assertInstanceOf(TaskFailedException.class, e.getCause());
        assertEquals(r.id(), f.taskId());
        assertEquals("java.lang.IllegalStateException", f.remoteType());
        assertEquals("broken on purpose: x", f.remoteMessage());
        assertEquals("CHARD-03004", f.code());
        assertTrue(f.getMessage().contains("broken on purpose: x"), f.getMessage());

        assertEquals(TaskState.FAILURE, r.state());
        assertTrue(r.failed());
        TaskFailedException viaResult = assertInstanceOf(TaskFailedException.class, r.result());
        assertEquals("broken on purpose: x", viaResult.remoteMessage());
        assertNotNull(r.traceback(), "a FAILURE carries the remote traceback");
        assertTrue(r.traceback().contains("checkBrokenHelper"), "traceback names the helper:\n" + r.traceback());
        assertTrue(r.traceback().contains("FailingTasks.explode"), "traceback names the task method:\n" + r.traceback());

        StackTraceElement top = f.getStackTrace()[0];
        assertEquals(FailingTasks.class.getName(), top.getClassName(), "the rebuilt exception's top frame is the remote one");
        assertEquals("checkBrokenHelper", top.getMethodName());

        AsyncResult<Object> byId = client.asyncResult(r.id());
        assertEquals(TaskState.FAILURE, byId.state(), "any handle on the id sees FAILURE");
        assertInstanceOf(TaskFailedException.class, byId.result());
    }

    @Test
    @Order(3)
    void anUnknownTaskNameSentByNameFailsNamingItAndTheWorkersGoOnServing() throws Exception {
        AsyncResult<Object> unknown = client.send("no.such.task", 1);

        ExecutionException e = assertThrows(ExecutionException.class, () -> unknown.get(30, TimeUnit.SECONDS));
        TaskFailedException f = assertInstanceOf(TaskFailedException.class, e.getCause());
        assertTrue(f.getMessage().contains("no.such.task"), "the failure names the task: " + f.getMessage());
        assertEquals(TaskState.FAILURE, unknown.state());

        AsyncResult<Integer> next = math.add(20, 22);
        assertEquals(42, next.get(30, TimeUnit.SECONDS));
        assertEquals(TaskState.SUCCESS, next.state());
    }

    @Test
    @Order(4)
    void anArgumentJsonbCannotWriteFailsAtTheCallSiteNamingTheParameter() {
        TaskSerializationException e = assertThrows(TaskSerializationException.class, () -> echo.describe(new Exploding("x")));
        assertEquals("CHARD-03003", e.code());
        assertTrue(e.getMessage().contains("payload"), "names the parameter: " + e.getMessage());
        assertTrue(e.getMessage().contains("EchoTasks#describe"), "names the task method: " + e.getMessage());
        assertTrue(e.getMessage().contains(Exploding.class.getName()), "names the argument type: " + e.getMessage());
    }

    @Test
    @Order(5)
    void futureAndVoidTasksRunOnTheWorkers() throws Exception {
        Future<String> shout = echo.shout("hello");
        assertEquals("HELLO!", shout.get(30, TimeUnit.SECONDS));
        assertEquals(TaskState.SUCCESS, client.asyncResult(((AsyncResult<?>) shout).id()).state());

        CompletionStage<String> slept = slow.sleep(10);
        assertEquals("slept 10 ms", slept.toCompletableFuture().get(30, TimeUnit.SECONDS));

        String marker = "marker-" + System.nanoTime();
        echo.touch(marker);
        boolean seen = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!seen && System.nanoTime() < deadline) {
            seen = cluster.workers().values().stream().anyMatch(w -> w.output().contains("touched " + marker));
            Thread.sleep(seen ? 0 : 50);
        }
        assertTrue(seen, "a worker ran the void task touch(" + marker + ")");
    }

    @Test
    @Order(100)
    void aTaskOfAWorkerKilledWithSigkillRunsOnTheOtherWorkerAfterTheHeartbeatTimeout() throws Exception {
        AsyncResult<String> r = (AsyncResult<String>) slow.sleep(4_000);
        String victim = cluster.awaitReceivedBy(r.id(), Duration.ofSeconds(20));
        assertNotNull(victim, "no worker received task " + r.id());
        Thread.sleep(200); // let it get into the task body

        long killedAt = System.nanoTime();
        cluster.kill9(victim);
        assertEquals("slept 4000 ms", r.get(30, TimeUnit.SECONDS));
        long afterKill = (System.nanoTime() - killedAt) / 1_000_000;
        System.out.printf("FAILOVER: task %s of killed worker %s ended SUCCESS %d ms after the SIGKILL%n", r.id(), victim, afterKill);
        assertTrue(afterKill < 15_000, "took " + afterKill + " ms after the kill");

        assertEquals(TaskState.SUCCESS, r.state());
        String survivor = cluster.workers().keySet().stream().filter(n -> !n.equals(victim)).findFirst().orElseThrow();
        assertNotEquals(victim, r.worker());
        assertTrue(r.worker() != null && r.worker().contains(survivor), "ran on " + r.worker() + ", expected " + survivor);
        assertEquals("succeeded", Cluster.outcomes(cluster.worker(survivor)).get(r.id()),
                "the survivor's log says it ran " + r.id());
    }
}
