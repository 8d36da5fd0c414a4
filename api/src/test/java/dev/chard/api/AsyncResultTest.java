package dev.chard.api;

import dev.chard.api.spi.TaskBodies;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AsyncResult over a fake ResultSource: what it reads, how it waits, and its local forms. */
class AsyncResultTest {

    private static final Duration LONG = Duration.ofHours(1);

    @Test
    void aPendingTaskIsNeitherReadyNorSuccessfulNorFailedAndHasNoResult() {
        FakeResultSource source = new FakeResultSource(LONG);
        source.store(FakeResultSource.pending("t-pending"));
        AsyncResult<Integer> r = AsyncResult.remote("t-pending", Integer.class, source);
        assertEquals("t-pending", r.id());
        assertEquals(TaskState.PENDING, r.state());
        assertFalse(r.ready());
        assertFalse(r.successful());
        assertFalse(r.failed());
        assertNull(r.result());
        assertNull(r.traceback());
        assertFalse(r.isDone());
        assertEquals(7, r.getNow(7));
    }

    @Test
    void waitingAsksOnlyForReadinessWhileTheStateQueriesReadInFull() throws Exception {
        FakeResultSource source = new FakeResultSource(Duration.ofMillis(20));
        source.store(FakeResultSource.pending("t-wait"));
        AsyncResult<Integer> r = AsyncResult.remote("t-wait", Integer.class, source);
        assertEquals(TaskState.PENDING, r.state());
        assertEquals(0, source.readinessReads.get(), "state() tells PENDING from UNKNOWN: a full read");
        assertFalse(r.isDone());
        assertNull(r.getNow(null));
        assertEquals(2, source.readinessReads.get(), "isDone() and getNow() only need to know whether it is ready");
        assertThrows(java.util.concurrent.TimeoutException.class, () -> r.get(50, java.util.concurrent.TimeUnit.MILLISECONDS));
        assertTrue(source.readinessReads.get() >= 3, "get(timeout) re-reads for readiness only");
        // the full reads: state() above, and the one that names the state in the TimeoutException's message
        assertEquals(source.reads.get() - 2, source.readinessReads.get(), "every other read was a readiness read");
    }

    @Test
    void everyQueryReadsTheCurrentSnapshotUntilTheTaskIsReady() {
        FakeResultSource source = new FakeResultSource(LONG);
        AsyncResult<Integer> r = AsyncResult.remote("t-moving", Integer.class, source);
        assertEquals(TaskState.UNKNOWN, r.state());
        source.store(FakeResultSource.pending("t-moving"));
        assertEquals(TaskState.PENDING, r.state());
        source.store(FakeResultSource.started("t-moving"));
        assertEquals(TaskState.STARTED, r.state());
        assertEquals("w1", r.worker());
        source.store(FakeResultSource.success("t-moving", 9));
        assertTrue(r.ready());
        int readsWhenReady = source.reads.get();
        assertEquals(9, r.result());
        assertEquals(TaskState.SUCCESS, r.state());
        assertEquals(readsWhenReady, source.reads.get(), "a ready result is settled and never read again");
    }

    @Test
    void aSuccessfulTaskGivesItsValue() throws Exception {
        FakeResultSource source = new FakeResultSource(LONG);
        source.store(FakeResultSource.success("t-ok", 42));
        AsyncResult<Integer> r = AsyncResult.remote("t-ok", Integer.class, source);
        assertTrue(r.ready());
        assertTrue(r.successful());
        assertFalse(r.failed());
        assertEquals(42, r.result());
        assertEquals(42, r.get(1, TimeUnit.SECONDS));
        assertEquals(42, r.get());
        assertEquals(42, r.join());
        assertTrue(r.isDone());
        assertEquals(FakeResultSource.success("t-ok", 42).dateDone(), r.dateDone());
    }

