package dev.chard.engine.broker;

import dev.chard.api.AsyncResult;
import dev.chard.api.TaskSerializationException;
import dev.chard.api.TaskOptions;
import dev.chard.api.TaskState;
import dev.chard.engine.Engine;
import dev.chard.engine.backend.ResultRecord;
import dev.chard.engine.config.ChardConfig;
import dev.chard.engine.registry.TaskRegistry;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The broker's contract (docs/architecture.md, "Atomic steps"), run against every configuration of broker and
 * result backend. Each test uses queues and ids of its own, so the tests of one class share their servers.
 * Subclasses say where the broker and the backend live; {@link WithResultsContractTest} adds the backend's contract.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class BrokerContractTest {

    static final String PREFIX = "ctest"; // not the default, so a hard-coded "chard" shows up in the key scan
    static final long HEARTBEAT_TIMEOUT_MS = 300;
    static final int MAX_DELIVERIES = 3;

    protected Engine engine;
    protected Broker broker;
    protected RawRedis brokerDb;
    /** Null when results are off. */
    protected RawRedis backendDb;
    private Jsonb jsonb;
    private final Set<String> queues = ConcurrentHashMap.newKeySet();
    private final AtomicInteger counter = new AtomicInteger();

    /** Starts the servers; returns the broker's database and the backend's (null: results off). */
    protected abstract RawRedis[] startServers();

    protected abstract void stopServers();

    @BeforeAll
    void startEngine() {
        RawRedis[] dbs = startServers();
        brokerDb = dbs[0];
        backendDb = dbs[1];
        Map<String, String> cfg = new HashMap<>(Map.of(
                "chard.broker.url", brokerDb.url(),
                "chard.key-prefix", PREFIX,
                "chard.worker.heartbeat-timeout", HEARTBEAT_TIMEOUT_MS + "ms",
                "chard.worker.heartbeat-interval", HEARTBEAT_TIMEOUT_MS / 3 + "ms",
                "chard.worker.max-deliveries", Integer.toString(MAX_DELIVERIES),
                "chard.result.fallback-interval", "200ms",
                "chard.result.expires", "1h",
                "chard.redis.timeout", "1s",
                "chard.dead-letter.max", "50"));
        if (backendDb != null) {
            cfg.put("chard.backend.url", backendDb.url());
        }
        jsonb = JsonbBuilder.create();
        engine = Engine.start(ChardConfig.of(cfg), TaskRegistry.empty(), jsonb);
        broker = engine.broker();
    }

    @AfterAll
    void stopEngine() throws Exception {
        try {
            engine.close();
            jsonb.close();
        } finally {
            stopServers();
        }
    }

    boolean resultsEnabled() {
        return backendDb != null;
    }

    /** The backend is the broker's own database: a queued task reads PENDING without a record. */
    boolean colocated() {
        return brokerDb.equals(backendDb);
    }

    String queue() {
        String q = "q" + counter.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6);
        queues.add(q);
        return q;
    }

    static String worker() {
        return "w@test#" + UUID.randomUUID().toString().substring(0, 8);
    }

    String send(String queue, TaskOptions options, Object... args) {
        return engine.client().send("contract.task", List.of(args), Map.of(), options.queue(queue)).id();
    }

    String send(String queue, Object... args) {
        return send(queue, TaskOptions.defaults(), args);
    }

    Delivery fetchOne(String queue, String worker) {
        FetchResult f = broker.fetch(queue, worker);
        assertTrue(f.delivery().isPresent(), "nothing to fetch on " + queue + " (next due in " + f.nextDueInMs() + " ms)");
        return f.delivery().get();
    }

    List<String> fetchAllIds(String queue, String worker) {
        List<String> ids = new ArrayList<>();
        for (FetchResult f = broker.fetch(queue, worker); f.delivery().isPresent(); f = broker.fetch(queue, worker)) {
            ids.add(f.delivery().get().id());
        }
        return ids;
    }

    String messagesKey(String queue) {
        return PREFIX + ":{" + queue + "}:msgs";
    }

    /** Whether the message of {@code id} is still stored (queued, delayed or in flight). */
    boolean messageStored(String queue, String id) {
        return brokerDb.hexists(messagesKey(queue), id);
    }

    String inflightKey(String queue, String worker) {
        return PREFIX + ":{" + queue + "}:inflight:" + worker;
    }

    static JsonObject json(String s) {
        return Json.createReader(new StringReader(s)).readObject();
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void aTaskRoundTripsFromEnqueueThroughFetchToAckWithItsResult() throws Exception {
        String q = queue();
        String w = worker();
        String id = send(q, 4, 5);
        assertEquals(1, broker.pending(q));
        Delivery d = fetchOne(q, w);
        assertEquals(id, d.id());
        assertEquals(q, d.queue());
        assertEquals(1, d.deliveries());
        assertFalse(d.redelivered());
        TaskMessage m = engine.messages().decode(d.body(), q);
        assertEquals("contract.task", m.task());
        assertEquals(Json.createArrayBuilder().add(4).add(5).build(), m.args());
        assertEquals(0, broker.pending(q));
        assertTrue(brokerDb.with(j -> j.hget(inflightKey(q, w), id)).startsWith("1,"),
                "an in-flight id is in its worker's hash, with its delivery count and its ready score");

        broker.ack(d, w, ResultRecord.success(id, m.task(), "9", "w@test", 0));

        assertFalse(messageStored(q, id), "the message is deleted at ack");
        assertFalse(brokerDb.hexists(inflightKey(q, w), id));
        assertTrue(broker.fetch(q, w).delivery().isEmpty(), "an acked task is not delivered again");
        if (resultsEnabled()) {
            ResultRecord r = engine.backend().read(id).orElseThrow();
            assertEquals(TaskState.SUCCESS, r.state());
            assertEquals("9", r.resultJson());
            assertEquals(9, engine.client().asyncResult(id, Integer.class).get(2, TimeUnit.SECONDS));
        } else {
            assertTrue(brokerDb.with(j -> j.keys(PREFIX + ":result:*")).isEmpty(), "results are off: no record is written");
        }
    }

    @Test
    void oneCompleteCallWritesStartedRecordsAndAcksWithOutcomesInTheirOrder() throws Exception {
        String q = queue();
        String w = worker();
        List<String> ids = List.of(send(q, 1), send(q, 2), send(q, 3), send(q, 4));
        List<Delivery> ds = broker.fetch(q, w, 4).deliveries();
        assertEquals(ids, ds.stream().map(Delivery::id).toList());
        Delivery slow = ds.get(0);
        Delivery ignored = ds.get(3);

        broker.complete(w, List.of(
                Completion.started(slow, ResultRecord.started(slow.id(), "contract.task", "w@test", 0)),
                Completion.started(ds.get(1), ResultRecord.started(ds.get(1).id(), "contract.task", "w@test", 0)),
                Completion.ack(ds.get(1), ResultRecord.success(ds.get(1).id(), "contract.task", "2", "w@test", 0)),
                Completion.ack(ds.get(2), ResultRecord.failure(ds.get(2).id(), "contract.task", "x.Boom", "boom", null, "w@test", 0)),
                Completion.ack(ignored, null)));

        assertTrue(messageStored(q, slow.id()), "a task that only started is still held");
        assertEquals(Set.of(slow.id()), brokerDb.with(j -> Set.copyOf(j.hkeys(inflightKey(q, w)))), "the acked ids left the inflight set");
        for (Delivery d : ds.subList(1, 4)) {
            assertFalse(messageStored(q, d.id()), "an acked message is deleted");
        }
        if (resultsEnabled()) {
            assertEquals(TaskState.STARTED, engine.backend().read(slow.id()).orElseThrow().state());
            assertEquals(TaskState.SUCCESS, engine.backend().read(ds.get(1).id()).orElseThrow().state(), "the ack after STARTED wins");
            assertEquals(TaskState.FAILURE, engine.backend().read(ds.get(2).id()).orElseThrow().state());
            // an ack without outcome records none, and a send wrote none: the id reads UNKNOWN once acked
            assertEquals(Optional.empty(), engine.backend().read(ignored.id()).map(ResultRecord::state),
                    "an ack without outcome records none");
            assertEquals(2, engine.client().asyncResult(ds.get(1).id(), Integer.class).get(2, TimeUnit.SECONDS), "a final record is published");
        }

        broker.complete(w, List.of(Completion.ack(slow, ResultRecord.success(slow.id(), "contract.task", "1", "w@test", 0)),
                Completion.started(slow, ResultRecord.started(slow.id(), "contract.task", "w@test", 0))));
        assertFalse(brokerDb.exists(inflightKey(q, w)), "every delivery ended");
        if (resultsEnabled()) {
            assertEquals(TaskState.SUCCESS, engine.backend().read(slow.id()).orElseThrow().state(), "a late STARTED never hides an outcome");
        }
    }

    @Test
    void tasksOfOnePriorityComeOutInTheOrderTheyWereSent() {
        String q = queue();
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            sent.add(send(q, i));
        }
        assertEquals(sent, fetchAllIds(q, worker()));
    }

    @Test
    void aBulkSendQueuesEveryTaskAcrossChunksInTheOrderGivenEachWithItsRecord() {
        String q = queue();
        List<List<?>> argsList = new ArrayList<>();
        for (int i = 0; i < 2 * RedisBroker.CHUNK + 1; i++) {
            argsList.add(List.of(i));
        }
        List<AsyncResult<Object>> handles = engine.client().sendBulk("contract.task", argsList, TaskOptions.defaults().queue(q));
        List<String> ids = handles.stream().map(AsyncResult::id).toList();
        assertEquals(argsList.size(), ids.stream().distinct().count());
        assertEquals(argsList.size(), broker.pending(q));
        if (resultsEnabled()) {
            for (String id : List.of(ids.get(0), ids.get(RedisBroker.CHUNK), ids.get(ids.size() - 1))) {
                assertEquals(TaskState.PENDING, engine.client().asyncResult(id).state(), id);
            }
        }
        List<String> fetched = new ArrayList<>();
        String w = worker();
        for (FetchResult f = broker.fetch(q, w, 64); !f.deliveries().isEmpty(); f = broker.fetch(q, w, 64)) {
            for (Delivery d : f.deliveries()) {
                fetched.add(d.id());
                TaskMessage m = engine.messages().decode(d.body(), q);
                assertEquals(argsList.get(fetched.size() - 1).get(0), m.args().getInt(0), "the args of task " + fetched.size());
            }
        }
        assertEquals(ids, fetched);
    }

    @Test
    void aBulkSendAfterRedisLostItsScriptsQueuesEveryTaskInOrder() {
        String q = queue();
        List<List<?>> argsList = new ArrayList<>();
        for (int i = 0; i < 3 * RedisBroker.CHUNK; i++) {
            argsList.add(List.of(i));
        }
        brokerDb.with(j -> j.scriptFlush()); // as after a restart: the first chunk is answered NOSCRIPT, and loads it
        List<String> ids = engine.client().sendBulk("contract.task", argsList, TaskOptions.defaults().queue(q)).stream()
                .map(AsyncResult::id).toList();
        assertEquals(argsList.size(), broker.pending(q));
        List<String> fetched = new ArrayList<>();
        String w = worker();
        for (FetchResult f = broker.fetch(q, w, 64); !f.deliveries().isEmpty(); f = broker.fetch(q, w, 64)) {
            f.deliveries().forEach(d -> fetched.add(d.id()));
        }
        assertEquals(ids, fetched, "each chunk queued once, in the order given");
    }

    @Test
    void aBulkSendWithOneMessageTooLargeSendsNothing() {
        String q = queue();
        String huge = "x".repeat(1024 * 1024 + 1);
        TaskSerializationException e = assertThrows(TaskSerializationException.class, () -> engine.client().sendBulk(
                "contract.task", List.of(List.of("small"), List.of(huge), List.of("small")), TaskOptions.defaults().queue(q)));
        assertEquals("CHARD-03006", e.code());
        assertEquals(0, broker.pending(q));
    }

    @Test
    void aBulkSendWhoseOptionsNameATaskIdIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> engine.client().sendBulk(
                "contract.task", List.of(List.of(1), List.of(2)), TaskOptions.defaults().queue(queue()).taskId("same")));
        assertTrue(e.getMessage().startsWith("CHARD-03015"), e.getMessage());
    }

    @Test
    void concurrentSendsAreEachQueuedOnceWithTheirRecordAndEachSendersTasksKeepTheirOrder() throws Exception {
        String q = queue();
        int threads = 16;
        int each = 100;
        List<List<String>> bySender = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int sender = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    List<String> mine = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        mine.add(send(q, sender, i));
                    }
                    return mine;
                }));
            }
            start.countDown();
            for (Future<List<String>> f : futures) {
                bySender.add(f.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(threads * each, broker.pending(q));
        if (resultsEnabled()) {
            for (List<String> mine : bySender) {
                assertEquals(TaskState.PENDING, engine.client().asyncResult(mine.get(each - 1)).state());
            }
        }
        List<String> fetched = fetchAllIds(q, worker());
        assertEquals(threads * each, fetched.stream().distinct().count());
        for (List<String> mine : bySender) {
            assertEquals(mine, fetched.stream().filter(mine::contains).toList(), "one sender's tasks come out in its order");
        }
    }

    @Test
    void aHigherPriorityIsFetchedFirstAndEqualPrioritiesKeepTheirOrder() {
        String q = queue();
        String a = send(q, TaskOptions.defaults(), "a");
        sleep(2);
        String low = send(q, TaskOptions.defaults().priority(0), "low");
        sleep(2);
        String high = send(q, TaskOptions.defaults().priority(9), "high");
        sleep(2);
        String b = send(q, TaskOptions.defaults(), "b");
        sleep(2);
        String high2 = send(q, TaskOptions.defaults().priority(9), "high2");
        assertEquals(List.of(high, high2, a, b, low), fetchAllIds(q, worker()));
    }

    @Test
    void delayedTasksAreNotFetchableBeforeTheyAreDueAndComeOutInDueOrder() {
        String q = queue();
        String w = worker();
        Instant start = Instant.now();
        String last = send(q, TaskOptions.defaults().countdown(Duration.ofMillis(700)), "last");
        String first = send(q, TaskOptions.defaults().eta(start.plusMillis(300)), "first");
        String second = send(q, TaskOptions.defaults().countdown(Duration.ofMillis(500)), "second");
        assertEquals(3, broker.pending(q), "delayed tasks wait in Redis");
        FetchResult early = broker.fetch(q, w);
        assertTrue(early.delivery().isEmpty(), "nothing is due yet");
        assertTrue(early.nextDueInMs() > 0 && early.nextDueInMs() <= 300, "next due in " + early.nextDueInMs());

        sleepUntil(start.plusMillis(360));
        assertEquals(first, fetchOne(q, w).id());
        FetchResult between = broker.fetch(q, w);
        assertTrue(between.delivery().isEmpty(), "the others are not due yet");
        assertTrue(between.nextDueInMs() > 0 && between.nextDueInMs() <= 200, "next due in " + between.nextDueInMs());

        sleepUntil(start.plusMillis(760));
        assertEquals(List.of(second, last), fetchAllIds(q, w));
    }

    @Test
    void aDelayedTaskIsPromotedAheadOfLaterReadyTasksOfItsPriority() {
        String q = queue();
        String w = worker();
        Instant start = Instant.now();
        String delayed = send(q, TaskOptions.defaults().countdown(Duration.ofMillis(100)), "delayed");
        sleepUntil(start.plusMillis(200));
        String ready = send(q, "ready"); // sent after the delayed one was due
        assertEquals(List.of(delayed, ready), fetchAllIds(q, w));
    }

    @Test
    void fetchOnAnEmptyQueueSaysNothingIsWaiting() {
        FetchResult f = broker.fetch(queue(), worker());
        assertTrue(f.delivery().isEmpty());
        assertEquals(-1, f.nextDueInMs());
    }

    @Test
    void fetchOnAQueueWithOnlyADelayedTaskSaysWhenItIsDue() {
        String q = queue();
        send(q, TaskOptions.defaults().countdown(Duration.ofSeconds(30)), "later");
        FetchResult f = broker.fetch(q, worker());
        assertTrue(f.delivery().isEmpty());
        assertTrue(f.nextDueInMs() > 28_000 && f.nextDueInMs() <= 30_000, "next due in " + f.nextDueInMs());
    }

    @Test
    void reclaimsTheWorkOfAWorkerWhoseHeartbeatStopped() {
        String q = queue();
        String dead = worker();
        String alive = worker();
        String id = send(q, "x");
        Delivery first = fetchOne(q, dead);
        broker.heartbeat(q, dead);
        assertEquals(1, first.deliveries());

        sleep(HEARTBEAT_TIMEOUT_MS + 150); // the dead worker stops beating
        HeartbeatResult beat = broker.heartbeat(q, alive);
        assertEquals(1, beat.reclaimed());
        assertEquals(1, beat.deadWorkers());
        assertFalse(beat.wasDeclaredDead());

        Delivery again = fetchOne(q, alive);
        assertEquals(id, again.id());
        assertEquals(2, again.deliveries());
        assertTrue(again.redelivered());
        assertFalse(brokerDb.exists(inflightKey(q, dead)), "the dead worker's in-flight set is deleted");

        assertTrue(broker.heartbeat(q, dead).wasDeclaredDead(), "a worker that comes back learns its work was handed over");
    }

    @Test
    void aLiveWorkerThatKeepsBeatingIsNeverReclaimedEvenWhenItsTaskOutlastsTheTimeout() {
        String q = queue();
        String busy = worker();
        String other = worker();
        String id = send(q, "long");
        Delivery d = fetchOne(q, busy);
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(HEARTBEAT_TIMEOUT_MS * 3);
        int reclaimed = 0;
        while (System.nanoTime() < until) {
            assertFalse(broker.heartbeat(q, busy).wasDeclaredDead());
            reclaimed += broker.heartbeat(q, other).reclaimed();
            sleep(HEARTBEAT_TIMEOUT_MS / 3);
        }
        assertEquals(0, reclaimed);
        assertTrue(broker.fetch(q, other).delivery().isEmpty(), "the task still belongs to its live worker");
        assertTrue(brokerDb.hexists(inflightKey(q, busy), id), "still held by its live worker");
        broker.ack(d, busy, null);
        assertFalse(messageStored(q, id));
    }

    @Test
    void handBackReturnsTasksToTheHeadOfTheQueueWithoutCountingADelivery() {
        String q = queue();
        String stopping = worker();
        String next = worker();
        String a = send(q, "a");
        String b = send(q, "b");
        String c = send(q, "c");
        broker.heartbeat(q, stopping);
        fetchOne(q, stopping);
        fetchOne(q, stopping);
        assertEquals(2, broker.handBack(q, stopping));
        assertNull(brokerDb.with(j -> j.zscore(PREFIX + ":{" + q + "}:workers", stopping)), "a stopped worker leaves the workers set");
        assertFalse(brokerDb.exists(inflightKey(q, stopping)));

        Delivery d1 = fetchOne(q, next);
        Delivery d2 = fetchOne(q, next);
        Delivery d3 = fetchOne(q, next);
        assertEquals(List.of(a, b, c), List.of(d1.id(), d2.id(), d3.id()));
        assertEquals(List.of(1, 1, 1), List.of(d1.deliveries(), d2.deliveries(), d3.deliveries()));
    }

    @Test
    void oneFetchTakesUpToTheAskedNumberOfTasksInQueueOrder() {
        String q = queue();
        String w = worker();
        List<String> sent = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sent.add(send(q, "t" + i));
        }
        FetchResult three = broker.fetch(q, w, 3);
        assertEquals(sent.subList(0, 3), three.deliveries().stream().map(Delivery::id).toList());
        assertEquals(-1, three.nextDueInMs(), "as many as asked: the queue was not looked at further");
        assertFalse(three.drained(), "as many as asked: more may be ready");
        FetchResult rest = broker.fetch(q, w, 10);
        assertEquals(sent.subList(3, 5), rest.deliveries().stream().map(Delivery::id).toList());
        assertTrue(rest.drained(), "fewer than asked: nothing else was ready");
        assertEquals(-1, rest.nextDueInMs(), "nothing delayed");
        assertEquals(java.util.Set.copyOf(sent), broker.inflight(q, w), "all five are held by the worker");
        assertTrue(broker.fetch(q, w, 2).drained(), "an empty queue is drained");
    }

    @Test
    void aFetchPassesOverIdsWhoseMessageIsGoneAndStillTakesAsManyAsAsked() {
        String q = queue();
        String w = worker();
        List<String> sent = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sent.add(send(q, "t" + i));
        }
        // acked by a worker declared dead too early: the id may still be in the ready set, its message is gone
        brokerDb.with(j -> j.hdel(messagesKey(q), sent.get(0)));
        FetchResult two = broker.fetch(q, w, 2);
        assertEquals(sent.subList(1, 3), two.deliveries().stream().map(Delivery::id).toList());
        assertFalse(two.drained());
        FetchResult last = broker.fetch(q, w, 2);
        assertEquals(sent.subList(3, 4), last.deliveries().stream().map(Delivery::id).toList());
        assertTrue(last.drained());
        assertEquals(java.util.Set.copyOf(sent.subList(1, 4)), broker.inflight(q, w), "the gone id is not held");
    }

    @Test
    void handingBackChosenIdsReturnsOnlyThoseTheWorkerHoldsAndKeepsItRegistered() {
        String q = queue();
        String w = worker();
        String a = send(q, "a");
        String b = send(q, "b");
        broker.heartbeat(q, w);
        fetchOne(q, w);
        fetchOne(q, w);
        assertEquals(java.util.Set.of(a, b), broker.inflight(q, w));

        assertEquals(1, broker.handBack(q, w, List.of(a, "not-held")), "only a held id goes back");
        assertEquals(java.util.Set.of(b), broker.inflight(q, w));
        assertNotNull(brokerDb.with(j -> j.zscore(PREFIX + ":{" + q + "}:workers", w)), "a live worker stays registered");
        Delivery again = fetchOne(q, worker());
        assertEquals(a, again.id());
        assertEquals(1, again.deliveries(), "handed back unrun: the lost delivery does not count");
    }

    @Test
    void aMessageFetchedMaxDeliveriesTimesWithoutAckIsDeadLettered() throws Exception {
        String q = queue();
        String id = send(q, "poison");
        for (int i = 1; i <= MAX_DELIVERIES; i++) {
            String w = worker();
            Delivery d = fetchOne(q, w);
            assertEquals(i, d.deliveries());
            sleep(HEARTBEAT_TIMEOUT_MS + 100); // its worker dies
            assertEquals(1, broker.heartbeat(q, worker()).reclaimed());
        }
        FetchResult f = broker.fetch(q, worker());
        assertTrue(f.delivery().isEmpty(), "a poison message is not delivered a " + (MAX_DELIVERIES + 1) + "th time");
        assertEquals(0, broker.pending(q));
        assertFalse(messageStored(q, id));

        List<String> dead = broker.deadLetters(q, 10);
        assertEquals(1, dead.size());
        JsonObject letter = json(dead.get(0));
        assertEquals(id, letter.getString("id"));
        assertEquals(q, letter.getString("queue"));
        assertTrue(letter.getString("reason").contains("CHARD-05002"), letter.toString());
        assertEquals(id, json(letter.getString("body")).getString("id"));
        if (resultsEnabled()) {
            ResultRecord r = engine.backend().read(id).orElseThrow();
            assertEquals(TaskState.FAILURE, r.state());
            assertTrue(r.exceptionMessage().contains("CHARD-05002"), r.toString());
            AsyncResult<Object> result = engine.client().asyncResult(id);
            assertTrue(result.failed());
        }
    }

    @Test
    void deadLetterMovesTheMessageToTheDeadListWithItsReason() {
        String q = queue();
        String w = worker();
        String id = send(q, "undecodable");
        Delivery d = fetchOne(q, w);
        broker.deadLetter(d, w, "CHARD-05001: test reason");
        assertFalse(messageStored(q, id));
        assertFalse(brokerDb.hexists(inflightKey(q, w), id));
        JsonObject letter = json(broker.deadLetters(q, 10).get(0));
        assertEquals(id, letter.getString("id"));
        assertEquals("CHARD-05001: test reason", letter.getString("reason"));
        assertTrue(letter.containsKey("at"));
        if (resultsEnabled()) {
            ResultRecord r = engine.backend().read(id).orElseThrow();
            assertEquals(TaskState.FAILURE, r.state());
            assertEquals("CHARD-05001: test reason", r.exceptionMessage());
            assertEquals("contract.task", r.task());
        }
    }

    @Test
    void everyKeyWrittenIsDocumentedCarriesThePrefixAndItsQueueTagAndIsBoundedOrExpires() {
        // leave one of everything behind: ready, delayed, in flight, a live worker, a dead letter, results
        String q = queue();
        String w = worker();
        send(q, "ready");
        send(q, TaskOptions.defaults().countdown(Duration.ofHours(1)), "delayed");
        send(q, "in flight");
        send(q, "dead");
        send(q, "acked");
        broker.heartbeat(q, w);
        fetchOne(q, w);
        Delivery inFlight = fetchOne(q, w);
        broker.deadLetter(fetchOne(q, w), w, "reason");
        Delivery acked = fetchOne(q, w);
        broker.ack(acked, w, ResultRecord.success(acked.id(), "contract.task", "1", "w", 0));
        assertTrue(inFlight.deliveries() > 0);

        RedisLayoutDoc doc = RedisLayoutDoc.read();
        List<RawRedis> dbs = new ArrayList<>(List.of(brokerDb));
        if (backendDb != null && !backendDb.equals(brokerDb)) {
            dbs.add(backendDb);
        }
        int checked = 0;
        for (RawRedis db : dbs) {
            for (String key : db.with(j -> j.keys("*"))) {
                checked++;
                RedisLayoutDoc.Row row = null;
                Matcher match = null;
                for (RedisLayoutDoc.Row r : doc.rows()) {
                    Matcher m = r.pattern(PREFIX).matcher(key);
                    if (m.matches()) {
                        row = r;
                        match = m;
                        break;
                    }
                }
                if (row == null) {
                    fail("key " + key + " is not in the Redis layout table of docs/architecture.md");
                }
                if (row.hasQueueTag()) {
                    assertTrue(queues.contains(match.group("queue")), key + ": its hash tag is not the queue it belongs to");
                }
                long ttl = db.with(j -> j.ttl(key));
                if (row.mustExpire()) {
                    assertTrue(ttl > 0, key + " must expire (" + row.boundedBy() + ") but has TTL " + ttl);
                }
            }
        }
        assertTrue(checked >= 6, "the scan saw only " + checked + " keys");
        assertTrue(brokerDb.llen(PREFIX + ":{" + q + "}:wake") <= 64, "the wake list is capped at 64");
    }

    @Test
    void aQueueHoldingTasksOfTheEarlierPerMessageLayoutIsReportedNotConsumed() {
        String q = queue();
        send(q, "new layout");
        assertNull(broker.layoutProblem(q), "a queue written by this version");
        String old = "old-" + UUID.randomUUID();
        brokerDb.with(j -> j.hset(PREFIX + ":{" + q + "}:msg:" + old, Map.of("body", "{}", "prio", "4", "score", "1")));
        brokerDb.with(j -> j.zadd(PREFIX + ":{" + q + "}:ready", 1, old)); // older than anything: at the head
        String problem = broker.layoutProblem(q);
        assertNotNull(problem);
        assertTrue(problem.contains("queue " + q + " holds tasks written by an earlier Chard version"), problem);
        brokerDb.with(j -> j.del(PREFIX + ":{" + q + "}:msg:" + old, PREFIX + ":{" + q + "}:ready")); // not a documented key
        assertNull(broker.layoutProblem(q));

        String oldWorker = "old@test#" + UUID.randomUUID().toString().substring(0, 8);
        brokerDb.with(j -> j.zadd(PREFIX + ":{" + q + "}:workers", 1, oldWorker));
        brokerDb.with(j -> j.sadd(PREFIX + ":{" + q + "}:inflight:" + oldWorker, "some-id"));
        String running = broker.layoutProblem(q);
        assertNotNull(running, "a worker of the earlier version holds tasks in a set");
        assertTrue(running.contains("is consumed by a worker of an earlier Chard version"), running);
        brokerDb.with(j -> j.del(PREFIX + ":{" + q + "}:inflight:" + oldWorker, PREFIX + ":{" + q + "}:workers"));
    }

    @Test
    void theDeadLetterListIsCapped() {
        String q = queue();
        String w = worker();
        for (int i = 0; i < 55; i++) {
            send(q, i);
        }
        for (int i = 0; i < 55; i++) {
            broker.deadLetter(fetchOne(q, w), w, "reason " + i);
        }
        assertEquals(50L, brokerDb.llen(PREFIX + ":{" + q + "}:dead"));
        assertEquals("reason 54", json(broker.deadLetters(q, 1).get(0)).getString("reason"), "newest first");
    }

    private static void sleepUntil(Instant t) {
        long ms = Duration.between(Instant.now(), t).toMillis();
        if (ms > 0) {
            sleep(ms);
        }
    }
}
