package dev.chard.api;

/**
 * A configuration value is missing or malformed (the message names the key), or the class path lacks an implementation
 * Chard needs (CHARD-02003; then {@link #key()} is null).
 */
public class ConfigurationException extends ChardException {

    private final String key;

    public ConfigurationException(String code, String key, String message) {
        this(code, key, message, null);
    }

    public ConfigurationException(String code, String key, String message, Throwable cause) {
        super(code, message, cause);
        this.key = key;
    }

    /** The configuration key at fault, e.g. {@code chard.broker.url}; null when no key is (a missing library). */
    public String key() {
        return key;
    }
}
