package dev.chard.it;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What {@link ChardCluster} starts for one test class: a private redis-server, and {@link #workers()} worker
 * processes named {@code w1}, {@code w2}, ... running the test application.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ChardSetup {

    /** How many worker processes to start (0 for none). */
    int workers() default 1;

    /** Whether a result backend is configured (db 1 of the same server), in this JVM and in the workers. */
    boolean backend() default true;

    /** Concurrency of each worker ({@code -c}). */
    int concurrency() default 4;

    /** Extra {@code key=value} configuration for the workers only (e.g. {@code chard.worker.heartbeat-timeout=2s}). */
    String[] workerConfig() default {};

    /** Extra {@code key=value} configuration for this JVM's client only (system properties while the class runs). */
    String[] clientConfig() default {};
}
