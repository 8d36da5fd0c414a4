package dev.chard.api;

/** A task argument or result could not be written to, or read from, JSON. The message names which one. */
public class TaskSerializationException extends ChardException {
    public TaskSerializationException(String code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
