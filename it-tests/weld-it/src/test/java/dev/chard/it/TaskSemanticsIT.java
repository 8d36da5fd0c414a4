package dev.chard.it;

import dev.chard.api.AsyncResult;
import dev.chard.api.TaskClient;
import dev.chard.api.TaskFailedException;
import dev.chard.api.TaskOptions;
import dev.chard.api.TaskRevokedException;
import dev.chard.api.TaskState;
import dev.chard.it.app.InstanceTasks;
import dev.chard.it.app.RetryTasks;
import dev.chard.it.app.SlowTasks;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Celery's task semantics against one real worker: the seed's three retry patterns, automatic retries, the running
 * task's {@code TaskInstance}, states (custom ones included), per-task settings and their configuration overrides,
 * countdown, ETA and expiry.
 */
@ChardSetup(workers = 1, workerConfig = {
        "chard.task.\"dev.chard.it.app.RetryTasks.overridden\".max-retries=1",
        "chard.task.\"dev.chard.it.app.RetryTasks.overridden\".retry-delay=200ms"})
@ExtendWith({ChardCluster.class, ArquillianExtension.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TaskSemanticsIT {

    /** Worker log lines name tasks by their full name, as Celery does. */
    private static final String RETRY_TASKS = "dev.chard.it.app.RetryTasks.";

    /** How much earlier than its countdown a run may start by the clocks involved (log millis, Redis vs JVM clock). */
    static final long EARLY_MS = 30;
    /** How much later than its countdown a run may start (fetch latency on a shared, slow machine; far below the 1 s poll interval). */
    static final long LATE_MS = 450;

    static Cluster cluster;

    @Deployment
    static JavaArchive deployment() {
        return Deployments.testApp("task-semantics");
    }

    @Inject
    RetryTasks retry;

    @Inject
    InstanceTasks instance;

    @Inject
    SlowTasks slow;

    @Inject
    TaskClient client;

    @Test
    @Order(1)
    void patternA_retryWithCountdownOnEveryRunRetriesExactlyThreeTimesSpacedByTheCountdownThenFailsWithTheOriginalException()
            throws Exception {
        long countdown = 400;
        AsyncResult<String> r = retry.alwaysRetry("acct-7", countdown);

        // while it waits between runs it is RETRY, with the exception that caused it
        Map<String, Object> retryInfo = null;
        int retryRetries = -1;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (retryInfo == null && System.nanoTime() < deadline) {
            AsyncResult<Object> probe = client.asyncResult(r.id());
            if ("RETRY".equals(probe.stateName())) {
                assertEquals(TaskState.RETRY, probe.state());
                retryInfo = probe.info();
                retryRetries = probe.retries();
            }
            Thread.sleep(20);
        }
        assertNotNull(retryInfo, "never saw RETRY for " + r.id());
        assertEquals("java.lang.IllegalStateException", retryInfo.get("type"), "RETRY info: " + retryInfo);
        assertEquals("service down for acct-7", retryInfo.get("message"), "RETRY info: " + retryInfo);
        assertTrue(retryRetries >= 1 && retryRetries <= 3, "retries while RETRY: " + retryRetries);

        ExecutionException e = assertThrows(ExecutionException.class, () -> r.get(30, TimeUnit.SECONDS));
        TaskFailedException f = assertInstanceOf(TaskFailedException.class, e.getCause());
        assertEquals("java.lang.IllegalStateException", f.remoteType(), "FAILURE carries the original exception's type");
        assertEquals("service down for acct-7", f.remoteMessage());
        assertEquals(TaskState.FAILURE, r.state());
        assertEquals(3, r.retries(), "exactly 3 retries");
        assertNotNull(r.dateDone());
        assertEquals("w1", r.worker());

        List<Instant> runs = cluster.logTimes(RETRY_TASKS + "alwaysRetry", r.id(), "received");
        assertEquals(4, runs.size(), "1 run + 3 retries: " + runs);
        assertEquals(3, cluster.logCount(r.id(), "retry"), "3 retry log lines");
        assertSpacedBy(runs, countdown);
    }

    @Test
    @Order(2)
    void patternB_aDeclaredExceptionRetriesAutomaticallyUpToMaxRetriesAndOthersFailAtOnce() throws Exception {
        AsyncResult<String> recovers = retry.autoRetry(3);
        AsyncResult<String> exhausts = retry.autoRetry(10);
        AsyncResult<String> excluded = retry.autoRetryExcluded("/no/such/file");
        AsyncResult<String> otherType = retry.autoRetryOtherType("bad input");

        assertEquals("ok on run 3", recovers.get(30, TimeUnit.SECONDS));
        assertEquals(TaskState.SUCCESS, recovers.state());
        assertEquals(2, recovers.retries());
        assertSpacedBy(cluster.logTimes(RETRY_TASKS + "autoRetry", recovers.id(), "received"), 300);

        TaskFailedException f = failure(exhausts);
        assertEquals("java.io.IOException", f.remoteType());
        assertEquals("connection reset on run 3", f.remoteMessage(), "maxRetries = 2: the 3rd run's exception ends it");
        assertEquals(2, exhausts.retries());
        assertEquals(3, cluster.logTimes(RETRY_TASKS + "autoRetry", exhausts.id(), "received").size());

        TaskFailedException notRetried = failure(excluded);
        assertEquals("java.io.FileNotFoundException", notRetried.remoteType(), "dontAutoretryFor wins over autoretryFor");
        assertEquals(0, excluded.retries());
        assertEquals(1, cluster.logTimes(RETRY_TASKS + "autoRetryExcluded", excluded.id(), "received").size());

        TaskFailedException other = failure(otherType);
        assertEquals("java.lang.IllegalArgumentException", other.remoteType());
        assertEquals(0, otherType.retries());
    }

    @Test
    @Order(3)
    void patternC_aTaskThatChecksItsOwnRetriesReturnsAnErrorResponseAndEndsInSuccess() throws Exception {
        long countdown = 300;
        AsyncResult<Map<String, Object>> r = retry.selfLimited("order-42", 2, countdown);

        Map<String, Object> response = r.get(30, TimeUnit.SECONDS);
        assertEquals(TaskState.SUCCESS, r.state());
        assertEquals("9999", response.get("code"), "response: " + response);
        assertEquals("order order-42 could not be processed after 2 retries", response.get("msg"));
        assertEquals(2, r.retries());
        @SuppressWarnings("unchecked")
        List<String> runs = (List<String>) response.get("runs");
        assertEquals(3, runs.size(), "runs: " + runs);
        List<Instant> times = new ArrayList<>();
        runs.forEach(ms -> times.add(Instant.ofEpochMilli(Long.parseLong(ms))));
        assertSpacedBy(times, countdown);
    }

    @Test
    @Order(4)
    void retryPastTheLimitWithoutAnExceptionFailsWithMaxRetriesExceededAndACheckedReasonIsRethrownUnchanged() throws Exception {
        AsyncResult<String> noReason = retry.retryWithoutReason();
        AsyncResult<String> checked = retry.checkedExhausted("upstream too slow");

        TaskFailedException f = failure(noReason);
        assertEquals("dev.chard.api.MaxRetriesExceededException", f.remoteType());
        assertTrue(f.remoteMessage().contains("CHARD-04012") || f.getMessage().contains("CHARD-04012"), f.getMessage());
        assertTrue(f.remoteMessage().contains(noReason.id()), "names the task id: " + f.remoteMessage());
        assertEquals(1, noReason.retries(), "maxRetries = 1 on the annotation");

        TaskFailedException c = failure(checked);
        assertEquals("java.util.concurrent.TimeoutException", c.remoteType(), "the checked exception itself, not wrapped");
        assertEquals("upstream too slow", c.remoteMessage());
        assertEquals(0, checked.retries());
    }

    @Test
    @Order(5)
    void perTaskConfigurationOnTheWorkerOverridesTheAnnotation() throws Exception {
        // annotated maxRetries = 5, retryDelay = 10m; the worker's system properties say 1 and 200ms
        long start = System.nanoTime();
        AsyncResult<String> r = retry.overridden("still broken");
        TaskFailedException f = failure(r);
        assertEquals("java.lang.IllegalStateException", f.remoteType());
        assertEquals("still broken", f.remoteMessage());
        assertEquals(1, r.retries(), "max-retries=1 from the worker's configuration");
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tookMs < 15_000, "retry-delay=200ms from the configuration, not 10m: took " + tookMs + " ms");
        assertSpacedBy(cluster.logTimes(RETRY_TASKS + "overridden", r.id(), "received"), 200);
    }

    @Test
    @Order(6)
    void taskInstanceShowsTheRunningTaskAndASubTaskCarriesItsParentAndRoot() throws Exception {
        AsyncResult<Map<String, Object>> r = instance.describe("hi", 7, 2);
        Map<String, Object> seen = r.get(30, TimeUnit.SECONDS);

        assertEquals(r.id(), seen.get("id"));
        assertEquals(InstanceTasks.class.getName() + ".describe", seen.get("name"));
        List<?> args = (List<?>) seen.get("args");
        assertEquals(3, args.size(), "args: " + args);
        assertEquals("hi", args.get(0));
        assertEquals(7, ((Number) args.get(1)).intValue());
        assertEquals(Map.of(), seen.get("kwargs"));
        assertEquals(2, ((Number) seen.get("retries")).intValue());
        assertEquals(List.of(0, 1, 2), ((List<?>) seen.get("seenRetries")).stream().map(n -> ((Number) n).intValue()).toList(),
                "retries() increments across the runs");
        assertEquals(1, ((Number) seen.get("deliveryCount")).intValue());
        assertEquals(false, seen.get("redelivered"));
        assertNotEquals("null", seen.get("eta"), "a retried run has the eta of its retry");
        assertEquals("null", seen.get("expires"));
        assertEquals("default", seen.get("queue"));
        assertEquals("w1", seen.get("workerName"), "the worker's -n");
        assertEquals(r.id(), seen.get("rootId"), "sent from outside a task: its own root");
        assertEquals("null", seen.get("parentId"));
        assertEquals(3, ((Number) seen.get("maxRetries")).intValue());

        String childId = (String) seen.get("childId");
        assertNotNull(childId);
        assertNotEquals(r.id(), childId);
        @SuppressWarnings("unchecked")
        Map<String, Object> child = (Map<String, Object>) client.asyncResult(childId).get(30, TimeUnit.SECONDS);
        assertEquals(childId, child.get("id"));
        assertEquals(r.id(), child.get("parentId"), "a task sent from a task body has it as parent");
        assertEquals(r.id(), child.get("rootId"), "and its root");
    }

    @Test
    @Order(7)
    void statesGoPendingStartedProgressSuccessWithWorkerAndDateDone() throws Exception {
        AsyncResult<String> delayed = client.withOptions(TaskOptions.defaults().countdown(Duration.ofMillis(800)),
                () -> instance.progress(4, 250));
        assertEquals(TaskState.PENDING, delayed.state(), "PENDING at send");
        assertEquals("PENDING", delayed.stateName());
        assertNull(delayed.worker());
        assertNull(delayed.dateDone());

        List<String> names = new ArrayList<>();
        Map<String, Object> lastProgress = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            AsyncResult<Object> probe = client.asyncResult(delayed.id());
            String name = probe.stateName();
            if (names.isEmpty() || !names.get(names.size() - 1).equals(name)) {
                names.add(name);
            }
            if ("PROGRESS".equals(name)) {
                // each call reads the record again: only reads made while it still was PROGRESS say what PROGRESS is
                TaskState state = probe.state();
                Map<String, Object> info = probe.info();
                String worker = probe.worker();
                if ("PROGRESS".equals(probe.stateName())) {
                    assertEquals(TaskState.STARTED, state, "a custom state counts as STARTED");
                    lastProgress = info;
                    assertEquals(4, ((Number) lastProgress.get("total")).intValue(), "PROGRESS info: " + lastProgress);
                    assertEquals("w1", worker);
                }
            }
            if (probe.state().isReady()) {
                break;
            }
            Thread.sleep(20);
        }
        assertEquals("PENDING", names.get(0), "states seen: " + names);
        assertTrue(names.contains("PROGRESS"), "states seen: " + names);
        assertEquals("SUCCESS", names.get(names.size() - 1), "states seen: " + names);
        assertNotNull(lastProgress);
        assertEquals(3, ((Number) lastProgress.get("done")).intValue(), "the last PROGRESS seen: " + lastProgress);
        assertEquals("done 4", delayed.get(5, TimeUnit.SECONDS));
        assertEquals(Map.of(), delayed.info(), "no metadata once SUCCESS");
        assertEquals("w1", delayed.worker());
        assertNotNull(delayed.dateDone());

        // STARTED (tracking is on by default) while a plain task runs
        AsyncResult<?> sleeping = (AsyncResult<?>) slow.sleep(800);
        assertTrue(pollState(sleeping.id(), s -> s == TaskState.STARTED, 10_000), "never saw STARTED");
        assertEquals("STARTED", client.asyncResult(sleeping.id()).stateName());
        sleeping.get(10, TimeUnit.SECONDS);
        assertEquals(TaskState.SUCCESS, sleeping.state());
    }

    @Test
    @Order(8)
    void ignoreResultKeepsNoRecordWhileTheTaskRunsAndResultExpiresSetsTheRecordsTtl() throws Exception {
        String marker = "m-" + System.nanoTime();
        AsyncResult<String> ignored = instance.ignored(marker);
        assertEquals(TaskState.UNKNOWN, ignored.state(), "no PENDING record either");
        assertTrue(cluster.worker("w1").awaitOutput("[" + ignored.id() + "] succeeded", Duration.ofSeconds(20)),
                "the worker ran it");
        assertTrue(cluster.worker("w1").awaitOutput("ignored task ran " + marker, Duration.ofSeconds(5)),
                "the task's own log line: " + cluster.worker("w1").output().lines().filter(l -> l.contains(ignored.id())).toList());
        assertEquals(TaskState.UNKNOWN, ignored.state(), "UNKNOWN after it ran");
        assertEquals(-2, cluster.backendTtl("chard:result:" + ignored.id()), "no key chard:result:<id> in the backend");

        AsyncResult<String> brief = instance.shortLived("kept 5 s");
        assertEquals("kept 5 s", brief.get(20, TimeUnit.SECONDS));
        long ttl = cluster.backendTtl("chard:result:" + brief.id());
        assertTrue(ttl > 0 && ttl <= 5, "TTL of a resultExpires=5s record: " + ttl);

        AsyncResult<Long> normal = instance.now("default expiry");
        normal.get(20, TimeUnit.SECONDS);
        long normalTtl = cluster.backendTtl("chard:result:" + normal.id());
        assertTrue(normalTtl > 3_600, "a task without resultExpires keeps chard.result.expires (1 day): " + normalTtl);
    }

    @Test
    @Order(9)
    void countdownAndEtaPerCallTypedAndByNameDelayTheRun() throws Exception {
        long sent = System.currentTimeMillis();
        AsyncResult<Long> typed = client.withOptions(TaskOptions.defaults().countdown(Duration.ofMillis(600)),
                () -> instance.now("countdown"));
        AsyncResult<Object> byName = client.send(InstanceTasks.class.getName() + ".now", List.of("eta"), Map.of(),
                TaskOptions.defaults().eta(Instant.ofEpochMilli(sent + 700)));
        assertEquals(TaskState.PENDING, typed.state());

        long typedRan = typed.get(20, TimeUnit.SECONDS);
        long byNameRan = ((Number) byName.get(20, TimeUnit.SECONDS)).longValue();
        assertBetween("typed countdown 600 ms", typedRan - sent, 600);
        assertBetween("by-name eta +700 ms", byNameRan - sent, 700);
    }

    @Test
    @Order(10)
    void aTaskThatReachesAWorkerAfterItExpiredIsRevokedAsExpiredAndNotRun() throws Exception {
        AsyncResult<Long> r = client.withOptions(
                TaskOptions.defaults().countdown(Duration.ofMillis(600)).expiresIn(Duration.ofMillis(300)),
                () -> instance.now("too late"));
        ExecutionException e = assertThrows(ExecutionException.class, () -> r.get(20, TimeUnit.SECONDS));
        TaskRevokedException revoked = assertInstanceOf(TaskRevokedException.class, e.getCause());
        assertEquals("expired", revoked.reason());
        assertEquals(r.id(), revoked.taskId());
        assertEquals(TaskState.REVOKED, r.state());
        assertNotNull(r.dateDone());
        assertEquals(1, cluster.logCount(r.id(), "expired"));
        assertEquals(0, cluster.logCount(r.id(), "succeeded"), "an expired task does not run");
    }

    // ---------------------------------------------------------------------------------------------------------------

    static TaskFailedException failure(AsyncResult<?> r) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> r.get(30, TimeUnit.SECONDS),
                "task " + r.id() + " should fail");
        return assertInstanceOf(TaskFailedException.class, e.getCause());
    }

    /** Each run started at least {@code countdownMs} (less a small clock tolerance) after the previous one, and not much later. */
    /**
     * Every gap is at least the countdown (less a little clock slack) and at most a loaded machine's delay after it;
     * the median gap must be close to the countdown, which tells a countdown from the 1 s poll interval or the
     * 180 s default delay even when one gap was slowed by a busy CPU.
     */
    static void assertSpacedBy(List<Instant> runs, long countdownMs) {
        assertTrue(runs.size() >= 2, "runs: " + runs);
        List<Long> gaps = new java.util.ArrayList<>();
        for (int i = 1; i < runs.size(); i++) {
            long gap = Duration.between(runs.get(i - 1), runs.get(i)).toMillis();
            assertTrue(gap >= countdownMs - EARLY_MS && gap <= countdownMs + LATE_UNDER_LOAD_MS, "gap between run " + i
                    + " and " + (i + 1) + " of " + runs + ": " + gap + " ms, expected " + countdownMs + " ms (-" + EARLY_MS
                    + "/+" + LATE_UNDER_LOAD_MS + ")");
            gaps.add(gap);
        }
        java.util.Collections.sort(gaps);
        assertBetween("median gap of " + runs, gaps.get(gaps.size() / 2), countdownMs);
    }

    /** One gap may be slowed by a loaded machine (CI runs other JVMs); the median may not. */
    static final long LATE_UNDER_LOAD_MS = 1200;

    static void assertBetween(String what, long actualMs, long expectedMs) {
        assertTrue(actualMs >= expectedMs - EARLY_MS && actualMs <= expectedMs + LATE_MS,
                what + ": " + actualMs + " ms, expected " + expectedMs + " ms (-" + EARLY_MS + "/+" + LATE_MS + ")");
    }

    boolean pollState(String id, Predicate<TaskState> wanted, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (System.nanoTime() < deadline) {
            if (wanted.test(client.asyncResult(id).state())) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }
}
