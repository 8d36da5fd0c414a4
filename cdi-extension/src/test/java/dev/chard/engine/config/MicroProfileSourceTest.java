package dev.chard.engine.config;

import dev.chard.api.ConfigurationException;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * In a server a bad value names where it came from, as MicroProfile Config's {@code ConfigValue.getSourceName()}
 * says: the names below are those of the implementations the servers run, read from their classes (SmallRye Config
 * 3.12.4 in WildFly 37: EnvConfigSource, SysPropConfigSource, {@code PropertiesConfigSource[source=<url>]}; Payara 6's
 * own: Environment, SystemProperty, Domain, ...).
 */
class MicroProfileSourceTest {

    private static final ConfigSources.Name BROKER = ConfigSources.Name.of(ConfigKey.BROKER_URL);

    @Test
    void theEnvironmentIsNamedAsTheVariableInWildFlyAndPayara() {
        assertEquals("environment variable CHARD_BROKER_URL", MicroProfileSource.origin("EnvConfigSource", BROKER));
        assertEquals("environment variable CHARD_BROKER_URL", MicroProfileSource.origin("Environment", BROKER));
    }

    @Test
    void systemPropertiesAndFilesAreNamedAsSuch() {
        assertEquals("system property chard.broker.url", MicroProfileSource.origin("SysPropConfigSource", BROKER));
        assertEquals("system property chard.broker.url", MicroProfileSource.origin("SystemProperty", BROKER));
        assertEquals("vfs:/content/app.war/WEB-INF/classes/META-INF/microprofile-config.properties",
                MicroProfileSource.origin("PropertiesConfigSource[source=vfs:/content/app.war/WEB-INF/classes/META-INF/"
                        + "microprofile-config.properties]", BROKER));
        assertEquals("MicroProfile Config source 'Domain' (chard.broker.url)", MicroProfileSource.origin("Domain", BROKER));
    }

    @Test
    void aBadValueFromTheServersEnvironmentNamesTheVariableNotMicroProfileConfig() {
        Config env = config(Map.of("chard.broker.url", "redis://host:6379/x"), "EnvConfigSource");
        ConfigSources sources = ConfigSources.of(MicroProfileSource.of(env));
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> ChardConfig.from(sources));
        assertTrue(e.getMessage().contains("(from environment variable CHARD_BROKER_URL)"), e.getMessage());
    }

    /** A Config whose values all come from one source of the given name. */
    private static Config config(Map<String, String> values, String sourceName) {
        return (Config) Proxy.newProxyInstance(Config.class.getClassLoader(), new Class<?>[] {Config.class}, (p, m, args) -> {
            if (m.getName().equals("getConfigValue")) {
                String name = (String) args[0];
                return value(name, values.get(name), values.containsKey(name) ? sourceName : null);
            }
            throw new UnsupportedOperationException(m.getName());
        });
    }

    private static ConfigValue value(String name, String value, String source) {
        return (ConfigValue) Proxy.newProxyInstance(ConfigValue.class.getClassLoader(), new Class<?>[] {ConfigValue.class},
                (p, m, args) -> switch (m.getName()) {
                    case "getName" -> name;
                    case "getValue", "getRawValue" -> value;
                    case "getSourceName" -> source;
                    case "getSourceOrdinal" -> 300;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }
}
