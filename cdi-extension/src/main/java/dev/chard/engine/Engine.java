package dev.chard.engine;

import dev.chard.api.TaskClient;
import dev.chard.api.spi.ResultSource;
import dev.chard.engine.backend.BrokerQueues;
import dev.chard.engine.backend.RedisResultBackend;
import dev.chard.engine.backend.ResultBackend;
import dev.chard.engine.backend.ResultRecord;
import dev.chard.engine.broker.Broker;
import dev.chard.engine.broker.RedisBroker;
import dev.chard.engine.client.BackendResultSource;
import dev.chard.engine.client.EngineTaskClient;
import dev.chard.engine.client.SendDeferral;
import dev.chard.engine.client.TaskSender;
import dev.chard.engine.config.ChardConfig;
import dev.chard.engine.config.HostName;
import dev.chard.engine.config.RedisUrl;
import dev.chard.engine.errors.ClientErrors;
import dev.chard.engine.redis.Keys;
import dev.chard.engine.redis.RedisConnections;
import dev.chard.engine.registry.TaskRegistry;
import dev.chard.engine.serialization.Arguments;
import dev.chard.engine.serialization.MessageCodec;
import dev.chard.engine.serialization.ResultCodec;
import jakarta.json.bind.Jsonb;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;

/**
 * One process's Chard: configuration, registry, codecs, broker, result backend and client, wired once. The CDI
 * layer produces it as a singleton bean; the worker and the command line use it directly. Connections open lazily
 * (the pool connects on first use), so starting an engine never waits on Redis. Thread-safe; {@link #close()}
 * closes every connection and thread it opened.
 */
public final class Engine implements AutoCloseable {

    private final ChardConfig config;
    private final TaskRegistry registry;
    private final UnifiedJedis brokerRedis;
    private final UnifiedJedis backendRedis;
    private final Broker broker;
    private final ResultBackend backend;
    private final MessageCodec messages = new MessageCodec();
    private final Arguments arguments;
    private final ResultCodec results;
    private final ResultSource resultSource;
    private final TaskSender sender;
    private final TaskClient client;

    private Engine(ChardConfig config, TaskRegistry registry, Jsonb jsonb, ThreadFactory threads, SendDeferral deferral) {
        this.config = config;
        this.registry = registry;
        this.arguments = new Arguments(jsonb);
        this.results = new ResultCodec(jsonb);
        Keys keys = new Keys(config.keyPrefix());
        RedisUrl brokerUrl = config.brokerUrl();
        this.brokerRedis = RedisConnections.pooled(brokerUrl, config, "chard-broker");
        RedisUrl backendUrl = config.backendUrl().orElse(null);
        // co-located: the backend is the broker's own server and database, so the broker's scripts write results too
        RedisResultBackend colocated = null;
        if (backendUrl == null) {
            this.backendRedis = null;
            this.backend = ResultBackend.disabled();
        } else {
            boolean shared = backendUrl.sameDatabaseAs(brokerUrl);
            this.backendRedis = shared ? brokerRedis : RedisConnections.pooled(backendUrl, config, "chard-backend");
            RedisResultBackend redisBackend = new RedisResultBackend(backendRedis, backendUrl, config, keys, results, threads);
            this.backend = redisBackend;
            colocated = shared ? redisBackend : null;
            // a send writes no record: a task without one reads PENDING while its message waits in a queue
            redisBackend.readQueuedTasks(this::queuedRecord,
                    shared ? null : new BrokerQueues(brokerRedis, brokerUrl, keys, config.redisTimeout()));
        }
        this.broker = new RedisBroker(brokerRedis, brokerUrl, config, keys, messages, backend, colocated);
        this.resultSource = new BackendResultSource(backend, results, config.resultFallbackInterval());
        String origin = "chard@" + HostName.get() + ":" + ProcessHandle.current().pid();
        this.sender = new TaskSender(config, broker, backend, arguments, resultSource, origin, deferral);
        this.client = new EngineTaskClient(sender, registry, resultSource);
    }

