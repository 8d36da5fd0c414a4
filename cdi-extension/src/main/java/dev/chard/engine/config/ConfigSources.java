package dev.chard.engine.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * The ordered places a key is looked up, the same in the application and in the worker: MicroProfile Config when
 * its API is present (it covers system properties and the environment), else system properties, then the
 * environment, then every {@code META-INF/microprofile-config.properties} (what MicroProfile Config would have read:
 * a WAR configured that way in the server configures the worker that runs the same WAR); then every
 * {@code META-INF/chard.properties} on the class path, first found first.
 */
final class ConfigSources {

    static final String PROPERTIES = "META-INF/chard.properties";
    /** Read by Chard itself only where MicroProfile Config is absent (the worker), so that both sides see the same file. */
    static final String MP_PROPERTIES = "META-INF/microprofile-config.properties";

    /** A value and a description of where it came from, for error messages. */
    record Found(String value, String from) {
    }

    /** A property name and its environment-variable form. */
    record Name(String key, String env) {
        static Name of(ConfigKey k) {
            return new Name(k.key(), k.envName());
        }

        /** Any key, with MicroProfile Config's environment rule: non-alphanumerics become '_', upper case. */
        static Name of(String key) {
            return new Name(key, key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT));
        }
    }

    private final List<Function<Name, Found>> sources = new ArrayList<>();

    private ConfigSources() {
    }

    static ConfigSources standard(ClassLoader loader) {
        ConfigSources s = new ConfigSources();
        Function<Name, Found> mp = MicroProfileSource.create(loader);
        if (mp != null) {
            s.sources.add(mp);
        } else {
            s.sources.add(k -> systemProperty(k.key()));
            s.sources.add(k -> found(System.getenv(k.env()), "environment variable " + k.env()));
            Map<String, Found> mpFiles = readPropertyFiles(loader, MP_PROPERTIES);
            s.sources.add(k -> mpFiles.get(k.key()));
        }
        Map<String, Found> files = readPropertyFiles(loader, PROPERTIES);
        s.sources.add(k -> files.get(k.key()));
        return s;
    }

    static ConfigSources of(Map<String, String> values) {
        ConfigSources s = new ConfigSources();
        s.sources.add(k -> found(values.get(k.key()), "given value"));
        return s;
    }

    /** One source alone (a MicroProfile Config under test). */
    static ConfigSources of(Function<Name, Found> source) {
        ConfigSources s = new ConfigSources();
        s.sources.add(source);
        return s;
    }

    Found lookup(ConfigKey key) {
        return lookup(Name.of(key));
    }

    Found lookup(Name key) {
        for (Function<Name, Found> source : sources) {
            Found f = source.apply(key);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    /** A system property, named after the command-line option that set it when one did. */
    static Found systemProperty(String key) {
        String value = System.getProperty(key);
        if (value == null || value.isBlank()) {
            return null;
        }
        String option = CommandLineValues.origin(key, value);
        return found(value, option != null ? option : "system property " + key);
    }

    private static Found found(String value, String from) {
        return value == null || value.isBlank() ? null : new Found(value.trim(), from);
    }

    private static Map<String, Found> readPropertyFiles(ClassLoader loader, String resource) {
        Map<String, Found> values = new LinkedHashMap<>();
        try {
            Enumeration<URL> urls = loader == null ? ClassLoader.getSystemResources(resource) : loader.getResources(resource);
            while (urls.hasMoreElements()) {
                URL url = urls.nextElement();
                Properties p = new Properties();
                try (InputStream in = url.openStream()) {
                    p.load(in);
                } catch (IOException e) {
                    throw ConfigErrors.unreadable(url.toString(), e);
                }
                for (String name : p.stringPropertyNames()) {
                    Found f = found(p.getProperty(name), url.toString());
                    if (f != null) {
                        values.putIfAbsent(name, f);
                    }
                }
            }
        } catch (IOException e) {
            throw ConfigErrors.unreadable(resource, e);
        }
        return values;
    }
}