    @Test
    void aFailedTaskGivesItsTracebackAndThrowsTheRemoteFailure() {
        FakeResultSource source = new FakeResultSource(LONG);
        String tb = "java.lang.ArithmeticException: / by zero\n\tat dev.example.MathTasks.div(MathTasks.java:12)\n";
        source.store(FakeResultSource.failure("t-bad", tb));
        AsyncResult<Integer> r = AsyncResult.remote("t-bad", Integer.class, source);
        assertTrue(r.ready());
        assertTrue(r.failed());
        assertFalse(r.successful());
        assertEquals(tb, r.traceback());
        TaskFailedException f = assertInstanceOf(TaskFailedException.class, r.result());
        assertEquals("t-bad", f.taskId());
        ExecutionException e = assertThrows(ExecutionException.class, () -> r.get(1, TimeUnit.SECONDS));
        assertSame(f, e.getCause());
    }

    @Test
    void getWithATimeoutThrowsTimeoutExceptionNamingTheIdWhenNeverReady() {
        FakeResultSource source = new FakeResultSource(Duration.ofMillis(20));
        source.store(FakeResultSource.pending("t-never"));
        AsyncResult<Integer> r = AsyncResult.remote("t-never", Integer.class, source);
        long start = System.nanoTime();
        TimeoutException e = assertThrows(TimeoutException.class, () -> r.get(150, TimeUnit.MILLISECONDS));
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(e.getMessage().contains("t-never"), e.getMessage());
        assertTrue(e.getMessage().contains("PENDING"), e.getMessage());
        assertTrue(tookMs >= 140 && tookMs < 2000, "waited " + tookMs + " ms");
    }

