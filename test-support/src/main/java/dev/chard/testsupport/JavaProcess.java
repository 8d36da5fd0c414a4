package dev.chard.testsupport;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Another JVM (the {@code java} of the running one), with stdout and stderr merged and copied, line by line, both
 * into a log file under {@code target/process-logs/} of the working directory and into memory.
 *
 * <p>Build with {@link #jar(Path)} or {@link #classpath(String, String)}, then {@link Builder#start()}. The
 * output methods are thread-safe; {@link #close()} kills the process if it is still alive.
 */
public final class JavaProcess implements AutoCloseable {

    private static final Path LOG_DIR = Path.of("target", "process-logs");

    private final Process process;
    private final Path logFile;
    private final List<String> command;
    private final Thread pump;
    private final Object lock = new Object();
    private final StringBuilder output = new StringBuilder();
    private final List<String> lines = new ArrayList<>();
    private boolean outputEnded;

    private JavaProcess(Process process, Path logFile, List<String> command) {
        this.process = process;
        this.logFile = logFile;
        this.command = command;
        this.pump = new Thread(this::pumpOutput, "output of " + logFile.getFileName());
        this.pump.setDaemon(true);
        this.pump.start();
    }

    /** A builder for {@code java -jar <jar>}. */
    public static Builder jar(Path jar) {
        return new Builder(Objects.requireNonNull(jar, "jar"), null, null);
    }

    /** A builder for {@code java -cp <classPath> <mainClass>}. */
    public static Builder classpath(String classPath, String mainClass) {
        return new Builder(null, Objects.requireNonNull(classPath, "classPath"),
                Objects.requireNonNull(mainClass, "mainClass"));
    }

    /**
     * A builder for a launcher script that ends by exec'ing a JVM (such as {@code worker-runner/bin/chard-worker}), so
     * that {@link #pid()} is the JVM's. JVM options and system properties reach that JVM through
     * {@code JDK_JAVA_OPTIONS}, which the java launcher reads on top of the script's own options.
     */
    public static Builder script(Path launcher) {
        return new Builder(Objects.requireNonNull(launcher, "launcher"), null, null, true);
    }

    /**
     * A builder for a shell command line that ends by starting a JVM, such as a README's {@code java -jar ...} or
     * {@code mvn ...}: run as {@code bash -c "exec <line>"}, so that {@link #pid()} is the JVM's (or the script's, which
     * execs one) and a SIGTERM reaches it. The line is run as written (quotes, {@code #} comments); JVM options and
     * system properties given to the builder are ignored, as the line carries its own.
     */
    public static Builder shell(String commandLine) {
        return new Builder(Objects.requireNonNull(commandLine, "commandLine"));
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Everything the process has printed so far. */
    public String output() {
        synchronized (lock) {
            return output.toString();
        }
    }

    /**
     * Waits until a line of output contains {@code regexOrText} literally or matches it as a regular expression
     * ({@link java.util.regex.Matcher#find()}).
     *
     * @return true once such a line has been printed; false on timeout or when the output ends without one
     */
    public boolean awaitOutput(String regexOrText, Duration timeout) {
        Pattern pattern = compileOrNull(regexOrText);
        long deadline = System.nanoTime() + timeout.toNanos();
        int checked = 0;
        synchronized (lock) {
            while (true) {
                for (; checked < lines.size(); checked++) {
                    String line = lines.get(checked);
                    if (line.contains(regexOrText) || (pattern != null && pattern.matcher(line).find())) {
                        return true;
                    }
                }
                long remaining = deadline - System.nanoTime();
                if (outputEnded || remaining <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, remaining);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
    }

    /** Like {@link #awaitOutput}, but throws an {@link AssertionError} with the tail of the output on failure. */
    public void awaitOutputOrFail(String regexOrText, Duration timeout) {
        if (!awaitOutput(regexOrText, timeout)) {
            throw new AssertionError("no line matching '" + regexOrText + "' within " + timeout + " from pid "
                    + pid() + (isAlive() ? "" : " (exited)") + "; log " + logFile + "; output tail:\n" + tail());
        }
    }

    /** SIGTERM ({@link Process#destroy()} sends SIGTERM on Linux), so shutdown hooks run. */
    public void signalTerm() {
        process.toHandle().destroy(); // Process.destroy() would also close our end of its output pipe
    }

    /** SIGKILL ({@link Process#destroyForcibly()} sends SIGKILL on Linux). */
    public void kill9() {
        process.destroyForcibly();
    }

    /**
     * Waits for the process to end and for its output to be copied.
     *
     * @return the exit code
     * @throws AssertionError if it is still running after {@code timeout}
     */
    public int waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("pid " + pid() + " did not end within " + timeout + "; log " + logFile
                        + "; output tail:\n" + tail());
            }
            pump.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for pid " + pid(), e);
        }
        return process.exitValue();
    }

    /** Kills the process (SIGKILL) if it is still alive. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
                pump.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "JavaProcess[pid=" + pid() + ", log=" + logFile + ", command=" + command + "]";
    }

    private String tail() {
        String text = output();
        return text.substring(Math.max(0, text.length() - 4_000));
    }

    private void pumpOutput() {
        try (BufferedReader reader = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                BufferedWriter log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8)) {
            log.write("# " + String.join(" ", command));
            log.newLine();
            log.flush();
            String line;
            while ((line = reader.readLine()) != null) {
                log.write(line);
                log.newLine();
                log.flush();
                synchronized (lock) {
                    output.append(line).append('\n');
                    lines.add(line);
                    lock.notifyAll();
                }
            }
        } catch (IOException e) {
            synchronized (lock) {
                output.append("(output copy failed: ").append(e).append(")\n");
            }
        } finally {
            synchronized (lock) {
                outputEnded = true;
                lock.notifyAll();
            }
        }
    }

    private static Pattern compileOrNull(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            return null; // plain text with regex metacharacters, such as "ready. (4 threads"
        }
    }

    /** Describes the JVM to launch. Not thread-safe. */
    public static final class Builder {

        private final Path jar; // or the launcher, when script
        private final String classPath;
        private final String mainClass;
        private final List<String> jvmArgs = new ArrayList<>();
        private final Map<String, String> sysProps = new LinkedHashMap<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private final List<String> args = new ArrayList<>();
        private final boolean script;
        private final String shellLine;
        private String name;
        private Path directory;

        private Builder(Path jar, String classPath, String mainClass) {
            this(jar, classPath, mainClass, false);
        }

        private Builder(Path jar, String classPath, String mainClass, boolean script) {
            this.jar = jar;
            this.classPath = classPath;
            this.mainClass = mainClass;
            this.script = script;
            this.shellLine = null;
        }

        private Builder(String shellLine) {
            this.jar = null;
            this.classPath = null;
            this.mainClass = null;
            this.script = false;
            this.shellLine = shellLine;
        }

        /** Program arguments, after the jar or main class. */
        public Builder args(String... values) {
            args.addAll(List.of(values));
            return this;
        }

        /** A {@code -Dkey=value}. */
        public Builder sysProp(String key, String value) {
            sysProps.put(key, value);
            return this;
        }

        /** An environment variable, added to this JVM's environment. */
        public Builder env(String key, String value) {
            env.put(key, value);
            return this;
        }

        /** A JVM option such as {@code -Xmx256m}. */
        public Builder jvmArg(String value) {
            jvmArgs.add(value);
            return this;
        }

        /** The working directory (default: this JVM's). */
        public Builder directory(Path value) {
            directory = value;
            return this;
        }

        /** The start of the log file's name (default: the jar's or main class's simple name). */
        public Builder name(String value) {
            name = value;
            return this;
        }

        public JavaProcess start() {
            List<String> command = new ArrayList<>();
            List<String> options = new ArrayList<>(jvmArgs);
            sysProps.forEach((k, v) -> options.add("-D" + k + "=" + v));
            if (shellLine != null) {
                command.addAll(List.of("bash", "-c", "exec " + shellLine));
            } else if (script) {
                command.add(jar.toString());
                if (!options.isEmpty()) {
                    env.put("JDK_JAVA_OPTIONS", String.join(" ", options));
                }
            } else if (jar != null) {
                command.add(javaExecutable());
                command.addAll(options);
                command.add("-jar");
                command.add(jar.toString());
            } else {
                command.add(javaExecutable());
                command.addAll(options);
                command.add("-cp");
                command.add(classPath);
                command.add(mainClass);
            }
            command.addAll(args);
            Path logFile = newLogFile(name != null ? name : defaultName());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(env);
            if (directory != null) {
                builder.directory(directory.toFile());
            }
            try {
                return new JavaProcess(builder.start(), logFile, List.copyOf(command));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + command, e);
            }
        }

        private String defaultName() {
            if (shellLine != null) {
                return shellLine.strip().split("\\s+")[0].replaceAll("[^A-Za-z0-9.-]", "_");
            }
            if (script) {
                return jar.getFileName().toString();
            }
            if (jar != null) {
                String file = jar.getFileName().toString();
                return file.endsWith(".jar") ? file.substring(0, file.length() - 4) : file;
            }
            return mainClass.substring(mainClass.lastIndexOf('.') + 1).replace('$', '-');
        }

        private static Path newLogFile(String name) {
            try {
                Path dir = Files.createDirectories(LOG_DIR.toAbsolutePath());
                for (int i = 1; ; i++) {
                    Path candidate = dir.resolve(name + "-" + i + ".log");
                    try {
                        return Files.createFile(candidate);
                    } catch (FileAlreadyExistsException taken) {
                        // another process of the same name, possibly from an earlier run; try the next number
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a log file under " + LOG_DIR.toAbsolutePath(), e);
            }
        }

        private static String javaExecutable() {
            Path fromHome = Path.of(System.getProperty("java.home"), "bin", "java");
            if (Files.isExecutable(fromHome)) {
                return fromHome.toString();
            }
            return ProcessHandle.current().info().command().orElse("java");
        }
    }
}
