package dev.chard.it;

import dev.chard.api.AsyncResult;
import dev.chard.api.TaskClient;
import dev.chard.it.app.OptionalTasks;
import dev.chard.it.app.OptionalTasks.Found;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Optional arguments and results through a real worker process: empty and present ones arrive and come back as they
 * were, and {@code chard result} shows what the record holds (docs/arguments.md, "Optional arguments and results").
 */
@ChardSetup(workers = 1)
@ExtendWith({ChardCluster.class, ArquillianExtension.class})
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class OptionalValuesIT {

    private static final Pattern SUCCESS = Pattern.compile("\"state\"\\s*:\\s*\"SUCCESS\"");

    static Cluster cluster;

    @Deployment
    static JavaArchive deployment() {
        return Deployments.testApp("optional-values");
    }

    @Inject
    OptionalTasks tasks;

    @Inject
    TaskClient client;

    @Test
    void emptyAndPresentOptionalsTravelBothWaysAsTheyWere() throws Exception {
        AsyncResult<Optional<Found>> none = tasks.find(Optional.empty());
        AsyncResult<Optional<Found>> some = tasks.find(Optional.of("chard"));
        AsyncResult<OptionalInt> noLength = tasks.length(Optional.empty());
        AsyncResult<OptionalInt> length = tasks.length(Optional.of("four"));

        assertEquals(Optional.empty(), none.get(30, TimeUnit.SECONDS));
        assertEquals(Optional.of(new Found("chard", 5)), some.get(30, TimeUnit.SECONDS));
        assertEquals(OptionalInt.empty(), noLength.get(30, TimeUnit.SECONDS));
        assertEquals(OptionalInt.of(4), length.get(30, TimeUnit.SECONDS));

        // by name, a JSON null is the empty Optional; this application declares the task, so the result has its type
        AsyncResult<Object> byName = client.send("dev.chard.it.app.OptionalTasks.find", Arrays.asList((Object) null), Map.of(),
                dev.chard.api.TaskOptions.defaults());
        assertEquals(Optional.empty(), byName.get(30, TimeUnit.SECONDS));

        // read without the declared type, the record holds null for the empty one and the value for the other
        assertEquals(null, client.asyncResult(none.id()).get(30, TimeUnit.SECONDS));
        assertEquals(Map.of("name", "chard", "length", new java.math.BigDecimal(5)), client.asyncResult(some.id()).get(30, TimeUnit.SECONDS));

        Cluster.CliRun empty = cluster.cli("result", none.id());
        assertTrue(SUCCESS.matcher(empty.output()).find() && !empty.output().contains("\"result\""), empty::toString);
        Cluster.CliRun present = cluster.cli("result", some.id());
        assertTrue(Pattern.compile("\"result\"\\s*:\\s*\\{\"length\":5,\"name\":\"chard\"}").matcher(present.output()).find(), present::toString);
    }
}
