package dev.chard.cdi.instance;

import dev.chard.api.AsyncResult;
import dev.chard.api.TaskClient;
import dev.chard.api.TaskInstance;
import dev.chard.api.TaskOptions;
import dev.chard.cdi.ChardExtension;
import dev.chard.cdi.TaskInvoker;
import dev.chard.engine.Engine;
import dev.chard.engine.broker.Delivery;
import dev.chard.engine.broker.TaskMessage;
import dev.chard.engine.execution.RunningTask;
import dev.chard.engine.registry.TaskDescriptor;
import dev.chard.testsupport.RedisServer;
import jakarta.json.Json;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code @Inject TaskInstance} in one JVM (Weld SE, a private Redis): it fails with CHARD-04010 outside a running task,
 * answers for the task running on the thread, and a task sent from a running task carries its parent and root ids.
 */
class TaskInstanceInProcessTest {

    static RedisServer redis;
    static WeldContainer weld;

    @BeforeAll
    static void boot() {
        redis = RedisServer.start();
        System.setProperty("chard.broker.url", redis.url(0));
        System.setProperty("chard.backend.url", redis.url(0));
        weld = new Weld("task-instance").disableDiscovery().addBeanClasses(LineageTasks.class)
                .addExtension(new ChardExtension()).initialize();
    }

    @AfterAll
    static void shutdown() {
        weld.close();
        System.clearProperty("chard.broker.url");
        System.clearProperty("chard.backend.url");
        redis.close();
    }

    static Engine engine() {
        return weld.select(Engine.class).get();
    }

    static TaskDescriptor whoAmI() {
        return engine().registry().byName(LineageTasks.class.getName() + ".whoAmI").orElseThrow();
    }

    /** The running task of a worker that took message {@code id} with these lineage fields. */
    static RunningTask running(String id, String rootId, String parentId) {
        TaskMessage m = new TaskMessage(id, whoAmI().name(), Json.createArrayBuilder().add("x").build(), Json.createObjectBuilder().build(),
                0, null, null, "default", 4, rootId, parentId, null, "test", Instant.now());
        return new RunningTask(m, 1, whoAmI(), "w-test", engine().backend(), engine().results());
    }

    /** Takes the next message from the default queue and decodes it. */
    static TaskMessage takeMessage() {
        Delivery d = engine().broker().fetch("default", "w-test").delivery().orElseThrow();
        TaskMessage m = engine().messages().decode(d.body(), d.queue());
        engine().broker().ack(d, "w-test", null);
        return m;
    }

    @Test
    void everyMethodOfAnInjectedTaskInstanceOutsideATaskIsChard04010() {
        TaskInstance task = weld.select(TaskInstance.class).get();
        List<Function<TaskInstance, Object>> calls = List.of(TaskInstance::id, TaskInstance::name, TaskInstance::args,
                TaskInstance::kwargs, TaskInstance::retries, TaskInstance::deliveryCount, TaskInstance::redelivered,
                TaskInstance::eta, TaskInstance::expires, TaskInstance::queue, TaskInstance::workerName, TaskInstance::rootId,
                TaskInstance::parentId, TaskInstance::maxRetries, t -> t.retry(null), t -> {
                    t.updateState("PROGRESS", Map.of());
                    return null;
                });
        for (Function<TaskInstance, Object> call : calls) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> call.apply(task));
            assertTrue(e.getMessage().startsWith("CHARD-04010"), e.getMessage());
            assertTrue(e.getMessage().contains("outside a running task"), e.getMessage());
        }
        IllegalStateException inBean = assertThrows(IllegalStateException.class,
                () -> weld.select(LineageTasks.class).get().idOutsideATask());
        assertTrue(inBean.getMessage().contains("CHARD-04010") && inBean.getMessage().contains("TaskInstance.id()"), inBean.getMessage());
    }

    @Test
    void anInjectedTaskInstanceAnswersForTheTaskRunningOnTheThreadAndOnlyThatThread() throws Exception {
        TaskInvoker invoker = weld.select(TaskInvoker.class).get();
        RunningTask run = running("run-1", null, null);
        Object returned = RunningTask.runAs(run, () -> {
            try {
                return invoker.invoke(whoAmI(), new Object[]{"x"});
            } catch (Exception | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        });
        assertEquals("run-1|" + whoAmI().name() + "|[x]|w-test", ((AsyncResult<?>) returned).get());

        // another thread sees no running task
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            TaskInstance task = weld.select(TaskInstance.class).get();
            Future<?> f = other.submit(() -> RunningTask.runAs(run, () -> {
                assertEquals("run-1", task.id());
                return null;
            }));
            f.get();
            Future<Throwable> outside = other.submit(() -> {
                try {
                    task.id();
                    return null;
                } catch (IllegalStateException e) {
                    return e;
                }
            });
            Throwable t = outside.get();
            assertTrue(t != null && t.getMessage().startsWith("CHARD-04010"), "after runAs the pool thread is clean: " + t);
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void aTaskSentOutsideATaskIsItsOwnRootWithNoParent() {
        AsyncResult<String> r = weld.select(LineageTasks.class).get().whoAmI("a");
        TaskMessage m = takeMessage();
        assertEquals(r.id(), m.id());
        assertEquals(r.id(), m.rootId());
        assertNull(m.parentId());
    }

    @Test
    void aTaskSentFromARunningTaskHasItAsParentAndItsRootAsRoot() throws Exception {
        LineageTasks tasks = weld.select(LineageTasks.class).get();
        TaskClient client = weld.select(TaskClient.class).get();

        // the running task is itself a child: parent "p-0", root "root-0"
        AsyncResult<String> typed = RunningTask.runAs(running("run-2", "root-0", "p-0"), () -> tasks.whoAmI("b"));
        TaskMessage m = takeMessage();
        assertEquals(typed.id(), m.id());
        assertEquals("run-2", m.parentId(), "parentId = the running task's id");
        assertEquals("root-0", m.rootId(), "rootId = the running task's root");

        // a running task that was sent from outside: its own id is the root
        AsyncResult<Object> byName = RunningTask.runAs(running("run-3", null, null),
                () -> client.send(whoAmI().name(), List.of("c"), Map.of(), TaskOptions.defaults()));
        TaskMessage n = takeMessage();
        assertEquals(byName.id(), n.id());
        assertEquals("run-3", n.parentId());
        assertEquals("run-3", n.rootId());
    }
}
