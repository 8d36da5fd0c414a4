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

    /** {@link #maxRetries()} value that retries for ever. */
    int RETRY_FOREVER = -1;

    /**
     * How many times the task may be retried, by {@link TaskInstance#retry} or automatically; counts retries, not
     * runs (Celery's {@code max_retries}): 3 means up to 4 runs. {@link #RETRY_FOREVER} for no limit.
     * Override: {@code chard.task."<name>".max-retries}.
     */
    @Nonbinding int maxRetries() default 3;

    /**
     * Delay before a retry when neither the call nor a backoff gives one, as {@code 180s}, {@code 5m} or ISO-8601
     * (Celery's {@code default_retry_delay}). Override: {@code chard.task."<name>".retry-delay}.
     */
    @Nonbinding String retryDelay() default "180s";

    /** Exceptions (and their subclasses) that retry the task automatically (Celery's {@code autoretry_for}). */
    @Nonbinding Class<? extends Throwable>[] autoretryFor() default {};

    /** Exceptions that never retry automatically, even if they match {@link #autoretryFor()}. */
    @Nonbinding Class<? extends Throwable>[] dontAutoretryFor() default {};

    /**
     * Exponential backoff for retries that name no countdown (automatic ones, and {@code retry(exc)}): empty for none,
     * else the factor (Celery's {@code retry_backoff}; Celery's {@code True} is {@code "1s"}). After n retries the next
     * waits {@code min(retryBackoffMax, factor * 2^n)}: the first waits one factor.
     * Override: {@code chard.task."<name>".retry-backoff}.
     */
    @Nonbinding String retryBackoff() default "";

    /** Cap of the backoff (Celery's {@code retry_backoff_max}, 600 s). Override: {@code chard.task."<name>".retry-backoff-max}. */
    @Nonbinding String retryBackoffMax() default "600s";

    /**
     * Full jitter on backoff delays: each is drawn uniformly from {@code [0, delay]} (Celery's {@code retry_jitter}),
     * so retries of many failed tasks do not arrive together. Override: {@code chard.task."<name>".retry-jitter}.
     */
    @Nonbinding boolean retryJitter() default true;

    /** Record no state at all for this task (Celery's {@code ignore_result}): its id stays UNKNOWN. */
    @Nonbinding boolean ignoreResult() default false;

    /** How long this task's result is kept, e.g. {@code 1h}; empty for {@code chard.result.expires}. */
    @Nonbinding String resultExpires() default "";
}
