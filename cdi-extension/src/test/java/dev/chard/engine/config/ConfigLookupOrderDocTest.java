package dev.chard.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The order in which a key is looked up is stated in one sentence, the same on every page that states it, and that
 * sentence is what {@link ConfigSources} does (without MicroProfile Config, as in the worker: system property, then
 * environment variable, then {@code META-INF/microprofile-config.properties}, then {@code META-INF/chard.properties}).
 */
class ConfigLookupOrderDocTest {

    /** The sentence, whitespace collapsed: it may be wrapped anywhere. */
    static final String ORDER = "Each key is read from the first of these that sets it: system properties, then environment"
            + " variables, then every `META-INF/microprofile-config.properties`, then every `META-INF/chard.properties`,"
            + " then the default; where MicroProfile Config is present (WildFly, Payara) it replaces the first three steps";

    private static final Path ROOT = Path.of("..");
    /** The pages that state the order. */
    private static final List<String> PAGES = List.of("README.md", "docs/getting-started.md", "docs/configuration.md",
            "docs/architecture.md", "docs/worker.md", "docs/deployment.md", "docs/celery-migration.md",
            "examples/jakarta-war/README.md");
    /** How pages used to state it, each missing a step or with a step too many. */
    private static final List<String> STALE = List.of("else system properties, then environment",
            "when present, then system properties", "MicroProfile Config when present, else", "6. then the default");
    private static final String KEY = "chard.test.lookup-order";

    @TempDir
    Path tmp;

    @AfterEach
    void clearSystemProperty() {
        System.clearProperty(KEY);
    }

    @Test
    void everyPageThatStatesTheOrderStatesTheSameSentence() throws IOException {
        List<String> missing = new ArrayList<>();
        for (String page : PAGES) {
            if (!normalized(ROOT.resolve(page)).contains(ORDER)) {
                missing.add(page);
            }
        }
        assertEquals(List.of(), missing, "pages without the lookup-order sentence \"" + ORDER + "\"");
    }

    @Test
    void noPageStatesAnotherOrder() throws IOException {
        List<String> found = new ArrayList<>();
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("examples/jakarta-war/README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).forEach(pages::add);
        }
        for (Path page : pages) {
            String text = normalized(page);
            for (String stale : STALE) {
                if (text.contains(stale)) {
                    found.add(page + ": " + stale);
                }
            }
        }
        assertEquals(List.of(), found);
    }

    @Test
    void theSentenceIsTheOrderOfTheSourcesWithoutMicroProfileConfig() throws IOException {
        Path root = tmp.resolve("classes");
        Files.createDirectories(root.resolve("META-INF"));
        Files.writeString(root.resolve("META-INF/microprofile-config.properties"), KEY + "=from-microprofile-file\n");
        Files.writeString(root.resolve("META-INF/chard.properties"), KEY + "=from-chard-file\n");
        // PATH stands in for the key's environment variable: the environment cannot be set from inside the JVM
        ConfigSources.Name name = new ConfigSources.Name(KEY, "PATH");
        ConfigSources.Name noEnv = new ConfigSources.Name(KEY, "CHARD_TEST_NO_SUCH_VARIABLE");
        String path = System.getenv("PATH");
        assertNotNull(path, "the test needs PATH in the environment");
        assertNull(System.getenv(noEnv.env()));

        try (URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, null)) {
            ConfigSources sources = ConfigSources.standard(loader);
            System.setProperty(KEY, "from-system-property");
            assertEquals("from-system-property", sources.lookup(name).value(), "1. system properties");
            System.clearProperty(KEY);
            assertEquals(path.trim(), sources.lookup(name).value(), "2. environment variables");
            assertEquals("from-microprofile-file", sources.lookup(noEnv).value(), "3. META-INF/microprofile-config.properties");
        }
        Files.delete(root.resolve("META-INF/microprofile-config.properties"));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, null)) {
            assertEquals("from-chard-file", ConfigSources.standard(loader).lookup(noEnv).value(), "4. META-INF/chard.properties");
        }
        Files.delete(root.resolve("META-INF/chard.properties"));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, null)) {
            assertNull(ConfigSources.standard(loader).lookup(noEnv), "5. nothing found: the caller uses the default");
        }
    }

    private static String normalized(Path page) throws IOException {
        assertTrue(Files.isRegularFile(page), page.toAbsolutePath() + " is missing");
        return Files.readString(page).replaceAll("\\s+", " ");
    }
}
