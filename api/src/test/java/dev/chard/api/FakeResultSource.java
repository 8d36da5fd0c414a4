package dev.chard.api;

import dev.chard.api.spi.ResultSource;
import dev.chard.api.spi.TaskSnapshot;

import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** A result backend in memory: tests set snapshots, count reads and fire (or withhold) watch callbacks. */
final class FakeResultSource implements ResultSource {

    private final Map<String, TaskSnapshot> records = new ConcurrentHashMap<>();
    private final Map<String, List<Consumer<TaskSnapshot>>> watchers = new ConcurrentHashMap<>();
    final AtomicInteger reads = new AtomicInteger();
    /** Of {@link #reads}, those made through {@link #readIfReady}. */
    final AtomicInteger readinessReads = new AtomicInteger();
    final AtomicInteger watches = new AtomicInteger();
    /** While set, every read throws it (the backend is down). */
    volatile RuntimeException failReads;
    private final Duration fallback;

    FakeResultSource(Duration fallback) {
        this.fallback = fallback;
    }

    /** Changes the stored record without notifying anyone (a lost notification). */
    void store(TaskSnapshot s) {
        records.put(s.taskId(), s);
    }

    /** Calls every watcher of {@code s.taskId()} once, as the notifier does. */
    void notifyWatchers(TaskSnapshot s) {
        List<Consumer<TaskSnapshot>> ws = watchers.remove(s.taskId());
        if (ws != null) {
            ws.forEach(w -> w.accept(s));
        }
    }

    boolean isWatched(String id) {
        return watchers.containsKey(id);
    }

    @Override
    public TaskSnapshot read(String taskId, Type resultType) {
        reads.incrementAndGet();
        RuntimeException down = failReads;
        if (down != null) {
            throw down;
        }
        return records.getOrDefault(taskId, TaskSnapshot.unknown(taskId));
    }

    @Override
    public TaskSnapshot readIfReady(String taskId, Type resultType) {
        readinessReads.incrementAndGet();
        return read(taskId, resultType);
    }

    @Override
    public void watch(String taskId, Type resultType, Consumer<TaskSnapshot> onReady) {
        watches.incrementAndGet();
        watchers.computeIfAbsent(taskId, k -> new CopyOnWriteArrayList<>()).add(onReady);
    }

    @Override
    public Duration fallbackInterval() {
        return fallback;
    }

    static TaskSnapshot pending(String id) {
        return new TaskSnapshot(id, TaskState.PENDING, null, null, null, null, null);
    }

    static TaskSnapshot started(String id) {
        return new TaskSnapshot(id, TaskState.STARTED, null, null, null, "w1", null);
    }

    static TaskSnapshot success(String id, Object value) {
        return new TaskSnapshot(id, TaskState.SUCCESS, value, null, null, "w1", Instant.parse("2030-01-01T00:00:00Z"));
    }

    static TaskSnapshot failure(String id, String traceback) {
        TaskFailedException f = new TaskFailedException("CHARD-03004", id, "java.lang.ArithmeticException", "/ by zero", traceback);
        return new TaskSnapshot(id, TaskState.FAILURE, null, f, traceback, "w1", Instant.parse("2030-01-01T00:00:00Z"));
    }
}
