package dev.chard.cdi;

import dev.chard.engine.registry.TaskDescriptor;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one thing that tells the interceptor to proceed instead of enqueuing: the worker {@link #claimFor claims} a task
 * on its thread just before invoking the bean, and the interceptor {@link #claim consumes} that claim once. Any
 * other call, including a task calling itself or another task from its body, finds no claim and enqueues.
 */
@ApplicationScoped
public class WorkerInvocation {

    private final ThreadLocal<TaskDescriptor> claims = new ThreadLocal<>();

    /** The next interception of {@code task} on this thread proceeds. */
    public void claimFor(TaskDescriptor task) {
        claims.set(task);
    }

    /** Consumes the claim if it is for {@code task}; true when the call must proceed. */
    public boolean claim(TaskDescriptor task) {
        if (claims.get() == task) {
            claims.remove();
            return true;
        }
        return false;
    }

    /** Drops an unconsumed claim (the bean threw before reaching the interceptor). */
    public void release() {
        claims.remove();
    }
}
