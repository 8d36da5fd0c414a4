package dev.chard.api;

/** The broker could not be reached (or did not answer in time) while sending a task; the task was not sent. */
public class BrokerUnavailableException extends ChardException {
    public BrokerUnavailableException(String code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
