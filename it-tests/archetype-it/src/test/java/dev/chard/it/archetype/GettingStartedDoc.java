package dev.chard.it.archetype;

import dev.chard.testsupport.BuildArtifacts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The snippets of {@code docs/getting-started.md} that the tests check: each fenced block right after a line
 * {@code <!-- checked: <flavour>:<target> ... -->}. A target is a file of the generated project (its path), the
 * shell block of its README ({@code README.md#sh}), or a command the tests run: {@code generate} (generates the project)
 * or {@code fetch-worker} (fetches the worker jar).
 */
final class GettingStartedDoc {

    /** Targets that are commands run by the tests, not files. */
    static final Set<String> COMMANDS = Set.of("generate", "fetch-worker");

    private static final Pattern MARKER = Pattern.compile("^<!-- checked: (.+) -->$");

    /** A fenced block's text (every line ending in a newline) and the doc line it starts on, for messages. */
    record Snippet(int line, String text) {
    }

    private final Path file;
    private final Map<String, Map<String, Snippet>> byFlavour = new LinkedHashMap<>();

    private GettingStartedDoc(Path file) {
        this.file = file;
    }

    static GettingStartedDoc read() {
        return read(BuildArtifacts.required("chard.it.root", "run the tests through Maven"));
    }

    static GettingStartedDoc read(Path root) {
        Path file = root.resolve("docs/getting-started.md");
        GettingStartedDoc doc = new GettingStartedDoc(file);
        try {
            doc.parse(Files.readAllLines(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return doc;
    }

    Path file() {
        return file;
    }

    /** Target → snippet, for one flavour ({@code se}, {@code war}). */
    Map<String, Snippet> snippets(String flavour) {
        return byFlavour.getOrDefault(flavour, Map.of());
    }

    Snippet snippet(String flavour, String target) {
        Snippet s = snippets(flavour).get(target);
        if (s == null) {
            throw new AssertionError(file + " has no block marked <!-- checked: " + flavour + ":" + target + " -->");
        }
        return s;
    }

    /**
     * Every file of {@code project} but its README is shown in a snippet of {@code flavour} exactly as generated, and so
     * is the README's shell block; every snippet names a file that exists.
     */
    void assertShows(String flavour, GeneratedProject project) {
        Map<String, String> files = project.sources();
        Set<String> unshown = new TreeSet<>(files.keySet());
        unshown.remove("README.md");
        for (Map.Entry<String, Snippet> e : snippets(flavour).entrySet()) {
            String target = e.getKey();
            String where = file + ":" + e.getValue().line() + " (" + flavour + ":" + target + ")";
            if (COMMANDS.contains(target)) {
                continue;
            }
            String actual = target.equals("README.md#sh") ? project.readmeShellBlock() : files.get(target);
            assertNotNull(actual, where + " shows a file the project does not have");
            assertEquals(actual, e.getValue().text(), where + " differs from the generated " + target);
            unshown.remove(target);
        }
        assertEquals(Set.of(), unshown, "generated files of " + flavour + " that " + file + " does not show");
    }

    private void parse(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = MARKER.matcher(lines.get(i).strip());
            if (!m.matches()) {
                continue;
            }
            int fence = i + 1;
            if (fence >= lines.size() || !lines.get(fence).startsWith("```")) {
                throw new AssertionError(file + ":" + (i + 1) + ": a <!-- checked --> line must be followed by a fenced block");
            }
            List<String> body = new ArrayList<>();
            int j = fence + 1;
            for (; j < lines.size() && !lines.get(j).startsWith("```"); j++) {
                body.add(lines.get(j));
            }
            if (j == lines.size()) {
                throw new AssertionError(file + ":" + (fence + 1) + ": the fenced block is not closed");
            }
            Snippet snippet = new Snippet(fence + 1, body.isEmpty() ? "" : String.join("\n", body) + "\n");
            for (String token : m.group(1).trim().split("\\s+")) {
                int colon = token.indexOf(':');
                if (colon <= 0) {
                    throw new AssertionError(file + ":" + (i + 1) + ": expected <flavour>:<target>, got " + token);
                }
                Snippet earlier = byFlavour.computeIfAbsent(token.substring(0, colon), f -> new LinkedHashMap<>())
                        .put(token.substring(colon + 1), snippet);
                if (earlier != null) {
                    throw new AssertionError(file + ":" + (i + 1) + ": " + token + " is marked twice (also line " + earlier.line() + ")");
                }
            }
            i = j;
        }
    }
}
