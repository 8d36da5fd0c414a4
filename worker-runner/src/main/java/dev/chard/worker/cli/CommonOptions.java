package dev.chard.worker.cli;

import dev.chard.engine.config.CommandLineValues;
import dev.chard.engine.config.ConfigKey;
import dev.chard.worker.logging.LogLevel;
import dev.chard.worker.logging.LogSetup;
import picocli.CommandLine.Option;

/**
 * Options every subcommand takes. {@code --broker} and {@code --backend} become the system properties
 * {@code chard.broker.url} and {@code chard.backend.url}, which the configuration reads before the environment
 * and {@code META-INF/chard.properties}: the command line wins, and the application sees the same values.
 */
public final class CommonOptions {

    @Option(names = "--broker", paramLabel = "<url>", description = "Broker URL (sets chard.broker.url), e.g. redis://localhost:6379/0.")
    String broker;

    @Option(names = "--backend", paramLabel = "<url>", description = "Result backend URL (sets chard.backend.url).")
    String backend;

    @Option(names = {"-l", "--loglevel"}, paramLabel = "<level>", converter = LogLevelConverter.class,
            description = "debug, info, warning, error or critical. Default: info for worker, warning otherwise.")
    LogLevel level;

    /** Configures logging and publishes the URLs as system properties; call first in every subcommand. */
    void apply(LogLevel defaultLevel) {
        LogSetup.configure(level != null ? level : defaultLevel);
        Failures.debug = (level != null ? level : defaultLevel) == LogLevel.DEBUG;
        set(ConfigKey.BROKER_URL, broker, "--broker");
        set(ConfigKey.BACKEND_URL, backend, "--backend");
    }

    /** Publishes an option's value as the system property of {@code key}; an error about it names {@code option}. */
    static void set(ConfigKey key, String value, String option) {
        if (value != null) {
            CommandLineValues.set(key.key(), value, option);
        }
    }

    /** Lets picocli report a bad level as a usage error (exit 2). */
    static final class LogLevelConverter implements picocli.CommandLine.ITypeConverter<LogLevel> {
        @Override
        public LogLevel convert(String value) {
            return LogLevel.parse(value);
        }
    }
}
