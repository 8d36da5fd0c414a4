package dev.chard.worker;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.chard.testsupport.JavaProcess;
import dev.chard.testsupport.RedisServer;
import dev.chard.worker.cli.ChardCommand;
import example.app.MathTasks;

/**
 * A lone worker whose Redis restarts without persistence finds its registration gone. Nothing reclaimed its tasks (no
 * other worker exists): it must say that Redis restarted, not that its tasks "were handed to other workers".
 */
class RedisRestartWarningTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aLoneWorkerSaysRedisRestartedInsteadOfBlamingOtherWorkers() throws Exception {
        Path app = TestArchives.folder(Files.createTempDirectory("chard-app-"), TestArchives.ANNOTATED, MathTasks.class);
        try (RedisServer redis = RedisServer.start();
             JavaProcess worker = JavaProcess.classpath(System.getProperty("java.class.path"), ChardCommand.class.getName())
                     .name("worker").jvmArg("-Xmx256m")
                     .args("worker", "-A", app.toString(), "-c", "1", "-n", "lone@test", "-l", "info",
                             "--broker", redis.url(0), "--backend", redis.url(0))
                     .start()) {
            worker.awaitOutputOrFail(" ready\\.", WAIT);
            redis.restart(); // --save '' --appendonly no: it comes back empty, with a new run_id
            worker.awaitOutputOrFail("Redis restarted \\(its run_id changed\\) and came back without this worker's registration"
                    + " on queue default", WAIT);
            String out = worker.output();
            assertTrue(out.contains("Nothing was handed to another worker"), out);
            assertFalse(out.contains("handed to other workers"), out);
            assertFalse(out.contains("declared dead"), out);
        } finally {
            try (Stream<Path> files = Files.walk(app)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
