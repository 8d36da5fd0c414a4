package dev.chard.engine.client;

import dev.chard.api.AsyncResult;
import dev.chard.api.BrokerUnavailableException;
import dev.chard.api.ResultsDisabledException;
import dev.chard.api.TaskClient;
import dev.chard.api.TaskOptions;
import dev.chard.api.TaskSerializationException;
import dev.chard.api.TaskState;
import dev.chard.engine.Engine;
import dev.chard.engine.config.ChardConfig;
import dev.chard.engine.registry.TaskRegistry;
import dev.chard.testsupport.FreePorts;
import dev.chard.testsupport.RedisServer;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a caller meets when sending goes wrong: each error with its code, fast, naming what to fix. */
class ClientErrorsTest {

    static RedisServer redis;
    static Jsonb jsonb;

    /** A bean JSON-B cannot write: its getter throws. */
    public static class Exploding {
        public String getValue() {
            throw new IllegalStateException("getter exploded");
        }
    }

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        jsonb = JsonbBuilder.create();
    }

    @AfterAll
    static void stop() throws Exception {
        jsonb.close();
        redis.close();
    }

    static Engine engine(String brokerUrl, String backendUrl, String... more) {
        Map<String, String> cfg = new HashMap<>();
        cfg.put("chard.broker.url", brokerUrl);
        if (backendUrl != null) {
            cfg.put("chard.backend.url", backendUrl);
        }
        cfg.put("chard.redis.timeout", "500ms");
        for (int i = 0; i < more.length; i += 2) {
            cfg.put(more[i], more[i + 1]);
        }
        return Engine.start(ChardConfig.of(cfg), TaskRegistry.empty(), jsonb);
    }

    @Test
    void sendingToABrokerOnAClosedPortFailsFastWithBrokerUnavailable() {
        String url = "redis://127.0.0.1:" + FreePorts.find() + "/0";
        try (Engine engine = engine(url, url)) {
            BrokerUnavailableException e = assertTimeoutPreemptively(Duration.ofMillis(1500),
                    () -> assertThrows(BrokerUnavailableException.class, () -> engine.client().send("reports.render", 42)));
            assertEquals("CHARD-03001", e.code());
            assertTrue(e.getMessage().contains("reports.render") && e.getMessage().contains("chard.broker.url"), e.getMessage());
        }
    }

    @Test
    void sendingToABrokerThatAcceptsButNeverAnswersFailsWithinTheTimeoutInsteadOfHanging() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String url = "redis://127.0.0.1:" + silent.getLocalPort() + "/0";
            try (Engine engine = engine(url, null)) {
                BrokerUnavailableException e = assertTimeoutPreemptively(Duration.ofMillis(1500),
                        () -> assertThrows(BrokerUnavailableException.class, () -> engine.client().send("reports.render", 42)));
                assertEquals("CHARD-03001", e.code());
                assertTrue(e.getMessage().contains("500 ms"), e.getMessage());
            }
        }
    }

    @Test
    void withoutABackendReadingAStateNamesTheMissingKeyWhileSendingStillWorks() {
        try (Engine engine = engine(redis.url(1), null)) {
            TaskClient client = engine.client();
            AsyncResult<Object> sent = client.send("reports.render", List.of(42), Map.of(), TaskOptions.defaults().queue("noresults"));
            assertNotNull(sent.id());
            assertEquals(sent.id(), engine.broker().fetch("noresults", "w1").delivery().orElseThrow().id(), "the task was queued");

            ResultsDisabledException e = assertThrows(ResultsDisabledException.class, () -> client.asyncResult(sent.id()).state());
            assertEquals("CHARD-03002", e.code());
            assertTrue(e.getMessage().contains("chard.backend.url") && e.getMessage().contains(sent.id()), e.getMessage());
            assertThrows(ResultsDisabledException.class, () -> sent.get(1, java.util.concurrent.TimeUnit.SECONDS));
        }
    }

    @Test
    void anArgumentJsonbCannotWriteIsNamedAndNothingIsSent() {
        try (Engine engine = engine(redis.url(2), redis.url(2))) {
            TaskSerializationException e = assertThrows(TaskSerializationException.class, () -> engine.client().send("reports.render",
                    List.of(1, new Exploding()), Map.of(), TaskOptions.defaults().queue("unwritable")));
            assertEquals("CHARD-03003", e.code());
            assertTrue(e.getMessage().contains("argument 2") && e.getMessage().contains("reports.render")
                    && e.getMessage().contains(Exploding.class.getName()), e.getMessage());
            assertEquals(0, engine.broker().pending("unwritable"));

            TaskSerializationException named = assertThrows(TaskSerializationException.class, () -> engine.client().send("reports.render",
                    List.of(), Map.of("report", new Exploding()), TaskOptions.defaults().queue("unwritable")));
            assertTrue(named.getMessage().contains("'report'"), named.getMessage());
        }
    }

    @Test
    void aMessageLargerThanTheMaximumSizeIsRefusedAtTheCallSite() {
        try (Engine engine = engine(redis.url(3), redis.url(3), "chard.message.max-size", "1000")) {
            String id = "too-big-" + UUID.randomUUID();
            TaskSerializationException e = assertThrows(TaskSerializationException.class, () -> engine.client().send("reports.render",
                    List.of("x".repeat(2000)), Map.of(), TaskOptions.defaults().taskId(id).queue("big")));
            assertEquals("CHARD-03006", e.code());
            assertTrue(e.getMessage().contains("chard.message.max-size") && e.getMessage().contains("reports.render"), e.getMessage());
            assertEquals(0, engine.broker().pending("big"));
            assertEquals(TaskState.UNKNOWN, engine.client().asyncResult(id).state(), "no PENDING record for a task that was not sent");
            engine.client().send("reports.render", List.of("x".repeat(100)), Map.of(), TaskOptions.defaults().queue("big"));
            assertEquals(1, engine.broker().pending("big"));
        }
    }

    @Test
    void withOptionsWhoseCallMakesNoTaskCallIsAnErrorAndLeavesNoOptionsBehind() {
        try (Engine engine = engine(redis.url(4), null)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> engine.client().withOptions(TaskOptions.defaults().priority(9), () -> "no task call here"));
            assertTrue(e.getMessage().startsWith("CHARD-03007"), e.getMessage());
            assertSame(TaskOptions.defaults(), PendingOptions.take(), "the options must not wait for an unrelated later call");
        }
    }

    @Test
    void anIdNeverSentIsUnknownWhileASentOneIsPending() {
        try (Engine engine = engine(redis.url(5), redis.url(5))) {
            String sent = engine.client().send("reports.render", 1).id();
            assertEquals(TaskState.PENDING, engine.client().asyncResult(sent).state());
            assertEquals(TaskState.UNKNOWN, engine.client().asyncResult("never-" + UUID.randomUUID()).state());
        }
    }
}
