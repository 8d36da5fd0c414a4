package dev.chard.api;

import dev.chard.api.spi.ResultSource;
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

    /** A successful result for a task method to return: {@code return AsyncResult.completed(x + y);} */
    public static <T> AsyncResult<T> completed(T value) {
        AsyncResult<T> r = new AsyncResult<>(null, null, null);
        r.settle(new TaskSnapshot("local", TaskState.SUCCESS, value, null, null, null, Instant.now()));
        return r;
    }

    /** A failed result for a task method to return instead of throwing; the worker records FAILURE. */
    public static <T> AsyncResult<T> failedWith(Throwable failure) {
        Objects.requireNonNull(failure, "failure");
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
     */
    public Object result() {
        TaskSnapshot s = snapshot();
        if (s.state() == TaskState.SUCCESS) {
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
     * Waits for the task and returns its value. A failed task throws {@link ExecutionException} whose cause is a
     * {@link TaskFailedException} with the remote type, message and stack trace.
     */
    @Override
    public T get() throws InterruptedException, ExecutionException {
        awaitReady(Long.MAX_VALUE);
        return super.get();
    }

    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        if (!awaitReady(unit.toNanos(timeout))) {
            throw new TimeoutException("task " + id + " not ready after " + timeout + " " + unit.name().toLowerCase()
                    + " (state " + state() + ")");
        }
        return super.get();
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

    @Override
    public T getNow(T valueIfAbsent) {
        if (!super.isDone() && source != null) {
            readySnapshot();
        }
        return super.getNow(valueIfAbsent);
    }

    @Override
    public boolean isDone() {
        return super.isDone() || (source != null && readySnapshot().state().isReady());
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

    /** Waits until ready or {@code nanos} pass; true if ready. Re-reads at the source's fallback interval. */
    private boolean awaitReady(long nanos) throws InterruptedException {
        if (super.isDone() || source == null) {
            return true;
        }
        startWatching();
        if (super.isDone()) {
            return true; // registering read the record and found it ready: no second read
        }
        long deadline = nanos == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + nanos;
        long step = source.fallbackInterval().toNanos();
        boolean firstRead = true;
        while (true) {
            try {
                if (readySnapshot().state().isReady()) {
                    return true;
                }
            } catch (RuntimeException e) {
                // The first read reports a backend that is off or unreachable. A later one is only the fallback
                // re-read: while the backend is down (a restart) keep waiting; the watch reconnects, or a read succeeds.
                if (firstRead || e instanceof ResultsDisabledException) {
                    throw e;
                }
            }
            firstRead = false;
            long remaining = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
            if (remaining <= 0) {
                return false;
            }
            try {
                super.get(Math.min(remaining, step), TimeUnit.NANOSECONDS);
                return true;
            } catch (TimeoutException e) {
                // no notification within one fallback interval: read again
            } catch (ExecutionException e) {
                return true;
            }
        }
    }

    private void startWatching() {
        if (source != null && !super.isDone() && watching.compareAndSet(false, true)) {
            source.watch(id, resultType, this::settle);
        }
    }

    @SuppressWarnings("unchecked")
    private void settle(TaskSnapshot s) {
        settled = s;
        if (s.state() == TaskState.SUCCESS) {
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
