package dev.chard.worker.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.chard.cdi.ChardExtension;
import dev.chard.engine.Engine;
import dev.chard.engine.registry.TaskDescriptor;
import dev.chard.worker.BootException;
import dev.chard.worker.TestArchives;
import example.app.MathTasks;
import example.app.Plain;
import example.broken.ReportTasks;

/** Boots archives in Weld SE in-process; the engine connects lazily, so no Redis is needed. */
class WeldBootTest {

    @TempDir
    Path tmp;

    private <T> T withContextLoader(ClassLoader cl, java.util.concurrent.Callable<T> body) throws Exception {
        Thread t = Thread.currentThread();
        ClassLoader old = t.getContextClassLoader();
        t.setContextClassLoader(cl);
        try {
            return body.call();
        } finally {
            t.setContextClassLoader(old);
        }
    }

    @Test
    void theArchivesTasksAreRegisteredByExactlyOneChardExtension() throws Exception {
        Path dir = TestArchives.folder(Files.createDirectory(tmp.resolve("app")), TestArchives.ANNOTATED, MathTasks.class, Plain.class);
        try (AppArchive a = AppArchive.open(dir, List.of(), getClass().getClassLoader())) {
            List<String> names = withContextLoader(a.classLoader(), () -> {
                try (WeldBoot weld = WeldBoot.boot(a, "test1")) {
                    assertTrue(weld.select(ChardExtension.class).isResolvable(), "one extension, not two");
                    return weld.select(Engine.class).get().registry().all().stream().map(TaskDescriptor::name).toList();
                }
            });
            assertEquals(List.of("example.app.MathTasks.add", "example.app.MathTasks.divide", "example.app.MathTasks.sleep"), names);
        }
    }

    @Test
    void tasksRunOneAfterAnotherOnOneThreadEachGetAFreshRequestContext() throws Exception {
        Path dir = TestArchives.folder(Files.createDirectory(tmp.resolve("scoped")), TestArchives.ANNOTATED,
                example.scoped.Ledger.class, example.scoped.LedgerTasks.class);
        try (AppArchive a = AppArchive.open(dir, List.of(), getClass().getClassLoader())) {
            List<Object> seen = withContextLoader(a.classLoader(), () -> {
                try (WeldBoot weld = WeldBoot.boot(a, "test-scoped")) {
                    TaskDescriptor note = weld.select(Engine.class).get().registry().byName("example.scoped.LedgerTasks.note").orElseThrow();
                    CdiTaskRunner runner = new CdiTaskRunner(weld);
                    List<Object> out = new java.util.ArrayList<>();
                    for (String entry : List.of("first", "second", "third")) {
                        try {
                            out.add(((dev.chard.api.AsyncResult<?>) runner.run(note, new Object[] {entry})).get());
                        } catch (Throwable t) {
                            throw new AssertionError("task failed", t);
                        }
                    }
                    return out;
                }
            });
            assertEquals(List.of("first", "second", "third"), seen, "each task saw only its own entry");
        }
    }

    @Test
    void anUnsatisfiedInjectionPointNamesTheBeanAndTheType() throws Exception {
        Path dir = TestArchives.folder(Files.createDirectory(tmp.resolve("broken")), null, ReportTasks.class);
        try (AppArchive a = AppArchive.open(dir, List.of(), getClass().getClassLoader())) {
            BootException e = assertThrows(BootException.class,
                    () -> withContextLoader(a.classLoader(), () -> WeldBoot.boot(a, "test2")));
            assertEquals("CHARD-04002", e.code());
            assertTrue(e.getMessage().contains("bean example.broken.ReportTasks injects javax.sql.DataSource"), e.getMessage());
            assertTrue(e.getMessage().contains("unsatisfied dependency"), e.getMessage());
        }
    }

    @Test
    void discoveryModeNoneIsRefusedBeforeBooting() throws Exception {
        Path dir = TestArchives.folder(Files.createDirectory(tmp.resolve("none")), "<beans bean-discovery-mode=\"none\"/>", MathTasks.class);
        try (AppArchive a = AppArchive.open(dir, List.of(), getClass().getClassLoader())) {
            BootException e = assertThrows(BootException.class, () -> WeldBoot.boot(a, "test3"));
            assertEquals("CHARD-04005", e.code());
        }
    }
}
