package dev.chard.worker.cli;

/**
 * The process exit codes of {@code chard}, one place for all of them; docs/worker.md lists the same table.
 * Scripts and supervisors rely on them, so a value never changes meaning.
 */
public enum ExitCode {
    /** Done: the command succeeded, or the worker stopped after a signal. */
    OK(0),
    /** A task failed ({@code call --wait}), a wait timed out, or an unexpected runtime error. */
    FAILED(1),
    /** The command line is wrong (picocli's usage-error code). */
    USAGE(2),
    /** A configuration value is missing or malformed (CHARD-02xxx, ResultsDisabledException). */
    CONFIGURATION(3),
    /** The application archive could not be opened or booted in Weld SE (CHARD-01xxx, CHARD-04xxx). */
    BOOT(4),
    /** The broker or the result backend did not answer. */
    BROKER_UNAVAILABLE(5);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
