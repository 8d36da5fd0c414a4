package dev.chard.cdi;

import dev.chard.api.AsyncResult;
import dev.chard.api.AsyncTask;
import dev.chard.api.ChardException;
import dev.chard.api.spi.TaskBodies;
import dev.chard.engine.client.PendingOptions;
import dev.chard.engine.registry.ReturnKind;
import dev.chard.engine.registry.TaskDescriptor;
import dev.chard.engine.registry.TaskMethods;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Map;

/**
 * Turns a call of an {@code @AsyncTask} method into a message and returns its {@link AsyncResult} at once; inside the
 * worker running that very task it proceeds. Enabled for the whole application by its priority (no beans.xml).
 * It runs early (LIBRARY_BEFORE), so the application's own interceptors run on the worker, around the real call.
 */
@AsyncTask
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE + 100)
public class AsyncTaskInterceptor {

    @Inject
    ChardRuntime runtime;

    @Inject
    WorkerInvocation invocation;

    @AroundInvoke
    Object intercept(InvocationContext ctx) throws Exception {
        if (!Modifier.isPublic(ctx.getMethod().getModifiers()) && !ctx.getMethod().isAnnotationPresent(AsyncTask.class)) {
            return ctx.proceed(); // a protected or package-private helper of a class-level @AsyncTask bean: not a task
        }
        TaskDescriptor task = runtime.registry().byMethod(ctx.getMethod()).orElseThrow(() -> new ChardException("CHARD-03012",
                TaskMethods.display(ctx.getMethod()) + " was intercepted as a task but is not in the task registry"));
        if (invocation.claim(task)) {
            return TaskBodies.run(ctx::proceed); // the body may return AsyncResult.completed(...): a worker runs it
        }
        return enqueue(task, ctx.getParameters());
    }

    private Object enqueue(TaskDescriptor task, Object[] args) {
        AsyncResult<Object> result = runtime.engine().sender().send(task, task.name(), Arrays.asList(args), Map.of(),
                PendingOptions.take(), task.resultType());
        return task.returnKind() == ReturnKind.VOID ? null : result;
    }
}
