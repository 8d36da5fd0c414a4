package dev.chard.worker;

import dev.chard.api.BrokerUnavailableException;

/**
 * The oldest Redis Chard runs on: 6.0, for BLPOP with a fractional timeout (the idle wait) and ZPOPMIN in scripts.
 * Checked at start-up so that an old server fails with one clear line instead of script errors later.
 */
public final class RedisVersion {

    static final int MAJOR = 6;
    static final int MINOR = 0;

    private RedisVersion() {
    }

    /** @throws BrokerUnavailableException (exit code 5) naming the version, when it is older than 6.0 */
    public static void require(String version) {
        if (version == null || version.isBlank()) {
            return; // INFO hidden by an ACL: the scripts will say so if something is missing
        }
        String[] parts = version.trim().split("\\.");
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            if (major < MAJOR || (major == MAJOR && minor < MINOR)) {
                throw new BrokerUnavailableException("CHARD-04014", "the broker runs Redis " + version + "; Chard needs Redis "
                        + MAJOR + "." + MINOR + " or newer", null);
            }
        } catch (NumberFormatException e) {
            // a fork with its own numbering: let it try
        }
    }
}
