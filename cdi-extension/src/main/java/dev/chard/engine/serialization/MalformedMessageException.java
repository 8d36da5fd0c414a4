package dev.chard.engine.serialization;

/** A message body that cannot be read as a Chard task message. The worker dead-letters it with {@link #reason()}. */
public class MalformedMessageException extends RuntimeException {

    private final String reason;

    public MalformedMessageException(String reason, Throwable cause) {
        super(reason, cause);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
