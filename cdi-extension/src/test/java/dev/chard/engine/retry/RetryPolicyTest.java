package dev.chard.engine.retry;

import org.junit.jupiter.api.Test;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Celery's retry arithmetic: default delay, exponential backoff with a cap, full jitter, limits. */
class RetryPolicyTest {

    static final RandomGenerator RANDOM = new SplittableRandom(42);

    static RetryPolicy backoff(Duration factor, Duration max, boolean jitter) {
        return new RetryPolicy(3, Duration.ofSeconds(180), factor, max, jitter, List.of(), List.of());
    }

    @Test
    void withoutBackoffEveryRetryWaitsRetryDelay() {
        RetryPolicy p = new RetryPolicy(3, Duration.ofMillis(1_234), null, Duration.ofSeconds(600), true, List.of(), List.of());
        for (int n : new int[]{0, 1, 5, 100, Integer.MAX_VALUE}) {
            assertEquals(Duration.ofMillis(1_234), p.delayFor(n, RANDOM), "retry " + n + ": jitter applies to backoff only");
        }
        assertEquals(Duration.ofSeconds(180), RetryPolicy.DEFAULTS.delayFor(0, RANDOM), "Celery's default_retry_delay");
    }

    @Test
    void backoffIsFactorTimesTwoToTheNWithoutJitter() {
        RetryPolicy p = backoff(Duration.ofSeconds(1), Duration.ofSeconds(600), false);
        long[] expected = {1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000, 512_000};
        for (int n = 0; n < expected.length; n++) {
            assertEquals(Duration.ofMillis(expected[n]), p.delayFor(n, RANDOM), "retry " + n);
        }
        RetryPolicy odd = backoff(Duration.ofMillis(300), Duration.ofHours(1), false);
        assertEquals(Duration.ofMillis(300 * 8), odd.delayFor(3, RANDOM));
    }

    @Test
    void backoffIsCappedAtBackoffMax() {
        RetryPolicy p = backoff(Duration.ofSeconds(1), Duration.ofSeconds(600), false);
        assertEquals(Duration.ofSeconds(512), p.delayFor(9, RANDOM));
        assertEquals(Duration.ofSeconds(600), p.delayFor(10, RANDOM), "1024 s capped at 600 s");
        assertEquals(Duration.ofSeconds(600), p.delayFor(30, RANDOM));
        RetryPolicy exact = backoff(Duration.ofSeconds(75), Duration.ofSeconds(600), false);
        assertEquals(Duration.ofSeconds(600), exact.delayFor(3, RANDOM), "75 * 8 = 600 exactly: the cap itself");
        assertEquals(Duration.ofSeconds(600), exact.delayFor(4, RANDOM));
    }

    @Test
    void noOverflowForHugeRetryCountsOrFactors() {
        RetryPolicy p = backoff(Duration.ofSeconds(1), Duration.ofSeconds(600), false);
        for (int n : new int[]{40, 53, 61, 62, 63, 64, 100, 1_000, Integer.MAX_VALUE}) {
            assertEquals(Duration.ofSeconds(600), p.delayFor(n, RANDOM), "retry " + n);
        }
        RetryPolicy huge = backoff(Duration.ofDays(365 * 1000L), Duration.ofDays(365 * 2000L), false);
        assertEquals(Duration.ofDays(365 * 2000L), huge.delayFor(100, RANDOM));
        assertEquals(Duration.ofDays(365 * 2000L), huge.delayFor(1, RANDOM), "1000 y * 2 = the 2000 y cap");
        assertEquals(Duration.ofDays(365 * 2000L), huge.delayFor(2, RANDOM), "4000 y capped, no overflow");
    }

    @Test
    void aZeroFactorMeansNoWaitAtAnyRetryCount() {
        RetryPolicy p = backoff(Duration.ZERO, Duration.ofSeconds(600), false);
        for (int n : new int[]{0, 1, 61, 62, 100}) {
            assertEquals(Duration.ZERO, p.delayFor(n, RANDOM), "0 * 2^" + n + " is 0, not the cap");
        }
    }

    @Test
    void fullJitterStaysWithinZeroAndTheDelayAndVaries() {
        RetryPolicy p = backoff(Duration.ofSeconds(1), Duration.ofSeconds(600), true);
        for (int n : new int[]{0, 3, 20}) {
            long max = Math.min(600_000, 1_000L << Math.min(n, 20));
            Set<Long> seen = new HashSet<>();
            long sum = 0;
            int draws = 5_000;
            for (int i = 0; i < draws; i++) {
                long d = p.delayFor(n, RANDOM).toMillis();
                assertTrue(d >= 0 && d <= max, "retry " + n + ": " + d + " not in [0, " + max + "]");
                seen.add(d);
                sum += d;
            }
            assertTrue(seen.size() > 100, "retry " + n + ": jitter is not constant, " + seen.size() + " distinct values");
            double mean = (double) sum / draws;
            assertTrue(Math.abs(mean - max / 2.0) < max * 0.05, "retry " + n + ": uniform mean ~" + max / 2 + ", was " + mean);
        }
    }

    @Test
    void jitterOnAZeroDelayIsZero() {
        assertEquals(Duration.ZERO, backoff(Duration.ZERO, Duration.ofSeconds(600), true).delayFor(5, RANDOM));
    }

    @Test
    void exhaustedCountsRetriesAndMinusOneIsForever() {
        assertFalse(RetryPolicy.exhausted(0, 3));
        assertFalse(RetryPolicy.exhausted(2, 3));
        assertTrue(RetryPolicy.exhausted(3, 3), "3 retries done of 3: no more (4 runs)");
        assertTrue(RetryPolicy.exhausted(4, 3));
        assertTrue(RetryPolicy.exhausted(0, 0), "0: never retried");
        for (int n : new int[]{0, 1, 1_000, Integer.MAX_VALUE}) {
            assertFalse(RetryPolicy.exhausted(n, RetryPolicy.FOREVER), "-1 never: " + n);
        }
        RetryPolicy forever = new RetryPolicy(-1, Duration.ofSeconds(1), null, Duration.ofSeconds(600), true, List.of(), List.of());
        assertFalse(forever.exhausted(Integer.MAX_VALUE));
        assertTrue(RetryPolicy.DEFAULTS.exhausted(3));
        assertFalse(RetryPolicy.DEFAULTS.exhausted(2));
    }

    @Test
    void maxRetriesBelowMinusOneIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(-2, Duration.ofSeconds(1), null, Duration.ofSeconds(1), true, List.of(), List.of()));
    }

    @Test
    void autoretryMatchesSubclassesAndDontAutoretryWins() {
        RetryPolicy p = new RetryPolicy(3, Duration.ofSeconds(1), null, Duration.ofSeconds(600), true,
                List.of(IOException.class), List.of(FileNotFoundException.class));
        assertTrue(p.autoretries(new IOException()));
        assertTrue(p.autoretries(new java.net.SocketException()), "a subclass");
        assertFalse(p.autoretries(new FileNotFoundException()), "excluded");
        assertFalse(p.autoretries(new IllegalStateException()), "not listed");
        assertFalse(RetryPolicy.DEFAULTS.autoretries(new IOException()), "nothing retries automatically by default");
    }
}
