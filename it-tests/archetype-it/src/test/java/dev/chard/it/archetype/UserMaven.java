package dev.chard.it.archetype;

import dev.chard.testsupport.BuildArtifacts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Maven as a new user runs it, on the artifacts this build made: a {@code mvn} command (the Maven running this build)
 * whose local repository is private to the tests and holds Chard's artifacts from the reactor, placed as
 * {@code mvn install} would place them. Every other artifact comes from this build's own local repository (the one
 * {@code -Dmaven.repo.local} names, if given) through a {@code file:} mirror of everything, so a generated project
 * resolves exactly what the getting-started install step installs, needs no network once this build has its own
 * dependencies, and never writes into the user's repository.
 */
final class UserMaven {

    private static final String GROUP_PATH = "dev/chard";

    private final Path bin;
    private final Path repository;

    private UserMaven(Path bin, Path repository) {
        this.bin = bin;
        this.repository = repository;
    }

    /** Prepares {@code dir}: {@code bin/mvn}, {@code settings.xml} and {@code repository/} with the staged artifacts. */
    static UserMaven prepare(Path dir) {
        Path root = BuildArtifacts.required("chard.it.root", "run the tests through Maven");
        Path buildRepository = BuildArtifacts.required("chard.it.build-repository", "run the tests through Maven");
        Path mavenHome = BuildArtifacts.required("chard.it.maven-home", "run the tests through Maven");
        String version = System.getProperty("chard.it.version");
        try {
            Path repository = Files.createDirectories(dir.resolve("repository")).toAbsolutePath();
            Path bin = Files.createDirectories(dir.resolve("bin")).toAbsolutePath();
            Path settings = dir.resolve("settings.xml").toAbsolutePath();
            Files.writeString(settings, """
                    <settings>
                      <localRepository>%s</localRepository>
                      <mirrors>
                        <mirror>
                          <id>build-repository</id>
                          <name>the local repository of the build running the tests, read only</name>
                          <mirrorOf>*</mirrorOf>
                          <url>%s</url>
                        </mirror>
                      </mirrors>
                    </settings>
                    """.formatted(repository, buildRepository.toUri()));
            Path mvn = bin.resolve("mvn");
            // -Dmaven.repo.local too: a MAVEN_OPTS inherited from the outer build may name its repository
            Files.writeString(mvn, """
                    #!/bin/sh
                    exec '%s' -s '%s' -Dmaven.repo.local='%s' "$@"
                    """.formatted(mavenHome.resolve("bin").resolve("mvn"), settings, repository));
            Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));

            UserMaven maven = new UserMaven(bin, repository);
            maven.stagePom("chard-parent", version, root.resolve("pom.xml"));
            maven.stagePom("chard-bom", version, root.resolve("bom/pom.xml"));
            maven.stageModule("chard-api", version, root.resolve("api"));
            maven.stageModule("chard-cdi-extension", version, root.resolve("cdi-extension"));
            maven.stageModule("chard-se-starter", version, root.resolve("se-starter"));
            maven.stagePom("chard-worker-runner", version, root.resolve("worker-runner/pom.xml"));
            maven.stage("chard-worker-runner", version, "-all.jar", root.resolve("worker-runner/target/chard-worker.jar"));
            maven.stagePom("chard-archetypes", version, root.resolve("archetypes/pom.xml"));
            maven.stageModule("chard-archetype-se", version, root.resolve("archetypes/se"));
            maven.stageModule("chard-archetype-war", version, root.resolve("archetypes/war"));
            return maven;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir, e);
        }
    }

    /** The folder that holds {@code mvn}: put it first on the PATH. */
    Path bin() {
        return bin;
    }

    Path repository() {
        return repository;
    }

    private void stageModule(String artifactId, String version, Path module) throws IOException {
        stagePom(artifactId, version, module.resolve("pom.xml"));
        stage(artifactId, version, ".jar", module.resolve("target").resolve(artifactId + "-" + version + ".jar"));
    }

    private void stagePom(String artifactId, String version, Path pom) throws IOException {
        stage(artifactId, version, ".pom", pom);
    }

    /** Copies {@code file} where {@code mvn install} puts it; a file without {@code _remote.repositories} counts as installed. */
    private void stage(String artifactId, String version, String suffix, Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing; build it first: mvn -B -ntp install -DskipTests");
        }
        Path dir = Files.createDirectories(repository.resolve(GROUP_PATH).resolve(artifactId).resolve(version));
        Files.copy(file, dir.resolve(artifactId + "-" + version + suffix), StandardCopyOption.REPLACE_EXISTING);
    }
}
