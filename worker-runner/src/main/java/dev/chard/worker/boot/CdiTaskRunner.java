package dev.chard.worker.boot;

import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.inject.Instance;

import dev.chard.cdi.TaskInvoker;
import dev.chard.engine.registry.TaskDescriptor;
import dev.chard.worker.TaskRunner;

/**
 * Runs a task through the extension's {@link TaskInvoker} inside a request context of its own, so that a task bean
 * may use {@code @RequestScoped} beans as it would in a server request or an EJB call; the context ends with the
 * task (CDI 4.0 §6.7.1: RequestContextController is a built-in bean, safe to use from any thread).
 */
public final class CdiTaskRunner implements TaskRunner {

    private final TaskInvoker invoker;
    /**
     * One controller per pool thread, reused task after task: resolving and destroying a dependent controller for every
     * task cost 10 % of the worker's CPU in the benchmark's profile (docs/benchmarks.md). Each task still gets a context
     * of its own: it is activated before the task and deactivated (its beans destroyed) after it.
     */
    private final ThreadLocal<RequestContextController> controller;

    public CdiTaskRunner(WeldBoot weld) {
        this.invoker = weld.select(TaskInvoker.class).get();
        Instance<RequestContextController> controllers = weld.select(RequestContextController.class);
        this.controller = ThreadLocal.withInitial(controllers::get);
    }

    @Override
    public Object run(TaskDescriptor task, Object[] args) throws Throwable {
        RequestContextController ctl = controller.get();
        boolean activated = ctl.activate();
        try {
            return invoker.invoke(task, args);
        } finally {
            if (activated) {
                ctl.deactivate();
            }
        }
    }
}
