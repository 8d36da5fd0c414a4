package dev.chard.cdi;

import dev.chard.api.AsyncResult;
import dev.chard.api.ChardException;
import dev.chard.api.spi.TaskBodies;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A container without Chard's extension: the task method is not intercepted and its body runs in the caller. Without
 * a check the caller got {@code AsyncResult.completed(9)}, id null and SUCCESS, and nothing was ever sent.
 */
class MissingExtensionTest {

    @Test
    void aTaskCallThatWasNeverInterceptedFailsLoudlyNamingTheFix() {
        try (WeldContainer weld = new Weld("no-extension").disableDiscovery().addBeanClasses(SmokeTasks.class).initialize()) {
            SmokeTasks tasks = weld.select(SmokeTasks.class).get();
            ChardException e = assertThrows(ChardException.class, () -> tasks.add(4, 5));
            assertEquals("CHARD-03021", e.code());
            assertTrue(e.getMessage().contains("the task was not sent to a worker"), e.getMessage());
            // the extension's classes are on this class path; it was just not registered with the container
            assertTrue(e.getMessage().contains("did not go through Chard's interceptor")
                    && e.getMessage().contains("Weld.addExtension"), e.getMessage());
        }
    }

    @Test
    void aTaskBodyRunAsATaskRunMayStillReturnCompleted() throws Exception {
        // what a unit test of a task's body does, and what the interceptor does on the worker
        AsyncResult<Integer> r = TaskBodies.run(() -> new SmokeTasks().add(4, 5));
        assertEquals(9, r.get(1, TimeUnit.SECONDS));
    }
}
