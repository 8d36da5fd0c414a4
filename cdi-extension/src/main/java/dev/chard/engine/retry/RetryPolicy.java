package dev.chard.engine.retry;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * When and how a task is retried: Celery's {@code max_retries}, {@code default_retry_delay}, {@code autoretry_for},
 * {@code retry_backoff}, {@code retry_backoff_max} and {@code retry_jitter}, with the same arithmetic. Immutable.
 *
 * @param maxRetries       retries allowed (not runs); {@link #FOREVER} for no limit
 * @param retryDelay       the delay when there is no backoff and the call gives none
 * @param backoffFactor    null for no backoff; else the n-th retry waits {@code min(backoffMax, factor * 2^n)}
 * @param backoffMax       the cap of the backoff
 * @param jitter           full jitter: the backoff delay is drawn uniformly from {@code [0, delay]}
 * @param autoretryFor     exception types that retry automatically
 * @param dontAutoretryFor exception types that never do, even when they match {@code autoretryFor}
 */
public record RetryPolicy(int maxRetries, Duration retryDelay, Duration backoffFactor, Duration backoffMax, boolean jitter,
                          List<Class<? extends Throwable>> autoretryFor, List<Class<? extends Throwable>> dontAutoretryFor) {

    public static final int FOREVER = -1;

    /** Celery's defaults: 3 retries, 180 s apart, no backoff (600 s cap when turned on), jitter on, no automatic retry. */
    public static final RetryPolicy DEFAULTS = new RetryPolicy(3, Duration.ofSeconds(180), null, Duration.ofSeconds(600), true,
            List.of(), List.of());

    public RetryPolicy {
        Objects.requireNonNull(retryDelay, "retryDelay");
        Objects.requireNonNull(backoffMax, "backoffMax");
        if (maxRetries < FOREVER) {
            throw new IllegalArgumentException("maxRetries must be -1 (for ever) or more, was " + maxRetries);
        }
        autoretryFor = List.copyOf(autoretryFor);
        dontAutoretryFor = List.copyOf(dontAutoretryFor);
    }

    /** True when {@code retriesSoFar} retries use up {@code limit} ({@link #FOREVER} never is). */
    public static boolean exhausted(int retriesSoFar, int limit) {
        return limit != FOREVER && retriesSoFar >= limit;
    }

    public boolean exhausted(int retriesSoFar) {
        return exhausted(retriesSoFar, maxRetries);
    }

    /** Whether a task that threw {@code t} is retried automatically (retries permitting). */
    public boolean autoretries(Throwable t) {
        return autoretryFor.stream().anyMatch(c -> c.isInstance(t)) && dontAutoretryFor.stream().noneMatch(c -> c.isInstance(t));
    }

    /** The delay before the retry that follows {@code retriesSoFar} retries, when the call names none. */
    public Duration delayFor(int retriesSoFar, RandomGenerator random) {
        if (backoffFactor == null) {
            return retryDelay;
        }
        long capMs = backoffMax.toMillis();
        long factorMs = backoffFactor.toMillis();
        // factor * 2^n, without overflow: past 62 doublings (or once over the cap) the cap wins
        long delayMs = factorMs == 0 ? 0 // 0 * 2^n is 0 at every n, not the cap once n passes 62
                : retriesSoFar >= 62 || factorMs > (capMs >> Math.min(retriesSoFar, 62)) ? capMs
                : Math.min(capMs, factorMs << retriesSoFar);
        if (jitter) {
            delayMs = delayMs == 0 ? 0 : random.nextLong(delayMs + 1); // uniform in [0, delay], Celery's full jitter
        }
        return Duration.ofMillis(delayMs);
    }
}
