package dev.chard.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import dev.chard.bench.app.BenchTasks;
import dev.chard.bench.app.StressTasks;
import dev.chard.engine.registry.ReturnKind;
import dev.chard.engine.registry.TaskDescriptor;
import dev.chard.engine.registry.TaskRegistry;

/** The benchmark application: the jar the worker boots ({@code -A}) and the producer's registry of its task. */
final class BenchApp {

    private static final String BEANS_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <beans xmlns="https://jakarta.ee/xml/ns/jakartaee" version="4.0" bean-discovery-mode="annotated">
            </beans>
            """;

    private BenchApp() {
    }

    /** Writes {@code bench-app.jar} (BenchTasks, StressTasks and a beans.xml) into {@code dir}. */
    static Path writeJar(Path dir) {
        Path jar = dir.resolve("bench-app.jar");
        try {
            Files.createDirectories(dir);
            try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out)) {
                j.putNextEntry(new JarEntry("META-INF/beans.xml"));
                j.write(BEANS_XML.getBytes(StandardCharsets.UTF_8));
                j.closeEntry();
                for (Class<?> c : List.of(BenchTasks.class, StressTasks.class)) {
                    String entry = c.getName().replace('.', '/') + ".class";
                    try (InputStream in = BenchApp.class.getClassLoader().getResourceAsStream(entry)) {
                        if (in == null) {
                            throw new IllegalStateException("cannot find " + entry + " on the class path");
                        }
                        j.putNextEntry(new JarEntry(entry));
                        j.write(in.readAllBytes());
                        j.closeEntry();
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + jar, e);
        }
        return jar;
    }

    /** The producer's registry: BenchTasks.add described as the CDI extension would, so sends take the typed path. */
    static TaskRegistry registry() {
        try {
            Method add = BenchTasks.class.getMethod("add", int.class, int.class);
            List<Type> types = Arrays.asList(add.getGenericParameterTypes());
            List<String> names = Arrays.stream(add.getParameters()).map(java.lang.reflect.Parameter::getName).toList();
            return new TaskRegistry(List.of(new TaskDescriptor(BenchTasks.ADD, BenchTasks.class, add, ReturnKind.ASYNC_RESULT,
                    Integer.class, types, names, null, null)));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }
}
