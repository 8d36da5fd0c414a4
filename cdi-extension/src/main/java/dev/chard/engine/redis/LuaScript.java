package dev.chard.engine.redis;

import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * One of Chard's Lua scripts (resources next to this class, with {@code prelude.lua} prepended). Runs by EVALSHA
 * and falls back to EVAL on NOSCRIPT, which Redis answers after a restart or SCRIPT FLUSH; EVAL also caches it again.
 */
public final class LuaScript {

    private final String name;
    private final String source;
    private final String sha;

    private LuaScript(String name, String source) {
        this.name = name;
        this.source = source;
        this.sha = sha1(source);
    }

    /** Loads {@code <name>.lua}. */
    public static LuaScript load(String name) {
        return new LuaScript(name, resource("prelude") + "\n" + resource(name));
    }

    public Object run(UnifiedJedis redis, List<String> keys, List<String> args) {
        try {
            return redis.evalsha(sha, keys, args);
        } catch (JedisDataException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("NOSCRIPT")) {
                return redis.eval(source, keys, args);
            }
            throw e;
        }
    }

    /** As {@link #run}, for scripts whose second run changes nothing (enqueue, ack, store): see {@link StaleConnections}. */
    public Object runIdempotent(UnifiedJedis redis, List<String> keys, List<String> args) {
        return StaleConnections.retryOnce(redis, () -> run(redis, keys, args));
    }

    public String name() {
        return name;
    }

    private static String resource(String name) {
        try (InputStream in = LuaScript.class.getResourceAsStream(name + ".lua")) {
            if (in == null) {
                throw new IllegalStateException("missing script resource " + name + ".lua");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by the Java platform", e);
        }
    }
}
