package dev.chard.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a worker process is started: through the launcher users run ({@code worker-runner/bin/chard-worker}, with its JVM
 * defaults or the options given), or as plain {@code java -jar} with the JVM's own defaults ({@code launcher} null).
 *
 * @param launcher  the launcher script, or null for {@code java -jar}
 * @param jar       the worker jar
 * @param javaOpts  for the launcher, what replaces its default JVM options (its {@code CHARD_WORKER_JAVA_OPTS}); null
 *                  keeps its defaults
 */
record WorkerLaunch(Path launcher, Path jar, String javaOpts) {

    /**
     * The command before the worker's own arguments. {@code jvmArgs} (a GC log, a JFR recording) change nothing else:
     * for the launcher they go through {@code JDK_JAVA_OPTIONS}, which the java launcher adds to whatever it runs with.
     */
    List<String> command(List<String> jvmArgs, Map<String, String> env) {
        List<String> cmd = new ArrayList<>();
        if (launcher == null) {
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(jvmArgs);
            cmd.addAll(List.of("-jar", jar.toString()));
            return cmd;
        }
        cmd.add(launcher.toString());
        env.put("CHARD_WORKER_JAR", jar.toString());
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("JDK_JAVA_OPTIONS", String.join(" ", jvmArgs));
        if (javaOpts != null) {
            env.put("CHARD_WORKER_JAVA_OPTS", javaOpts);
        } else {
            env.remove("CHARD_WORKER_JAVA_OPTS");
        }
        return cmd;
    }

    /** For the report: how the workers ran. */
    String describe() {
        if (launcher == null) {
            return "java -jar, JVM defaults";
        }
        return launcher.getFileName() + (javaOpts == null ? " (its default JVM options)" : " with CHARD_WORKER_JAVA_OPTS=\"" + javaOpts + "\"");
    }
}
