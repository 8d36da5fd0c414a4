package dev.chard.cdi;

import dev.chard.api.AsyncResult;
import dev.chard.api.TaskClient;
import dev.chard.api.TaskFailedException;
import dev.chard.api.TaskOptions;
import dev.chard.api.TaskState;
import dev.chard.engine.Engine;
import dev.chard.engine.backend.ResultRecord;
import dev.chard.engine.broker.Delivery;
import dev.chard.engine.broker.FetchResult;
import dev.chard.engine.broker.TaskMessage;
import dev.chard.engine.registry.TaskDescriptor;
import dev.chard.engine.serialization.Tracebacks;
import dev.chard.testsupport.RedisServer;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole path inside one JVM: interceptor → Redis → a hand-driven worker step → result → AsyncResult. */
class EndToEndInProcessTest {

    static RedisServer redis;
    static WeldContainer weld;

    @BeforeAll
    static void boot() {
        redis = RedisServer.start();
        System.setProperty("chard.broker.url", redis.url(0));
        System.setProperty("chard.backend.url", redis.url(0));
        weld = new Weld("smoke").disableDiscovery().addBeanClasses(SmokeTasks.class).addExtension(new ChardExtension()).initialize();
    }

    @AfterAll
    static void shutdown() {
        weld.close();
        System.clearProperty("chard.broker.url");
        System.clearProperty("chard.backend.url");
        redis.close();
    }

    /** One worker step, as worker-runner does it, without threads. */
    static void runOne() throws Exception {
        Engine engine = weld.select(Engine.class).get();
        TaskInvoker invoker = weld.select(TaskInvoker.class).get();
        FetchResult f = engine.broker().fetch("default", "w1");
        Delivery d = f.delivery().orElseThrow();
        TaskMessage m = engine.messages().decode(d.body(), d.queue());
        TaskDescriptor t = engine.registry().byName(m.task()).orElseThrow();
        ResultRecord outcome;
        try {
            Object ret = invoker.invoke(t, engine.arguments().bind(t, m));
            Object value = ret instanceof CompletionStage<?> cs ? cs.toCompletableFuture().get() : ret;
            outcome = ResultRecord.success(m.id(), m.task(), engine.results().valueToJson(value), "w1", 0);
        } catch (Throwable e) {
            outcome = ResultRecord.failure(m.id(), m.task(), e.getClass().getName(), e.getMessage(), Tracebacks.format(e), "w1", 0);
        }
        engine.broker().ack(d, "w1", outcome);
    }

    @Test
    void addRoundTripsThroughRedis() throws Exception {
        SmokeTasks tasks = weld.select(SmokeTasks.class).get();
        AsyncResult<Integer> r = tasks.add(4, 5);
        assertEquals(TaskState.PENDING, r.state());
        runOne();
        assertEquals(9, r.get(5, TimeUnit.SECONDS));
        assertEquals(TaskState.SUCCESS, weld.select(TaskClient.class).get().asyncResult(r.id()).state());
        assertTrue(r.successful());
    }

    @Test
    void failureCarriesRemoteTypeMessageAndStack() throws Exception {
        SmokeTasks tasks = weld.select(SmokeTasks.class).get();
        CompletionStage<String> stage = tasks.fail("boom");
        AsyncResult<?> r = (AsyncResult<?>) stage;
        runOne();
        ExecutionException e = assertThrows(ExecutionException.class, () -> r.get(5, TimeUnit.SECONDS));
        TaskFailedException f = assertInstanceOf(TaskFailedException.class, e.getCause());
        assertEquals("java.lang.IllegalArgumentException", f.remoteType());
        assertEquals("boom", f.remoteMessage());
        assertEquals(SmokeTasks.class.getName(), f.getStackTrace()[0].getClassName());
        assertInstanceOf(TaskFailedException.class, r.result());
        assertTrue(r.traceback().contains("SmokeTasks.fail"));
    }

    @Test
    void thenApplyCompletesOnNotification() throws Exception {
        SmokeTasks tasks = weld.select(SmokeTasks.class).get();
        var chained = tasks.echo("hi").thenApply(s -> s + "!");
        runOne();
        assertEquals("hi!", chained.get(5, TimeUnit.SECONDS));
    }

    @Test
    void byNameWithCountdownWaitsInRedis() throws Exception {
        TaskClient client = weld.select(TaskClient.class).get();
        AsyncResult<Object> r = client.send(SmokeTasks.class.getName() + ".add", java.util.List.of(1, 2), java.util.Map.of(),
                TaskOptions.defaults().countdown(Duration.ofMillis(300)));
        Engine engine = weld.select(Engine.class).get();
        assertTrue(engine.broker().fetch("default", "w1").delivery().isEmpty(), "not due yet");
        Thread.sleep(400);
        runOne();
        assertEquals(3, ((Number) r.get(5, TimeUnit.SECONDS)).intValue());
    }
}
