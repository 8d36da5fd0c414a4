package dev.chard.worker;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;

import dev.chard.engine.Engine;
import dev.chard.engine.backend.ResultBackend;
import dev.chard.engine.backend.ResultRecord;
import dev.chard.engine.broker.Delivery;
import dev.chard.engine.broker.TaskMessage;
import dev.chard.engine.config.Durations;
import dev.chard.api.TaskRetryException;
import dev.chard.engine.execution.RunningTask;
import dev.chard.engine.registry.TaskDescriptor;
import dev.chard.engine.registry.TaskSettings;
import dev.chard.engine.serialization.ArgumentBindingException;
import dev.chard.engine.serialization.MalformedMessageException;
import dev.chard.engine.serialization.Tracebacks;

/**
 * Handles one delivery from start to end: decode and look up its task ({@link #receive}, on the fetcher thread), then
 * check expiry, bind arguments, run, and end the delivery with exactly one ack (with its outcome, queued in
 * {@link Completions}), one retry or one dead-letter ({@link #process}, on a task thread). Every path ends the
 * delivery, so a message never stays owned by a live worker that will not finish it. Thread-safe.
 */
final class TaskProcessor {

    /** The logger of the lines about tasks (received, succeeded, failed, retry). */
    static final String TASK_LOGGER = "dev.chard.worker.Task";
    private static final Logger LOG = Logger.getLogger(TASK_LOGGER);
    private static final RandomGenerator RANDOM = RandomGenerator.getDefault();

    private final Engine engine;
    private final TaskRunner runner;
    private final WorkerIdentity me;
    private final BooleanSupplier handedBack;
    private final Completions completions;
    private final ResultBackend orderedBackend;

    /**
     * @param handedBack  true once shutdown handed this worker's tasks back: a late outcome must not be acked
     * @param completions where STARTED records and acks go (written in batches by its own thread)
     */
    TaskProcessor(Engine engine, TaskRunner runner, WorkerIdentity me, BooleanSupplier handedBack, Completions completions) {
        this.engine = engine;
        this.runner = runner;
        this.me = me;
        this.handedBack = handedBack;
        this.completions = completions;
        this.orderedBackend = new OrderedResultBackend(engine.backend(), completions);
    }

    /**
     * A delivery as the fetcher read it: decoded (or why it cannot be), and its task looked up. Made on the fetcher
     * thread, which logs the received lines of one fetch together (Celery's consumer logs "received" too, not its pool).
     *
     * @param message    null when the body is malformed ({@code malformed} says why)
     * @param task       null when the message names a task this worker does not have
     * @param unexpected what failed reading it otherwise (a bug): {@link #process} throws it on the task thread, where
     *                   such a failure was always contained, so the fetcher goes on with the rest of its batch
     */
    record Received(Delivery delivery, TaskMessage message, TaskDescriptor task, MalformedMessageException malformed,
                    RuntimeException unexpected) {
    }

    /** Decodes {@code d} and logs its received line; never throws (what went wrong is {@link #process}'s to end). */
    Received receive(Delivery d) {
        try {
            return read(d);
        } catch (RuntimeException e) {
            return new Received(d, null, null, null, e);
        }
    }

    private Received read(Delivery d) {
        TaskMessage m;
        try {
            // the producer enforces chard.message.max-size; a message written past it (another client, a raw write) is
            // refused here too, before it is decoded and held in memory as arguments
            int max = engine.config().messageMaxSize();
            if (d.body().length() > max && d.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > max) {
                throw new MalformedMessageException("the message is " + d.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                        + " bytes, more than chard.message.max-size (" + max + ")", null);
            }
            m = engine.messages().decode(d.body(), d.queue());
        } catch (MalformedMessageException e) {
            return new Received(d, null, null, e, null);
        }
        TaskDescriptor task = engine.registry().byName(m.task()).orElse(null);
        if (task != null) {
            LOG.info(() -> "Task " + label(task, m) + " received" + (d.redelivered() ? " (delivery " + d.deliveries() + ")" : ""));
        }
        return new Received(d, m, task, null, null);
    }

    /** {@code dev.example.MathTasks.add[<id>]}: the full task name, as Celery's log lines have it. */
    private static String label(TaskDescriptor task, TaskMessage m) {
        return task.name() + "[" + m.id() + "]";
    }

