package dev.chard.worker.boot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarFile;
import java.util.logging.Logger;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

import dev.chard.worker.BootException;
import dev.chard.worker.WorkerErrors;

/**
 * The application a worker runs, opened from {@code -A}: a jar, a folder of classes (or an exploded WAR), or a
 * WAR. A WAR is extracted to a temporary folder, deleted on {@link #close()} and at exit, because a jar nested in
 * a WAR cannot be class-loaded in place.
 *
 * <p>The class loader's parent is the worker's own loader and it delegates parent-first, so the worker's copies of
 * Chard, Jakarta APIs, Weld, Yasson and Jedis win over any a WAR bundles; the WAR's copies of those are not even
 * put on the path ({@link #PROVIDED}), which keeps one ChardExtension and one CDI API in the JVM.
 *
 * <p>Not thread-safe; opened and closed by the start-up thread.
 */
public final class AppArchive implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AppArchive.class.getName());

    /** WEB-INF/lib jars the worker provides itself (by file-name prefix). */
    static final List<String> PROVIDED = List.of("chard-api", "chard-cdi-extension", "jakarta.", "weld-", "yasson", "jedis");

    private final Path path;
    private final String kind;
    private final URLClassLoader loader;
    private final List<String> classNames;
    private final BeanDiscovery discovery;
    private final String beansXmlName;
    private final Path extracted;

    private AppArchive(Path path, String kind, URLClassLoader loader, List<String> classNames, BeanDiscovery discovery,
                       String beansXmlName, Path extracted) {
        this.path = path;
        this.kind = kind;
        this.loader = loader;
        this.classNames = List.copyOf(classNames);
        this.discovery = discovery;
        this.beansXmlName = beansXmlName;
        this.extracted = extracted;
    }

    /**
     * Opens {@code path}. {@code packages} (prefixes such as {@code com.acme.tasks}) limits which of the archive's
     * classes are offered to CDI; empty means all.
     */
    public static AppArchive open(Path path, List<String> packages, ClassLoader parent) {
        Path p = path.toAbsolutePath().normalize();
        if (!Files.exists(p)) {
            throw WorkerErrors.archiveUnreadable(p, "no such file or folder", null);
        }
        try {
            if (Files.isDirectory(p)) {
                return Files.isDirectory(p.resolve("WEB-INF")) ? openWar(p, p, "exploded WAR", packages, parent, null)
                        : openFolder(p, packages, parent);
            }
            String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".war")) {
                Path dir = Files.createTempDirectory("chard-war-");
                TempFolders.deleteAtExit(dir);
                Zips.extract(p, dir);
                return openWar(p, dir, "WAR", packages, parent, dir);
            }
            if (name.endsWith(".jar") || name.endsWith(".zip")) {
                return openJar(p, packages, parent);
            }
            throw WorkerErrors.archiveUnreadable(p, "it is neither a .jar, a .war nor a folder", null);
        } catch (IOException | UncheckedIOException e) {
            throw WorkerErrors.archiveUnreadable(p, e.getMessage(), e);
        }
    }

    private static AppArchive openJar(Path jar, List<String> packages, ClassLoader parent) throws IOException {
        List<String> names = new ArrayList<>();
        byte[] beansXml;
        try (JarFile jf = new JarFile(jar.toFile())) {
            jf.stream().map(ZipEntry::getName).forEach(n -> addClass(names, n, packages));
            beansXml = read(jf, "META-INF/beans.xml");
        }
        // A jar URL also honours the manifest's Class-Path, so an app jar can name its own libraries
        return new AppArchive(jar, "jar", new URLClassLoader("chard-app", new URL[]{url(jar)}, parent), names,
                BeanDiscovery.of(beansXml), "META-INF/beans.xml", null);
    }

    private static AppArchive openFolder(Path dir, List<String> packages, ClassLoader parent) throws IOException {
        List<String> names = classesUnder(dir, packages);
        Path beans = dir.resolve("META-INF/beans.xml");
        return new AppArchive(dir, "folder", new URLClassLoader("chard-app", new URL[]{url(dir)}, parent), names,
                BeanDiscovery.of(Files.exists(beans) ? Files.readAllBytes(beans) : null), "META-INF/beans.xml", null);
    }

    private static AppArchive openWar(Path original, Path root, String kind, List<String> packages, ClassLoader parent,
                                      Path extracted) throws IOException {
        List<URL> urls = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Path classes = root.resolve("WEB-INF/classes");
        if (Files.isDirectory(classes)) {
            urls.add(url(classes));
            names.addAll(classesUnder(classes, packages));
        }
        Path lib = root.resolve("WEB-INF/lib");
        if (Files.isDirectory(lib)) {
            try (Stream<Path> jars = Files.list(lib)) {
                for (Path jar : jars.filter(j -> j.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                    String file = jar.getFileName().toString();
                    if (PROVIDED.stream().anyMatch(file::startsWith)) {
                        LOG.fine(() -> "skipping " + file + ": the worker provides it");
                        continue;
                    }
                    urls.add(url(jar));
                    try (JarFile jf = new JarFile(jar.toFile())) {
                        // a library jar is a bean archive only with its own beans.xml (CDI §12.1)
                        if (jf.getEntry("META-INF/beans.xml") != null) {
                            jf.stream().map(ZipEntry::getName).forEach(n -> addClass(names, n, packages));
                        }
                    }
                }
            }
        }
        Path beans = root.resolve("WEB-INF/beans.xml");
        if (!Files.exists(beans)) {
            beans = classes.resolve("META-INF/beans.xml");
        }
        byte[] beansXml = Files.exists(beans) ? Files.readAllBytes(beans) : null;
        return new AppArchive(original, kind, new URLClassLoader("chard-app", urls.toArray(URL[]::new), parent), names,
                BeanDiscovery.of(beansXml), root.relativize(beans).toString(), extracted);
    }

    private static List<String> classesUnder(Path dir, List<String> packages) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(Files::isRegularFile).map(f -> dir.relativize(f).toString().replace('\\', '/')).sorted()
                    .forEach(n -> addClass(names, n, packages));
        }
        return names;
    }

    private static void addClass(List<String> names, String entry, List<String> packages) {
        if (!entry.endsWith(".class") || entry.startsWith("META-INF/") || entry.endsWith("module-info.class")
                || entry.endsWith("package-info.class")) {
            return;
        }
        String name = entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
        if (packages.isEmpty() || packages.stream().anyMatch(p -> name.equals(p) || name.startsWith(p.endsWith(".") ? p : p + "."))) {
            names.add(name);
        }
    }

    private static byte[] read(JarFile jf, String entry) throws IOException {
        ZipEntry e = jf.getEntry(entry);
        if (e == null) {
            return null;
        }
        try (InputStream in = jf.getInputStream(e)) {
            return in.readAllBytes();
        }
    }

    private static URL url(Path p) {
        try {
            return p.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The path given to -A, absolute. */
    public Path path() {
        return path;
    }

    /** "jar", "folder", "WAR" or "exploded WAR". */
    public String kind() {
        return kind;
    }

    /** Loads the application's classes; its parent is the worker's loader. */
    public ClassLoader classLoader() {
        return loader;
    }

    /** Binary names of the application's own classes (after --packages), sorted per location. */
    public List<String> classNames() {
        return classNames;
    }

    public BeanDiscovery discovery() {
        return discovery;
    }

    /** Where the discovery mode was read from, for messages (e.g. {@code WEB-INF/beans.xml}). */
    public String beansXmlName() {
        return beansXmlName;
    }

    @Override
    public void close() {
        try {
            loader.close();
        } catch (IOException e) {
            LOG.fine(() -> "closing the application class loader: " + e);
        }
        if (extracted != null) {
            TempFolders.delete(extracted);
        }
    }
}
