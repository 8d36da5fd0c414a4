package dev.chard.fault;

import dev.chard.api.AsyncResult;
import dev.chard.api.ChardException;
import dev.chard.engine.Engine;
import dev.chard.testsupport.JavaProcess;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Messages a worker cannot or must not run: malformed ones written straight into Redis with the layout of
 * docs/architecture.md, well-formed ones that are wrong (unknown task, wrong argument types), a huge one, and a task
 * that kills its worker's JVM. One worker; {@code chard.worker.max-deliveries=3} (default 5) to keep the run short.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class PoisonMessagesIT {

    static final int MAX_DELIVERIES = 3;
    static FaultCluster cluster;
    static Engine producer;

    @BeforeAll
    static void start() {
        cluster = FaultCluster.start("PoisonMessagesIT", false);
        cluster.workerConfig("chard.worker.max-deliveries", Integer.toString(MAX_DELIVERIES));
        cluster.startWorker("w1");
        producer = cluster.producer(Map.of());
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void malformedAndWrongMessagesAreDeadLetteredOrFailedWithAReasonAndTheWorkerKeepsServing() throws Exception {
        List<String> good = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            good.add(producer.client().send(FaultCluster.TASKS + "add", i, 1).id());
        }
        Map<String, String> raw = new LinkedHashMap<>();
        raw.put("bad-json", "{\"v\":1,\"id\":");
        raw.put("not-an-object", "[1, 2, 3]");
        raw.put("missing-fields", "{\"v\":1,\"queue\":\"default\"}");
        String hugeText = "x".repeat(2 * 1024 * 1024);
        Map<String, String> rawIds = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : raw.entrySet()) {
            rawIds.put(e.getKey(), pushRaw(e.getValue()));
        }
        String hugeId = UUID.randomUUID().toString();
        pushRaw(hugeId, message(hugeId, FaultCluster.TASKS + "length", "[\"" + hugeText + "\"]"));
        String unknown = producer.client().send("dev.chard.fault.app.NoSuchTasks.run", 1).id();
        String wrongTypes = producer.client().send(FaultCluster.TASKS + "add", "one", List.of(2)).id();
        String missingArg = producer.client().send(FaultCluster.TASKS + "add", 1).id();
        ChardException tooLarge = assertThrows(ChardException.class,
                () -> producer.client().send(FaultCluster.TASKS + "length", hugeText), "the producer refuses a message over chard.message.max-size");
        assertEquals("CHARD-03006", tooLarge.code());
        for (int i = 10; i < 20; i++) {
            good.add(producer.client().send(FaultCluster.TASKS + "add", i, 1).id());
        }

        Map<String, JsonObject> goodResults = cluster.awaitFinal(good, Duration.ofSeconds(60));
        for (int i = 0; i < good.size(); i++) {
            JsonObject r = goodResults.get(good.get(i));
            assertNotNull(r, "good task " + i + " has no final state; queue: " + cluster.leftovers());
            assertEquals("SUCCESS", r.getString("state"));
            assertEquals(i + 1, r.getInt("result"));
        }
        Map<String, JsonObject> wrong = cluster.awaitFinal(List.of(unknown, wrongTypes, missingArg), Duration.ofSeconds(30));
        for (Map.Entry<String, JsonObject> e : wrong.entrySet()) {
            JsonObject r = e.getValue();
            assertNotNull(r, "no final state for " + e.getKey());
            assertEquals("FAILURE", r.getString("state"), r.toString());
            assertTrue(!r.isNull("exception") && !r.getJsonObject("exception").getString("message", "").isBlank(), "a reason: " + r);
        }
        assertTrue(wrong.get(unknown).getJsonObject("exception").getString("message").contains("CHARD-04004"), wrong.get(unknown).toString());

        Map<String, String> deadReasons = awaitDeadLetters(rawIds.values(), Duration.ofSeconds(30));
        for (Map.Entry<String, String> e : rawIds.entrySet()) {
            String reason = deadReasons.get(e.getValue());
            assertNotNull(reason, e.getKey() + " was not dead-lettered; dead: " + deadReasons);
            assertTrue(reason.startsWith("CHARD-05001"), e.getKey() + ": " + reason);
        }
        JsonObject huge = hugeOutcome(hugeId, Duration.ofSeconds(30));
        System.out.printf("FAULT poison: dead-lettered %s; FAILURE: unknown task -> %s, wrong types -> %s, missing argument -> %s;"
                        + " a %d-byte message written past the producer -> %s; producer refused the same send: %s%n",
                deadReasons.values(), reason(wrong.get(unknown)), reason(wrong.get(wrongTypes)), reason(wrong.get(missingArg)),
                hugeText.length(), huge, tooLarge.getMessage());
        assertTrue(cluster.worker("w1").isAlive(), "the worker survived every bad message");
        assertEquals(20, good.size());
    }

    @Test
    @Order(2)
    void aTaskThatKillsItsWorkerIsDeadLetteredAfterMaxDeliveriesAndRunsAfterRequeueOnceFixed() throws Exception {
        String flag = "flag:" + UUID.randomUUID();
        String poison = producer.client().send(FaultCluster.TASKS + "crashUnlessFixed", flag).id();
        int restarts = 0;
        long start = System.nanoTime();
        while (!deadIds().contains(poison)) {
            assertTrue(FaultCluster.ms(start) < 150_000, "not dead-lettered after " + restarts + " restarts; queue: " + cluster.leftovers());
            JavaProcess w = cluster.worker("w1");
            if (!w.isAlive()) {
                assertEquals(1, w.waitFor(Duration.ofSeconds(5)), "the poison task halts its JVM with status 1");
                restarts++;
                cluster.startWorker("w1"); // as a supervisor (systemd, Kubernetes) would
            }
            Thread.sleep(100);
        }
        long deadMs = FaultCluster.ms(start);
        int deliveries = cluster.countsById("fault:started").getOrDefault(poison, 0);
        System.out.printf("FAULT poison: the worker-killing task was delivered %d times (%d worker restarts) and dead-lettered"
                + " %d ms after it was sent%n", deliveries, restarts, deadMs);
        assertEquals(MAX_DELIVERIES, deliveries, "delivered exactly max-deliveries times");
        assertEquals(MAX_DELIVERIES, restarts);
        // the worker left running keeps serving
        String seven = producer.client().send(FaultCluster.TASKS + "add", 3, 4).id();
        assertEquals(7, producer.client().asyncResult(seven, Integer.class).get(60, TimeUnit.SECONDS));

        FaultCluster.CliRun list = cluster.cli("dead", "list");
        assertEquals(0, list.exitCode(), list.toString());
        String line = list.output().lines().filter(l -> l.contains(poison)).findFirst().orElseThrow(
                () -> new AssertionError("dead list does not show " + poison + ": " + list));
        assertTrue(line.contains("CHARD-05002"), line);
        System.out.printf("FAULT poison: dead list: %s%n", line.length() > 300 ? line.substring(0, 300) + "..." : line);

        cluster.recorder.call("SET", flag, "fixed");
        FaultCluster.CliRun requeue = cluster.cli("dead", "requeue", poison);
        assertEquals(0, requeue.exitCode(), requeue.toString());
        assertTrue(requeue.output().contains(poison), requeue.toString());
        AsyncResult<String> r = producer.client().asyncResult(poison, String.class);
        assertEquals("survived after 1 deliveries", r.get(60, TimeUnit.SECONDS));
        assertTrue(!deadIds().contains(poison), "requeue removed it from the dead letters");
        System.out.printf("FAULT poison: after 'dead requeue' with the cause fixed: %s%n", r.get(1, TimeUnit.SECONDS));
    }

    // ---- raw messages, with the layout of docs/architecture.md

    private String pushRaw(String body) {
        String id = UUID.randomUUID().toString();
        pushRaw(id, body);
        return id;
    }

    /** HSET msgs id body, ZADD ready, LPUSH wake: what enqueue.lua writes. */
    private void pushRaw(String id, String body) {
        long now = Long.parseLong(((List<?>) cluster.broker.call("TIME")).get(0).toString()) * 1000;
        String score = Long.toString(5L * 10_000_000_000_000L + now); // priority 4
        cluster.broker.call("HSET", FaultCluster.key("msgs"), id, body);
        cluster.broker.call("ZADD", FaultCluster.key("ready"), score, id);
        cluster.broker.call("LPUSH", FaultCluster.key("wake"), "1");
    }

    private static String message(String id, String task, String argsJson) {
        return "{\"v\":1,\"id\":\"" + id + "\",\"task\":\"" + task + "\",\"args\":" + argsJson + ",\"kwargs\":{},\"retries\":0,"
                + "\"eta\":null,\"expires\":null,\"queue\":\"default\",\"priority\":4,\"rootId\":\"" + id + "\",\"parentId\":null,"
                + "\"groupId\":null,\"origin\":\"raw@test\",\"sentAt\":\"2026-11-26T14:00:00Z\"}";
    }

    private List<String> deadIds() {
        return new ArrayList<>(deadLetters().keySet());
    }

    /** id -> reason of every dead letter. */
    private Map<String, String> deadLetters() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Object o : (List<?>) cluster.broker.call("LRANGE", FaultCluster.key("dead"), "0", "-1")) {
            JsonObject d = FaultCluster.json((String) o);
            out.put(d.getString("id", "?"), d.getString("reason", ""));
        }
        return out;
    }

    private Map<String, String> awaitDeadLetters(java.util.Collection<String> ids, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, String> dead = deadLetters();
        while (!dead.keySet().containsAll(ids) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            dead = deadLetters();
        }
        return dead;
    }

    /** "dead-lettered: reason" or the final result record of the huge message. */
    private String hugeOutcomeText(String id) {
        String reason = deadLetters().get(id);
        if (reason != null) {
            return "dead-lettered: " + reason;
        }
        JsonObject r = cluster.results(List.of(id)).get(id);
        return r == null ? null : r.getString("state") + (r.isNull("exception") ? "" : ": " + reason(r));
    }

    private JsonObject hugeOutcome(String id, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String text = hugeOutcomeText(id);
        while (text == null && System.nanoTime() < deadline) {
            Thread.sleep(100);
            text = hugeOutcomeText(id);
        }
        assertNotNull(text, "the huge message neither ran nor was dead-lettered; queue: " + cluster.leftovers());
        assertTrue(text.startsWith("dead-lettered") || text.startsWith("FAILURE"),
                "a message over chard.message.max-size that bypassed the producer must be dead-lettered or FAILURE, was: " + text);
        return jakarta.json.Json.createObjectBuilder().add("outcome", text.length() > 200 ? text.substring(0, 200) : text).build();
    }

    private static String reason(JsonObject r) {
        JsonObject e = r.getJsonObject("exception");
        return e.getString("type", "") + ": " + e.getString("message", "");
    }
}
