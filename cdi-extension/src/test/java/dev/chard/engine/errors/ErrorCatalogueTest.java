package dev.chard.engine.errors;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/errors.md lists every code the sources raise, and nothing else (STYLE.md: one home for errors). */
class ErrorCatalogueTest {

    private static final Pattern CODE = Pattern.compile("CHARD-\\d{5}");
    private static final Path ROOT = Path.of("..");

    @Test
    void everyCodeInTheSourcesIsDocumentedAndNoOtherIs() throws IOException {
        Set<String> used = new TreeSet<>();
        for (String module : new String[] {"api", "cdi-extension", "worker-runner"}) {
            Path main = ROOT.resolve(module).resolve("src/main");
            if (!Files.isDirectory(main)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(main)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java") || p.toString().endsWith(".lua")).toList()) {
                    collect(Files.readString(f), used);
                }
            }
        }
        used.remove("CHARD-01000"); // a length template in the worker, not a code
        Set<String> documented = new TreeSet<>();
        collect(Files.readString(ROOT.resolve("docs/errors.md")), documented);
        assertTrue(used.size() > 20, "the scan found the sources: " + used);
        assertEquals(used, documented);
    }

    private static void collect(String text, Set<String> into) {
        Matcher m = CODE.matcher(text);
        while (m.find()) {
            into.add(m.group());
        }
    }
}
