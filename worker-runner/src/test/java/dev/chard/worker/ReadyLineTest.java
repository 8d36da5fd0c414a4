package dev.chard.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import dev.chard.testsupport.JavaProcess;
import dev.chard.testsupport.RedisServer;
import dev.chard.worker.cli.ChardCommand;
import example.app.MathTasks;

/** The {@code <name> ready.} line that scripts wait for is printed at every log level, as Celery prints it. */
class ReadyLineTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aWorkerLoggingOnlyErrorsStillPrintsItsReadyLine() throws Exception {
        Path app = TestArchives.folder(Files.createTempDirectory("chard-ready-"), TestArchives.ANNOTATED, MathTasks.class);
        try (RedisServer redis = RedisServer.start();
                JavaProcess worker = JavaProcess.classpath(System.getProperty("java.class.path"), ChardCommand.class.getName())
                        .name("ready-line").jvmArg("-Xmx256m")
                        .args("worker", "-A", app.toString(), "-l", "error", "-n", "quiet@test", "-c", "1",
                                "--broker", redis.url(0), "--backend", redis.url(0))
                        .start()) {
            worker.awaitOutputOrFail("INFO/MainThread] quiet@test ready.", WAIT);
            // the level holds for everything else: the start-up WARNING lines (persistence off) are not printed
            assertFalse(worker.output().contains("WARNING/"), worker.output());
            ProcessHandle.of(worker.pid()).ifPresent(ProcessHandle::destroy);
            assertEquals(0, worker.waitFor(WAIT), worker.output());
        } finally {
            try (var files = Files.walk(app)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
