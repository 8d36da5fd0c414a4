package dev.chard.engine.broker;

import dev.chard.api.AsyncResult;
import dev.chard.api.TaskOptions;
import dev.chard.api.TaskState;
import dev.chard.engine.backend.ResultNotifier;
import dev.chard.engine.backend.ResultRecord;
import dev.chard.testsupport.RedisServer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The broker's contract plus the result backend's: the transition table, TTLs and the notifier. Run against every
 * configuration that has a backend.
 */
abstract class WithResultsContractTest extends BrokerContractTest {

    /** The server that holds the results: the one whose restart a waiting caller must survive. */
    protected abstract RedisServer backendServer();

    String resultKey(String id) {
        return PREFIX + ":result:" + id;
    }

    String channel() {
        return PREFIX + ":results:" + backendDb.db();
    }

    @Test
    void aWaitingTaskReadsPendingInAnyQueueReadyDelayedOrInFlightAndUnknownOnceGoneWithoutARecord() {
        String q1 = queue();
        String q2 = queue();
        String ready = send(q1, "a");
        String delayed = send(q2, TaskOptions.defaults().countdown(Duration.ofMinutes(5)), "b");
        assertEquals(TaskState.PENDING, engine.client().asyncResult(ready).state(), "ready");
        assertEquals(TaskState.PENDING, engine.client().asyncResult(delayed).state(), "delayed, in another queue");
        assertEquals("contract.task", engine.backend().read(ready).orElseThrow().task(), "the task name comes with it");
        String w = worker();
        Delivery d = fetchOne(q1, w);
        assertEquals(TaskState.PENDING, engine.client().asyncResult(ready).state(), "in flight, no STARTED written");
        broker.ack(d, w, null);
        // acked without an outcome: nothing is left of it in any set-up (a send writes no record)
        assertEquals(TaskState.UNKNOWN, engine.client().asyncResult(ready).state());
        assertEquals(TaskState.UNKNOWN, engine.client().asyncResult("never-sent-" + UUID.randomUUID()).state());
    }

    @Test
    void aQueuedTaskReadsPendingThenStartedThenSuccessThoughItsSendWroteNoRecord() {
        String q = queue();
        String id = send(q, "x");
        assertEquals(-2L, (long) backendDb.with(j -> j.ttl(resultKey(id))), "a send writes no record, in any set-up");
        assertEquals(TaskState.PENDING, engine.client().asyncResult(id).state(), "queued");
        String w = worker();
        Delivery d = fetchOne(q, w);
        assertTrue(engine.backend().store(ResultRecord.started(id, "contract.task", "w", 0)));
        assertEquals(TaskState.STARTED, engine.client().asyncResult(id).state());
        broker.ack(d, w, ResultRecord.success(id, "contract.task", "1", "w", 0));
        assertEquals(TaskState.SUCCESS, engine.client().asyncResult(id).state());
    }

    @Test
    void aStoredSuccessIsNeverOverwrittenByALaterStartOrFailure() {
        String q = queue();
        String id = send(q, "x");
        assertEquals(TaskState.PENDING, engine.client().asyncResult(id).state());
        assertTrue(engine.backend().store(ResultRecord.success(id, "contract.task", "1", "w", 0)));
        assertFalse(engine.backend().store(ResultRecord.started(id, "contract.task", "w2", 0)), "STARTED after SUCCESS is refused");
        assertFalse(engine.backend().store(ResultRecord.failure(id, "contract.task", "E", "late", null, "w2", 0)),
                "FAILURE after SUCCESS is refused");
        ResultRecord r = engine.backend().read(id).orElseThrow();
        assertEquals(TaskState.SUCCESS, r.state());
        assertEquals("1", r.resultJson());
    }

