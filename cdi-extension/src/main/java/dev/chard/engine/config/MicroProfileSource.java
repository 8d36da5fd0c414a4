package dev.chard.engine.config;

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
            org.eclipse.microprofile.config.Config config = org.eclipse.microprofile.config.ConfigProvider.getConfig(loader);
            return key -> config.getOptionalValue(key.key(), String.class)
                    .filter(v -> !v.isBlank())
                    .map(v -> new ConfigSources.Found(v.trim(), "MicroProfile Config " + key.key()))
                    .orElse(null);
        } catch (RuntimeException | LinkageError e) {
            // The API is present but no implementation is (a bare API jar): behave as if MicroProfile were absent.
            return null;
        }
    }
}
