package dev.chard.it.wildfly;

import dev.chard.it.server.AbstractServerIT;
import dev.chard.it.server.Http;
import dev.chard.it.server.ServerSide;
import dev.chard.testsupport.JavaProcess;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The example WAR in WildFly 37 (Arquillian managed container, ports reserved by the build): the common tests of
 * {@link AbstractServerIT}, plus deploy/undeploy cycles that must not leave Redis connections behind, and the WAR that
 * chard-archetype-war generates, answering getting-started's request.
 */
@ExtendWith({ServerSide.class, ArquillianExtension.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WildFlyIT extends AbstractServerIT {

    static final String CYCLE = "cycle";
    static final String GENERATED = "generated";

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = APP, testable = false)
    static WebArchive app() {
        return ServerSide.war(ServerSide.WAR_NAME);
    }

    /** The same WAR under another name, deployed and undeployed by {@link #undeployReleasesRedisConnections}. */
    @Deployment(name = CYCLE, managed = false, testable = false)
    static WebArchive cycle() {
        return ServerSide.war("chard-cycle.war");
    }

    /**
     * The WAR that chard-archetype-war generates, as archetype-it built it with getting-started's commands
     * ({@code hello.war}, deployed at {@code /hello}).
     */
    @Deployment(name = GENERATED, managed = false, testable = false)
    static WebArchive generated() {
        Path war = ServerSide.requiredFile("chard.it.generated-war", "mvn verify -pl it-tests/archetype-it");
        return ShrinkWrap.createFromZipFile(WebArchive.class, war.toFile());
    }

    /** standalone/log/server.log of the server under test. */
    @Override
    protected String serverLog() {
        try {
            return Files.readString(Path.of(System.getProperty("jboss.home"), "standalone", "log", "server.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @Order(100)
    void undeployReleasesRedisConnections(@ArquillianResource @OperateOnDeployment(APP) URL app) throws MalformedURLException {
        URL cycle = new URL(app, "/chard-cycle/");
        int baseline = clients().size();
        List<String> report = new ArrayList<>();
        for (int round = 1; round <= 5; round++) {
            deployer.deploy(CYCLE);
            // a send, and a wait through AsyncResult.get(): opens the pool and the result subscriber (a thread and a connection)
            Http.Answer answer = Http.get(cycle, "send?task=web.add&arg=" + round + "&arg=1&wait=30");
            assertEquals(200, answer.status(), answer.toString());
            assertTrue(answer.body().trim().endsWith(" " + (round + 1)), answer.toString());
            int deployed = clients().size();
            assertTrue(deployed > baseline, "round " + round + ": the deployment opened no connection? " + deployed + " vs " + baseline);
            deployer.undeploy(CYCLE);
            int after = awaitAtMost(baseline, Duration.ofSeconds(15));
            report.add("round " + round + ": " + deployed + " while deployed, " + after + " after undeploy");
            assertTrue(after <= baseline, "round " + round + ": " + after + " Redis connections after undeploy, " + baseline
                    + " before the first deploy; clients:\n" + String.join("\n", clients()) + "\n" + report);
        }
        System.out.println("[WildFlyIT] CLIENT LIST baseline " + baseline + "; " + report);
    }

    @Test
    @Order(200)
    void theGeneratedWarAnswersNineWithItsWorker(@ArquillianResource @OperateOnDeployment(APP) URL app) throws MalformedURLException {
        Path war = ServerSide.requiredFile("chard.it.generated-war", "mvn verify -pl it-tests/archetype-it");
        deployer.deploy(GENERATED);
        // its own worker: the generated WAR sends to the default queue, which the example's worker does not consume
        try (JavaProcess worker = ServerSide.startWorker(war, "hello", "WildFlyIT-generated-worker")) {
            // getting-started: curl 'http://localhost:8080/hello/api/add?x=4&y=5' answers 9
            Http.Answer answer = Http.get(new URL(app, "/hello/"), "api/add?x=4&y=5");
            assertEquals(200, answer.status(), answer.toString());
            assertEquals("9", answer.body().trim(), answer.toString());
            worker.signalTerm();
            assertEquals(0, worker.waitFor(Duration.ofSeconds(45)), "the worker's exit code; log " + worker.logFile());
        } finally {
            deployer.undeploy(GENERATED);
        }
    }

    private static int awaitAtMost(int limit, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int n = clients().size();
        while (n > limit && System.nanoTime() < deadline) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            n = clients().size();
        }
        return n;
    }

    /**
     * Redis's CLIENT LIST, one line per connection of the server: without the connection asking, and without the
     * worker's, whose pool may open a connection at any moment (a heartbeat while a fetch holds the other).
     */
    private static List<String> clients() {
        Set<String> worker = ServerSide.workerLocalPorts().stream().map(p -> "addr=127.0.0.1:" + p + " ").collect(Collectors.toSet());
        String list = (String) ServerSide.redis().call("CLIENT", "LIST");
        return list.lines()
                .filter(l -> !l.isBlank() && !l.contains("cmd=client|list"))
                .filter(l -> worker.stream().noneMatch(l::contains))
                .toList();
    }
}
