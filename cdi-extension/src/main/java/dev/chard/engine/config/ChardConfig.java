package dev.chard.engine.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The resolved configuration: every {@link ConfigKey} looked up once in {@link ConfigSources} order, parsed and
 * checked when the object is built, so a bad value fails deployment or worker start-up at once, naming the key.
 * Immutable and thread-safe.
 */
public final class ChardConfig {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.@#\\-]+");

    private final Map<ConfigKey, Object> values = new EnumMap<>(ConfigKey.class);
    private final Map<ConfigKey, String> raw = new EnumMap<>(ConfigKey.class);
    private final Map<ConfigKey, String> origins = new EnumMap<>(ConfigKey.class);
    private final ConfigSources sources;
    private final Map<ConfigKey, String> overrides;

    private ChardConfig(ConfigSources sources, Map<ConfigKey, String> overrides) {
        this.sources = sources;
        this.overrides = Map.copyOf(overrides);
        for (ConfigKey key : ConfigKey.values()) {
            String value;
            String from;
            if (overrides.get(key) != null) {
                value = overrides.get(key).trim();
                from = "command line";
            } else {
                ConfigSources.Found f = sources.lookup(key);
                value = f == null ? key.defaultValue() : f.value();
                from = f == null ? "default" : f.from();
            }
            if (value != null) {
                raw.put(key, value);
                origins.put(key, from);
                values.put(key, parse(key, value, from));
            }
        }
        checkHeartbeat();
    }

    /**
     * A worker whose timeout is not at least two of its beats apart would be declared dead by one late beat (a GC
     * pause, a slow Redis reply), and its tasks would run twice.
     */
    private void checkHeartbeat() {
        Duration interval = heartbeatInterval();
        Duration timeout = heartbeatTimeout();
        if (timeout.compareTo(interval.multipliedBy(2)) < 0) {
            throw ConfigErrors.heartbeatTimeoutTooShort(raw.get(ConfigKey.WORKER_HEARTBEAT_TIMEOUT),
                    origins.get(ConfigKey.WORKER_HEARTBEAT_TIMEOUT), raw.get(ConfigKey.WORKER_HEARTBEAT_INTERVAL),
                    origins.get(ConfigKey.WORKER_HEARTBEAT_INTERVAL));
        }
    }

    /** Reads the standard sources through {@code loader} (the application's class loader). */
    public static ChardConfig load(ClassLoader loader) {
        return new ChardConfig(ConfigSources.standard(loader), Map.of());
    }

    /** Only these values (by key name) plus defaults: for tests and tools. */
    public static ChardConfig of(Map<String, String> values) {
        return new ChardConfig(ConfigSources.of(values), Map.of());
    }

    /** From {@code sources} alone (tests of a source). */
    static ChardConfig from(ConfigSources sources) {
        return new ChardConfig(sources, Map.of());
    }

    /** This configuration with some keys replaced (command-line options win over every source). */
    public ChardConfig with(Map<ConfigKey, String> more) {
        Map<ConfigKey, String> merged = new EnumMap<>(ConfigKey.class);
        merged.putAll(overrides);
        more.forEach((k, v) -> {
            if (v != null) {
                merged.put(k, v);
            }
        });
        return new ChardConfig(sources, merged);
    }

    /**
     * A per-task setting, {@code chard.task."<task name>".<setting>} (MicroProfile Config's quoted form; the unquoted
     * {@code chard.task.<task name>.<setting>} is read too), from the same sources as every key.
     *
     * @return the value, where it came from and the key it was found under; empty when not set
     */
    public Optional<Setting> taskSetting(String taskName, String setting) {
        for (String key : List.of("chard.task.\"" + taskName + "\"." + setting, "chard.task." + taskName + "." + setting)) {
            ConfigSources.Found f = sources.lookup(ConfigSources.Name.of(key));
            if (f != null) {
                return Optional.of(new Setting(f.value(), f.from(), key));
            }
        }
        return Optional.empty();
    }

    /** A value found for a key that is not a {@link ConfigKey}. */
    public record Setting(String value, String from, String key) {
    }

    /** The value as written (or the default); null when unset with no default. */
    public String raw(ConfigKey key) {
        return raw.get(key);
    }

    public RedisUrl brokerUrl() {
        return (RedisUrl) values.get(ConfigKey.BROKER_URL);
    }

    public Optional<RedisUrl> backendUrl() {
        return Optional.ofNullable((RedisUrl) values.get(ConfigKey.BACKEND_URL));
    }

    public String keyPrefix() {
        return (String) values.get(ConfigKey.KEY_PREFIX);
    }

    public String defaultQueue() {
        return (String) values.get(ConfigKey.DEFAULT_QUEUE);
    }

    public Duration resultExpires() {
        return duration(ConfigKey.RESULT_EXPIRES);
    }

