package dev.chard.it.archetype;

import dev.chard.testsupport.JavaProcess;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Runs documented command lines as written, each through {@code bash}, the way a user types them: {@link UserMaven}'s
 * {@code mvn} and this JVM's {@code java} first on the PATH, plus the environment the test gives.
 */
final class UserShell {

    static final Duration BUILD_TIMEOUT = Duration.ofMinutes(5);
    static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);

    private final Map<String, String> env;

    UserShell(UserMaven maven, Map<String, String> extraEnv) {
        env = new LinkedHashMap<>(extraEnv);
        env.put("PATH", maven.bin() + ":" + Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
        // only the JVM's start-up: a Maven run this short spends most of its time compiling itself with C2
        env.put("MAVEN_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
    }

    /** Runs {@code command} in {@code dir} to its end and returns its output; exit code 0 is required. */
    String run(Path dir, String command, String name) {
        try (JavaProcess p = builder(dir, command, name).start()) {
            int code = p.waitFor(BUILD_TIMEOUT);
            assertEquals(0, code, "`" + command + "` in " + dir + " exited with " + code + "; log " + p.logFile()
                    + "; output:\n" + p.output());
            return p.output();
        }
    }

    /** Starts {@code command} in {@code dir}, in the background. */
    JavaProcess start(Path dir, String command, String name) {
        return builder(dir, command, name).start();
    }

    /** The commands of a shell block: one per line, {@code \}-continued lines joined, blank lines skipped. */
    static List<String> commands(String block) {
        List<String> commands = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : block.split("\n")) {
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            current.append(line);
            if (!current.toString().isBlank()) {
                commands.add(current.toString().strip());
            }
            current.setLength(0);
        }
        return commands;
    }

    private JavaProcess.Builder builder(Path dir, String command, String name) {
        JavaProcess.Builder b = JavaProcess.shell(command).directory(dir).name(name);
        env.forEach(b::env);
        return b;
    }
}
