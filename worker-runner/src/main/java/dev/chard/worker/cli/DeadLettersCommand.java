package dev.chard.worker.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import dev.chard.engine.Engine;
import dev.chard.worker.logging.LogLevel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code chard dead list|requeue}: the dead letters of a queue (messages that could not be decoded, or that kept
 * killing their workers), and putting them back once the cause is fixed.
 */
@Command(name = "dead", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "List or requeue the dead letters of a queue.",
        subcommands = {DeadLettersCommand.ListDead.class, DeadLettersCommand.Requeue.class})
public final class DeadLettersCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: list or requeue");
    }

    /** {@code chard dead list [-Q queue] [--limit n]}: one JSON record a line, newest first. */
    @Command(name = "list", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Print the dead letters of a queue, one JSON record {id, queue, reason, body, at} a line, newest first.")
    static final class ListDead implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        CommonOptions common;

        @Mixin
        QueueOption queue;

        @Option(names = "--limit", defaultValue = "100", paramLabel = "<n>", description = "At most this many (default ${DEFAULT-VALUE}).")
        int limit;

        @Override
        public Integer call() {
            common.apply(LogLevel.WARNING);
            try (ClientEngine client = ClientEngine.open()) {
                Engine engine = client.engine();
                String q = queue.resolve(engine.config());
                PrintWriter out = spec.commandLine().getOut();
                engine.broker().deadLetters(q, Math.max(1, limit)).forEach(out::println);
                out.flush();
                return ExitCode.OK.code();
            }
        }
    }

    /** {@code chard dead requeue [-Q queue] (--all | <id>...)}: puts them back as new deliveries. */
    @Command(name = "requeue", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Put dead letters back in their queue (PENDING again, delivery count reset); prints the ids put back.")
    static final class Requeue implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        CommonOptions common;

        @Mixin
        QueueOption queue;

        @Option(names = "--all", description = "Every dead letter of the queue (up to --limit).")
        boolean all;

        @Option(names = "--limit", defaultValue = "10000", paramLabel = "<n>", description = "At most this many (default ${DEFAULT-VALUE}).")
        int limit;

        @Parameters(paramLabel = "<task-id>", arity = "0..*", description = "The ids to put back.")
        List<String> ids = List.of();

        @Override
        public Integer call() {
            if (all == !ids.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "name the task ids to requeue, or --all (not both)");
            }
            common.apply(LogLevel.WARNING);
            try (ClientEngine client = ClientEngine.open()) {
                Engine engine = client.engine();
                String q = queue.resolve(engine.config());
                List<String> back = engine.broker().requeueDeadLetters(q, all ? List.of() : ids, Math.max(1, limit));
                PrintWriter out = spec.commandLine().getOut();
                back.forEach(out::println);
                out.flush();
                spec.commandLine().getErr().println("requeued " + back.size() + " dead letter(s) of queue " + q);
                List<String> missing = ids.stream().filter(id -> !back.contains(id)).toList();
                if (!missing.isEmpty()) {
                    spec.commandLine().getErr().println("not found among the dead letters of " + q + ": " + missing);
                    return ExitCode.FAILED.code();
                }
                return ExitCode.OK.code();
            }
        }
    }
}
