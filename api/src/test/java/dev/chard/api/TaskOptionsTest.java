package dev.chard.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Per-call options: validated when set, immutable, each method a copy. */
class TaskOptionsTest {

    private static final Instant LATER = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void defaultsHaveNothingSet() {
        TaskOptions d = TaskOptions.defaults();
        assertNull(d.taskId());
        assertNull(d.countdown());
        assertNull(d.eta());
        assertNull(d.expires());
        assertNull(d.queue());
        assertNull(d.priority());
    }

    @Test
    void countdownAfterEtaIsRejectedNamingBoth() {
        TaskOptions withEta = TaskOptions.defaults().eta(LATER);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> withEta.countdown(Duration.ofSeconds(1)));
        assertTrue(e.getMessage().startsWith("CHARD-03027: TaskOptions.countdown(PT1S)"), e.getMessage());
        assertTrue(e.getMessage().contains("countdown") && e.getMessage().contains("eta"), e.getMessage());
    }

    @Test
    void etaAfterCountdownIsRejectedNamingBoth() {
        TaskOptions withCountdown = TaskOptions.defaults().countdown(Duration.ofSeconds(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> withCountdown.eta(LATER));
        assertTrue(e.getMessage().startsWith("CHARD-03027: TaskOptions.eta("), e.getMessage());
        assertTrue(e.getMessage().contains("countdown") && e.getMessage().contains("eta"), e.getMessage());
    }

    @Test
    void aNegativeCountdownIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TaskOptions.defaults().countdown(Duration.ofMillis(-1)));
        assertEquals("CHARD-03027: TaskOptions.countdown(PT-0.001S): a countdown must not be negative", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 10, 12, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void aPriorityOutsideZeroToNineIsRejectedNamingTheValue(int p) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TaskOptions.defaults().priority(p));
        assertTrue(e.getMessage().startsWith("CHARD-03027: TaskOptions.priority(" + p + ")"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 4, 9})
    void aPriorityFromZeroToNineIsKept(int p) {
        assertEquals(p, TaskOptions.defaults().priority(p).priority());
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "\t"})
    void aBlankQueueIsRejected(String q) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TaskOptions.defaults().queue(q));
        assertTrue(e.getMessage().startsWith("CHARD-03027: TaskOptions.queue("), e.getMessage());
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "\t"})
    void aBlankTaskIdIsRejected(String id) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TaskOptions.defaults().taskId(id));
        assertTrue(e.getMessage().startsWith("CHARD-03027: TaskOptions.taskId("), e.getMessage());
    }

    @Test
    void everySetterReturnsACopyAndLeavesTheOriginalAlone() {
        TaskOptions base = TaskOptions.defaults().queue("reports");
        TaskOptions changed = base.priority(7).taskId("id-1").countdown(Duration.ofSeconds(3)).expires(LATER);
        assertNull(base.priority());
        assertNull(base.taskId());
        assertNull(base.countdown());
        assertNull(base.expires());
        assertEquals("reports", base.queue());
        assertEquals("reports", changed.queue());
        assertEquals(7, changed.priority());
        assertEquals("id-1", changed.taskId());
        assertEquals(Duration.ofSeconds(3), changed.countdown());
        assertEquals(LATER, changed.expires());
        assertNull(TaskOptions.defaults().queue(), "the shared defaults were modified");
        assertSame(TaskOptions.defaults(), TaskOptions.defaults());
    }

    @Test
    void aRejectedSetterLeavesTheOptionsUsable() {
        TaskOptions base = TaskOptions.defaults().eta(LATER);
        assertThrows(IllegalArgumentException.class, () -> base.countdown(Duration.ZERO));
        assertEquals(LATER, base.eta());
        assertNull(base.countdown());
    }

    @Test
    void expiresInIsMeasuredFromNow() {
        Instant before = Instant.now();
        Instant expires = TaskOptions.defaults().expiresIn(Duration.ofMinutes(5)).expires();
        assertTrue(!expires.isBefore(before.plus(Duration.ofMinutes(5))) && expires.isBefore(Instant.now().plus(Duration.ofMinutes(5)).plusSeconds(1)),
                expires.toString());
    }
}
