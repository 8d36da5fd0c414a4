package dev.chard.engine.config;

/**
 * Every configuration key, in one place, with its default and one sentence of description.
 * {@code docs/configuration.md} lists the same keys; {@code ConfigurationDocTest} checks that the two agree.
 * The environment-variable form of a key is its upper-cased name with dots and dashes as underscores
 * ({@code chard.broker.url} → {@code CHARD_BROKER_URL}).
 */
public enum ConfigKey {
    BROKER_URL("chard.broker.url", "redis://localhost:6379/0", Kind.REDIS_URL,
            "Redis URL of the broker: redis://[[user]:password@]host[:port][/db], or rediss:// for TLS."),
    BACKEND_URL("chard.backend.url", null, Kind.REDIS_URL,
            "Redis URL of the result backend; unset means results are off and asking for one raises CHARD-03002."),
    KEY_PREFIX("chard.key-prefix", "chard", Kind.NAME,
            "Prefix of every Redis key and channel Chard writes."),
    DEFAULT_QUEUE("chard.queue.default", "default", Kind.NAME,
            "Queue of tasks that name none in @AsyncTask or in their call options."),
    RESULT_EXPIRES("chard.result.expires", "1d", Kind.DURATION,
            "How long a result record is kept (Celery's result_expires); refreshed at every state change."),
    RESULT_FALLBACK_INTERVAL("chard.result.fallback-interval", "1s", Kind.DURATION,
            "How long a caller waiting in AsyncResult.get() sleeps at most before reading the record again."),
    TRACK_STARTED("chard.task.track-started", "true", Kind.BOOLEAN,
            "Whether the worker records STARTED when it begins a task (written with other completions in one batched"
            + " write; skipped for a task that ends before it was written)."),
    REDIS_TIMEOUT("chard.redis.timeout", "2s", Kind.DURATION,
            "Connect and read timeout of every Redis command except blocking waits; a send fails after it."),
    REDIS_POOL_SIZE("chard.redis.pool-size", "16", Kind.POSITIVE_INT,
            "Maximum connections of each Redis connection pool (broker, backend) per process."),
    MESSAGE_MAX_SIZE("chard.message.max-size", "1048576", Kind.POSITIVE_INT,
            "Largest encoded task message, in bytes; a larger send fails at the call site."),
    WORKER_CONCURRENCY("chard.worker.concurrency", null, Kind.POSITIVE_INT,
            "Tasks a worker runs at once (-c); default: the number of CPUs."),
    WORKER_QUEUES("chard.worker.queues", null, Kind.LIST,
            "Comma-separated queues a worker consumes (-Q); default: chard.queue.default."),
    WORKER_NAME("chard.worker.name", null, Kind.NAME,
            "Worker name shown in logs and results (-n); default: chard@<host name>."),
    WORKER_HEARTBEAT_INTERVAL("chard.worker.heartbeat-interval", "1s", Kind.DURATION,
            "How often a worker proves it is alive and reclaims the work of dead workers."),
    WORKER_HEARTBEAT_TIMEOUT("chard.worker.heartbeat-timeout", "4s", Kind.DURATION,
            "Silence after which a worker counts as dead and its in-flight tasks are run elsewhere; at least twice"
            + " chard.worker.heartbeat-interval."),
    WORKER_POLL_INTERVAL("chard.worker.poll-interval", "1s", Kind.DURATION,
            "Longest an idle worker blocks waiting for a wake-up before it looks at its queues again."),
    WORKER_PREFETCH_WINDOW("chard.worker.prefetch-window", "10ms", Kind.DURATION_OR_ZERO,
            "Work, in time, a worker reserves beyond its free threads: as many extra ready tasks as its threads finish in this window at their recent mean duration (at most 64); 0 reserves only what it can start now."),
    WORKER_SHUTDOWN_TIMEOUT("chard.worker.shutdown-timeout", "30s", Kind.DURATION,
            "How long a stopping worker lets running tasks finish before it hands them back to the queue."),
    WORKER_MAX_DELIVERIES("chard.worker.max-deliveries", "5", Kind.POSITIVE_INT,
            "Deliveries after which a message that never got acked (it keeps killing workers) is dead-lettered."),
    DEAD_LETTER_MAX("chard.dead-letter.max", "10000", Kind.POSITIVE_INT,
            "Dead letters kept per queue; the oldest are dropped past it."),
    SEND_TRANSACTIONAL("chard.send.transactional", "after-commit", Kind.SEND_MODE,
            "Inside an active JTA transaction, after-commit sends a task only once the transaction commits (and drops it on rollback); immediate sends it at once.");

    /** How a key's value is parsed and checked. */
    public enum Kind {
        REDIS_URL, NAME, DURATION, BOOLEAN, POSITIVE_INT, LIST,
        /** A duration, or 0 for "off". */
        DURATION_OR_ZERO,
        /** {@code after-commit} or {@code immediate}. */
        SEND_MODE
    }

    private final String key;
    private final String defaultValue;
    private final Kind kind;
    private final String description;

    ConfigKey(String key, String defaultValue, Kind kind, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.kind = kind;
        this.description = description;
    }

    /** The property name, e.g. {@code chard.broker.url}. */
    public String key() {
        return key;
    }

    /** The default as written in the docs; null when the key has no default (see the description). */
    public String defaultValue() {
        return defaultValue;
    }

    public Kind kind() {
        return kind;
    }

    public String description() {
        return description;
    }

    /** The environment-variable form: {@code CHARD_BROKER_URL}. */
    public String envName() {
        return key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
