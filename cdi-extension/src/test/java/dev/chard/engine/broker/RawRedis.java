package dev.chard.engine.broker;

import dev.chard.testsupport.RedisServer;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

import java.util.function.Function;

/** Raw access to one database of a test server, over a fresh connection per call (so it survives restarts). */
record RawRedis(RedisServer server, int db) {

    <T> T with(Function<Jedis, T> f) {
        try (Jedis j = new Jedis(new HostAndPort("127.0.0.1", server.port()),
                DefaultJedisClientConfig.builder().database(db).resp2().build())) {
            return f.apply(j);
        }
    }

    boolean exists(String key) {
        return with(j -> j.exists(key));
    }

    boolean hexists(String hash, String field) {
        return with(j -> j.hexists(hash, field));
    }

    long llen(String key) {
        return with(j -> j.llen(key));
    }

    String url() {
        return server.url(db);
    }
}
