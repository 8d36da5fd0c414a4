package dev.chard.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The files an integration test runs (the worker jar, an application jar, the launcher), named by system properties
 * that the module's failsafe configuration sets.
 */
public final class BuildArtifacts {

    private BuildArtifacts() {
    }

    /**
     * The file the system property {@code property} names, absolute.
     *
     * @param build how to build it, for the message when it is missing
     */
    public static Path required(String property, String build) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set; run the tests through Maven,"
                    + " whose failsafe configuration passes it");
        }
        Path p = Path.of(value).toAbsolutePath().normalize();
        if (!Files.exists(p)) {
            throw new IllegalStateException(property + "=" + p + " does not exist; build it first: " + build);
        }
        return p;
    }

    /**
     * A private copy of {@code jar} in {@code dir}: tests keep running the same bytes even if the original is rebuilt
     * meanwhile (a running JVM whose jar is replaced fails with NoClassDefFoundError).
     */
    public static Path privateCopy(Path jar, Path dir) {
        try {
            Path copy = Files.createDirectories(dir.toAbsolutePath()).resolve(jar.getFileName());
            Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + jar, e);
        }
    }
}
