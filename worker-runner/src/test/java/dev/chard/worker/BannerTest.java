package dev.chard.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class BannerTest {

    @Test
    void aSafeRedisGivesNoWarning() {
        assertEquals(List.of(), Banner.redisWarnings(Map.of("maxmemory_policy", "noeviction", "aof_enabled", "1", "config_save", "")));
        assertEquals(List.of(), Banner.redisWarnings(Map.of("maxmemory_policy", "noeviction", "aof_enabled", "0", "config_save", "3600 1")));
    }

    @Test
    void anEvictingRedisWithoutPersistenceGivesBothWarnings() {
        List<String> w = Banner.redisWarnings(Map.of("maxmemory_policy", "allkeys-lru", "aof_enabled", "0", "config_save", ""));
        assertEquals(2, w.size(), w.toString());
        assertTrue(w.get(0).contains("Redis may evict queued tasks; set maxmemory-policy noeviction"), w.get(0));
        assertTrue(w.get(1).contains("Redis persistence is off: queued tasks are lost if Redis restarts; enable appendonly yes"), w.get(1));
    }
}
