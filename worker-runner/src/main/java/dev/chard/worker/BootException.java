package dev.chard.worker;

import dev.chard.api.ChardException;

/** The application archive could not be opened or booted; the worker exits with code 4. */
public class BootException extends ChardException {
    public BootException(String code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
