package dev.chard.fault.app;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;

import java.net.URI;

/**
 * The tasks' record of what ran: a Redis of its own (system property {@code fault.recorder.url}, e.g.
 * {@code redis://127.0.0.1:6400/0}), separate from the broker, so that a fault injected into the broker's Redis or
 * its network does not touch the record. Without the property nothing is recorded.
 */
public final class Recorder {

    /** List of "{@code <task id> <worker name> <delivery count>}", pushed when an execution starts. */
    public static final String STARTED = "fault:started";
    /** List of "{@code <task id> <worker name>}", pushed when an execution ends (just before the task returns). */
    public static final String FINISHED = "fault:finished";

    private static volatile RedisClient client;

    private Recorder() {
    }

    public static boolean enabled() {
        return System.getProperty("fault.recorder.url") != null;
    }

    public static void push(String list, String value) {
        if (enabled()) {
            client().rpush(list, value);
        }
    }

    public static String get(String key) {
        return enabled() ? client().get(key) : null;
    }

    private static RedisClient client() {
        RedisClient c = client;
        if (c == null) {
            synchronized (Recorder.class) {
                c = client;
                if (c == null) {
                    URI uri = URI.create(System.getProperty("fault.recorder.url"));
                    c = RedisClient.builder()
                            .hostAndPort(new HostAndPort(uri.getHost(), uri.getPort()))
                            .clientConfig(DefaultJedisClientConfig.builder().timeoutMillis(5_000).resp2().build())
                            .build();
                    client = c;
                }
            }
        }
        return c;
    }
}
