package dev.chard.it.archetype;

import dev.chard.testsupport.JavaProcess;
import dev.chard.testsupport.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A project generated from an archetype with getting-started's command, as a new user would: the doc shows its files
 * as generated, and its README's three commands (build; start the worker; send the task) give the task's result from a
 * real worker on a private Redis. Both processes get the Redis's URL as {@code CHARD_BROKER_URL} and
 * {@code CHARD_BACKEND_URL}, the way the README says to point them at another Redis.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractGeneratedProjectIT {

    static final Duration STOP_TIMEOUT = Duration.ofSeconds(45);

    RedisServer redis;
    GettingStartedDoc doc;
    UserShell shell;
    GeneratedProject project;
    /** The README's commands: build, worker, client. */
    List<String> readme;

    /** {@code se} or {@code war}: the archetype, and the flavour of the doc's snippets. */
    abstract String flavour();

    /** Checks what the README's third command printed. */
    abstract void assertClientOutput(String output);

    @BeforeAll
    void generateAndBuild() {
        redis = RedisServer.start();
        doc = GettingStartedDoc.read();
        UserMaven maven = UserMaven.prepare(Path.of("target", "user-maven"));
        String url = redis.url(0);
        shell = new UserShell(maven, Map.of("CHARD_BROKER_URL", url, "CHARD_BACKEND_URL", url));
        project = GeneratedProject.generate(doc, flavour(), shell, Path.of("target", "generated", flavour()).toAbsolutePath());
        readme = UserShell.commands(project.readmeShellBlock());
        assertEquals(3, readme.size(), "the README's commands: build, worker, client; got " + readme);
        assertTrue(readme.get(0).startsWith("mvn "), readme.get(0));
        assertTrue(readme.get(1).contains(" worker -A "), readme.get(1));
        project.run(readme.get(0), flavour() + "-build");
    }

    @AfterAll
    void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void gettingStartedShowsEveryGeneratedFileAsGenerated() {
        doc.assertShows(flavour(), project);
    }

    @Test
    void theReadmesCommandsRunTheTaskOnARealWorker() {
        try (JavaProcess worker = project.start(readme.get(1), flavour() + "-worker")) {
            worker.awaitOutputOrFail(" ready.", UserShell.RUN_TIMEOUT);
            assertClientOutput(project.run(readme.get(2), flavour() + "-client"));
            worker.signalTerm();
            assertEquals(0, worker.waitFor(STOP_TIMEOUT), "the worker's exit code after SIGTERM; log " + worker.logFile());
        }
    }
}
