package dev.chard.bench;

import java.util.List;

/**
 * One figure of the report: its machine name, unit, what it means, the target and the peers' figures on the
 * same machines (docs/benchmarks.md), as text.
 *
 * @param higherIsBetter for the "meets target" column
 * @param target         the number the target names, or NaN when the issue sets none
 */
record Figure(String name, String unit, String title, String targetText, double target, boolean higherIsBetter,
              String celery, String bullmq, String sidekiq) {

    static final Figure ENQUEUE_1 = new Figure("enqueue_1thread", "tasks/s", "enqueue, 1 producer thread, 1 call per task",
            "-", Double.NaN, true, "1,530", "3,979", "5,126");
    static final Figure ENQUEUE_16 = new Figure("enqueue_16threads", "tasks/s", "enqueue, 16 producer threads",
            ">= 60,000", 60_000, true, "-", "-", "-");
    static final Figure BULK = new Figure("bulk_enqueue", "tasks/s", "bulk enqueue (bulk-send API)",
            ">= 150,000", 150_000, true, "-", "17,969", "97,079");
    static final Figure E2E = new Figure("end_to_end_1thread", "tasks/s", "end to end, 1 producer thread, until the last result is stored",
            ">= 9,000", 9_000, true, "757", "3,646", "4,798");
    static final Figure E2E_COLD = new Figure("end_to_end_cold_worker", "tasks/s", "the same, a worker fresh from boot (JIT still compiling)",
            "-", Double.NaN, true, "-", "-", "-");
    static final Figure CAPACITY = new Figure("worker_capacity", "tasks/s", "one worker JVM draining a backlog",
            ">= 40,000", 40_000, true, "849", "11,421", "10,053");
    static final Figure RT_P50 = new Figure("roundtrip_p50", "ms", "round trip one at a time, p50",
            "<= 0.5", 0.5, false, "2.68", "1.26", "0.33");
    static final Figure RT_P99 = new Figure("roundtrip_p99", "ms", "round trip one at a time, p99",
            "<= 2", 2, false, "7.87", "5.65", "0.91");
    static final Figure RT_P999 = new Figure("roundtrip_p999", "ms", "round trip one at a time, p99.9",
            "-", Double.NaN, false, "-", "-", "-");
    static final Figure COMMANDS = new Figure("redis_commands_per_task", "commands", "Redis commands per task, end to end (Lua-internal included)",
            "<= 6", 6, false, "17", "38", "3");
    static final Figure REDIS_CPU = new Figure("redis_cpu_per_task", "us", "Redis CPU per task, end to end",
            "<= 20", 20, false, "312", "168", "67");
    static final Figure WORKER_CPU = new Figure("worker_cpu_per_task", "us", "worker CPU per task, end to end",
            "-", Double.NaN, false, "1,314", "158", "136");
    static final Figure WORKER_RSS = new Figure("worker_peak_rss", "MiB", "worker peak RSS (VmHWM), default settings",
            "<= 128", 128, false, "122", "93", "59");
    static final Figure HEAP_GROWTH = new Figure("worker_heap_growth", "MiB/min", "worker live heap (forced full GC), slope over the run",
            "flat (10 min)", Double.NaN, false, "-", "-", "-");
    static final Figure WORKER_CPU_COLD = new Figure("worker_cpu_per_task_cold", "us", "worker CPU per task, end to end, fresh from boot",
            "-", Double.NaN, false, "-", "-", "-");
    static final Figure REDIS_MEMORY = new Figure("redis_memory_per_queued_task", "bytes", "Redis memory per queued add(int,int) task",
            "<= 300", 300, false, "-", "-", "-");
    // evidence for the analysis, no target
    static final Figure ENQUEUE_COMMANDS = new Figure("enqueue_commands_per_task", "commands", "Redis commands per enqueue",
            "-", Double.NaN, false, "-", "-", "-");
    static final Figure ENQUEUE_REDIS_CPU = new Figure("enqueue_redis_cpu_per_task", "us", "Redis CPU per enqueue",
            "-", Double.NaN, false, "-", "-", "-");
    static final Figure PRODUCER_CPU = new Figure("producer_cpu_per_send", "us", "producer thread CPU per send (1 thread)",
            "-", Double.NaN, false, "-", "-", "-");
    static final Figure CAPACITY_WORKER_CPU = new Figure("capacity_worker_cpu_per_task", "us", "worker CPU per task, backlog drain",
            "-", Double.NaN, false, "-", "-", "-");
    static final Figure CAPACITY_REDIS_CPU = new Figure("capacity_redis_cpu_per_task", "us", "Redis CPU per task, backlog drain",
            "-", Double.NaN, false, "-", "-", "-");
    static final Figure CAPACITY_COMMANDS = new Figure("capacity_commands_per_task", "commands", "Redis commands per task, backlog drain",
            "-", Double.NaN, false, "-", "-", "-");
    static final Figure RT_COMMANDS = new Figure("roundtrip_commands_per_task", "commands", "Redis commands per task, round trip",
            "-", Double.NaN, false, "-", "-", "-");

    /** In report order. */
    static final List<Figure> ALL = List.of(ENQUEUE_1, ENQUEUE_16, BULK, E2E, E2E_COLD, CAPACITY, RT_P50, RT_P99, RT_P999, COMMANDS, REDIS_CPU,
            WORKER_CPU, WORKER_CPU_COLD, WORKER_RSS, HEAP_GROWTH, REDIS_MEMORY, ENQUEUE_COMMANDS, ENQUEUE_REDIS_CPU, PRODUCER_CPU, CAPACITY_WORKER_CPU,
            CAPACITY_REDIS_CPU, CAPACITY_COMMANDS, RT_COMMANDS);
}
