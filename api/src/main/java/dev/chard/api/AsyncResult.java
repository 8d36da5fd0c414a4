package dev.chard.api;

import dev.chard.api.spi.ResultSource;
import dev.chard.api.spi.TaskBodies;
import dev.chard.api.spi.TaskSnapshot;

import java.lang.reflect.Type;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The handle of a task: Celery's {@code AsyncResult}. It is a {@link CompletableFuture}, so a task method may
 * declare {@code AsyncResult<T>}, {@code CompletionStage<T>}, {@code CompletableFuture<T>} or {@code Future<T>} and
 * the caller gets one of these back.
 *
 * <p>Two kinds exist. A <em>remote</em> result ({@link #id()} is not null) is what a call to a task method, or
 * {@link TaskClient}, returns: every query reads the result backend, and {@link #get()} waits on the backend's
 * notification (with a periodic re-read, so a lost notification cannot hang the caller). A <em>local</em> result
 * ({@link #completed(Object)}, {@link #failedWith(Throwable)}) is what a task method's body returns to the worker.
 *
 * <p><b>When the backend cannot be read.</b> The queries ({@link #state()}, {@link #ready()}, {@link #successful()},
 * {@link #failed()}, {@link #result()}, {@link #traceback()}, {@link #stateName()}, {@link #info()}, {@link #retries()},
 * {@link #worker()}, {@link #dateDone()}) read the backend once and throw {@link ResultUnavailableException} (unchecked,
 * with its CHARD code) when it cannot be read: CHARD-03011 (the result backend), CHARD-03020 (the broker, asked whether
 * a task without a record waits in a queue), CHARD-03002 ({@link ResultsDisabledException}: no backend configured).
 * The waits are a {@link java.util.concurrent.Future}'s: {@link #get(long, TimeUnit)} keeps trying through an outage
 * ({@link ResultUnavailableException#isTransient()}) until its timeout, then throws {@link TimeoutException} (its cause
 * the last failure); {@link #get()} and {@link #join()} keep trying for as long as they wait. A failure that waiting
 * cannot cure (a wrong password, no backend configured) is thrown at once, as the {@link ResultUnavailableException}.
 * {@link #isDone()} and {@link #getNow(Object)}, which must not block, answer "not done" during an outage.
 *
 * <p>Thread-safe. Completing it by hand ({@code complete}, {@code obtrudeValue}) changes only this object, never
 * the task; {@link #cancel(boolean)} does not revoke the task and returns false.
 */
public class AsyncResult<T> extends CompletableFuture<T> {

    private final String id;
    private final Type resultType;
    private final ResultSource source;
    private final AtomicBoolean watching = new AtomicBoolean();
    private volatile TaskSnapshot settled;
    private volatile Throwable localFailure;

    protected AsyncResult(String id, Type resultType, ResultSource source) {
        this.id = id;
        this.resultType = resultType;
        this.source = source;
    }

    /**
     * A successful result for a task method to return: {@code return AsyncResult.completed(x + y);}
     *
     * @throws ChardException CHARD-03021 when called outside a task run: the task method's body ran in its caller, so
     *                        the call was never sent to a worker (see {@link TaskBodies})
     */
    public static <T> AsyncResult<T> completed(T value) {
        requireTaskRun("completed");
        AsyncResult<T> r = new AsyncResult<>(null, null, null);
        r.settle(new TaskSnapshot("local", TaskState.SUCCESS, value, null, null, null, Instant.now()));
        return r;
    }

    /**
     * A failed result for a task method to return instead of throwing; the worker records FAILURE.
     *
     * @throws ChardException CHARD-03021 when called outside a task run, as {@link #completed} does
     */
    public static <T> AsyncResult<T> failedWith(Throwable failure) {
        Objects.requireNonNull(failure, "failure");
        requireTaskRun("failedWith");
        AsyncResult<T> r = new AsyncResult<>(null, null, null);
        r.settled = new TaskSnapshot("local", TaskState.FAILURE, null, null, null, null, Instant.now());
        r.localFailure = failure;
        r.superCompleteExceptionally(failure);
        return r;
    }

    /** The handle of a remote task: for the engine, and for {@link TaskClient#asyncResult(String, Class)}. */
    public static <T> AsyncResult<T> remote(String taskId, Type resultType, ResultSource source) {
        return new AsyncResult<>(Objects.requireNonNull(taskId, "taskId"), resultType, Objects.requireNonNull(source, "source"));
    }

    /** The task id; null for a local result. */
    public String id() {
        return id;
    }

    /** The current state, read from the result backend (Celery's {@code state}). */
    public TaskState state() {
        return snapshot().state();
    }

    /** True once the task succeeded, failed or was revoked (Celery's {@code ready()}). */
    public boolean ready() {
        return state().isReady();
    }

    /** True if the task succeeded (Celery's {@code successful()}). */
    public boolean successful() {
        return state() == TaskState.SUCCESS;
    }

    /** True if the task failed (Celery's {@code failed()}). */
    public boolean failed() {
        return state() == TaskState.FAILURE;
    }

    /**
     * Celery's {@code .result}: the return value after SUCCESS, the failure as an exception after FAILURE or
     * REVOKED ({@link TaskFailedException}, {@link TaskRevokedException}), and null while not ready.
     *
     * @throws TaskSerializationException CHARD-03008 when the task succeeded but its value cannot be read as the
     *                                    requested type
     */
    public Object result() {
        TaskSnapshot s = snapshot();
        if (s.state() == TaskState.SUCCESS) {
            if (s.failure() != null) {
                throw s.failure();
            }
            return s.value();
        }
        if (s.state().isReady()) {
            return s.failure() != null ? s.failure() : localFailure;
        }
        return null;
    }

    /**
     * The remote stack trace, as text, of a failed task, or of the exception that caused a RETRY; null otherwise
     * (Celery's {@code traceback}).
     */
    public String traceback() {
        return snapshot().traceback();
    }

    /**
     * The state as recorded, including custom ones set with {@link TaskInstance#updateState} (e.g. {@code PROGRESS},
     * while {@link #state()} says STARTED): Celery's {@code state} string.
     */
    public String stateName() {
        return snapshot().stateName();
    }

    /**
     * Celery's {@code info}: the metadata of a custom state, or for RETRY the exception's {@code type} and
     * {@code message}; empty otherwise.
     */
    public Map<String, Object> info() {
        return snapshot().info();
    }

    /** How many times the task has been retried so far. */
    public int retries() {
        return snapshot().retries();
    }

    /** The name of the worker that last handled the task; null if none has yet. */
    public String worker() {
        return snapshot().worker();
    }

    /** When the task became ready; null while it is not. */
    public Instant dateDone() {
        return snapshot().dateDone();
    }

    /**
     * Waits for the task and returns its value, for as long as it takes, riding through backend outages. A failed task
     * throws {@link ExecutionException} whose cause is a {@link TaskFailedException} with the remote type, message and
     * stack trace.
     *
     * @throws ResultUnavailableException at once when the backend cannot be used at all (not transient: no backend
     *                                    configured, a wrong password, a missing permission)
     */
    @Override
    public T get() throws InterruptedException, ExecutionException {
        awaitReady(Long.MAX_VALUE);
        return super.get();
    }

    /**
     * Waits at most {@code timeout} for the task and returns its value; keeps trying through a backend outage until then.
     *
     * @throws TimeoutException           when not ready in time, naming the last state read, or, when the backend did not
     *                                    answer at the end, with that failure as its cause
     * @throws ExecutionException         when the task failed (cause {@link TaskFailedException}) or was revoked
     * @throws ResultUnavailableException at once when the backend cannot be used at all, as {@link #get()}
     */
    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        ResultUnavailableException failure = awaitReady(unit.toNanos(timeout));
        if (super.isDone()) {
            return super.get();
        }
        String after = "task " + id + " not ready after " + timeout + " " + unit.name().toLowerCase(java.util.Locale.ROOT);
        if (failure == null) {
            try {
                return timedOut(after + " (state " + state() + ")", null); // a full read: PENDING and UNKNOWN told apart
            } catch (ResultUnavailableException e) {
                if (!e.isTransient()) {
                    throw e;
                }
                failure = e;
            }
        }
        return timedOut(after + "; its state could not be read at the end of the wait (" + failure.getMessage() + ")", failure);
    }

    private static <T> T timedOut(String message, Throwable cause) throws TimeoutException {
        TimeoutException e = new TimeoutException(message);
        e.initCause(cause);
        throw e;
    }

    /** As {@link #get()}, but failures are thrown as {@link java.util.concurrent.CompletionException}. */
    @Override
    public T join() {
        boolean interrupted = false;
        while (true) {
            try {
                awaitReady(Long.MAX_VALUE);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return super.join();
    }

    /** The value if the task succeeded, else {@code valueIfAbsent} (also while the backend cannot be reached). */
    @Override
    public T getNow(T valueIfAbsent) {
        if (!super.isDone() && source != null) {
            readyOrOutage();
        }
        return super.getNow(valueIfAbsent);
    }

    /** True once the task is ready; false while it is not, or while the backend cannot be reached. */
    @Override
    public boolean isDone() {
        return super.isDone() || (source != null && readyOrOutage());
    }

    /** Revoking a task is not available yet; this never cancels and returns false. */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        return false;
    }

    /** Dependent stages ({@code thenApply}, ...) need a completion, so the first one starts watching the backend. */
    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        startWatching();
        return new CompletableFuture<>();
    }

    @Override
    public String toString() {
        TaskSnapshot s = settled;
        return "AsyncResult[" + (id == null ? "local" : id) + ", " + (s == null ? "not ready" : s.state()) + "]";
    }

    private TaskSnapshot snapshot() {
        return snapshot(false);
    }

    /** A snapshot that is exact when ready; when not, it may not tell PENDING from UNKNOWN (a cheaper read). */
    private TaskSnapshot readySnapshot() {
        return snapshot(true);
    }

    private TaskSnapshot snapshot(boolean readinessOnly) {
        TaskSnapshot s = settled;
        if (s != null || source == null) {
            return s;
        }
        TaskSnapshot read = readinessOnly ? source.readIfReady(id, resultType) : source.read(id, resultType);
        if (read.state().isReady()) {
            settle(read);
        }
        return read;
    }

    /** A readiness read for a caller that must not fail on an outage: false then (not known to be done). */
    private boolean readyOrOutage() {
        try {
            return readySnapshot().state().isReady();
        } catch (ResultUnavailableException e) {
            if (e.isTransient()) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Waits until ready or {@code nanos} pass, re-reading at the source's fallback interval. A read that fails with a
     * transient {@link ResultUnavailableException} (the backend restarting, a network blip) is tried again at the next
     * interval; any other failure is thrown. Returns the failure of the last read when it failed, else null; whether the
     * task is ready is {@code super.isDone()}.
     */
    private ResultUnavailableException awaitReady(long nanos) throws InterruptedException {
        if (super.isDone() || source == null) {
            return null;
        }
        startWatching();
        if (super.isDone()) {
            return null; // registering read the record and found it ready: no second read
        }
        long deadline = nanos == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + nanos;
        long step = source.fallbackInterval().toNanos();
        while (true) {
            ResultUnavailableException failure = null;
            try {
                if (readySnapshot().state().isReady()) {
                    return null;
                }
            } catch (ResultUnavailableException e) {
                if (!e.isTransient()) {
                    throw e;
                }
                failure = e; // an outage: the watch reconnects, or a later read succeeds
            }
            long remaining = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
            if (remaining <= 0) {
                return failure;
            }
            try {
                super.get(Math.min(remaining, step), TimeUnit.NANOSECONDS);
                return null;
            } catch (TimeoutException e) {
                // no notification within one fallback interval: read again
            } catch (ExecutionException e) {
                return null;
            }
        }
    }

    /**
     * {@link #completed} and {@link #failedWith} outside a task run mean the body of a task method ran in its caller:
     * the call was never intercepted, so nothing was sent. A handle that looked like a finished task would hide that.
     */
    private static void requireTaskRun(String method) {
        if (TaskBodies.running()) {
            return;
        }
        boolean extensionPresent = visible("dev.chard.cdi.ChardExtension");
        throw new ChardException("CHARD-03021", "AsyncResult." + method + "(...) was called outside a task run: the body of"
                + " an @AsyncTask method ran here, in its caller, and the task was not sent to a worker. "
                + (extensionPresent
                ? "chard-cdi-extension is on the class path, but the call did not go through Chard's interceptor: call the"
                + " method on a bean that CDI created (inject it; an instance made with new is not intercepted), and check"
                + " that the extension is registered (its META-INF/services entry, or Weld.addExtension when discovery is off)."
                : "chard-cdi-extension is not on the class path: add the dependency dev.chard:chard-cdi-extension to the"
                + " application (in a WAR, in WEB-INF/lib; in Java SE, with Weld SE and Yasson)."
                ) + " To run a task method's body directly, as a unit test does, wrap the call: TaskBodies.run(() -> bean.method(...)).");
    }

    private static boolean visible(String className) {
        for (ClassLoader loader : new ClassLoader[] {AsyncResult.class.getClassLoader(), Thread.currentThread().getContextClassLoader()}) {
            try {
                Class.forName(className, false, loader);
                return true;
            } catch (ClassNotFoundException | LinkageError e) {
                // not visible from this loader
            }
        }
        return false;
    }

    private void startWatching() {
        if (source != null && !super.isDone() && watching.compareAndSet(false, true)) {
            source.watch(id, resultType, this::settle);
        }
    }

    @SuppressWarnings("unchecked")
    private void settle(TaskSnapshot s) {
        settled = s;
        if (s.state() == TaskState.SUCCESS && s.failure() == null) {
            super.complete((T) s.value());
        } else {
            superCompleteExceptionally(s.failure() != null ? s.failure()
                    : new ChardException("CHARD-03010", "task " + id + " ended in state " + s.state() + " without a recorded failure"));
        }
    }

    private void superCompleteExceptionally(Throwable t) {
        super.completeExceptionally(t);
    }
}
