package dev.chard.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chard.api.ConfigurationException;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lookup order through {@link ChardConfig#load}. The class loaders here have no parent, so they see only the
 * {@code META-INF/chard.properties} written by the test and no MicroProfile Config API: the system-property and
 * environment sources are the ones used.
 */
class ConfigSourcesTest {

    private static final String PREFIX_PROPERTY = "chard.key-prefix";

    @TempDir
    Path tmp;

    @BeforeEach
    void requireNoChardEnvironment() {
        // The environment beats the files; a CHARD_* variable set around the build would change these results.
        assumeTrue(System.getenv().keySet().stream().noneMatch(k -> k.startsWith("CHARD_")),
                "CHARD_* environment variables are set");
    }

    @AfterEach
    void clearSystemProperty() {
        System.clearProperty(PREFIX_PROPERTY);
    }

    private URLClassLoader loaderWith(String dirName, String properties) throws IOException {
        Path root = tmp.resolve(dirName);
        Files.createDirectories(root.resolve("META-INF"));
        Files.writeString(root.resolve("META-INF").resolve("chard.properties"), properties);
        return new URLClassLoader(new URL[] {root.toUri().toURL()}, null);
    }

    @Test
    void propertiesFileOnTheClassLoaderIsRead() throws IOException {
        try (URLClassLoader loader = loaderWith("app", """
                # a comment
                chard.key-prefix = fromfile
                chard.worker.queues = high, low
                chard.result.expires = 2h
                chard.unknown.key = ignored
                """)) {
            ChardConfig config = ChardConfig.load(loader);

            assertEquals("fromfile", config.keyPrefix());
            assertEquals(List.of("high", "low"), config.workerQueues());
            assertEquals(java.time.Duration.ofHours(2), config.resultExpires());
            assertEquals("5", config.raw(ConfigKey.WORKER_MAX_DELIVERIES), "unset keys keep their default");
        }
    }

    @Test
    void systemPropertyBeatsThePropertiesFile() throws IOException {
        try (URLClassLoader loader = loaderWith("app", "chard.key-prefix=fromfile\n")) {
            System.setProperty(PREFIX_PROPERTY, "fromsystem");

            assertEquals("fromsystem", ChardConfig.load(loader).keyPrefix());

            System.clearProperty(PREFIX_PROPERTY);
            assertEquals("fromfile", ChardConfig.load(loader).keyPrefix());
        }
    }

    @Test
    void blankSystemPropertyFallsThroughToTheFile() throws IOException {
        try (URLClassLoader loader = loaderWith("app", "chard.key-prefix=fromfile\n")) {
            System.setProperty(PREFIX_PROPERTY, "  ");
            assertEquals("fromfile", ChardConfig.load(loader).keyPrefix());
        }
    }

    @Test
    void malformedSystemPropertyIsReportedAsSuch() throws IOException {
        try (URLClassLoader loader = loaderWith("app", "")) {
            System.setProperty(PREFIX_PROPERTY, "has space");

            ConfigurationException e = assertThrows(ConfigurationException.class, () -> ChardConfig.load(loader));

            assertEquals("CHARD-02001", e.code());
            assertEquals(PREFIX_PROPERTY, e.key());
            assertTrue(e.getMessage().contains("(from system property chard.key-prefix)"), e.getMessage());
        }
    }

    @Test
    void malformedValueInTheFileNamesTheFile() throws IOException {
        try (URLClassLoader loader = loaderWith("app", "chard.redis.pool-size=lots\n")) {
            ConfigurationException e = assertThrows(ConfigurationException.class, () -> ChardConfig.load(loader));

            assertEquals("CHARD-02001", e.code());
            assertEquals("chard.redis.pool-size", e.key());
            assertTrue(e.getMessage().contains("META-INF/chard.properties"), e.getMessage());
            assertTrue(e.getMessage().contains(tmp.resolve("app").toString()), e.getMessage());
        }
    }

    @Test
    void firstPropertiesFileOnTheClassPathWins() throws IOException {
        Path first = tmp.resolve("first");
        Path second = tmp.resolve("second");
        for (Path root : List.of(first, second)) {
            Files.createDirectories(root.resolve("META-INF"));
        }
        Files.writeString(first.resolve("META-INF/chard.properties"), "chard.key-prefix=first\n");
        Files.writeString(second.resolve("META-INF/chard.properties"),
                "chard.key-prefix=second\nchard.queue.default=onlyinsecond\n");
        try (URLClassLoader loader = new URLClassLoader(
                new URL[] {first.toUri().toURL(), second.toUri().toURL()}, null)) {
            ChardConfig config = ChardConfig.load(loader);

            assertEquals("first", config.keyPrefix());
            assertEquals("onlyinsecond", config.defaultQueue());
        }
    }

    @Test
    void environmentVariableNamesFollowTheKeys() {
        assertEquals("CHARD_BROKER_URL", ConfigKey.BROKER_URL.envName());
        assertEquals("CHARD_KEY_PREFIX", ConfigKey.KEY_PREFIX.envName());
        assertEquals("CHARD_WORKER_HEARTBEAT_INTERVAL", ConfigKey.WORKER_HEARTBEAT_INTERVAL.envName());
    }

    @Test
    void microprofileConfigFileIsReadWithoutMicroprofileAndLosesToSystemPropertiesButBeatsChardProperties() throws IOException {
        Path root = tmp.resolve("war-classes");
        Files.createDirectories(root.resolve("META-INF"));
        Files.writeString(root.resolve("META-INF/microprofile-config.properties"),
                "chard.key-prefix=frommp\nchard.queue.default=mpqueue\nchard.send.transactional=immediate\n");
        Files.writeString(root.resolve("META-INF/chard.properties"), "chard.queue.default=chardqueue\nchard.redis.pool-size=3\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, null)) {
            ChardConfig config = ChardConfig.load(loader);
            assertEquals("frommp", config.keyPrefix());
            assertEquals("mpqueue", config.defaultQueue());
            assertEquals(3, config.redisPoolSize());
            assertEquals(false, config.sendAfterCommit());

            System.setProperty(PREFIX_PROPERTY, "fromsystem");
            assertEquals("fromsystem", ChardConfig.load(loader).keyPrefix());
        }
    }

    @Test
    void sendTransactionalDefaultsToAfterCommitAndRejectsOtherValues() {
        assertTrue(ChardConfig.of(java.util.Map.of()).sendAfterCommit());
        assertEquals(false, ChardConfig.of(java.util.Map.of("chard.send.transactional", "IMMEDIATE")).sendAfterCommit());
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> ChardConfig.of(java.util.Map.of("chard.send.transactional", "later")));
        assertTrue(e.getMessage().contains("chard.send.transactional") && e.getMessage().contains("after-commit or immediate"),
                e.getMessage());
    }
}
