package dev.chard.cdi;

import dev.chard.api.AsyncResult;
import dev.chard.api.BrokerUnavailableException;
import dev.chard.api.TaskOptions;
import dev.chard.api.TaskState;
import dev.chard.engine.Engine;
import dev.chard.engine.config.ChardConfig;
import dev.chard.engine.registry.TaskRegistry;
import dev.chard.testsupport.RedisServer;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.spi.InitialContextFactory;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A send that fails leaves nothing behind, with the result backend on another server (where a PENDING record used to
 * be written before the enqueue and stayed for a day): the id reads UNKNOWN, as the docs promise, so a caller that
 * checks the state sends it again. Both ways a send fails: the broker is down during the call (CHARD-03001), and the
 * broker is down when a JTA transaction commits (CHARD-03014, logged; here with a transaction registry of the test's
 * own, found in JNDI as a server's is).
 */
class FailedSendLeavesTheIdUnknownTest {

    private RedisServer broker;
    private RedisServer backend;
    private Jsonb jsonb;
    private Engine engine;
    private String previousFactory;

    @BeforeEach
    void start() {
        broker = RedisServer.start();
        backend = RedisServer.start();
        jsonb = JsonbBuilder.create();
        previousFactory = System.getProperty(Context.INITIAL_CONTEXT_FACTORY);
        System.setProperty(Context.INITIAL_CONTEXT_FACTORY, TestJndi.class.getName());
        TestJndi.registry = new TestRegistry();
        engine = Engine.start(ChardConfig.of(Map.of("chard.broker.url", broker.url(0), "chard.backend.url", backend.url(0),
                "chard.redis.timeout", "500ms")), TaskRegistry.empty(), jsonb, Thread::new, JtaSendDeferral.create());
    }

    @AfterEach
    void stop() throws Exception {
        if (previousFactory == null) {
            System.clearProperty(Context.INITIAL_CONTEXT_FACTORY);
        } else {
            System.setProperty(Context.INITIAL_CONTEXT_FACTORY, previousFactory);
        }
        engine.close();
        jsonb.close();
        broker.close();
        backend.close();
    }

    @Test
    void aSendRefusedBecauseTheBrokerIsDownLeavesTheIdUnknown() {
        TestJndi.registry.status = Status.STATUS_NO_TRANSACTION;
        broker.stop();
        BrokerUnavailableException e = assertThrows(BrokerUnavailableException.class,
                () -> engine.client().send("reports.render", List.of(42), Map.of(), TaskOptions.defaults().taskId("failed-1")));
        assertEquals("CHARD-03001", e.code());
        broker.restart();
        assertEquals(0L, backend.call("DBSIZE"), "nothing was written to the backend");
        assertEquals(TaskState.UNKNOWN, engine.client().asyncResult("failed-1").state());
    }

    @Test
    void aSendThatFailsAfterItsTransactionCommittedLeavesTheIdUnknown() {
        TestJndi.registry.status = Status.STATUS_ACTIVE;
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        Logger log = Logger.getLogger(JtaSendDeferral.class.getName());
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                logged.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(capture);
        try {
            AsyncResult<Object> r = engine.client().send("reports.render", 42);
            assertEquals(TaskState.UNKNOWN, r.state(), "not sent before the commit");
            broker.stop();
            TestJndi.registry.commit();
            assertTrue(logged.stream().anyMatch(l -> l.getMessage().startsWith("CHARD-03014: task " + r.id())),
                    "the failed send is logged with its id");
            broker.restart();
            assertEquals(0L, backend.call("DBSIZE"), "nothing was written to the backend");
            assertEquals(TaskState.UNKNOWN, r.state(), "the id a caller would send again reads UNKNOWN, not PENDING");
        } finally {
            log.removeHandler(capture);
        }
    }

    /** JNDI with one name, the transaction registry, as {@code java:comp/TransactionSynchronizationRegistry}. */
    public static final class TestJndi implements InitialContextFactory {

        static volatile TestRegistry registry;

        @Override
        public Context getInitialContext(Hashtable<?, ?> environment) {
            return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class}, (proxy, m, args) -> {
                if (m.getName().equals("lookup") && JtaSendDeferral.REGISTRY.equals(String.valueOf(args[0]))) {
                    return registry;
                }
                if (m.getName().equals("lookup")) {
                    throw new NameNotFoundException(String.valueOf(args[0]));
                }
                if (m.getName().equals("close")) {
                    return null;
                }
                throw new UnsupportedOperationException(m.getName());
            });
        }
    }

    /** One transaction: its status, its interposed synchronizations, and a commit that runs them. */
    static final class TestRegistry implements TransactionSynchronizationRegistry {

        volatile int status = Status.STATUS_NO_TRANSACTION;
        private final List<Synchronization> syncs = new ArrayList<>();

        void commit() {
            status = Status.STATUS_COMMITTED;
            for (Synchronization s : syncs) {
                s.afterCompletion(Status.STATUS_COMMITTED);
            }
            status = Status.STATUS_NO_TRANSACTION;
        }

        @Override
        public Object getTransactionKey() {
            return this;
        }

        @Override
        public void putResource(Object key, Object value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Object getResource(Object key) {
            return null;
        }

        @Override
        public void registerInterposedSynchronization(Synchronization sync) {
            syncs.add(sync);
        }

        @Override
        public int getTransactionStatus() {
            return status;
        }

        @Override
        public void setRollbackOnly() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean getRollbackOnly() {
            return false;
        }
    }
}
