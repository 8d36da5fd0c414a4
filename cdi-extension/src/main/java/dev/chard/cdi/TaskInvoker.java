package dev.chard.cdi;

import dev.chard.engine.registry.TaskDescriptor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;

import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs a task method on its bean for the worker: through the bean's contextual reference, so the application's
 * other interceptors and decorators apply, with a {@link WorkerInvocation} claim so that Chard's interceptor proceeds.
 */
@ApplicationScoped
public class TaskInvoker {

    private final Map<Class<?>, Bean<?>> beans = new ConcurrentHashMap<>();

    @Inject
    BeanManager beanManager;

    @Inject
    WorkerInvocation invocation;

    /**
     * Invokes {@code task} with {@code args}; returns what the method returned (an AsyncResult, CompletionStage,
     * Future, or null for void) and throws what it threw.
     */
    public Object invoke(TaskDescriptor task, Object[] args) throws Throwable {
        Bean<?> bean = beans.computeIfAbsent(task.beanClass(), this::resolve);
        CreationalContext<?> cc = beanManager.createCreationalContext(bean);
        try {
            Object reference = beanManager.getReference(bean, task.beanClass(), cc);
            if (!task.method().canAccess(reference)) {
                task.method().setAccessible(true);
            }
            invocation.claimFor(task);
            return task.method().invoke(reference, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        } finally {
            invocation.release();
            if (Dependent.class.equals(bean.getScope())) {
                cc.release();
            }
        }
    }

    private Bean<?> resolve(Class<?> beanClass) {
        return beanManager.getBeans(Object.class, Any.Literal.INSTANCE).stream()
                .filter(b -> b.getBeanClass() == beanClass && b.getTypes().contains(beanClass))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no bean of class " + beanClass.getName() + " for its tasks"));
    }
}
