package dev.chard.it;

import dev.chard.api.AsyncResult;
import dev.chard.api.ResultsDisabledException;
import dev.chard.it.app.MathTasks;
import dev.chard.testsupport.JavaProcess;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Neither the client nor the worker has chard.backend.url: tasks still travel and run, results cannot be asked for. */
@ChardSetup(workers = 1, backend = false)
@ExtendWith({ChardCluster.class, ArquillianExtension.class})
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class NoBackendIT {

    static Cluster cluster;

    @Deployment
    static JavaArchive deployment() {
        return Deployments.testApp("no-backend");
    }

    @Inject
    MathTasks math;

    @Test
    void withoutABackendASendRunsOnTheWorkerButAskingForTheStateNamesTheMissingKey() {
        AsyncResult<Integer> r = math.add(2, 3);
        assertNotNull(r.id());

        JavaProcess worker = cluster.worker("w1");
        worker.awaitOutputOrFail("[" + r.id() + "] succeeded", Duration.ofSeconds(30));

        ResultsDisabledException e = assertThrows(ResultsDisabledException.class, r::state);
        assertEquals("CHARD-03002", e.code());
        assertTrue(e.getMessage().contains("chard.backend.url"), e.getMessage());
        assertTrue(e.getMessage().contains(r.id()), "names the task id: " + e.getMessage());
    }
}
