package dev.chard.worker;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.chard.engine.Engine;
import dev.chard.engine.config.ChardConfig;
import dev.chard.engine.registry.TaskDescriptor;

/**
 * The start-up banner, laid out like Celery's so that its readers find the same facts in the same places: the
 * worker, the app, the transport, the results, concurrency, queues, then the {@code [tasks]} list. Warnings about
 * the Redis server (eviction, persistence) are returned for logging, because an evicting or non-persistent Redis
 * can lose queued tasks, which the design otherwise guarantees never happens.
 */
public final class Banner {

    private Banner() {
    }

    /** Prints the banner to {@code out}. */
    public static void print(PrintStream out, Engine engine, WorkerIdentity me, String app, Map<String, String> redisInfo) {
        ChardConfig c = engine.config();
        String results = c.backendUrl().map(u -> u.redacted()).orElse("disabled");
        String nl = System.lineSeparator();
        StringBuilder b = new StringBuilder();
        b.append(" -------------- ").append(me.name()).append(" v").append(Version.get()).append(nl)
                .append("--- ***** ----- ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch"))
                .append(", Java ").append(Runtime.version()).append(nl)
                .append("-- ******* ---- ").append(nl)
                .append("- *** --- * --- [config]").append(nl)
                .append("- ** ---------- .> app:         ").append(app).append(nl)
                .append("- ** ---------- .> transport:   ").append(c.brokerUrl().redacted()).append(nl)
                .append("- ** ---------- .> results:     ").append(results).append(nl)
                .append("- ** ---------- .> concurrency: ").append(c.workerConcurrency()).append(" (threads)").append(nl)
                .append("- *** --- * --- .> queues:      ").append(String.join(", ", c.workerQueues())).append(nl)
                .append("-- ******* ---- .> redis:       ").append(redisInfo.getOrDefault("redis_version", "unknown")).append(nl)
                .append("--- ***** ----- .> instance:    ").append(me.instanceId()).append(nl)
                .append(" -------------- ").append(nl)
                .append(nl).append("[tasks]").append(nl);
        for (TaskDescriptor t : engine.registry().all()) {
            b.append("  . ").append(t.name()).append(nl);
        }
        if (engine.registry().size() == 0) {
            b.append("  (none: no @AsyncTask method in the archive)").append(nl);
        }
        out.print(b.append(nl));
        out.flush();
    }

    /** What to warn about in this Redis server's INFO. */
    public static List<String> redisWarnings(Map<String, String> info) {
        List<String> w = new ArrayList<>();
        String policy = info.get("maxmemory_policy");
        if (policy != null && !policy.equals("noeviction")) {
            w.add("Redis maxmemory-policy is " + policy + ": Redis may evict queued tasks; set maxmemory-policy noeviction");
        }
        boolean aof = "1".equals(info.get("aof_enabled"));
        // INFO does not show the RDB "save" schedule; the engine adds it as config_save (CONFIG GET save), absent
        // when CONFIG is denied
        String save = info.get("config_save");
        if (!aof && (save == null || save.isBlank())) {
            w.add("Redis persistence is off" + (save == null ? " or RDB-only (aof_enabled:0)" : "")
                    + ": queued tasks are lost if Redis restarts; enable appendonly yes");
        }
        return w;
    }
}
