package dev.chard.engine.registry;

import dev.chard.engine.retry.RetryPolicy;

import java.time.Duration;
import java.util.Objects;

/**
 * A task's effective settings: its annotation, with the per-task configuration overrides applied at deployment.
 *
 * @param resultExpires how long its results are kept; null for {@code chard.result.expires}
 */
public record TaskSettings(RetryPolicy retry, boolean ignoreResult, Duration resultExpires) {

    public static final TaskSettings DEFAULTS = new TaskSettings(RetryPolicy.DEFAULTS, false, null);

    public TaskSettings {
        Objects.requireNonNull(retry, "retry");
    }
}
