package dev.chard.worker.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code chard}: the entry point of chard-worker.jar, with the subcommands of Celery's {@code celery} command that
 * Chard has: {@code worker}, {@code call}, {@code result}; plus {@code dead} (dead letters) and {@code alive} (liveness probe). {@code java -jar chard-worker.jar -A app.jar -l info}
 * (options but no subcommand) runs {@code worker}, see {@link DefaultSubcommand}.
 */
@Command(name = "chard", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        subcommands = {WorkerCommand.class, CallCommand.class, ResultCommand.class, DeadLettersCommand.class, AliveCommand.class},
        description = "Chard: Celery-style tasks for Jakarta EE, on Redis.",
        footer = {"", "Without a subcommand, options go to 'worker': chard -A app.jar -l info.",
                "Exit codes: 0 ok, 1 task failed or runtime error, 2 usage, 3 configuration, 4 application boot, 5 broker unavailable."})
public final class ChardCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: worker, call, result, dead or alive");
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (does not exit: for tests and embedding). */
    public static int execute(String... args) {
        return commandLine().execute(DefaultSubcommand.apply(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new ChardCommand())
                .setExecutionExceptionHandler(new Failures())
                .setExitCodeExceptionMapper(Failures::exitCode);
    }
}
