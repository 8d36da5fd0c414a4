package dev.chard.api;

/** A configuration value is missing or malformed; the message names the key. */
public class ConfigurationException extends ChardException {

    private final String key;

    public ConfigurationException(String code, String key, String message) {
        super(code, message);
        this.key = key;
    }

    /** The configuration key at fault, e.g. {@code chard.broker.url}. */
    public String key() {
        return key;
    }
}
