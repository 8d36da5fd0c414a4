package dev.chard.engine.client;

import dev.chard.api.AsyncResult;
import dev.chard.api.BrokerUnavailableException;
import dev.chard.api.BulkSendException;
import dev.chard.api.TaskOptions;
import dev.chard.api.spi.ResultSource;
import dev.chard.engine.backend.ResultBackend;
import dev.chard.engine.broker.Broker;
import dev.chard.engine.broker.EnqueueChunkException;
import dev.chard.engine.broker.OutgoingTask;
import dev.chard.engine.config.ChardConfig;
import dev.chard.engine.serialization.Arguments;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a bulk send tells its caller, over a broker stand-in (no Redis). */
class TaskSenderBulkTest {

    private final Jsonb jsonb = JsonbBuilder.create();
    private final List<List<OutgoingTask>> enqueued = new ArrayList<>();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    @AfterEach
    void close() throws Exception {
        jsonb.close();
    }

    private TaskSender sender(SendDeferral deferral) {
        Broker broker = (Broker) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Broker.class}, (proxy, method, args) -> {
            if (method.getName().equals("enqueueAll")) {
                @SuppressWarnings("unchecked")
                List<OutgoingTask> tasks = (List<OutgoingTask>) args[0];
                enqueued.add(tasks);
                if (failure.get() != null) {
                    throw failure.get();
                }
                return null;
            }
            throw new UnsupportedOperationException(method.getName());
        });
        ResultBackend backend = (ResultBackend) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ResultBackend.class},
                (proxy, method, args) -> method.getName().equals("enabled") ? Boolean.TRUE : null);
        ResultSource results = (ResultSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ResultSource.class},
                (proxy, method, args) -> null);
        return new TaskSender(ChardConfig.of(Map.of("chard.broker.url", "redis://localhost:1/0")), broker, backend,
                new Arguments(jsonb), results, "test@host", deferral);
    }

    private static List<List<?>> args(int n) {
        List<List<?>> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(List.of(i, 1));
        }
        return list;
    }

    @Test
    void everyTaskGetsItsOwnFreshIdAndTheOptionsAndTheHandlesFollowTheOrderGiven() {
        List<AsyncResult<Object>> handles = sender(SendDeferral.NONE).sendBulk(null, "t", args(3),
                TaskOptions.defaults().queue("reports").priority(7), Object.class);
        assertEquals(1, enqueued.size());
        List<OutgoingTask> sent = enqueued.get(0);
        assertEquals(handles.stream().map(AsyncResult::id).toList(), sent.stream().map(t -> t.message().id()).toList());
        for (int i = 0; i < 3; i++) {
            OutgoingTask t = sent.get(i);
            assertTrue(t.freshId());
            assertEquals("reports", t.message().queue());
            assertEquals(7, t.message().priority());
            assertEquals(i, t.message().args().getInt(0));
            assertTrue(t.keepsResult(), "results are on and the task does not ignore them");
        }
    }

    @Test
    void aChunkTheBrokerRefusedSaysWhichIdsAreQueuedAndWhichAreNot() {
        failure.set(new EnqueueChunkException(2, new BrokerUnavailableException("CHARD-03001", "no answer", null)));
        BulkSendException e = assertThrows(BulkSendException.class,
                () -> sender(SendDeferral.NONE).sendBulk(null, "t", args(5), TaskOptions.defaults(), Object.class));
        List<String> ids = enqueued.get(0).stream().map(t -> t.message().id()).toList();
        assertEquals("CHARD-03016", e.code());
        assertEquals(ids.subList(0, 2), e.acceptedIds());
        assertEquals(ids.subList(2, 5), e.failedIds());
        assertTrue(e.getMessage().contains("after 2 of 5 tasks"), e.getMessage());
    }

    @Test
    void aDeferralTakesTheWholeBulkAndItIsSentWhenTheDeferralRunsIt() {
        List<Runnable> deferred = new ArrayList<>();
        List<AsyncResult<Object>> handles = sender((id, name, send) -> deferred.add(send))
                .sendBulk(null, "t", args(4), TaskOptions.defaults(), Object.class);
        assertEquals(4, handles.size());
        assertEquals(1, deferred.size());
        assertTrue(enqueued.isEmpty(), "nothing is sent before the deferral runs it");
        deferred.get(0).run();
        assertEquals(4, enqueued.get(0).size());
    }

    @Test
    void aCallersOwnIdIsNotFreshSoEnqueueKeepsItsReSendChecks() {
        List<OutgoingTask> single = new ArrayList<>();
        Broker broker = (Broker) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Broker.class}, (proxy, method, a) -> {
            single.add((OutgoingTask) a[0]);
            return null;
        });
        ResultBackend off = (ResultBackend) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ResultBackend.class},
                (proxy, method, a) -> method.getName().equals("enabled") ? Boolean.FALSE : null);
        TaskSender s = new TaskSender(ChardConfig.of(Map.of("chard.broker.url", "redis://localhost:1/0")), broker, off,
                new Arguments(jsonb), (ResultSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ResultSource.class}, (proxy, method, a) -> null), "test@host");
        s.send(null, "t", List.of(1), Map.of(), TaskOptions.defaults().taskId("mine"), Object.class);
        s.send(null, "t", List.of(1), Map.of(), TaskOptions.defaults(), Object.class);
        assertEquals(false, single.get(0).freshId());
        assertEquals(true, single.get(1).freshId());
    }
}
