package dev.chard.engine.serialization;

/** A message's arguments do not fit the task method's parameters; the message names the parameter. */
public class ArgumentBindingException extends RuntimeException {
    public ArgumentBindingException(String message, Throwable cause) {
        super(message, cause);
    }
}
