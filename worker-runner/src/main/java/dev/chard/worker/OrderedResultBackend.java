package dev.chard.worker;

import java.util.List;
import java.util.Optional;

import dev.chard.engine.backend.ResultBackend;
import dev.chard.engine.backend.ResultNotifier;
import dev.chard.engine.backend.ResultRecord;

/**
 * The result backend as a running task sees it: a record the task writes itself (a state update) first waits until
 * the {@link Completions} outbox holds nothing unwritten for that task, so a STARTED queued before it cannot land
 * after it and hide it. Thread-safe; closing it leaves the engine's backend open.
 */
final class OrderedResultBackend implements ResultBackend {

    private final ResultBackend backend;
    private final Completions completions;

    OrderedResultBackend(ResultBackend backend, Completions completions) {
        this.backend = backend;
        this.completions = completions;
    }

    @Override
    public boolean enabled() {
        return backend.enabled();
    }

    @Override
    public boolean store(ResultRecord record) {
        completions.settle(record.id());
        return backend.store(record);
    }

    @Override
    public void storeAll(List<ResultRecord> records) {
        for (ResultRecord r : records) {
            completions.settle(r.id());
        }
        backend.storeAll(records);
    }

    @Override
    public Optional<ResultRecord> read(String taskId) {
        return backend.read(taskId);
    }

    @Override
    public void forget(List<String> taskIds) {
        backend.forget(taskIds);
    }

    @Override
    public ResultNotifier notifier() {
        return backend.notifier();
    }

    @Override
    public void close() {
        // the engine owns the backend and closes it
    }
}
