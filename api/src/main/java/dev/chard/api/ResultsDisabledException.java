package dev.chard.api;

/**
 * A result was asked for, but no result backend is configured ({@code chard.backend.url} is not set). Never transient:
 * waiting does not configure one.
 */
public class ResultsDisabledException extends ResultUnavailableException {
    public ResultsDisabledException(String code, String message) {
        super(code, message, false, null);
    }
}
