package dev.chard.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code docs/configuration.md} and {@link ConfigKey} describe the same keys with the same defaults. */
class ConfigurationDocTest {

    private static final Path DOC = Path.of("..", "docs", "configuration.md");
    private static final Pattern KEY = Pattern.compile("chard(?:\\.[a-z0-9-]+)+");

    /** The doc's key table: first-column key → the row's cells. */
    private static Map<String, List<String>> rows;
    private static List<String> tableLines;

    @BeforeAll
    static void readDoc() throws IOException {
        assertTrue(Files.isRegularFile(DOC), DOC.toAbsolutePath() + " is missing");
        tableLines = Files.readAllLines(DOC).stream()
                .filter(line -> line.startsWith("| `chard."))
                .toList();
        rows = tableLines.stream()
                .map(ConfigurationDocTest::cells)
                .collect(Collectors.toMap(cells -> unquote(cells.get(0)), Function.identity()));
    }

    private static List<String> cells(String line) {
        // Cells are separated by " | "; a pipe inside a description is written as \|.
        String inner = line.substring(1, line.length() - 1);
        return Arrays.stream(inner.split("(?<!\\\\)\\|")).map(String::trim).toList();
    }

    private static String unquote(String cell) {
        return cell.replace("`", "").trim();
    }

    @ParameterizedTest
    @EnumSource(ConfigKey.class)
    void everyKeyHasARowWithItsEnvironmentVariableAndDefault(ConfigKey key) {
        List<String> row = rows.get(key.key());
        assertTrue(row != null, key.key() + " has no row in " + DOC);
        assertEquals(key.envName(), unquote(row.get(1)), "environment variable of " + key.key());
        String expectedDefault = key.defaultValue() == null ? "—" : key.defaultValue();
        assertEquals(expectedDefault, unquote(row.get(3)), "default of " + key.key());
        assertTrue(row.get(4).length() > 10, "description of " + key.key());
    }

    @Test
    void everyKeyAndDefaultAppearInTheDoc() throws IOException {
        String doc = Files.readString(DOC);
        for (ConfigKey key : ConfigKey.values()) {
            assertTrue(doc.contains("`" + key.key() + "`"), key.key());
            if (key.defaultValue() != null) {
                assertTrue(doc.contains("`" + key.defaultValue() + "`"), key.key() + " default " + key.defaultValue());
            }
        }
    }

    @Test
    void everyKeyTheTableMentionsExists() {
        Set<String> known = Arrays.stream(ConfigKey.values()).map(ConfigKey::key).collect(Collectors.toSet());
        Set<String> unknown = new TreeSet<>();
        for (String line : tableLines) {
            Matcher m = KEY.matcher(line);
            while (m.find()) {
                if (!known.contains(m.group())) {
                    unknown.add(m.group());
                }
            }
        }
        assertEquals(Set.of(), unknown, "keys in " + DOC + " that ConfigKey does not declare");
        assertEquals(ConfigKey.values().length, rows.size(), "one row per key");
    }
}
