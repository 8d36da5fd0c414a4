package dev.chard.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedisServerTest {

    @Test
    void startedServerAnswersCommandsOnItsPort() {
        try (RedisServer redis = RedisServer.start()) {
            assertTrue(redis.isRunning());
            assertEquals("redis://127.0.0.1:" + redis.port() + "/0", redis.url());
            assertEquals("redis://127.0.0.1:" + redis.port() + "/3", redis.url(3));
            assertEquals("OK", redis.call("SET", "k", "v"));
            assertEquals("v", redis.call("GET", "k"));
            assertNull(redis.call("GET", "missing"));
            assertEquals(2L, redis.call("RPUSH", "list", "a", "b"));
            assertEquals(List.of("a", "b"), redis.call("LRANGE", "list", "0", "-1"));
            assertThrows(RedisReplyException.class, () -> redis.call("INCR", "k"));
        }
    }

    @Test
    void killedServerRestartsOnTheSamePortAndKeepsItsAppendOnlyFile() {
        try (RedisServer redis = RedisServer.start("--appendonly", "yes", "--appendfsync", "always")) {
            int port = redis.port();
            redis.call("SET", "durable", "yes");
            redis.kill();
            assertFalse(redis.isRunning());
            assertThrows(IllegalStateException.class, () -> redis.call("PING"));

            redis.restart();

            assertTrue(redis.isRunning());
            assertEquals(port, redis.port());
            assertEquals("yes", redis.call("GET", "durable"));
        }
    }

    @Test
    void stoppedServerLosesUnsavedDataOnRestartByDefault() {
        try (RedisServer redis = RedisServer.start()) {
            redis.call("SET", "k", "v");
            redis.stop();
            assertFalse(redis.isRunning());
            redis.restart();
            assertNull(redis.call("GET", "k"));
        }
    }

    @Test
    void closeStopsTheServerAndDeletesItsDirectory() {
        RedisServer redis = RedisServer.start();
        Path dir = redis.dir();
        assertTrue(Files.isDirectory(dir));

        redis.close();

        assertFalse(redis.isRunning());
        assertFalse(Files.exists(dir));
    }
}
