package dev.chard.engine.config;

import dev.chard.api.ConfigurationException;

/** Configuration errors, codes CHARD-02xxx. */
public final class ConfigErrors {

    private ConfigErrors() {
    }

    /** CHARD-02001: a value that cannot be parsed. */
    public static ConfigurationException malformed(ConfigKey key, String value, String from, String why) {
        return new ConfigurationException("CHARD-02001", key.key(),
                key.key() + "='" + (key.kind() == ConfigKey.Kind.REDIS_URL ? hidePassword(value) : value) + "' (from " + from + ") is not valid: " + why
                        + ". Fix the value, or remove it to use the default"
                        + (key.defaultValue() == null ? "" : " (" + key.defaultValue() + ")") + ".");
    }

    /** A URL's password never reaches a log or an exception message. */
    static String hidePassword(String url) {
        return url.replaceAll("(//[^/@]*:)[^@/]*@", "$1***@");
    }

    /** CHARD-02002: a properties file that cannot be read. */
    public static ConfigurationException unreadable(String resource, Exception cause) {
        return new ConfigurationException("CHARD-02002", null,
                "cannot read " + resource + ": " + cause.getMessage());
    }
}
