package dev.chard.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** How much a worker may hold: its threads, plus a prefetch sized by the time its recent tasks took. */
@Timeout(20)
class ReservationsTest {

    private static final long MICRO = 1_000;
    private static final long MILLI = 1_000_000;

    private static Reservations holding(int threads, Duration window, int held) {
        Reservations r = new Reservations(threads, window);
        for (int i = 0; i < held; i++) {
            r.taken();
        }
        return r;
    }

    /** awaitRoom() on another thread: its answer, or null when it is still blocked after 200 ms. */
    private static Integer roomWithin200ms(Reservations r) throws Exception {
        CompletableFuture<Integer> room = CompletableFuture.supplyAsync(() -> {
            try {
                return r.awaitRoom();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            return room.get(200, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            room.cancel(true);
            return null;
        }
    }

    @Test
    void withTheWindowOffItHoldsOnlyOnePerThread() throws Exception {
        Reservations r = holding(2, Duration.ZERO, 0);
        assertEquals(2, r.awaitRoom());
        r.taken();
        r.ended(10 * MICRO); // short tasks change nothing with the window off
        assertEquals(0, r.ahead());
        r.taken();
        r.taken();
        assertEquals(null, roomWithin200ms(r), "both threads busy: no fetch");
    }

    @Test
    void nothingIsReservedAheadBeforeATaskHasEnded() throws Exception {
        Reservations r = holding(2, Duration.ofMillis(10), 0);
        assertEquals(0, r.ahead());
        assertEquals(2, r.awaitRoom());
    }

    @Test
    void shortTasksAreReservedByTheWindowUpToTheCap() {
        Reservations r = holding(2, Duration.ofMillis(10), 1);
        r.ended(MILLI); // 1 ms tasks: two threads finish 20 in 10 ms
        assertEquals(20, r.ahead());
        r.taken();
        r.ended(50 * MICRO); // the mean moves an eighth of the way: (7 x 1 ms + 50 us) / 8
        assertEquals((int) (2 * 10e6 / ((7 * 1e6 + 50e3) / 8)), r.ahead());
        for (int i = 0; i < 40; i++) {
            r.taken();
            r.ended(50 * MICRO);
        }
        assertEquals(Reservations.MAX_AHEAD, r.ahead(), "capped at one fetch's worth");
    }

    @Test
    void longTasksReserveNothingAhead() throws Exception {
        Reservations r = holding(2, Duration.ofMillis(10), 1);
        r.ended(1_000 * MILLI);
        assertEquals(0, r.ahead());
        r.taken();
        r.taken();
        assertEquals(null, roomWithin200ms(r));
    }

    @Test
    void aFullReserveIsRefilledInBatchesNotOneTaskAtATime() throws Exception {
        Reservations r = holding(2, Duration.ofMillis(10), 1);
        r.ended(10 * MICRO); // ahead: 64
        assertEquals(64, r.ahead());
        for (int i = 0; i < 66; i++) {
            r.taken();
        }
        r.ended(10 * MICRO); // one ended; 63 still wait for a thread
        assertEquals(null, roomWithin200ms(r), "room for 1 while 63 wait: not worth a round trip");
        for (int i = 0; i < 31; i++) {
            r.ended(10 * MICRO);
        }
        Integer room = roomWithin200ms(r);
        assertTrue(room != null && room >= 32, "room for half the reserve: fetch " + room);
    }

    @Test
    void whenTheReserveIsEmptyAFreeThreadIsFilledAtOnce() throws Exception {
        Reservations r = holding(2, Duration.ofMillis(10), 1);
        r.ended(10 * MILLI); // ahead: 2 x 10 / 10 = 2
        assertEquals(2, r.ahead());
        r.taken();
        r.taken(); // held 2 of 4: both running, nothing waiting
        Integer room = roomWithin200ms(r);
        assertEquals(2, room);
        assertEquals(2, r.held(), "asking for room took nothing");
    }
}
