package dev.chard.engine.client;

import dev.chard.api.TaskOptions;

/**
 * The options of {@code TaskClient.withOptions(options, call)}, waiting on the calling thread for the first task
 * call inside {@code call} to take them. A thread-local by nature: the typed call has no other channel for them.
 */
public final class PendingOptions {

    private static final ThreadLocal<TaskOptions> PENDING = new ThreadLocal<>();

    private PendingOptions() {
    }

    /** The waiting options, removed so that only one call uses them; {@link TaskOptions#defaults()} when none wait. */
    public static TaskOptions take() {
        TaskOptions o = PENDING.get();
        if (o == null) {
            return TaskOptions.defaults();
        }
        PENDING.remove();
        return o;
    }

    static TaskOptions swap(TaskOptions next) {
        TaskOptions previous = PENDING.get();
        if (next == null) {
            PENDING.remove();
        } else {
            PENDING.set(next);
        }
        return previous;
    }

    static boolean waiting() {
        return PENDING.get() != null;
    }
}
