package dev.chard.worker.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;

import dev.chard.api.AsyncResult;
import dev.chard.api.ResultsDisabledException;
import dev.chard.api.TaskOptions;
import dev.chard.api.TaskState;
import dev.chard.engine.Engine;
import dev.chard.engine.backend.ResultRecord;
import dev.chard.engine.config.Durations;
import dev.chard.engine.errors.ClientErrors;
import dev.chard.worker.WorkerErrors;
import dev.chard.worker.logging.LogLevel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code chard call <task> --args '[4,5]'}: Celery's {@code celery call}. Prints the task id; with {@code --wait}
 * prints the outcome as the result record's JSON instead, and exits 1 unless the task succeeded.
 * Every option is checked before anything is sent, so a usage error never leaves a task behind.
 */
@Command(name = "call", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Send a task by name; print its id (or, with --wait, its outcome as JSON).")
public final class CallCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "<task-name>", description = "The task name, e.g. dev.example.MathTasks.add.")
    String task;

    @Option(names = "--args", paramLabel = "<json array>", description = "Positional arguments as a JSON array, e.g. '[4, 5]'.")
    String args;

    @Option(names = "--kwargs", paramLabel = "<json object>", description = "Named arguments as a JSON object, e.g. '{\"x\": 4}'.")
    String kwargs;

    @Option(names = "--countdown", paramLabel = "<seconds|duration>", description = "Run no earlier than this from now: 10, 10s, 500ms, 5m, PT1M.")
    String countdown;

    @Option(names = "--eta", paramLabel = "<instant>", description = "Run no earlier than this ISO-8601 instant, e.g. 2026-11-26T14:00:00Z.")
    String eta;

    @Option(names = "--expires", paramLabel = "<duration|instant>", description = "Do not run after this long from now (or after this instant).")
    String expires;

    @Option(names = {"-Q", "--queue"}, paramLabel = "<queue>", description = "Send to this queue instead of the task's own.")
    String queue;

    @Option(names = "--priority", paramLabel = "<0-9>", description = "0 (lowest) to 9 (highest).")
    Integer priority;

    @Option(names = "--task-id", paramLabel = "<id>", description = "Use this id instead of a generated UUID.")
    String taskId;

    @Option(names = "--wait", description = "Wait for the outcome and print it as JSON; exit 1 unless it succeeded.")
    boolean await;

    @Option(names = "--timeout", paramLabel = "<duration>", defaultValue = "60s",
            description = "How long --wait waits (default ${DEFAULT-VALUE}); then exit 1 with CHARD-04007.")
    String timeout;

    @Override
    public Integer call() {
        Sendable s = parse();
        common.apply(LogLevel.WARNING);
        try (ClientEngine client = ClientEngine.open()) {
            Engine engine = client.engine();
            if (await && !engine.backend().enabled()) {
                throw new ResultsDisabledException("CHARD-03002", "--wait needs a result backend, and chard.backend.url is"
                        + " not set; pass --backend redis://host:port/db or set chard.backend.url");
            }
            AsyncResult<Object> r = engine.client().send(task, s.args(), s.kwargs(), s.options());
            PrintWriter out = spec.commandLine().getOut();
            if (!await) {
                out.println(r.id());
                out.flush();
                return ExitCode.OK.code();
            }
            spec.commandLine().getErr().println("Task " + r.id() + " sent; waiting up to " + Durations.seconds(s.timeout()));
            spec.commandLine().getErr().flush();
            try {
                r.get(s.timeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                // the record below says how it failed
            } catch (TimeoutException e) {
                throw WorkerErrors.waitTimedOut(r.id(), s.timeout(), String.valueOf(r.state()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw WorkerErrors.waitTimedOut(r.id(), s.timeout(), "interrupted");
            }
            ResultRecord record = engine.backend().read(r.id())
                    .orElse(new ResultRecord(r.id(), task, TaskState.UNKNOWN, null, null, null, null, null, 0, null));
            out.println(engine.results().encode(record));
            out.flush();
            return record.state() == TaskState.SUCCESS ? ExitCode.OK.code() : ExitCode.FAILED.code();
        }
    }

    private record Sendable(List<?> args, Map<String, ?> kwargs, TaskOptions options, Duration timeout) {
    }

    /** Checks every option and builds what to send; a bad value is a usage error (exit 2). */
    private Sendable parse() {
        List<?> a = List.of();
        Map<String, ?> k = Map.of();
        Jsonb jsonb = JsonbBuilder.create();
        try {
            if (args != null) {
                a = json(() -> jsonb.fromJson(args, List.class), "--args", args, "a JSON array");
            }
            if (kwargs != null) {
                Map<?, ?> m = json(() -> jsonb.fromJson(kwargs, Map.class), "--kwargs", kwargs, "a JSON object");
                @SuppressWarnings("unchecked")
                Map<String, ?> typed = (Map<String, ?>) m; // JSON object keys are always strings
                k = typed;
            }
        } finally {
            ClientEngine.closeJsonb(jsonb);
        }
        TaskOptions o = TaskOptions.defaults();
        try {
            if (taskId != null) {
                o = o.taskId(taskId);
            }
            if (countdown != null) {
                o = o.countdown(duration("--countdown", countdown));
            }
            if (eta != null) {
                o = o.eta(instant("--eta", eta));
            }
            if (expires != null) {
                o = expires.matches("\\d{4}-.*") ? o.expires(instant("--expires", expires)) : o.expiresIn(duration("--expires", expires));
            }
            if (queue != null) {
                o = o.queue(queue);
            }
            if (priority != null) {
                o = o.priority(priority);
            }
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        return new Sendable(a, k, o, duration("--timeout", timeout));
    }

    private <T> T json(java.util.function.Supplier<T> read, String option, String text, String expected) {
        try {
            T value = read.get();
            if (value == null) {
                throw usage(WorkerErrors.badJsonOption(option, text, expected, "it is null"));
            }
            return value;
        } catch (JsonbException | ClassCastException e) {
            // JSON-B wraps the parser's message ("Unexpected char ... at (line no=1, column no=2...)") in "Internal error"
            throw usage(WorkerErrors.badJsonOption(option, text, expected, ClientErrors.rootMessage(e)));
        }
    }

    private Duration duration(String option, String text) {
        Duration d = text.matches("\\d+") ? Duration.ofSeconds(Long.parseLong(text)) : Durations.parse(text);
        if (d == null || d.isNegative()) {
            throw usage(option + " '" + text + "' is not a duration; use seconds (10) or 500ms, 10s, 5m, 2h, 1d, PT30S");
        }
        return d;
    }

    private Instant instant(String option, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw usage(option + " '" + text + "' is not an ISO-8601 instant such as 2026-11-26T14:00:00Z");
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
