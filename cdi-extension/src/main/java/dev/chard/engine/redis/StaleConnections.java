package dev.chard.engine.redis;

import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

import java.net.SocketTimeoutException;
import java.util.function.Supplier;

/**
 * Runs an idempotent Redis step, tried once more after a broken connection. After a Redis restart every idle
 * connection in the pool points to the old process, and the first command on one fails; the pool then drops its idle
 * connections ({@code RedisConnections.NoEagerRefillPool}), so the second try opens a fresh one (a PING on every
 * borrow would cost a round trip per command instead). Never for steps whose second run would change something
 * (fetch).
 */
public final class StaleConnections {

    private StaleConnections() {
    }

    public static <T> T retryOnce(UnifiedJedis redis, Supplier<T> step) {
        try {
            return step.get();
        } catch (JedisConnectionException e) {
            if (hasCause(e, SocketTimeoutException.class)) {
                throw e; // Redis is there but silent: a second try would only double the configured wait
            }
            return step.get();
        }
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
