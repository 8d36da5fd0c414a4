package dev.chard.engine.registry;

import dev.chard.api.AsyncTask;
import dev.chard.api.ChardException;
import dev.chard.engine.config.ChardConfig;
import dev.chard.engine.config.Durations;
import dev.chard.engine.errors.DeploymentErrors;
import dev.chard.engine.retry.RetryPolicy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A task's effective settings: {@link AsyncTask}'s members, each overridable per task name by configuration
 * ({@code chard.task."<name>".max-retries} and so on, docs/retries.md). Every value is checked here, at deployment;
 * problems go to {@code errors} naming the method (annotation) or the key (configuration).
 */
public final class TaskSettingsResolver {

    private TaskSettingsResolver() {
    }

    /** The settings, or null when a value is invalid (then at least one error was reported). */
    public static TaskSettings resolve(TaskDescriptor task, AsyncTask a, ChardConfig config, Consumer<ChardException> errors) {
        Reader r = new Reader(task, config, errors);
        int maxRetries = r.integer("max-retries", "maxRetries", a.maxRetries());
        Duration delay = r.duration("retry-delay", "retryDelay", a.retryDelay(), false);
        Duration backoff = r.duration("retry-backoff", "retryBackoff", a.retryBackoff(), true);
        Duration backoffMax = r.duration("retry-backoff-max", "retryBackoffMax", a.retryBackoffMax(), false);
        boolean jitter = r.bool("retry-jitter", a.retryJitter());
        boolean ignore = r.bool("ignore-result", a.ignoreResult());
        Duration expires = r.duration("result-expires", "resultExpires", a.resultExpires(), true);
        if (r.failed) {
            return null;
        }
        return new TaskSettings(new RetryPolicy(maxRetries, delay, backoff, backoffMax, jitter,
                List.of(a.autoretryFor()), List.of(a.dontAutoretryFor())), ignore, expires);
    }

    /** Reads one setting: the configuration override if present, else the annotation member. */
    private static final class Reader {
        private final TaskDescriptor task;
        private final ChardConfig config;
        private final Consumer<ChardException> errors;
        private boolean failed;

        Reader(TaskDescriptor task, ChardConfig config, Consumer<ChardException> errors) {
            this.task = task;
            this.config = config;
            this.errors = errors;
        }

        private Optional<ChardConfig.Setting> override(String setting) {
            return config == null ? Optional.empty() : config.taskSetting(task.name(), setting);
        }

        int integer(String setting, String member, int declared) {
            Optional<ChardConfig.Setting> o = override(setting);
            int value = declared;
            if (o.isPresent()) {
                try {
                    value = Integer.parseInt(o.get().value());
                } catch (NumberFormatException e) {
                    return bad(o.get(), "expected a whole number, -1 for ever", declared);
                }
            }
            if (value < RetryPolicy.FOREVER) {
                return o.isPresent() ? bad(o.get(), "expected -1 (for ever) or a number of retries", declared)
                        : badMember(member, value, "use -1 (for ever) or a number of retries", declared);
            }
            return value;
        }

        Duration duration(String setting, String member, String declared, boolean emptyMeansNone) {
            Optional<ChardConfig.Setting> o = override(setting);
            String text = o.map(ChardConfig.Setting::value).orElse(declared);
            if (emptyMeansNone && (text.isBlank() || text.equalsIgnoreCase("none") || text.equalsIgnoreCase("off"))) {
                return null; // "none" lets configuration switch off what the annotation turned on
            }
            Duration d = Durations.parse(text);
            if (d == null || d.isNegative()) {
                String why = "expected a duration such as 500ms, 30s, 5m, 2h, 1d or PT30S" + (emptyMeansNone ? ", or none" : "");
                return o.isPresent() ? bad(o.get(), why, null) : badMember(member, "\"" + text + "\"", why, null);
            }
            return d;
        }

        boolean bool(String setting, boolean declared) {
            Optional<ChardConfig.Setting> o = override(setting);
            if (o.isEmpty()) {
                return declared;
            }
            String v = o.get().value();
            if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                return bad(o.get(), "expected true or false", declared);
            }
            return Boolean.parseBoolean(v.toLowerCase(java.util.Locale.ROOT));
        }

        private <T> T bad(ChardConfig.Setting s, String why, T fallback) {
            failed = true;
            errors.accept(DeploymentErrors.badTaskSetting(task.displayName(), s.key(), s.value(), s.from(), why));
            return fallback;
        }

        private <T> T badMember(String member, Object value, String why, T fallback) {
            failed = true;
            errors.accept(DeploymentErrors.invalidAnnotation(task.method(), member, value, why));
            return fallback;
        }
    }
}
