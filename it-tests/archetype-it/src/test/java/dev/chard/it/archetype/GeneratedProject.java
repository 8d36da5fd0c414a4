package dev.chard.it.archetype;

import dev.chard.testsupport.JavaProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A project generated with getting-started's own command, in a fresh folder. */
final class GeneratedProject {

    private final Path dir;
    private final UserShell shell;

    private GeneratedProject(Path dir, UserShell shell) {
        this.dir = dir;
        this.shell = shell;
    }

    /**
     * Runs the {@code generate} snippet of {@code flavour} in an emptied {@code workDir}: its {@code mvn} command, then
     * its {@code cd} into the new project.
     */
    static GeneratedProject generate(GettingStartedDoc doc, String flavour, UserShell shell, Path workDir) {
        deleteRecursively(workDir);
        Path dir = workDir;
        try {
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String command : UserShell.commands(doc.snippet(flavour, "generate").text())) {
            if (command.startsWith("cd ")) {
                dir = dir.resolve(command.substring(3).trim());
            } else {
                shell.run(dir, command, flavour + "-generate");
            }
        }
        assertTrue(Files.isRegularFile(dir.resolve("pom.xml")), "the generate command made no project at " + dir);
        return new GeneratedProject(dir, shell);
    }

    Path dir() {
        return dir;
    }

    /** Relative path → text of every file of the project as generated (nothing under {@code target/}). */
    Map<String, String> sources() {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String relative = dir.relativize(p).toString();
                if (!relative.startsWith("target/")) {
                    files.put(relative, Files.readString(p));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** The text of the README's first {@code sh} block. */
    String readmeShellBlock() {
        String readme = sources().get("README.md");
        int start = readme.indexOf("```sh\n");
        assertTrue(start >= 0, "the generated README.md has no ```sh block");
        int end = readme.indexOf("```", start + 6);
        return readme.substring(start + 6, end);
    }

    /** Runs one command line in the project to its end; exit code 0 is required. */
    String run(String command, String name) {
        return shell.run(dir, command, name);
    }

    /** Starts one command line in the project, in the background. */
    JavaProcess start(String command, String name) {
        return shell.start(dir, command, name);
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
