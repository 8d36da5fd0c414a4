package dev.chard.engine.backend;

import dev.chard.engine.config.ChardConfig;
import dev.chard.engine.config.RedisUrl;
import dev.chard.engine.redis.RedisConnections;
import dev.chard.engine.redis.RedisFailure;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one subscription of a process to the results channel (DESIGN.md §3, "results without polling"). One thread
 * holds a dedicated connection in SUBSCRIBE and completes watchers as records arrive; a second, light thread pings
 * that connection (so a dead peer is noticed within the read timeout) and re-reads watched ids every fallback
 * interval (so a notification lost in a reconnect costs at most that long). Both threads come from the
 * engine's ThreadFactory: in an application server, the container's managed one.
 */
final class RedisResultNotifier implements ResultNotifier {

    private static final Logger LOG = Logger.getLogger(RedisResultNotifier.class.getName());
    private static final Duration PING_EVERY = Duration.ofSeconds(5);

    private final RedisResultBackend backend;
    private final RedisUrl url;
    private final ChardConfig config;
    private final String channel;
    private final Map<String, List<Consumer<ResultRecord>>> watchers = new ConcurrentHashMap<>();
    private final Thread subscriber;
    private final Thread sweeper;
    private volatile boolean closed;
    private volatile Subscription current;

    RedisResultNotifier(RedisResultBackend backend, RedisUrl url, ChardConfig config, String channel, ThreadFactory threads) {
        this.backend = backend;
        this.url = url;
        this.config = config;
        this.channel = channel;
        this.subscriber = threads.newThread(this::subscribeLoop);
        this.subscriber.setName("chard-result-subscriber");
        this.sweeper = threads.newThread(this::sweepLoop);
        this.sweeper.setName("chard-result-sweeper");
        subscriber.start();
        sweeper.start();
    }

    @Override
    public void watch(String taskId, Consumer<ResultRecord> onReady) {
        watchers.computeIfAbsent(taskId, k -> new CopyOnWriteArrayList<>()).add(onReady);
        // Read after registering: a record written before the registration is found here, one written after
        // arrives by notification; either way the first to fire removes the listeners, so each fires once.
        try {
            backend.readRecord(taskId).filter(r -> r.state().isReady()).ifPresent(this::fire); // only a record can be ready
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "first read of " + taskId + " failed; the sweep will retry", e);
        }
    }

    @Override
    public int watching() {
        return watchers.size();
    }

    private void fire(ResultRecord record) {
        List<Consumer<ResultRecord>> listeners = watchers.remove(record.id());
        if (listeners == null) {
            return;
        }
        for (Consumer<ResultRecord> l : listeners) {
            try {
                l.accept(record);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a result listener of task " + record.id() + " failed", e);
            }
        }
    }

    private void subscribeLoop() {
        long backoff = 100;
        while (!closed) {
            try (Jedis jedis = RedisConnections.single(url, config, "chard-results", PING_EVERY.multipliedBy(3))) {
                Subscription s = new Subscription();
                current = s;
                jedis.subscribe(s, channel); // blocks until unsubscribed or the connection fails
                backoff = 100;
            } catch (RuntimeException e) {
                if (closed) {
                    break;
                }
                LOG.log(Level.WARNING, "result subscription to " + url.redacted() + " lost: the result backend "
                        + RedisFailure.describe(e, url, config.redisTimeout()) + "; reconnecting in " + backoff + " ms");
                sleep(backoff);
                backoff = Math.min(5000, backoff * 2);
            } finally {
                current = null;
            }
        }
    }

    private void sweepLoop() {
        long step = config.resultFallbackInterval().toMillis();
        long sincePing = 0;
        while (!closed) {
            sleep(step);
            sincePing += step;
            Subscription s = current;
            if (s != null && s.isSubscribed() && sincePing >= PING_EVERY.toMillis()) {
                sincePing = 0;
                try {
                    s.ping();
                } catch (RuntimeException e) {
                    LOG.log(Level.FINE, "ping on the result subscription failed; the subscriber reconnects", e);
                }
            }
            sweep();
        }
    }

    /** Re-reads every watched id in batches: the fallback for notifications missed while disconnected. */
    void sweep() {
        if (watchers.isEmpty()) {
            return;
        }
        List<String> ids = new ArrayList<>(watchers.keySet());
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + 500));
            try {
                List<String> raw = backend.readRaw(batch);
                for (String json : raw) {
                    Optional.ofNullable(json).map(backend.codec()::decode).filter(r -> r.state().isReady()).ifPresent(this::fire);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "result sweep failed; retrying next interval", e);
                return;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        Subscription s = current;
        if (s != null && s.isSubscribed()) {
            try {
                s.unsubscribe();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "unsubscribe failed while closing", e);
            }
        }
        subscriber.interrupt();
        sweeper.interrupt();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Subscription extends JedisPubSub {
        @Override
        public void onSubscribe(String ch, int count) {
            // anything that became ready while we were not subscribed is caught by one sweep now
            sweep();
        }

        @Override
        public void onMessage(String ch, String message) {
            if (watchers.isEmpty()) {
                return;
            }
            try {
                ResultRecord r = backend.codec().decode(message);
                if (watchers.containsKey(r.id())) {
                    fire(r);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "ignoring an unreadable message on " + ch, e);
            }
        }
    }
}
