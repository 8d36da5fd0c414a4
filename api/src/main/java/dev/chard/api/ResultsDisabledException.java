package dev.chard.api;

/** A result was asked for, but no result backend is configured ({@code chard.backend.url} is not set). */
public class ResultsDisabledException extends ChardException {
    public ResultsDisabledException(String code, String message) {
        super(code, message);
    }
}