    /** An engine whose background threads (the result subscriber) are daemon threads. */
    public static Engine start(ChardConfig config, TaskRegistry registry, Jsonb jsonb) {
        return start(config, registry, jsonb, r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        });
    }

    /** An engine whose background threads come from {@code threads} (in a server: its ManagedThreadFactory). */
    public static Engine start(ChardConfig config, TaskRegistry registry, Jsonb jsonb, ThreadFactory threads) {
        return new Engine(config, registry, jsonb, threads, SendDeferral.NONE);
    }

    /**
     * An engine whose background threads come from {@code threads} and whose sends go through {@code deferral}
     * (in a server: after the caller's JTA transaction commits).
     */
    public static Engine start(ChardConfig config, TaskRegistry registry, Jsonb jsonb, ThreadFactory threads, SendDeferral deferral) {
        return new Engine(config, registry, jsonb, threads, deferral);
    }

    public ChardConfig config() {
        return config;
    }

    public TaskRegistry registry() {
        return registry;
    }

    public Broker broker() {
        return broker;
    }

    public ResultBackend backend() {
        return backend;
    }

    /**
     * How a task waiting in a queue with no record reads: PENDING, unless this application knows the task and it keeps
     * no results (its worker writes no record either): such an id reads UNKNOWN from its send to its end.
     */
    private Optional<ResultRecord> queuedRecord(String id, String body) {
        String task;
        try {
            task = messages.decode(body, "").task();
        } catch (RuntimeException e) {
            return Optional.of(ResultRecord.pending(id, null)); // undecodable: the worker will dead-letter it, with a record
        }
        boolean recorded = registry.byName(task).map(t -> !t.settings().ignoreResult()).orElse(true);
        return recorded ? Optional.of(ResultRecord.pending(id, task)) : Optional.empty();
    }

    public MessageCodec messages() {
        return messages;
    }

    public Arguments arguments() {
        return arguments;
    }

    public ResultCodec results() {
        return results;
    }

    public ResultSource resultSource() {
        return resultSource;
    }

    /** Sends tasks: what the interceptor and the client use. */
    public TaskSender sender() {
        return sender;
    }

    public TaskClient client() {
        return client;
    }

    /** Checks that the broker (and the backend, when configured) answers. */
    public void ping() {
        ping(brokerRedis, config.brokerUrl(), "chard.broker.url");
        if (backendRedis != null && backendRedis != brokerRedis) {
            ping(backendRedis, config.backendUrl().orElseThrow(), "chard.backend.url");
        }
    }

    private void ping(UnifiedJedis redis, RedisUrl url, String key) {
        try {
            redis.ping();
        } catch (JedisException e) {
            throw ClientErrors.unreachable(url, key, config.redisTimeout(), e);
        }
    }

    /**
     * The broker server's {@code run_id} (INFO server), which changes when Redis restarts; null when INFO cannot be read
     * (an ACL that denies it, Redis unreachable).
     */
    public String brokerRunId() {
        try {
            for (String line : brokerRedis.info("server").split("\r?\n")) {
                if (line.startsWith("run_id:")) {
                    return line.substring("run_id:".length()).trim();
                }
            }
        } catch (JedisException e) {
            // unknown: the caller says less
        }
        return null;
    }

    /** Fields of the broker's {@code INFO server}, {@code persistence} and {@code memory}, e.g. redis_version, aof_enabled. */
    public Map<String, String> brokerInfo() {
        Map<String, String> info = new LinkedHashMap<>();
        for (String section : new String[] {"server", "persistence", "memory"}) {
            for (String line : brokerRedis.info(section).split("\r?\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && !line.startsWith("#")) {
                    info.put(line.substring(0, colon), line.substring(colon + 1).trim());
                }
            }
        }
        try {
            Map<String, String> save = brokerRedis.configGet("save");
            info.put("config_save", save.getOrDefault("save", ""));
        } catch (JedisException e) {
            // CONFIG may be renamed or denied by an ACL; the banner then says less
        }
        return info;
    }

    @Override
    public void close() {
        backend.close();
        broker.close();
        if (backendRedis != null && backendRedis != brokerRedis) {
            backendRedis.close();
        }
        brokerRedis.close();
    }
}
