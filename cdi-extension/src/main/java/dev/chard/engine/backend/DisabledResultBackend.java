package dev.chard.engine.backend;

import dev.chard.engine.errors.ClientErrors;

import java.util.Optional;
import java.util.function.Consumer;

/** Results are off ({@code chard.backend.url} unset): writes are dropped, reads raise CHARD-03002 naming the key. */
final class DisabledResultBackend implements ResultBackend, ResultNotifier {

    static final DisabledResultBackend INSTANCE = new DisabledResultBackend();

    private DisabledResultBackend() {
    }

    @Override
    public boolean enabled() {
        return false;
    }

    @Override
    public boolean store(ResultRecord record) {
        return false;
    }

    @Override
    public Optional<ResultRecord> read(String taskId) {
        throw ClientErrors.resultsDisabled(taskId);
    }

    @Override
    public void forget(java.util.List<String> taskIds) {
        // nothing is kept
    }

    @Override
    public ResultNotifier notifier() {
        return this;
    }

    @Override
    public void watch(String taskId, Consumer<ResultRecord> onReady) {
        throw ClientErrors.resultsDisabled(taskId);
    }

    @Override
    public int watching() {
        return 0;
    }

    @Override
    public void close() {
        // nothing was opened
    }
}
