package dev.chard.api;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a CDI bean (or every public method of a bean class) as a task. Called inside the
 * application, the method does not run: the call is sent to the broker and an {@link AsyncResult} is returned
 * at once. A worker ({@code chard-worker.jar}) that boots the same archive runs the real method.
 *
 * <p>A task method returns {@link AsyncResult}, {@link java.util.concurrent.CompletionStage},
 * {@link java.util.concurrent.CompletableFuture}, {@link java.util.concurrent.Future} or {@code void}; anything
 * else fails the deployment. Its parameters must be types JSON-B can write and read back.
 *
 * <p>Every member is {@link Nonbinding}: this annotation is also the interceptor binding, and a binding member
 * would make {@code @AsyncTask(name = "x")} silently stop matching the interceptor.
 */
@InterceptorBinding
@Inherited
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface AsyncTask {

    /** The task name used on the wire; default: the declaring class's name + "." + the method name. */
    @Nonbinding String name() default "";

    /** The queue the task is sent to; default: the configured {@code chard.queue.default}. */
    @Nonbinding String queue() default "";

    /**
     * Default priority, 0 (lowest) to 9 (highest), as in JMS; {@link TaskOptions#DEFAULT_PRIORITY} when unset.
     * A per-call {@link TaskOptions#priority(int)} wins.
     */
    @Nonbinding int priority() default -1;
}
