package dev.chard.worker.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

import dev.chard.engine.config.Durations;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code chard alive --file <path>}: the liveness probe. Exit 0 when the worker that writes {@code <path>}
 * ({@code worker --liveness-file}) made progress within {@code --max-age}, else 1 with the reason. Needs no Redis.
 */
@Command(name = "alive", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Exit 0 if the worker writing --file made progress recently (a liveness probe), else 1.")
public final class AliveCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--file", required = true, paramLabel = "<path>", description = "The worker's --liveness-file.")
    Path file;

    @Option(names = "--max-age", defaultValue = "30s", paramLabel = "<duration>",
            description = "How old the file may be (default ${DEFAULT-VALUE}).")
    String maxAge;

    @Override
    public Integer call() throws IOException {
        Duration max = Durations.parse(maxAge);
        if (max == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max-age: not a duration: " + maxAge);
        }
        Instant written;
        try {
            written = Files.getLastModifiedTime(file).toInstant();
        } catch (NoSuchFileException e) {
            spec.commandLine().getErr().println("not live: " + file + " does not exist (the worker is not running, or has not"
                    + " started consuming)");
            return ExitCode.FAILED.code();
        }
        Duration age = Duration.between(written, Instant.now());
        if (age.compareTo(max) > 0) {
            spec.commandLine().getErr().println("not live: the consume loop last made progress " + Durations.seconds(age)
                    + " ago (more than " + maxAge + ")");
            return ExitCode.FAILED.code();
        }
        spec.commandLine().getOut().println("live: progress " + Durations.seconds(age) + " ago");
        return ExitCode.OK.code();
    }
}
