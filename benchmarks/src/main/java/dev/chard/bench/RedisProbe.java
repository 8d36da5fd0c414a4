package dev.chard.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.FlushMode;

/**
 * The harness's own connection to the benchmark's redis-server: {@code INFO} snapshots (command statistics, CPU,
 * memory) and housekeeping. Its own commands ({@code INFO}, {@code CONFIG}, {@code FLUSHALL}, {@code SUBSCRIBE}) are
 * left out of every count.
 */
final class RedisProbe implements AutoCloseable {

    /** The harness's commands, never counted as Chard's. */
    static final Set<String> HARNESS_COMMANDS = Set.of("info", "config|resetstat", "flushall", "subscribe", "memory|usage",
            "dbsize");

    private final Jedis jedis;

    @SuppressWarnings("deprecation") // Jedis is deprecated in favour of RedisClient, which has no per-connection INFO
    RedisProbe(String host, int port) {
        this.jedis = new Jedis(host, port);
    }

    /** Command calls and microseconds by command name (Lua-internal ones included), CPU seconds, memory, a clock. */
    record Snapshot(long nanos, double cpuSeconds, long usedMemory, Map<String, long[]> commands) {

        /** Calls of each Chard command since {@code before} (which must follow a {@link #resetStats()}). */
        Map<String, long[]> commandsSince(Snapshot before) {
            Map<String, long[]> out = new TreeMap<>();
            commands.forEach((name, v) -> {
                if (HARNESS_COMMANDS.contains(name)) {
                    return;
                }
                long[] b = before.commands.getOrDefault(name, new long[2]);
                long calls = v[0] - b[0];
                if (calls > 0) {
                    out.put(name, new long[] {calls, v[1] - b[1]});
                }
            });
            return out;
        }

        static long totalCalls(Map<String, long[]> commands) {
            return commands.values().stream().mapToLong(v -> v[0]).sum();
        }
    }

    /** {@code CONFIG RESETSTAT}: command statistics start from zero (CPU and memory figures are not reset). */
    void resetStats() {
        jedis.configResetStat();
    }

    void flushAll() {
        jedis.flushAll();
    }

    /**
     * Empties the database, freeing the memory in the background: after a soak it holds millions of results, more than
     * a synchronous FLUSHALL frees within the socket timeout. Not before a memory figure (used_memory lags).
     */
    void flushAllAsync() {
        jedis.flushAll(FlushMode.ASYNC);
    }

    /** MEMORY USAGE with every element counted (SAMPLES 0): an aggregate key is sized exactly, not from 5 samples. */
    long memoryUsage(String key) {
        Long n = jedis.memoryUsage(key, 0);
        return n == null ? -1 : n;
    }

    /** The length of the stored body of message {@code id}. */
    long bodyLength(String messages, String id) {
        return jedis.hstrlen(messages, id);
    }

    /** Whether a worker instance has registered on the benchmark's queue (its first heartbeat or fetch). */
    boolean workerRegistered(String instanceId) {
        return jedis.zscore(new dev.chard.engine.redis.Keys("chard").workers(Suite.QUEUE), instanceId) != null;
    }

    String info(String section) {
        return jedis.info(section);
    }

    Snapshot snapshot() {
        Map<String, String> cpu = fields(jedis.info("cpu"));
        Map<String, String> mem = fields(jedis.info("memory"));
        Map<String, long[]> commands = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : fields(jedis.info("commandstats")).entrySet()) {
            if (!e.getKey().startsWith("cmdstat_")) {
                continue;
            }
            long calls = 0;
            long usec = 0;
            for (String kv : e.getValue().split(",")) {
                String[] p = kv.split("=", 2);
                if (p[0].equals("calls")) {
                    calls = Long.parseLong(p[1]);
                } else if (p[0].equals("usec")) {
                    usec = Long.parseLong(p[1]);
                }
            }
            commands.put(e.getKey().substring("cmdstat_".length()), new long[] {calls, usec});
        }
        double cpuSeconds = Double.parseDouble(cpu.get("used_cpu_sys")) + Double.parseDouble(cpu.get("used_cpu_user"));
        return new Snapshot(System.nanoTime(), cpuSeconds, Long.parseLong(mem.get("used_memory")), commands);
    }

    static Map<String, String> fields(String info) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : info.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#")) {
                out.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        return out;
    }

    @Override
    public void close() {
        jedis.close();
    }
}
