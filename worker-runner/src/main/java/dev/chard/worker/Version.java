package dev.chard.worker;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Chard's version: the shaded jar's Implementation-Version, else the one Maven wrote into version.properties. */
public final class Version {

    private static final String VERSION = resolve();

    private Version() {
    }

    public static String get() {
        return VERSION;
    }

    private static String resolve() {
        String v = Version.class.getPackage().getImplementationVersion();
        if (v != null) {
            return v;
        }
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String fromFile = p.getProperty("version");
                if (fromFile != null && !fromFile.startsWith("${")) {
                    return fromFile;
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return "unknown";
    }
}
