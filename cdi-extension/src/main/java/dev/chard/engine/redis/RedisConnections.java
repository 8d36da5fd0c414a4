package dev.chard.engine.redis;

import dev.chard.engine.config.ChardConfig;
import dev.chard.engine.config.RedisUrl;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.SslOptions;
import redis.clients.jedis.UnifiedJedis;

import java.time.Duration;

/** Opens Redis connections with Chard's timeouts, so no call can hang longer than configured. */
public final class RedisConnections {

    private RedisConnections() {
    }

    /**
     * A pooled client. Every command times out after {@code chard.redis.timeout}, and so does waiting for a free
     * connection (a pool without {@code maxWait} would block forever once exhausted). Blocking commands
     * (BLPOP) get the poll interval on top, since the server legitimately holds them that long.
     */
    public static UnifiedJedis pooled(RedisUrl url, ChardConfig config, String clientName) {
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(config.redisPoolSize());
        pool.setMaxIdle(config.redisPoolSize());
        pool.setMinIdle(0);
        pool.setBlockWhenExhausted(true);
        pool.setMaxWait(config.redisTimeout());
        pool.setTestWhileIdle(true);
        pool.setTimeBetweenEvictionRuns(Duration.ofSeconds(30));
        int timeout = millis(config.redisTimeout());
        JedisClientConfig clientConfig = base(url, clientName)
                .connectionTimeoutMillis(timeout)
                .socketTimeoutMillis(timeout)
                .blockingSocketTimeoutMillis(timeout + millis(config.pollInterval()))
                .build();
        return RedisClient.builder()
                .hostAndPort(url.host(), url.port())
                .clientConfig(clientConfig)
                .poolConfig(pool)
                .build();
    }

    /** A single connection for a subscriber: reads wait up to {@code readTimeout} (the subscriber pings more often). */
    public static Jedis single(RedisUrl url, ChardConfig config, String clientName, Duration readTimeout) {
        JedisClientConfig clientConfig = base(url, clientName)
                .connectionTimeoutMillis(millis(config.redisTimeout()))
                .socketTimeoutMillis(millis(readTimeout))
                .build();
        return new Jedis(url.host(), url.port(), clientConfig);
    }

    private static DefaultJedisClientConfig.Builder base(RedisUrl url, String clientName) {
        DefaultJedisClientConfig.Builder b = DefaultJedisClientConfig.builder()
                .database(url.database())
                .clientName(clientName)
                .resp2();
        if (url.tls()) {
            b.sslOptions(SslOptions.builder().build());
        }
        if (url.user() != null) {
            b.user(url.user());
        }
        if (url.password() != null) {
            b.password(url.password());
        }
        return b;
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
    }
}
