package dev.chard.testsupport;

/** An error reply ({@code -ERR ...}) from Redis to {@link RedisServer#call(String...)}. */
public final class RedisReplyException extends IllegalStateException {

    public RedisReplyException(String message) {
        super(message);
    }
}
