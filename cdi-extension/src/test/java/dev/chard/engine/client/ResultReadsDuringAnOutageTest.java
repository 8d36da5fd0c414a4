package dev.chard.engine.client;

import dev.chard.api.AsyncResult;
import dev.chard.api.ResultUnavailableException;
import dev.chard.api.TaskState;
import dev.chard.engine.Engine;
import dev.chard.engine.backend.ResultRecord;
import dev.chard.engine.config.ChardConfig;
import dev.chard.engine.registry.TaskRegistry;
import dev.chard.testsupport.RedisServer;
import dev.chard.testsupport.TcpProxy;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code AsyncResult} against a real, private redis-server that is stopped and restarted, or reached through a proxy
 * that goes silent: a Future's wait rides through a short outage, the queries throw the one documented exception.
 */
class ResultReadsDuringAnOutageTest {

    private RedisServer redis;
    private Jsonb jsonb;
    private Engine engine;

    @BeforeEach
    void start() {
        redis = RedisServer.start();
        jsonb = JsonbBuilder.create();
    }

    @AfterEach
    void stop() throws Exception {
        if (engine != null) {
            engine.close();
        }
        jsonb.close();
        redis.close();
    }

    private Engine engine(String url) {
        engine = Engine.start(ChardConfig.of(Map.of("chard.broker.url", url, "chard.backend.url", url,
                "chard.redis.timeout", "500ms", "chard.result.fallback-interval", "200ms")), TaskRegistry.empty(), jsonb);
        return engine;
    }

    @Test
    void getWithATimeoutStartedWhileTheBackendIsDownForTwoSecondsReturnsTheValueOnceItIsBack() throws Exception {
        Engine e = engine(redis.url(0));
        String id = e.client().send("outage.task", 1).id();
        AsyncResult<Object> r = e.client().asyncResult(id);
        redis.stop();
        CompletableFuture<Void> back = CompletableFuture.runAsync(() -> {
            sleep(2_000);
            redis.restart(); // no persistence: the queue is gone, the worker's outcome arrives after the restart
            e.backend().store(ResultRecord.success(id, "outage.task", "42", "w1", 0));
        });
        long start = System.nanoTime();
        Object value = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> r.get(30, TimeUnit.SECONDS));
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        back.get(10, TimeUnit.SECONDS);
        assertEquals("42", value.toString());
        assertTrue(tookMs >= 1_900, "the value came after the restart: " + tookMs + " ms");
    }

    @Test
    void getWithoutATimeoutRidesThroughAStopAndRestartOfTheBackend() throws Exception {
        Engine e = engine(redis.url(0));
        String id = e.client().send("outage.task", 2).id();
        AsyncResult<Object> r = e.client().asyncResult(id);
        CompletableFuture<Object> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return r.get();
            } catch (InterruptedException | ExecutionException ex) {
                throw new IllegalStateException(ex);
            }
        });
        sleep(300);
        redis.stop();
        sleep(1_500);
        assertFalse(waiting.isDone(), "still waiting through the outage, no exception");
        redis.restart();
        e.backend().store(ResultRecord.success(id, "outage.task", "7", "w1", 0));
        assertEquals("7", waiting.get(20, TimeUnit.SECONDS).toString());
    }

    @Test
    void getWithATimeoutOutlastedByTheOutageTimesOutWithTheBackendFailureAsCause() {
        Engine e = engine(redis.url(0));
        String id = e.client().send("outage.task", 3).id();
        AsyncResult<Object> r = e.client().asyncResult(id);
        redis.stop();
        long start = System.nanoTime();
        TimeoutException t = assertThrows(TimeoutException.class, () -> r.get(1, TimeUnit.SECONDS));
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(tookMs >= 950 && tookMs < 5_000, "kept trying for the whole second: " + tookMs + " ms");
        ResultUnavailableException cause = assertInstanceOf(ResultUnavailableException.class, t.getCause());
        assertEquals("CHARD-03011", cause.code());
        assertTrue(cause.isTransient());
        assertTrue(t.getMessage().contains(id) && t.getMessage().contains("refused the connection"), t.getMessage());
    }

    @Test
    void theQueriesThrowResultUnavailableExceptionSayingWhatTheBackendDid() {
        Engine e = engine(redis.url(0));
        String id = e.client().send("outage.task", 4).id();
        AsyncResult<Object> r = e.client().asyncResult(id);
        assertEquals(TaskState.PENDING, r.state());
        redis.stop();
        ResultUnavailableException down = assertThrows(ResultUnavailableException.class, r::state);
        assertEquals("CHARD-03011", down.code());
        assertTrue(down.isTransient());
        assertTrue(down.getMessage().contains("refused the connection: nothing listens on 127.0.0.1:" + redis.port()),
                down.getMessage());
        assertThrows(ResultUnavailableException.class, r::ready);
        assertThrows(ResultUnavailableException.class, r::result);
        assertFalse(r.isDone(), "not known to be done during an outage");
        assertEquals("absent", r.getNow("absent"));
    }

    @Test
    void aBackendThatAcceptsButNeverAnswersIsReportedAsNoAnswerWithinTheTimeout() throws Exception {
        try (TcpProxy proxy = TcpProxy.start(redis.port())) {
            Engine e = engine(proxy.redisUrl(0));
            String id = e.client().send("outage.task", 5).id();
            AsyncResult<Object> r = e.client().asyncResult(id);
            proxy.blackhole();
            ResultUnavailableException silent = assertThrows(ResultUnavailableException.class, r::state);
            assertTrue(silent.isTransient());
            assertTrue(silent.getMessage().contains("did not answer within 500 ms"), silent.getMessage());
            proxy.restore();
            assertEquals(TaskState.PENDING, r.state());
        }
    }

    @Test
    void aWrongPasswordIsThrownByGetAtOnceInsteadOfBeingWaitedOut() {
        redis.call("ACL", "SETUSER", "app", "on", ">right", "~*", "+@all");
        Engine e = engine("redis://app:wrong@127.0.0.1:" + redis.port() + "/0");
        AsyncResult<Object> r = e.client().asyncResult("some-id");
        ResultUnavailableException refused = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(ResultUnavailableException.class, () -> r.get(30, TimeUnit.SECONDS)));
        assertFalse(refused.isTransient());
        assertTrue(refused.getMessage().contains("refused the credentials (WRONGPASS"), refused.getMessage());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
