package dev.chard.engine.config;

import java.net.InetAddress;

/** This machine's host name, for default worker and origin names. */
public final class HostName {

    private static final String NAME = resolve();

    private HostName() {
    }

    public static String get() {
        return NAME;
    }

    private static String resolve() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "localhost";
        }
    }
}
