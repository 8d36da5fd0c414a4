package dev.chard.engine.errors;

import dev.chard.engine.serialization.ArgumentBindingException;

/** Errors of messages that cannot be run as sent: codes CHARD-05xxx raised by the engine. */
public final class MessageErrors {

    private MessageErrors() {
    }

    /**
     * CHARD-05003: the arguments do not fit the declared parameters (a number that does not fit, a value of another
     * kind, a null into a primitive, too many, missing or unknown arguments). The worker records it as FAILURE without
     * running or retrying the task; a sender that declares the task refuses the send with the same text.
     */
    public static ArgumentBindingException argumentsDoNotFit(String reason, Throwable cause) {
        return new ArgumentBindingException("CHARD-05003", reason, cause);
    }
}