    public Duration resultFallbackInterval() {
        return duration(ConfigKey.RESULT_FALLBACK_INTERVAL);
    }

    public boolean trackStarted() {
        return (Boolean) values.get(ConfigKey.TRACK_STARTED);
    }

    public Duration redisTimeout() {
        return duration(ConfigKey.REDIS_TIMEOUT);
    }

    public int redisPoolSize() {
        return (Integer) values.get(ConfigKey.REDIS_POOL_SIZE);
    }

    public int messageMaxSize() {
        return (Integer) values.get(ConfigKey.MESSAGE_MAX_SIZE);
    }

    public int workerConcurrency() {
        Integer c = (Integer) values.get(ConfigKey.WORKER_CONCURRENCY);
        return c != null ? c : Runtime.getRuntime().availableProcessors();
    }

    @SuppressWarnings("unchecked")
    public List<String> workerQueues() {
        List<String> q = (List<String>) values.get(ConfigKey.WORKER_QUEUES);
        return q != null ? q : List.of(defaultQueue());
    }

    public String workerName() {
        String n = (String) values.get(ConfigKey.WORKER_NAME);
        return n != null ? n : "chard@" + HostName.get();
    }

    public Duration heartbeatInterval() {
        return duration(ConfigKey.WORKER_HEARTBEAT_INTERVAL);
    }

    public Duration heartbeatTimeout() {
        return duration(ConfigKey.WORKER_HEARTBEAT_TIMEOUT);
    }

    public Duration pollInterval() {
        return duration(ConfigKey.WORKER_POLL_INTERVAL);
    }

    public Duration prefetchWindow() {
        return duration(ConfigKey.WORKER_PREFETCH_WINDOW);
    }

    public Duration shutdownTimeout() {
        return duration(ConfigKey.WORKER_SHUTDOWN_TIMEOUT);
    }

    public int maxDeliveries() {
        return (Integer) values.get(ConfigKey.WORKER_MAX_DELIVERIES);
    }

    public int deadLetterMax() {
        return (Integer) values.get(ConfigKey.DEAD_LETTER_MAX);
    }

    /**
     * Whether a task sent inside an active JTA transaction waits for its commit ({@code chard.send.transactional=after-commit},
     * the default) rather than going to the broker at once ({@code immediate}).
     */
    public boolean sendAfterCommit() {
        return "after-commit".equals(values.get(ConfigKey.SEND_TRANSACTIONAL));
    }

    private Duration duration(ConfigKey key) {
        return (Duration) values.get(key);
    }

    private static Object parse(ConfigKey key, String value, String from) {
        switch (key.kind()) {
            case REDIS_URL: {
                String[] why = new String[1];
                RedisUrl url = RedisUrl.parse(value, why);
                if (url == null) {
                    throw ConfigErrors.malformed(key, value, from, why[0] + "; expected redis://[[user]:password@]host[:port][/db]");
                }
                return url;
            }
            case DURATION: {
                Duration d = Durations.parse(value);
                if (d == null || d.isNegative() || d.isZero()) {
                    throw ConfigErrors.malformed(key, value, from, "expected a positive duration such as 500ms, 30s, 5m, 2h, 1d or PT30S");
                }
                return d;
            }
            case DURATION_OR_ZERO: {
                Duration d = value.trim().equals("0") ? Duration.ZERO : Durations.parse(value);
                if (d == null || d.isNegative()) {
                    throw ConfigErrors.malformed(key, value, from, "expected 0 or a duration such as 5ms, 500ms or PT0.01S");
                }
                return d;
            }
            case BOOLEAN:
                if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
                    return Boolean.valueOf(value.toLowerCase(java.util.Locale.ROOT));
                }
                throw ConfigErrors.malformed(key, value, from, "expected true or false");
            case POSITIVE_INT:
                try {
                    int n = Integer.parseInt(value.trim());
                    if (n > 0) {
                        return n;
                    }
                } catch (NumberFormatException e) {
                    // reported below
                }
                throw ConfigErrors.malformed(key, value, from, "expected a whole number greater than 0");
            case SEND_MODE: {
                String mode = value.trim().toLowerCase(java.util.Locale.ROOT);
                if (mode.equals("after-commit") || mode.equals("immediate")) {
                    return mode;
                }
                throw ConfigErrors.malformed(key, value, from, "expected after-commit or immediate");
            }
            case LIST: {
                List<String> items = Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
                if (items.isEmpty() || !items.stream().allMatch(s -> NAME.matcher(s).matches())) {
                    throw ConfigErrors.malformed(key, value, from, "expected comma-separated names of letters, digits, '.', '_', '-', '@', '#'");
                }
                return items;
            }
            default:
                if (!NAME.matcher(value).matches()) {
                    throw ConfigErrors.malformed(key, value, from, "expected letters, digits, '.', '_', '-', '@' or '#' only");
                }
                return value;
        }
    }
}