    @Test
    void aCustomStateCountsAsRunningAndAStoredRecordWithAnUnreadableStateNeverBlocksAWrite() {
        String q = queue();
        String id = send(q, "x");
        assertTrue(engine.backend().store(ResultRecord.custom(id, "contract.task", "PROGRESS", "{\"done\":3}", "w", 0)));
        assertTrue(engine.backend().store(ResultRecord.success(id, "contract.task", "1", "w", 0)), "PROGRESS -> SUCCESS");
        assertFalse(engine.backend().store(ResultRecord.custom(id, "contract.task", "PROGRESS", "{}", "w", 0)),
                "a custom state after SUCCESS is refused, as STARTED is");

        String odd = send(q, "y");
        backendDb.with(j -> j.set(resultKey(odd), "{\"id\":\"" + odd + "\",\"state\":{\"not\":\"a string\"}}"));
        assertTrue(engine.backend().store(ResultRecord.success(odd, "contract.task", "2", "w", 0)),
                "a record whose state is not a string is treated as running, not as an error");
        assertEquals(TaskState.SUCCESS, engine.backend().read(odd).orElseThrow().state());
    }

    @Test
    void aLateAckOfARedeliveredTaskKeepsTheFirstFinalState() {
        String q = queue();
        String w1 = worker();
        String id = send(q, "x");
        Delivery d = fetchOne(q, w1);
        assertTrue(engine.backend().store(ResultRecord.success(id, "contract.task", "1", "w0", 0)));
        broker.ack(d, w1, ResultRecord.failure(id, "contract.task", "E", "second run failed", null, "w1", 0));
        assertEquals(TaskState.SUCCESS, engine.backend().read(id).orElseThrow().state());
        assertFalse(messageStored(q, id), "the ack still removes the message");
    }

    @Test
    void aNewSendOfTheSameIdResetsAFinalRecordToPending() {
        String q = queue();
        String id = "resend-" + UUID.randomUUID();
        send(q, TaskOptions.defaults().taskId(id), "first");
        Delivery d = fetchOne(q, worker());
        broker.ack(d, worker(), ResultRecord.success(id, "contract.task", "1", "w", 0));
        assertEquals(TaskState.SUCCESS, engine.client().asyncResult(id).state());
        send(q, TaskOptions.defaults().taskId(id), "again");
        assertEquals(TaskState.PENDING, engine.client().asyncResult(id).state());
        assertEquals(id, fetchOne(q, worker()).id());
    }

    @Test
    void resultRecordsExpireAfterTheConfiguredResultExpiry() {
        String q = queue();
        String id = send(q, "x");
        long pendingTtl = backendDb.with(j -> j.ttl(resultKey(id)));
        assertEquals(-2, pendingTtl, "no PENDING record: a queued task reads PENDING by being queued");
        assertEquals(TaskState.PENDING, engine.client().asyncResult(id).state());
        Delivery d = fetchOne(q, worker());
        broker.ack(d, worker(), ResultRecord.success(id, "contract.task", "1", "w", 0));
        long doneTtl = backendDb.with(j -> j.ttl(resultKey(id)));
        assertTrue(doneTtl > 3590 && doneTtl <= 3600, "SUCCESS record TTL " + doneTtl + " s, expected about 1h");
    }

    @Test
    void aWatcherIsCalledOnceWhenTheRecordIsPublished() {
        ResultNotifier notifier = engine.backend().notifier();
        awaitSubscribed();
        String id = "published-" + UUID.randomUUID();
        List<ResultRecord> seen = new CopyOnWriteArrayList<>();
        notifier.watch(id, seen::add);
        // published but never stored: only the subscription can deliver it, not the sweep
        String json = engine.results().encode(ResultRecord.success(id, "contract.task", "7", "w", 0));
        backendDb.with(j -> j.publish(channel(), json));
        awaitSize(seen, 1, Duration.ofSeconds(2));
        backendDb.with(j -> j.publish(channel(), json));
        sleep(400);
        assertEquals(1, seen.size(), "a watcher fires once");
        assertEquals(id, seen.get(0).id());
        assertEquals("7", seen.get(0).resultJson());
    }