    @Test
    void getWakesOnTheWatchCallbackWithoutWaitingForTheFallbackRead() throws Exception {
        FakeResultSource source = new FakeResultSource(LONG); // the fallback would only re-read after an hour
        source.store(FakeResultSource.pending("t-notified"));
        AsyncResult<Integer> r = AsyncResult.remote("t-notified", Integer.class, source);
        CompletableFuture<Integer> got = CompletableFuture.supplyAsync(() -> {
            try {
                return r.get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        awaitWatched(source, "t-notified");
        source.notifyWatchers(FakeResultSource.success("t-notified", 5));
        assertEquals(5, assertTimeoutPreemptively(Duration.ofSeconds(2), () -> got.get()));
    }

    @Test
    void getFallsBackToReadingAgainWhenTheWatchCallbackNeverFires() {
        FakeResultSource source = new FakeResultSource(Duration.ofMillis(50));
        source.store(FakeResultSource.pending("t-lost"));
        AsyncResult<Integer> r = AsyncResult.remote("t-lost", Integer.class, source);
        CompletableFuture.runAsync(() -> {
            sleep(200);
            source.store(FakeResultSource.success("t-lost", 11)); // stored, never notified
        });
        assertEquals(11, assertTimeoutPreemptively(Duration.ofSeconds(3), () -> r.get()));
        assertTrue(source.reads.get() >= 3, "read " + source.reads.get() + " times");
        assertEquals(1, source.watches.get());
    }

    @Test
    void getKeepsWaitingWhileTheFallbackReReadFailsAndResumesWhenTheBackendIsBack() {
        FakeResultSource source = new FakeResultSource(Duration.ofMillis(30));
        source.store(FakeResultSource.pending("t-outage"));
        AsyncResult<Integer> r = AsyncResult.remote("t-outage", Integer.class, source);
        CompletableFuture.runAsync(() -> {
            sleep(50);
            source.failReads = new ResultUnavailableException("CHARD-03011", "backend down", true, null);
            sleep(200);
            source.store(FakeResultSource.success("t-outage", 3));
            source.failReads = null;
        });
        assertEquals(3, assertTimeoutPreemptively(Duration.ofSeconds(3), () -> r.get()));
    }

    @Test
    void getThrowsAtOnceWhenNoBackendIsConfigured() {
        FakeResultSource source = new FakeResultSource(Duration.ofMillis(30));
        source.failReads = new ResultsDisabledException("CHARD-03002", "set chard.backend.url");
        AsyncResult<Integer> r = AsyncResult.remote("t-off", Integer.class, source);
        long start = System.nanoTime();
        assertThrows(ResultsDisabledException.class, () -> r.get(10, TimeUnit.SECONDS));
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 5_000, "waiting cannot configure a backend");
    }

    @Test
    void getWithATimeoutStartedDuringAnOutageKeepsTryingAndReturnsOnceTheBackendIsBack() {
        FakeResultSource source = new FakeResultSource(Duration.ofMillis(30));
        source.failReads = new ResultUnavailableException("CHARD-03011", "refused the connection", true, null);
        AsyncResult<Integer> r = AsyncResult.remote("t-early-outage", Integer.class, source);
        CompletableFuture.runAsync(() -> {
            sleep(300);
            source.store(FakeResultSource.success("t-early-outage", 8));
            source.failReads = null;
        });
        assertEquals(8, assertTimeoutPreemptively(Duration.ofSeconds(5), () -> r.get(30, TimeUnit.SECONDS)));
        assertTrue(source.reads.get() >= 3, "read again through the outage: " + source.reads.get());
    }

    @Test
    void getWithATimeoutDuringAnOutageThatOutlastsItTimesOutWithTheOutageAsCause() {
        FakeResultSource source = new FakeResultSource(Duration.ofMillis(30));
        ResultUnavailableException down = new ResultUnavailableException("CHARD-03011", "did not answer within 500 ms", true, null);
        source.failReads = down;
        AsyncResult<Integer> r = AsyncResult.remote("t-long-outage", Integer.class, source);
        long start = System.nanoTime();
        TimeoutException e = assertThrows(TimeoutException.class, () -> r.get(300, TimeUnit.MILLISECONDS));
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(tookMs >= 290, "kept trying until the timeout: " + tookMs + " ms");
        assertSame(down, e.getCause());
        assertTrue(e.getMessage().contains("t-long-outage") && e.getMessage().contains("did not answer within 500 ms"), e.getMessage());
    }

    @Test
    void getThrowsAFailureThatWaitingCannotCureAtOnce() {
        FakeResultSource source = new FakeResultSource(Duration.ofMillis(30));
        ResultUnavailableException refused = new ResultUnavailableException("CHARD-03011", "refused the credentials (WRONGPASS)", false, null);
        source.failReads = refused;
        AsyncResult<Integer> r = AsyncResult.remote("t-wrongpass", Integer.class, source);
        assertSame(refused, assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(ResultUnavailableException.class, () -> r.get(30, TimeUnit.SECONDS))));
        assertSame(refused, assertThrows(ResultUnavailableException.class, r::isDone), "isDone cannot hide a wrong password");
    }

    @Test
    void theQueriesThrowTheDocumentedExceptionDuringAnOutageWhileIsDoneAndGetNowSayNotDone() {
        FakeResultSource source = new FakeResultSource(LONG);
        ResultUnavailableException down = new ResultUnavailableException("CHARD-03011", "refused the connection", true, null);
        source.failReads = down;
        AsyncResult<Integer> r = AsyncResult.remote("t-queries", Integer.class, source);
        for (org.junit.jupiter.api.function.Executable query : List.<org.junit.jupiter.api.function.Executable>of(
                r::state, r::ready, r::successful, r::failed, r::result, r::traceback, r::stateName, r::info, r::retries,
                r::worker, r::dateDone)) {
            assertSame(down, assertThrows(ResultUnavailableException.class, query));
        }
        assertFalse(r.isDone());
        assertEquals(7, r.getNow(7));
    }

    @Test
    void aSuccessWhoseValueCannotBeReadFailsTheWaitAndTheResultWithTheReason() {
        FakeResultSource source = new FakeResultSource(LONG);
        TaskSerializationException unreadable = new TaskSerializationException("CHARD-03008", "cannot be read as Integer", null);
        source.store(new dev.chard.api.spi.TaskSnapshot("t-odd", TaskState.SUCCESS, null, unreadable, null, "w1", null));
        AsyncResult<Integer> r = AsyncResult.remote("t-odd", Integer.class, source);
        assertEquals(TaskState.SUCCESS, r.state(), "the task did succeed");
        assertSame(unreadable, assertThrows(TaskSerializationException.class, r::result));
        ExecutionException e = assertThrows(ExecutionException.class, () -> r.get(1, TimeUnit.SECONDS));
        assertSame(unreadable, e.getCause());
    }

    @Test
    void thenApplyStartsWatchingExactlyOnceAndCompletesOnTheCallback() throws Exception {
        FakeResultSource source = new FakeResultSource(LONG);
        source.store(FakeResultSource.pending("t-chain"));
        AsyncResult<Integer> r = AsyncResult.remote("t-chain", Integer.class, source);
        assertEquals(0, source.watches.get(), "creating a handle must not watch");
        CompletableFuture<Integer> plusOne = r.thenApply(v -> v + 1);
        CompletableFuture<String> text = r.thenApply(v -> "v" + v);
        assertEquals(1, source.watches.get());
        source.notifyWatchers(FakeResultSource.success("t-chain", 2));
        assertEquals(3, plusOne.get(1, TimeUnit.SECONDS));
        assertEquals("v2", text.get(1, TimeUnit.SECONDS));
        assertEquals(2, r.get(1, TimeUnit.SECONDS));
        assertEquals(1, source.watches.get());
    }

    @Test
    void completedOrFailedWithOutsideATaskRunFailsNamingTheMissingExtension() {
        // this module's class path has no chard-cdi-extension: a task method's body that ran in its caller
        ChardException e = assertThrows(ChardException.class, () -> AsyncResult.completed(9));
        assertEquals("CHARD-03021", e.code());
        assertTrue(e.getMessage().contains("chard-cdi-extension is not on the class path")
                && e.getMessage().contains("dev.chard:chard-cdi-extension") && e.getMessage().contains("TaskBodies.run"), e.getMessage());
        assertEquals("CHARD-03021", assertThrows(ChardException.class, () -> AsyncResult.failedWith(new IllegalStateException())).code());
    }

    @Test
    void aLocalCompletedResultIsSuccessfulWithoutAnySource() throws Exception {
        AsyncResult<String> r = TaskBodies.run(() -> AsyncResult.completed("done"));
        assertNull(r.id());
        assertEquals(TaskState.SUCCESS, r.state());
        assertTrue(r.ready());
        assertTrue(r.successful());
        assertEquals("done", r.result());
        assertEquals("done", r.get());
        assertEquals("DONE", r.thenApply(String::toUpperCase).get(1, TimeUnit.SECONDS));
    }

    @Test
    void aLocalFailedResultIsFailedAndThrowsTheGivenException() throws Exception {
        ArithmeticException boom = new ArithmeticException("/ by zero");
        AsyncResult<Integer> r = TaskBodies.run(() -> AsyncResult.failedWith(boom));
        assertNull(r.id());
        assertEquals(TaskState.FAILURE, r.state());
        assertTrue(r.failed());
        assertFalse(r.successful());
        assertSame(boom, r.result());
        ExecutionException e = assertThrows(ExecutionException.class, r::get);
        assertSame(boom, e.getCause());
        assertThrows(NullPointerException.class, () -> AsyncResult.failedWith(null));
    }

    @Test
    void cancelNeverCancelsAndReturnsFalse() {
        FakeResultSource source = new FakeResultSource(LONG);
        source.store(FakeResultSource.pending("t-cancel"));
        AsyncResult<Integer> r = AsyncResult.remote("t-cancel", Integer.class, source);
        assertFalse(r.cancel(true));
        assertFalse(r.isCancelled());
        assertFalse(r.isDone());
        assertEquals(TaskState.PENDING, r.state());
    }

    private static void awaitWatched(FakeResultSource source, String id) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (!source.isWatched(id)) {
            assertTrue(System.nanoTime() < deadline, "get() never started watching " + id);
            sleep(5);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
