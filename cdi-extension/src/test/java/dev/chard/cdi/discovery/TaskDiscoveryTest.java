package dev.chard.cdi.discovery;

import dev.chard.api.AsyncResult;
import dev.chard.api.TaskState;
import dev.chard.cdi.ChardExtension;
import dev.chard.cdi.TaskInvoker;
import dev.chard.engine.Engine;
import dev.chard.engine.broker.Delivery;
import dev.chard.engine.broker.TaskMessage;
import dev.chard.engine.registry.TaskDescriptor;
import dev.chard.testsupport.RedisServer;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a deployment that boots makes of its task methods, and how the interceptor treats calls. */
class TaskDiscoveryTest {

    static RedisServer redis;
    static ChardExtension extension;
    static WeldContainer weld;

    @BeforeAll
    static void boot() {
        redis = RedisServer.start();
        System.setProperty("chard.broker.url", redis.url(0));
        System.setProperty("chard.backend.url", redis.url(0));
        extension = new ChardExtension();
        weld = new Weld("discovery").disableDiscovery()
                .addBeanClasses(ClassLevelTasks.class, NamedTasks.class, OtherTasks.class)
                .addExtension(extension).initialize();
    }

    @AfterAll
    static void shutdown() {
        try {
            weld.close();
        } finally {
            System.clearProperty("chard.broker.url");
            System.clearProperty("chard.backend.url");
            redis.close();
        }
    }

    static Engine engine() {
        return weld.select(Engine.class).get();
    }

    @Test
    void classLevelAsyncTaskMakesEveryPublicMethodATaskNamedClassDotMethod() {
        List<String> names = extension.registry().all().stream().map(TaskDescriptor::name)
                .filter(n -> n.startsWith(ClassLevelTasks.class.getName())).sorted().collect(Collectors.toList());
        assertEquals(List.of(ClassLevelTasks.class.getName() + ".count", ClassLevelTasks.class.getName() + ".log"), names);
    }

    @Test
    void aNonPublicMethodOfAClassLevelTaskBeanIsNoTaskAndRunsInTheCaller() {
        assertEquals(1, weld.select(ClassLevelTasks.class).get().helper());
    }

    @Test
    void aClassLevelTaskCallIsSentNotRun() {
        AsyncResult<Integer> r = weld.select(ClassLevelTasks.class).get().count("abc");
        assertNotNull(r.id(), "the interceptor returned a remote handle");
        assertEquals(TaskState.PENDING, r.state());
        Delivery d = engine().broker().fetch("default", "w-discovery").delivery().orElseThrow();
        assertEquals(r.id(), d.id());
        assertEquals(ClassLevelTasks.class.getName() + ".count", engine().messages().decode(d.body(), "default").task());
    }

    @Test
    void aNamedTaskStillBindsTheInterceptor() {
        int before = NamedTasks.RENDER_RUNS.get();
        AsyncResult<String> r = weld.select(NamedTasks.class).get().render(42);
        assertEquals(before, NamedTasks.RENDER_RUNS.get(), "the body ran in the caller: @AsyncTask(name = ...) did not bind");
        assertNotNull(r.id());
        Delivery d = engine().broker().fetch("discovery", "w-discovery").delivery().orElseThrow();
        TaskMessage m = engine().messages().decode(d.body(), d.queue());
        assertEquals(r.id(), m.id());
        assertEquals("x", m.task());
        assertEquals(7, m.priority());
        engine().broker().ack(d, "w-discovery", null);
    }

    @Test
    void aTaskCallingAnotherTaskFromItsBodyEnqueuesItInsteadOfRunningIt() throws Throwable {
        Engine engine = engine();
        int outerBefore = NamedTasks.OUTER_RUNS.get();
        int innerBefore = OtherTasks.INNER_RUNS.get();
        weld.select(NamedTasks.class).get().outer(1);
        assertEquals(outerBefore, NamedTasks.OUTER_RUNS.get(), "the caller's call was sent, not run");

        // one worker step: the worker claims the task, so the interceptor proceeds into the body
        Delivery d = engine.broker().fetch("discovery", "w-discovery").delivery().orElseThrow();
        TaskMessage m = engine.messages().decode(d.body(), d.queue());
        assertEquals("discovery.outer", m.task());
        TaskDescriptor outer = engine.registry().byName(m.task()).orElseThrow();
        weld.select(TaskInvoker.class).get().invoke(outer, engine.arguments().bind(outer, m));
        engine.broker().ack(d, "w-discovery", null);

        assertEquals(outerBefore + 1, NamedTasks.OUTER_RUNS.get(), "the worker ran the outer task");
        assertEquals(innerBefore, OtherTasks.INNER_RUNS.get(), "the inner task ran inside the outer one instead of being sent");
        Delivery inner = engine.broker().fetch("discovery", "w-discovery").delivery().orElseThrow();
        TaskMessage im = engine.messages().decode(inner.body(), inner.queue());
        assertEquals("discovery.inner", im.task());
        assertEquals("[2]", im.args().toString());
        assertTrue(engine.broker().fetch("discovery", "w-discovery").delivery().isEmpty());
    }
}
