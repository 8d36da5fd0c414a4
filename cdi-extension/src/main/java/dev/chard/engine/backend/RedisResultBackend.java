package dev.chard.engine.backend;

import dev.chard.engine.config.ChardConfig;
import dev.chard.engine.config.RedisUrl;
import dev.chard.engine.errors.ClientErrors;
import dev.chard.engine.redis.Keys;
import dev.chard.engine.redis.Scripts;
import dev.chard.engine.redis.StaleConnections;
import dev.chard.engine.serialization.ResultCodec;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;

/** Result records as JSON strings with a TTL, written by {@code store.lua} (or inside the broker's scripts when co-located). */
public final class RedisResultBackend implements ResultBackend {

    private final UnifiedJedis redis;
    private final RedisUrl url;
    private final ChardConfig config;
    private final Keys keys;
    private final ResultCodec codec;
    private final ThreadFactory threads;
    private final String channel;
    private volatile RedisResultNotifier notifier;
    private volatile QueuedTasks queued;
    private volatile BrokerQueues brokerElsewhere;

    /**
     * How a task found waiting in a queue without a record reads (a send writes no record: a queued task is PENDING by
     * being queued).
     */
    @FunctionalInterface
    public interface QueuedTasks {
        /** The record {@code id} reads as, its message being {@code body}: PENDING, or empty for a task that keeps no results. */
        Optional<ResultRecord> read(String id, String body);
    }

    public RedisResultBackend(UnifiedJedis redis, RedisUrl url, ChardConfig config, Keys keys, ResultCodec codec, ThreadFactory threads) {
        this.redis = redis;
        this.url = url;
        this.config = config;
        this.keys = keys;
        this.codec = codec;
        this.threads = threads;
        this.channel = keys.resultChannel(url.database());
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public boolean store(ResultRecord record) {
        List<String> args = new ArrayList<>(storeArgs(record));
        args.add(record.state().isReady() ? "1" : "0");
        try {
            return Long.valueOf(1).equals(Scripts.STORE.runIdempotent(redis, List.of(key(record.id())), args));
        } catch (JedisException e) {
            throw ClientErrors.backendUnavailable(record.id(), url, config.redisTimeout(), e);
        }
    }

    /** All of {@code records} in one atomic call ({@code complete.lua}, store entries only), in their order. */
    @Override
    public void storeAll(List<ResultRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        List<String> keyList = new ArrayList<>(records.size());
        List<String> args = new ArrayList<>(records.size() * 7);
        for (ResultRecord r : records) {
            keyList.add(key(r.id()));
            args.addAll(storeEntry(r));
        }
        try {
            Scripts.COMPLETE.runIdempotent(redis, keyList, args);
        } catch (JedisException e) {
            throw ClientErrors.backendUnavailable(records.get(0).id(), url, config.redisTimeout(), e);
        }
    }

    /** A {@code complete.lua} store entry ({@code S}) for the record: how the broker's batches and {@link #storeAll} write it. */
    public List<String> storeEntry(ResultRecord record) {
        List<String> entry = new ArrayList<>(7);
        entry.add("S");
        entry.addAll(storeArgs(record));
        entry.add(record.state().isReady() ? "1" : "0");
        return entry;
    }

    /** The record's part of the ARGV of {@code store_result} (prelude.lua): json, ttl seconds, channel, state, allowed-before. */
    public List<String> storeArgs(ResultRecord record) {
        java.time.Duration keep = record.ttl() != null ? record.ttl() : config.resultExpires();
        return List.of(codec.encode(record), Long.toString(Math.max(1, keep.toSeconds())), channel,
                record.state().name(), StateTransitions.allowedBefore(record.state()));
    }

    public String key(String taskId) {
        return keys.result(taskId);
    }

    /**
     * Called once, by the engine, when a send writes no record (always): how a task waiting in a queue reads, and where
     * the queues are: {@code broker} null when this backend is the broker's own database (one script reads the record
     * and the queues at once), else the broker's queues on their own server or database.
     */
    public void readQueuedTasks(QueuedTasks reading, BrokerQueues broker) {
        this.queued = reading;
        this.brokerElsewhere = broker;
    }

    @Override
    public Optional<ResultRecord> readRecord(String taskId) {
        try {
            return Optional.ofNullable(StaleConnections.retryOnce(redis, () -> redis.get(key(taskId)))).map(codec::decode);
        } catch (JedisException e) {
            throw ClientErrors.backendUnavailable(taskId, url, config.redisTimeout(), e);
        }
    }

    @Override
    public Optional<ResultRecord> read(String taskId) {
        QueuedTasks reading = queued;
        if (reading == null) {
            return readRecord(taskId);
        }
        BrokerQueues broker = brokerElsewhere;
        if (broker != null) {
            return readWithBrokerElsewhere(taskId, reading, broker);
        }
        try {
            List<?> r = (List<?>) StaleConnections.retryOnce(redis,
                    () -> Scripts.LOOKUP.run(redis, List.of(keys.queues(), key(taskId)), List.of(taskId, keys.prefix())));
            if (r.isEmpty()) {
                return Optional.empty();
            }
            if (r.get(0).equals("record")) {
                return Optional.of(codec.decode((String) r.get(1)));
            }
            return reading.read(taskId, (String) r.get(2));
        } catch (JedisException e) {
            throw ClientErrors.backendUnavailable(taskId, url, config.redisTimeout(), e);
        }
    }

    /**
     * The record here, else whether the task waits in one of the broker's queues, else the record again: a worker writes
     * a task's outcome here before its ack removes the message, so a task that left the queues between the two reads
     * has its record by the second one.
     */
    private Optional<ResultRecord> readWithBrokerElsewhere(String taskId, QueuedTasks reading, BrokerQueues broker) {
        Optional<ResultRecord> record = readRecord(taskId);
        if (record.isPresent()) {
            return record;
        }
        Optional<String> body = broker.waitingBody(taskId);
        if (body.isPresent()) {
            return reading.read(taskId, body.get());
        }
        return readRecord(taskId);
    }

    @Override
    public void forget(List<String> taskIds) {
        for (String id : taskIds) {
            try {
                StaleConnections.retryOnce(redis, () -> redis.del(key(id)));
            } catch (JedisException e) {
                throw ClientErrors.backendUnavailable(id, url, config.redisTimeout(), e);
            }
        }
    }

    /** Several records in one round trip (the notifier's sweep); absent ids map to null. */
    List<String> readRaw(List<String> taskIds) {
        return redis.mget(taskIds.stream().map(this::key).toArray(String[]::new));
    }

    ResultCodec codec() {
        return codec;
    }

    @Override
    public ResultNotifier notifier() {
        RedisResultNotifier n = notifier;
        if (n == null) {
            synchronized (this) {
                n = notifier;
                if (n == null) {
                    n = new RedisResultNotifier(this, url, config, channel, threads);
                    notifier = n;
                }
            }
        }
        return n;
    }

    @Override
    public void close() {
        RedisResultNotifier n = notifier;
        if (n != null) {
            n.close();
        }
    }
}
