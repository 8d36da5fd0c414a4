package dev.chard.worker;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/** Builds small application archives (folder, jar, WAR) from classes compiled with the tests. */
public final class TestArchives {

    public static final String ANNOTATED = "<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"4.0\" bean-discovery-mode=\"annotated\"/>";

    private TestArchives() {
    }

    /** The class files of {@code classes} (with their nested classes), by entry name such as {@code example/app/X.class}. */
    public static Map<String, byte[]> classFiles(Class<?>... classes) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (Class<?> c : classes) {
            try {
                Path file = Path.of(c.getResource(c.getSimpleName() + ".class").toURI());
                String pkg = c.getPackageName().replace('.', '/');
                try (Stream<Path> siblings = Files.list(file.getParent())) {
                    for (Path f : siblings.toList()) {
                        String n = f.getFileName().toString();
                        if (n.equals(c.getSimpleName() + ".class") || n.startsWith(c.getSimpleName() + "$")) {
                            out.put(pkg + "/" + n, Files.readAllBytes(f));
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    /** A folder of classes with META-INF/beans.xml (none when {@code beansXml} is null). */
    public static Path folder(Path dir, String beansXml, Class<?>... classes) throws IOException {
        Map<String, byte[]> entries = classFiles(classes);
        if (beansXml != null) {
            entries.put("META-INF/beans.xml", beansXml.getBytes(StandardCharsets.UTF_8));
        }
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            Path f = dir.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.write(f, e.getValue());
        }
        return dir;
    }

    /** A jar of {@code entries}. */
    public static Path jar(Path file, Map<String, byte[]> entries) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream os = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(os)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                jar.putNextEntry(new JarEntry(e.getKey()));
                jar.write(e.getValue());
                jar.closeEntry();
            }
        }
        return file;
    }

    /** Entries for a bean archive jar: the classes plus META-INF/beans.xml. */
    public static Map<String, byte[]> beanArchive(String beansXml, Class<?>... classes) {
        Map<String, byte[]> entries = classFiles(classes);
        if (beansXml != null) {
            entries.put("META-INF/beans.xml", beansXml.getBytes(StandardCharsets.UTF_8));
        }
        return entries;
    }

    /** Prefixes every entry name with {@code prefix} (e.g. {@code WEB-INF/classes/}). */
    public static Map<String, byte[]> under(String prefix, Map<String, byte[]> entries) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        entries.forEach((k, v) -> out.put(prefix + k, v));
        return out;
    }
}
