package dev.chard.engine.config;

import java.util.Locale;
import java.util.function.Function;

/**
 * MicroProfile Config, used when its API is on the class path (WildFly, Payara, Open Liberty). Kept in its own class
 * so that nothing references the optional API unless {@link #create} found it.
 */
final class MicroProfileSource {

    private MicroProfileSource() {
    }

    /** The source, or null when MicroProfile Config is not available. */
    static Function<ConfigSources.Name, ConfigSources.Found> create(ClassLoader loader) {
        try {
            Class.forName("org.eclipse.microprofile.config.ConfigProvider", false,
                    loader == null ? MicroProfileSource.class.getClassLoader() : loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
        try {
            return of(org.eclipse.microprofile.config.ConfigProvider.getConfig(loader));
        } catch (RuntimeException | LinkageError e) {
            // The API is present but no implementation is (a bare API jar): behave as if MicroProfile were absent.
            return null;
        }
    }

    /** Looks keys up in {@code config}, naming where each value came from (see {@link #origin}). */
    static Function<ConfigSources.Name, ConfigSources.Found> of(org.eclipse.microprofile.config.Config config) {
        return key -> {
            String value;
            String from;
            try {
                org.eclipse.microprofile.config.ConfigValue v = config.getConfigValue(key.key());
                value = v.getValue();
                from = value == null ? null : origin(v.getSourceName(), key);
            } catch (LinkageError e) {
                // MicroProfile Config before 2.0 has no ConfigValue: the value alone
                value = config.getOptionalValue(key.key(), String.class).orElse(null);
                from = "MicroProfile Config " + key.key();
            }
            if (value == null || value.isBlank()) {
                return null;
            }
            String option = from.startsWith("system property ") ? CommandLineValues.origin(key.key(), value) : null;
            return new ConfigSources.Found(value.trim(), option != null ? option : from);
        };
    }

    /**
     * Where a value came from, told from its config source's name as the implementations give it: SmallRye Config
     * (WildFly, Open Liberty) names them {@code EnvConfigSource}, {@code SysPropConfigSource} and
     * {@code PropertiesConfigSource[source=<url>]}; Payara {@code Environment}, {@code SystemProperty} and, for its other
     * sources, a word such as {@code Domain} or {@code Directory}.
     */
    static String origin(String sourceName, ConfigSources.Name key) {
        if (sourceName == null) {
            return "MicroProfile Config " + key.key();
        }
        String lower = sourceName.toLowerCase(Locale.ROOT);
        if (lower.startsWith("envconfigsource") || lower.equals("environment")) {
            return "environment variable " + environmentName(key);
        }
        if (lower.startsWith("syspropconfigsource") || lower.equals("systemproperty")) {
            return "system property " + key.key();
        }
        int source = sourceName.indexOf("[source=");
        if (source >= 0 && sourceName.endsWith("]")) {
            return sourceName.substring(source + "[source=".length(), sourceName.length() - 1);
        }
        return "MicroProfile Config source '" + sourceName + "' (" + key.key() + ")";
    }

    /**
     * The variable that holds the value: MicroProfile Config tries the key as written, then with every character other
     * than a letter or digit as '_', then that upper-cased (chard.broker.url, chard_broker_url, CHARD_BROKER_URL).
     */
    private static String environmentName(ConfigSources.Name key) {
        String underscored = key.key().replaceAll("[^A-Za-z0-9]", "_");
        for (String candidate : new String[] {key.key(), underscored, underscored.toUpperCase(Locale.ROOT)}) {
            if (System.getenv(candidate) != null) {
                return candidate;
            }
        }
        return key.env();
    }
}