    @Test
    void aRecordWrittenWithoutPublishIsDeliveredByTheSweep() {
        ResultNotifier notifier = engine.backend().notifier();
        String id = "unpublished-" + UUID.randomUUID();
        List<ResultRecord> seen = new CopyOnWriteArrayList<>();
        notifier.watch(id, seen::add);
        String json = engine.results().encode(ResultRecord.success(id, "contract.task", "8", "w", 0));
        long start = System.nanoTime();
        backendDb.with(j -> j.set(resultKey(id), json, redis.clients.jedis.params.SetParams.setParams().ex(60))); // a plain SET: no PUBLISH
        awaitSize(seen, 1, Duration.ofMillis(800)); // fallback interval 200 ms: about 2 intervals, with slack for a loaded machine
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(id, seen.get(0).id());
        assertTrue(tookMs <= 800, "took " + tookMs + " ms");
    }

    @Test
    void twoWatchersOfOneIdAreEachCalledOnce() {
        ResultNotifier notifier = engine.backend().notifier();
        String q = queue();
        String id = send(q, "x");
        List<ResultRecord> first = new CopyOnWriteArrayList<>();
        List<ResultRecord> second = new CopyOnWriteArrayList<>();
        notifier.watch(id, first::add);
        notifier.watch(id, second::add);
        Delivery d = fetchOne(q, worker());
        broker.ack(d, worker(), ResultRecord.success(id, "contract.task", "3", "w", 0));
        awaitSize(first, 1, Duration.ofSeconds(2));
        awaitSize(second, 1, Duration.ofSeconds(2));
        sleep(450); // two sweeps: neither fires again
        assertEquals(1, first.size());
        assertEquals(1, second.size());
        assertEquals(id, first.get(0).id());
        assertEquals(id, second.get(0).id());
    }

    @Test
    void aWatcherOfAnIdThatIsAlreadyReadyIsCalledAtOnce() {
        String q = queue();
        String id = send(q, "x");
        broker.ack(fetchOne(q, worker()), worker(), ResultRecord.success(id, "contract.task", "4", "w", 0));
        List<ResultRecord> seen = new CopyOnWriteArrayList<>();
        engine.backend().notifier().watch(id, seen::add);
        awaitSize(seen, 1, Duration.ofMillis(100));
        assertEquals(id, seen.get(0).id());
    }

    /** Last: it kills the server, which wipes it (no persistence) and breaks the engine's pooled connections. */
    @Test
    @Order(Integer.MAX_VALUE)
    void aWaitingCallerResumesAfterTheRedisServerIsKilledAndRestarted() throws Exception {
        String q = queue();
        String id = send(q, "survives");
        AsyncResult<Integer> result = engine.client().asyncResult(id, Integer.class);
        CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return result.get(); // no timeout: it must come back by itself
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        sleep(300);
        backendServer().kill();
        sleep(700); // several fallback re-reads hit a dead server
        assertFalse(waiting.isDone(), "get() gave up while Redis was down: " + (waiting.isDone() ? waiting.handle((v, e) -> e).join() : ""));
        backendServer().restart();
        storeUntilAccepted(ResultRecord.success(id, "contract.task", "42", "w", 0), Duration.ofSeconds(5));
        assertEquals(42, assertTimeoutPreemptively(Duration.ofSeconds(8), () -> waiting.get()));
    }

    private void storeUntilAccepted(ResultRecord r, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            try {
                engine.backend().store(r);
                return;
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the backend did not accept a write " + max + " after the restart", e);
                }
                sleep(100);
            }
        }
    }

    private void awaitSubscribed() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (backendDb.with(j -> j.pubsubNumSub(channel())).getOrDefault(channel(), 0L) < 1) {
            assertTrue(System.nanoTime() < deadline, "the notifier never subscribed to " + channel());
            sleep(20);
        }
    }

    static void awaitSize(List<?> list, int n, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (list.size() < n) {
            assertTrue(System.nanoTime() < deadline, "expected " + n + " call(s) within " + max.toMillis() + " ms, got " + list.size());
            sleep(10);
        }
    }
}
