package dev.chard.worker.cli;

import dev.chard.api.BrokerUnavailableException;
import dev.chard.api.ChardException;
import dev.chard.api.ConfigurationException;
import dev.chard.api.ResultUnavailableException;
import dev.chard.api.ResultsDisabledException;
import dev.chard.api.TaskFailedException;
import dev.chard.worker.BootException;
import dev.chard.worker.WorkerErrors;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * What a subcommand throws becomes one line on stderr (the CHARD code and message) and an {@link ExitCode}. The
 * stack trace is printed only at {@code -l debug}: the message already says what is wrong and what to do.
 */
final class Failures implements IExecutionExceptionHandler {

    /** Set by {@link CommonOptions#apply}; read when an error is printed. */
    static volatile boolean debug;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parsed) {
        cl.getErr().println(message(ex));
        if (debug) {
            ex.printStackTrace(cl.getErr());
        }
        cl.getErr().flush();
        return exitCode(ex);
    }

    static int exitCode(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ConfigurationException || c instanceof ResultsDisabledException) {
                return ExitCode.CONFIGURATION.code();
            }
            if (c instanceof BrokerUnavailableException || c instanceof ResultUnavailableException || c instanceof JedisConnectionException) {
                return ExitCode.BROKER_UNAVAILABLE.code();
            }
            if (c instanceof BootException) {
                return ExitCode.BOOT.code();
            }
            if (c instanceof TaskFailedException) {
                return ExitCode.FAILED.code();
            }
            if (c instanceof CommandLine.ParameterException) {
                return ExitCode.USAGE.code();
            }
        }
        return ExitCode.FAILED.code();
    }

    static String message(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ChardException) {
                return c.getMessage();
            }
            if (c instanceof JedisConnectionException) {
                return "CHARD-04009: the broker or result backend does not answer: " + c.getMessage()
                        + ". Check that Redis runs and that chard.broker.url / chard.backend.url (--broker, --backend) point to it.";
            }
        }
        return WorkerErrors.unexpected(t).getMessage();
    }
}