    /**
     * Runs a received delivery to its end. Returns true when that end is an ack queued in {@link Completions}, which
     * reports the delivery ended once the ack is written; false when the delivery ended here (dead letter, retry,
     * hand-back).
     */
    boolean process(Received r) {
        if (r.unexpected() != null) {
            throw r.unexpected();
        }
        Delivery d = r.delivery();
        if (r.malformed() != null) {
            MalformedMessageException e = r.malformed();
            retrying("dead-letter " + d.id(), () -> engine.broker().deadLetter(d, me.instanceId(), WorkerErrors.malformed(e.reason())));
            LOG.warning(() -> "Message " + d.id() + " of queue " + d.queue() + " is malformed and was dead-lettered: " + e.reason());
            return false;
        }
        TaskMessage m = r.message();
        TaskDescriptor task = r.task();
        if (task == null) {
            String why = WorkerErrors.notRegistered(m.task());
            LOG.severe(() -> "Received unregistered task of type '" + m.task() + "' [" + m.id() + "]: the task is recorded as"
                    + " FAILURE. Is the worker started with the archive that declares it (-A)? " + why);
            return ack(d, ResultRecord.failure(m.id(), m.task(), WorkerErrors.NOT_REGISTERED_TYPE, why, null, me.name(), m.retries()), null);
        }
        String label = label(task, m);
        if (m.expires() != null && m.expires().isBefore(Instant.now())) {
            LOG.info(() -> "Task " + label + " expired");
            return ack(d, recordOf(task, ResultRecord.revoked(m.id(), m.task(), "expired", me.name())), null);
        }
        Object[] args;
        try {
            args = engine.arguments().bind(task, m);
        } catch (ArgumentBindingException e) {
            LOG.severe(() -> "Task " + label + " rejected: " + e.getMessage());
            return ack(d, recordOf(task, ResultRecord.failure(m.id(), m.task(), ArgumentBindingException.class.getName(), e.getMessage(),
                    Tracebacks.format(e), me.name(), m.retries())), null);
        }
        return run(d, m, task, args, label);
    }

    private boolean run(Delivery d, TaskMessage m, TaskDescriptor task, Object[] args, String label) {
        TaskSettings settings = task.settings();
        boolean recorded = engine.backend().enabled() && !settings.ignoreResult();
        if (engine.config().trackStarted() && recorded) {
            // written by the outbox while the task runs; dropped unwritten if the task ends first (nobody could see it)
            completions.started(d, ResultRecord.started(m.id(), m.task(), me.name(), m.retries()).withTtl(settings.resultExpires()));
        }
        RunningTask running = new RunningTask(m, d.deliveries(), task, me.name(), orderedBackend, engine.results());
        long start = System.nanoTime();
        ResultRecord outcome;
        Supplier<String> succeeded = null; // logged by the outbox once the outcome is written: what a caller can see then
        try {
            Object value = RunningTask.runAs(running, () -> {
                try {
                    return awaitValue(runner.run(task, args));
                } catch (Exception | Error e) {
                    throw e;
                } catch (Throwable t) {
                    throw new ExecutionException(t);
                }
            });
            String json = engine.results().valueToJson(value);
            long tookNanos = System.nanoTime() - start;
            outcome = ResultRecord.success(m.id(), m.task(), json, me.name(), m.retries());
            succeeded = () -> "Task " + label + " succeeded in " + Durations.seconds(Duration.ofNanos(tookNanos)) + ": " + abbreviate(json);
        } catch (Throwable thrown) {
            Throwable t = unwrap(thrown);
            if (t instanceof VirtualMachineError vme) {
                throw vme; // OOM and the like: do not record, the delivery is reclaimed or handed back
            }
            String took = Durations.seconds(Duration.ofNanos(System.nanoTime() - start));
            if (handedBack.getAsBoolean()) {
                // most likely the interrupt of a shutdown that already handed the task back: not the task's failure
                LOG.warning(() -> "Task " + label + " ended by shutdown after " + took + ": " + t);
                return false;
            }
            if (t instanceof TaskRetryException r) {
                retry(d, m, settings, label, r.reason(), r.countdown());
                return false;
            }
            if (settings.retry().autoretries(t) && !settings.retry().exhausted(m.retries()) && !running.retriesExhausted()) {
                retry(d, m, settings, label, t, settings.retry().delayFor(m.retries(), RANDOM));
                return false;
            }
            LOG.severe(() -> "Task " + label + " failed in " + took + ": " + t.getClass().getName()
                    + (t.getMessage() == null ? "" : ": " + t.getMessage()));
            LOG.log(Level.FINE, "Task " + label + " traceback", t);
            outcome = ResultRecord.failure(m.id(), m.task(), t.getClass().getName(), t.getMessage(), Tracebacks.format(t),
                    me.name(), m.retries());
        }
        return ack(d, recordOf(task, outcome), succeeded);
    }

