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

    /** CHARD-02004: a heartbeat timeout shorter than two heartbeat intervals. */
    public static ConfigurationException heartbeatTimeoutTooShort(String timeout, String timeoutFrom, String interval,
                                                                  String intervalFrom) {
        return new ConfigurationException("CHARD-02004", ConfigKey.WORKER_HEARTBEAT_TIMEOUT.key(),
                ConfigKey.WORKER_HEARTBEAT_TIMEOUT.key() + "='" + timeout + "' (from " + timeoutFrom + ") is less than twice "
                        + ConfigKey.WORKER_HEARTBEAT_INTERVAL.key() + "='" + interval + "' (from " + intervalFrom + "): one late"
                        + " heartbeat would declare a live worker dead and run its tasks twice. Raise the timeout to at least"
                        + " twice the interval, or lower the interval.");
    }

    /** CHARD-02003: no JSON-B or JSON-P implementation on the class path. */
    public static ConfigurationException noJsonImplementation(String api, Throwable cause) {
        return new ConfigurationException("CHARD-02003", null, "Chard needs a " + api + " implementation on the class path"
                + " and found none (" + cause.getMessage() + "). In Java SE add org.eclipse:yasson (3.0.4; it brings the"
                + " JSON-P implementation, Parsson) to the application's dependencies; WildFly and Payara provide it, so a"
                + " WAR must not bundle it.", cause);
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
