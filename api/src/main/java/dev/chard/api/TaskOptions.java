package dev.chard.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Per-call options, Celery's {@code apply_async} keywords: task id, countdown, eta, expires, queue, priority.
 * Immutable; each method returns a copy. Start from {@link #defaults()}:
 *
 * <pre>{@code
 * TaskOptions later = TaskOptions.defaults().countdown(Duration.ofSeconds(10)).queue("reports");
 * client.withOptions(later, () -> reports.render(42));   // a typed call
 * client.send("reports.render", List.of(42), Map.of(), later);   // by name
 * }</pre>
 *
 * Unset values are null and mean "use the task's or the configured default". A value that cannot be right (a blank
 * id or queue, a negative countdown, a priority outside 0..9, countdown and eta together) is refused at once with an
 * {@link IllegalArgumentException} whose message starts with {@code CHARD-03027} and names the option and the value;
 * a null where an object is required is a {@link NullPointerException} naming the parameter.
 */
public final class TaskOptions {

    /** The priority used when neither the call nor {@link AsyncTask#priority()} sets one (JMS's default). */
    public static final int DEFAULT_PRIORITY = 4;

    private static final TaskOptions DEFAULTS = new TaskOptions(null, null, null, null, null, null);

    private final String taskId;
    private final Duration countdown;
    private final Instant eta;
    private final Instant expires;
    private final String queue;
    private final Integer priority;

    private TaskOptions(String taskId, Duration countdown, Instant eta, Instant expires, String queue, Integer priority) {
        this.taskId = taskId;
        this.countdown = countdown;
        this.eta = eta;
        this.expires = expires;
        this.queue = queue;
        this.priority = priority;
    }

    /** No options: the task's and the configuration's defaults apply. */
    public static TaskOptions defaults() {
        return DEFAULTS;
    }

    /** Use this id instead of a generated one (a UUID). Sending the same id again restarts its record. */
    public TaskOptions taskId(String id) {
        if (id == null || id.isBlank()) {
            throw invalid("taskId(" + quoted(id) + "): a task id must not be blank");
        }
        return new TaskOptions(id, countdown, eta, expires, queue, priority);
    }

    /** Run no earlier than this long after sending. Exclusive with {@link #eta(Instant)}. */
    public TaskOptions countdown(Duration delay) {
        Objects.requireNonNull(delay, "countdown");
        if (delay.isNegative()) {
            throw invalid("countdown(" + delay + "): a countdown must not be negative");
        }
        if (eta != null) {
            throw invalid("countdown(" + delay + "): countdown and eta are exclusive; these options already have eta " + eta);
        }
        return new TaskOptions(taskId, delay, null, expires, queue, priority);
    }

    /** Run no earlier than this instant. Exclusive with {@link #countdown(Duration)}. */
    public TaskOptions eta(Instant when) {
        Objects.requireNonNull(when, "eta");
        if (countdown != null) {
            throw invalid("eta(" + when + "): countdown and eta are exclusive; these options already have countdown " + countdown);
        }
        return new TaskOptions(taskId, null, when, expires, queue, priority);
    }

    /** Do not run after this instant; a worker that reaches it later marks it REVOKED ("expired"). */
    public TaskOptions expires(Instant when) {
        return new TaskOptions(taskId, countdown, eta, Objects.requireNonNull(when, "expires"), queue, priority);
    }

    /** Do not run later than this long after sending. */
    public TaskOptions expiresIn(Duration ttl) {
        Objects.requireNonNull(ttl, "expiresIn");
        return expires(Instant.now().plus(ttl));
    }

    /** Send to this queue instead of the task's own. */
    public TaskOptions queue(String name) {
        if (name == null || name.isBlank()) {
            throw invalid("queue(" + quoted(name) + "): a queue name must not be blank");
        }
        return new TaskOptions(taskId, countdown, eta, expires, name, priority);
    }

    /** 0 (lowest) to 9 (highest); within a queue higher priorities are taken first, FIFO among equals. */
    public TaskOptions priority(int value) {
        if (value < 0 || value > 9) {
            throw invalid("priority(" + value + "): the priority must be 0 (lowest) to 9 (highest)");
        }
        return new TaskOptions(taskId, countdown, eta, expires, queue, value);
    }

    private static IllegalArgumentException invalid(String what) {
        return new IllegalArgumentException("CHARD-03027: TaskOptions." + what);
    }

    private static String quoted(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }

    public String taskId() {
        return taskId;
    }

    public Duration countdown() {
        return countdown;
    }

    public Instant eta() {
        return eta;
    }

    public Instant expires() {
        return expires;
    }

    public String queue() {
        return queue;
    }

    public Integer priority() {
        return priority;
    }

    @Override
    public String toString() {
        return "TaskOptions[taskId=" + taskId + ", countdown=" + countdown + ", eta=" + eta + ", expires=" + expires
                + ", queue=" + queue + ", priority=" + priority + "]";
    }
}
