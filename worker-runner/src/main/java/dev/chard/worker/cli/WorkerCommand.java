package dev.chard.worker.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import dev.chard.engine.config.ConfigKey;
import dev.chard.worker.logging.LogLevel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code chard worker -A <archive>}: Celery's {@code celery -A proj worker}. The options become configuration
 * keys (system properties) before the application boots, so the application's ChardExtension, which reads the
 * configuration at boot, sees exactly what the worker uses.
 */
@Command(name = "worker", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Boot an application archive in Weld SE and run its tasks until SIGTERM or Ctrl-C.")
public final class WorkerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = {"-A", "--app"}, required = true, paramLabel = "<jar|folder|war>",
            description = "The application: a jar, a folder of classes, or a WAR (its WEB-INF/classes and WEB-INF/lib).")
    Path app;

    @Option(names = "--packages", split = ",", paramLabel = "<prefix>",
            description = "Only offer classes in these packages (comma-separated prefixes) to CDI. Default: all.")
    List<String> packages = List.of();

    @Option(names = {"-c", "--concurrency"}, paramLabel = "<n>",
            description = "Tasks run at once (sets chard.worker.concurrency). Default: the number of CPUs.")
    Integer concurrency;

    @Option(names = {"-Q", "--queues"}, paramLabel = "<q1,q2>",
            description = "Queues to consume, comma-separated (sets chard.worker.queues). Default: chard.queue.default.")
    String queues;

    @Option(names = {"-n", "--hostname", "--name"}, paramLabel = "<name>",
            description = "Worker name in logs and results (sets chard.worker.name). Default: chard@<host name>.")
    String name;

    @Option(names = "--liveness-file", paramLabel = "<path>",
            description = "Write the time into this file every heartbeat while the consume loop makes progress;"
                    + " check it with 'chard alive --file <path>'. Default: none.")
    Path livenessFile;

    @Override
    public Integer call() {
        if (concurrency != null && concurrency < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "-c/--concurrency must be at least 1, was " + concurrency);
        }
        common.apply(LogLevel.INFO);
        CommonOptions.set(ConfigKey.WORKER_CONCURRENCY, concurrency == null ? null : concurrency.toString(), "-c");
        CommonOptions.set(ConfigKey.WORKER_QUEUES, queues, "-Q");
        CommonOptions.set(ConfigKey.WORKER_NAME, name, "-n");
        return WorkerLauncher.run(app, packages, livenessFile);
    }
}
