package dev.chard.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class JavaProcessTest {

    /** The child JVM's program: prints its input, then exits with 3, or sleeps when asked. */
    public static final class Hello {
        public static void main(String[] args) throws InterruptedException {
            System.out.println("hello " + System.getProperty("greeting", "") + System.getenv().getOrDefault("WHO", ""));
            System.err.println("on stderr");
            if (args.length > 0 && args[0].equals("sleep")) {
                Thread.sleep(60_000);
            }
            System.exit(3);
        }
    }

    private static String testClasses() throws URISyntaxException {
        return Path.of(Hello.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    @Test
    void childJvmOutputAndExitCodeAreSeen() throws Exception {
        try (JavaProcess child = JavaProcess.classpath(testClasses(), Hello.class.getName())
                .sysProp("greeting", "dear ")
                .env("WHO", "world")
                .jvmArg("-Xshare:auto")
                .name("hello")
                .start()) {
            assertTrue(child.awaitOutput("hello dear world", Duration.ofSeconds(10)), child.output());
            assertEquals(3, child.waitFor(Duration.ofSeconds(10)));
            assertTrue(child.output().contains("on stderr"));
            assertTrue(child.awaitOutput("^on std(err|out)$", Duration.ofSeconds(1)));
            assertFalse(child.awaitOutput("never printed", Duration.ofSeconds(5)), "output ended, so no wait");
            assertTrue(Files.readString(child.logFile()).contains("hello dear world"));
            assertTrue(child.logFile().toString().contains("process-logs"));
        }
    }

    @Test
    void sigtermEndsASleepingChildAndTimeoutsFailClearly() throws URISyntaxException, IOException {
        try (JavaProcess child = JavaProcess.classpath(testClasses(), Hello.class.getName()).args("sleep").start()) {
            child.awaitOutputOrFail("hello", Duration.ofSeconds(10));
            assertTrue(child.isAlive());
            AssertionError timeout = assertThrows(AssertionError.class, () -> child.waitFor(Duration.ofMillis(100)));
            assertTrue(timeout.getMessage().contains("hello"), timeout.getMessage());
            assertThrows(AssertionError.class, () -> child.awaitOutputOrFail("nothing", Duration.ofMillis(100)));

            child.signalTerm();

            assertEquals(143, child.waitFor(Duration.ofSeconds(10))); // 128 + SIGTERM(15)
            assertFalse(child.isAlive());
        }
    }

    @Test
    void kill9EndsTheChildAtOnce() throws URISyntaxException {
        try (JavaProcess child = JavaProcess.classpath(testClasses(), Hello.class.getName()).args("sleep").start()) {
            child.awaitOutputOrFail("hello", Duration.ofSeconds(10));
            child.kill9();
            assertEquals(137, child.waitFor(Duration.ofSeconds(10))); // 128 + SIGKILL(9)
        }
    }

    @Test
    void freePortIsOnLoopbackAndInRange() {
        int port = FreePorts.find();
        assertTrue(port > 0 && port < 65536);
    }
}
