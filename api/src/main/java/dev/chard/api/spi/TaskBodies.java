package dev.chard.api.spi;

import java.util.concurrent.Callable;

/**
 * Marks the thread on which Chard runs a task method's body, so that {@link dev.chard.api.AsyncResult#completed} and
 * {@link dev.chard.api.AsyncResult#failedWith} can tell a body a worker runs from one that ran in the caller because
 * the call was never intercepted (chard-cdi-extension missing, or a bean CDI did not create): that call was not sent,
 * and {@code completed} says so (CHARD-03021) instead of handing back a result that looks like a finished task.
 *
 * <p>Chard's interceptor runs the body of every task a worker executes through {@link #run}. A unit test that calls a
 * task bean's method directly, to test its body without a worker, does the same:
 * {@code TaskBodies.run(() -> new MathTasks().add(4, 5)).get()}. Thread-safe: the mark is per thread.
 */
public final class TaskBodies {

    private static final ThreadLocal<Boolean> RUNNING = new ThreadLocal<>();

    private TaskBodies() {
    }

    /** Runs {@code body} as a task body on this thread: {@code AsyncResult.completed} and {@code failedWith} may be used in it. */
    public static <T> T run(Callable<T> body) throws Exception {
        Boolean before = RUNNING.get();
        RUNNING.set(Boolean.TRUE);
        try {
            return body.call();
        } finally {
            if (before == null) {
                RUNNING.remove();
            } else {
                RUNNING.set(before);
            }
        }
    }

    /** Whether this thread is running a task body through {@link #run}. */
    public static boolean running() {
        return RUNNING.get() != null;
    }
}
