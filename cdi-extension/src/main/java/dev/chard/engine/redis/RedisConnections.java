package dev.chard.engine.redis;

import dev.chard.engine.config.ChardConfig;
import dev.chard.engine.config.RedisUrl;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionFactory;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.SslOptions;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.providers.ConnectionProvider;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;

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
                .clientConfig(clientConfig)
                .connectionProvider(new NoEagerRefillProvider(
                        new NoEagerRefillPool(new ConnectionFactory(new HostAndPort(url.host(), url.port()), clientConfig), pool)))
                .build();
    }

    /**
     * A pool that opens connections only when one is borrowed. commons-pool2 2.13 replaces an invalidated (broken)
     * connection at once, in the thread that returns it ({@code invalidateObject} calls {@code addObject}): when Redis
     * accepts connections but does not answer (a partition, a paused or overloaded server) that replacement's handshake
     * waits a second full {@code chard.redis.timeout}, so a failing command took twice the configured timeout
     * (measured by NetworkCutIT). A connection is opened when one is next needed instead.
     */
    static final class NoEagerRefillPool extends ConnectionPool {

        NoEagerRefillPool(ConnectionFactory factory, ConnectionPoolConfig config) {
            super(factory, config);
        }

        @Override
        public void addObject() {
            // no eager replacement: see the class comment
        }

        /**
         * One broken connection usually means they all are (Redis restarted, or the network was cut): the idle ones
         * are dropped too, so that a retry opens a fresh connection instead of drawing the next dead one.
         */
        @Override
        public void returnBrokenResource(Connection broken) {
            super.returnBrokenResource(broken);
            clear();
        }
    }

    /** Hands out connections of a {@link NoEagerRefillPool}. */
    static final class NoEagerRefillProvider implements ConnectionProvider {

        private final ConnectionPool pool;

        NoEagerRefillProvider(ConnectionPool pool) {
            this.pool = pool;
        }

        @Override
        public Connection getConnection() {
            return pool.getResource();
        }

        @Override
        public Connection getConnection(CommandArguments args) {
            return pool.getResource();
        }

        @Override
        public Map<?, ?> getConnectionMap() {
            return Collections.singletonMap("pool", pool);
        }

        @Override
        public Map<?, ?> getPrimaryNodesConnectionMap() {
            return getConnectionMap();
        }

        @Override
        public void close() {
            pool.close();
        }
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
