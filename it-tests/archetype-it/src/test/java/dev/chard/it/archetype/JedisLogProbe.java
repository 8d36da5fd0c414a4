package dev.chard.it.archetype;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;

/**
 * Makes Jedis log through SLF4J: a {@code Jedis} built from a configuration that names no protocol logs a WARN
 * ("Jedis does not support RESP3 protocol auto-negotiation ..."). Run on a class path, it shows whether Jedis' lines
 * reach the console there or are dropped ("No SLF4J providers were found").
 */
public final class JedisLogProbe {

    /** The start of the WARN line Jedis logs. */
    public static final String LINE = "Jedis does not support RESP3 protocol auto-negotiation";

    private JedisLogProbe() {
    }

    /** {@code args[0]}: the port of a Redis on 127.0.0.1. */
    public static void main(String[] args) {
        try (Jedis jedis = new Jedis("127.0.0.1", Integer.parseInt(args[0]), DefaultJedisClientConfig.builder().build())) {
            System.out.println(jedis.ping());
        }
    }
}