    /** What to record for {@code task}: nothing when it ignores results, else the record kept for its own expiry. */
    private ResultRecord recordOf(TaskDescriptor task, ResultRecord r) {
        return task.settings().ignoreResult() ? null : r.withTtl(task.settings().resultExpires());
    }

    /** Ends the run by scheduling the next one, in Redis (the delay never waits in this worker). */
    private void retry(Delivery d, TaskMessage m, TaskSettings settings, String label, Throwable reason, Duration countdown) {
        TaskMessage next = m.retried(Instant.now().plus(countdown));
        String why = reason == null ? "retry requested" : reason.getClass().getName() + (reason.getMessage() == null ? "" : ": " + reason.getMessage());
        LOG.info(() -> "Task " + label + " retry " + next.retries() + ": Retry in " + Durations.seconds(countdown) + ": " + why);
        boolean recorded = engine.backend().enabled() && !settings.ignoreResult();
        ResultRecord record = !recorded ? null : ResultRecord.retry(m.id(), m.task(), reason == null ? null : reason.getClass().getName(),
                reason == null ? null : reason.getMessage(), reason == null ? null : Tracebacks.format(reason), me.name(),
                next.retries()).withTtl(settings.resultExpires());
        if (handedBack.getAsBoolean()) {
            LOG.warning(() -> "Task " + d.id() + " asked for a retry after it was handed back; it will run again from its queue");
            return;
        }
        completions.settle(d.id()); // its STARTED, if written at all, lands before the RETRY record
        retrying("retry " + d.id(), () -> engine.broker().retry(d, me.instanceId(), next, countdown, record));
    }

    /**
     * Queues the ack; the outbox writes it, or discards it if shutdown has handed the task back by then.
     *
     * @param written the INFO line to log once the ack is written, or null
     */
    private boolean ack(Delivery d, ResultRecord outcome, Supplier<String> written) {
        completions.ack(d, outcome, written);
        return true;
    }

    /**
     * Runs a Redis step that ends a delivery until it succeeds: while Redis is away the task stays owned by this live
     * worker (its heartbeat keeps ownership), so retrying is safe and giving up would only cost a re-run. It stops
     * when shutdown has handed the task back.
     */
    private void retrying(String what, Runnable step) {
        Backoff backoff = new Backoff();
        while (true) {
            try {
                step.run();
                return;
            } catch (RuntimeException e) {
                if (handedBack.getAsBoolean()) {
                    LOG.warning(() -> "Giving up on " + what + " after hand-back: " + e);
                    return;
                }
                LOG.warning(() -> "Cannot " + what + " (" + e + "); retrying in " + backoff.next().toMillis() + " ms");
                if (!backoff.pause()) {
                    return;
                }
            }
        }
    }

    /** What a task method returned, waited for: the value of its AsyncResult, CompletionStage or Future. */
    private static Object awaitValue(Object returned) throws Throwable {
        if (returned instanceof Future<?> f) {
            return f.get();
        }
        if (returned instanceof CompletionStage<?> s) {
            return s.toCompletableFuture().get();
        }
        return returned;
    }

    private static Throwable unwrap(Throwable t) {
        Throwable cur = t;
        while ((cur instanceof ExecutionException || cur instanceof CompletionException) && cur.getCause() != null) {
            cur = cur.getCause();
        }
        return cur;
    }

    private static String abbreviate(String json) {
        return json == null || json.length() <= 200 ? String.valueOf(json) : json.substring(0, 197) + "...";
    }
}
