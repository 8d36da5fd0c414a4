package dev.chard.engine.serialization;

import dev.chard.api.ChardException;

/**
 * A message's arguments do not fit the task method's parameters (CHARD-05003, built by
 * {@link dev.chard.engine.errors.MessageErrors}); the message names the task, the parameter and what does not fit. The
 * worker records it as the task's FAILURE, and a sender that declares the task refuses the send with the same words.
 */
public class ArgumentBindingException extends ChardException {

    private final String reason;

    public ArgumentBindingException(String code, String reason, Throwable cause) {
        super(code, reason, cause);
        this.reason = reason;
    }

    /** The message without its code. */
    public String reason() {
        return reason;
    }
}
