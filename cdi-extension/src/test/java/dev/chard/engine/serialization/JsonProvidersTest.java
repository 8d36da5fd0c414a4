package dev.chard.engine.serialization;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Without Yasson, Chard's own coded error names what to add, instead of JSON-B's "provider ... not found". */
class JsonProvidersTest {

    @Test
    void withYassonOnTheClassPathBothImplementationsAreFound() {
        assertDoesNotThrow(JsonProviders::require);
    }

    @Test
    void aClassPathWithoutYassonIsReportedAsChardsRequirement() throws Exception {
        List<URL> withoutYasson = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.contains("yasson") && !entry.contains("parsson")) {
                withoutYasson.add(new File(entry).toURI().toURL());
            }
        }
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(withoutYasson.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            Thread.currentThread().setContextClassLoader(loader); // where JSON-B looks for its provider
            Class<?> providers = Class.forName(JsonProviders.class.getName(), true, loader);
            InvocationTargetException e = assertThrows(InvocationTargetException.class,
                    () -> providers.getMethod("require").invoke(null));
            Throwable chard = e.getCause();
            assertEquals("dev.chard.api.ConfigurationException", chard.getClass().getName());
            assertTrue(chard.getMessage().startsWith("CHARD-02003: Chard needs a JSON-B (jakarta.json.bind) implementation"),
                    chard.getMessage());
            assertTrue(chard.getMessage().contains("add org.eclipse:yasson"), chard.getMessage());
            assertFalse(chard.getMessage().startsWith("JSON Binding provider"), chard.getMessage());
        } finally {
            Thread.currentThread().setContextClassLoader(before);
        }
    }
}
