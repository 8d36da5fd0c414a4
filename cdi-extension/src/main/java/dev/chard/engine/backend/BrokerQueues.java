package dev.chard.engine.backend;

import dev.chard.engine.config.RedisUrl;
import dev.chard.engine.errors.ClientErrors;
import dev.chard.engine.redis.Keys;
import dev.chard.engine.redis.Scripts;
import dev.chard.engine.redis.StaleConnections;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The broker's queues, as a result backend on another server or database sees them: asked whether a task that has no
 * record waits in one ({@code lookup.lua} on the broker's Redis), since a send writes no record. Thread-safe.
 */
public final class BrokerQueues {

    private final UnifiedJedis broker;
    private final RedisUrl url;
    private final Keys keys;
    private final Duration timeout;

    public BrokerQueues(UnifiedJedis broker, RedisUrl url, Keys keys, Duration timeout) {
        this.broker = broker;
        this.url = url;
        this.keys = keys;
        this.timeout = timeout;
    }

    /**
     * The message body of {@code taskId} when the task waits in a queue: queued, delayed, or taken by a worker that has
     * not acked it yet; empty otherwise.
     *
     * @throws dev.chard.api.ResultUnavailableException CHARD-03020 when the broker cannot be read
     */
    public Optional<String> waitingBody(String taskId) {
        try {
            List<?> r = (List<?>) StaleConnections.retryOnce(broker,
                    () -> Scripts.LOOKUP.run(broker, List.of(keys.queues()), List.of(taskId, keys.prefix())));
            return r.isEmpty() ? Optional.empty() : Optional.of((String) r.get(2));
        } catch (JedisException e) {
            throw ClientErrors.brokerLookupUnavailable(taskId, url, timeout, e);
        }
    }
}
