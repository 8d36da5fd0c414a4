package dev.chard.api;

import java.util.Objects;

/**
 * The root of every exception Chard raises. Each carries a stable code ({@code CHARD-nnnnn}) that its message
 * starts with; {@code docs/errors.md} lists them all.
 */
public class ChardException extends RuntimeException {

    private final String code;

    public ChardException(String code, String message) {
        this(code, message, null);
    }

    public ChardException(String code, String message, Throwable cause) {
        super(code + ": " + message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** The stable error code, e.g. {@code CHARD-03001}. */
    public String code() {
        return code;
    }
}
