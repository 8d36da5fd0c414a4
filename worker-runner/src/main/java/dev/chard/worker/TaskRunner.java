package dev.chard.worker;

import dev.chard.engine.registry.TaskDescriptor;

/**
 * Runs one task method with bound arguments and returns what it returned, or throws what it threw. In the worker
 * this is the CDI TaskInvoker inside a request context; a plain function in tests.
 */
@FunctionalInterface
public interface TaskRunner {
    Object run(TaskDescriptor task, Object[] args) throws Throwable;
}
