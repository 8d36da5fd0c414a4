package dev.chard.it.archetype;

import dev.chard.testsupport.JavaProcess;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Java SE project of {@code chard-archetype-se}: the client prints {@code 9}, and with the starter's dependencies
 * alone Jedis' log lines reach the console (issue 12, defect 9: "No SLF4J providers were found").
 */
class SeProjectIT extends AbstractGeneratedProjectIT {

    @Override
    String flavour() {
        return "se";
    }

    @Override
    void assertClientOutput(String output) {
        assertTrue(output.lines().anyMatch("9"::equals), "the client should print 9:\n" + output);
        assertFalse(output.contains("SLF4J"), "SLF4J complained (no provider on the starter's class path?):\n" + output);
    }

    @Test
    void theDocumentedFetchOfTheWorkerJarGivesTheWorkerOfThisBuild() {
        Path dir = Path.of("target", "fetch-worker").toAbsolutePath();
        GeneratedProject.deleteRecursively(dir);
        List<String> commands = UserShell.commands(doc.snippet(flavour(), "fetch-worker").text());
        String last = "";
        for (String command : commands) {
            last = shell.run(createDirectories(dir), command, "fetch-worker");
        }
        String version = System.getProperty("chard.it.version");
        assertTrue(last.contains("chard " + version + " "), "the fetched jar's --version, last of " + commands + ":\n" + last);
    }

    @Test
    void jedisLogLinesReachTheConsoleWithTheStartersDependencies() throws URISyntaxException {
        Path testClasses = Path.of(JedisLogProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        // target/lib is the client's class path, copied by the project's build: exactly what chard-se-starter brings
        String classPath = project.dir().resolve("target/lib") + "/*:" + testClasses;
        try (JavaProcess probe = JavaProcess.classpath(classPath, JedisLogProbe.class.getName())
                .args(String.valueOf(redis.port())).name("se-jedis-log-probe").start()) {
            assertEquals(0, probe.waitFor(UserShell.RUN_TIMEOUT), probe.output());
            String output = probe.output();
            assertTrue(output.contains("PONG"), output);
            assertTrue(output.contains("WARNING: " + JedisLogProbe.LINE), "Jedis' WARN line, through slf4j-jdk14 and java.util.logging:\n" + output);
            assertFalse(output.contains("No SLF4J providers"), output);
        }
    }

    private static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
