package dev.chard.engine.backend;

import java.util.function.Consumer;

/**
 * One subscription per process to the results channel. Listeners registered for an id are called once, from the
 * notifier's thread, with the first ready record seen for it (by notification, or by the periodic re-read of
 * watched ids that covers missed messages), then forgotten.
 */
public interface ResultNotifier extends AutoCloseable {

    /** Calls {@code onReady} once when {@code taskId} is ready; at once (on the notifier thread) if it already is. */
    void watch(String taskId, Consumer<ResultRecord> onReady);

    /** How many ids are being watched (for tests and metrics). */
    int watching();

    @Override
    void close();
}
