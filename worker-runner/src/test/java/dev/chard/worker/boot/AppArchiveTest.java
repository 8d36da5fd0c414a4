package dev.chard.worker.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.chard.worker.BootException;
import dev.chard.worker.TestArchives;
import example.app.MathTasks;
import example.app.Plain;
import example.broken.ReportTasks;

class AppArchiveTest {

    private static final ClassLoader PARENT = AppArchiveTest.class.getClassLoader();

    @TempDir
    Path tmp;

    @Test
    void aJarListsItsClassesAndReadsItsDiscoveryMode() throws Exception {
        Path jar = TestArchives.jar(tmp.resolve("app.jar"), TestArchives.beanArchive(
                "<beans bean-discovery-mode=\"all\"/>", MathTasks.class, Plain.class));
        try (AppArchive a = AppArchive.open(jar, List.of(), PARENT)) {
            assertEquals(List.of("example.app.MathTasks", "example.app.Plain"), a.classNames().stream().sorted().toList());
            assertEquals(BeanDiscovery.ALL, a.discovery());
            assertEquals("jar", a.kind());
            assertEquals(MathTasks.class, a.classLoader().loadClass("example.app.MathTasks"),
                    "the worker's loader is the parent and wins");
        }
    }

    @Test
    void aFolderWithoutBeansXmlIsAnnotatedAndPackagesFilterItsClasses() throws Exception {
        Path dir = TestArchives.folder(Files.createDirectory(tmp.resolve("classes")), null,
                MathTasks.class, Plain.class, ReportTasks.class);
        try (AppArchive a = AppArchive.open(dir, List.of("example.broken"), PARENT)) {
            assertEquals(List.of("example.broken.ReportTasks"), a.classNames());
            assertEquals(BeanDiscovery.ANNOTATED, a.discovery());
            assertEquals("folder", a.kind());
        }
    }

    @Test
    void aWarIsExtractedSkipsTheJarsTheWorkerProvidesAndIsDeletedOnClose() throws Exception {
        Map<String, byte[]> war = new LinkedHashMap<>(TestArchives.under("WEB-INF/classes/", TestArchives.classFiles(MathTasks.class)));
        war.put("WEB-INF/classes/app.txt", "hello".getBytes(StandardCharsets.UTF_8));
        war.put("WEB-INF/beans.xml", "<beans bean-discovery-mode=\"none\"/>".getBytes(StandardCharsets.UTF_8));
        war.put("WEB-INF/lib/reports.jar", Files.readAllBytes(TestArchives.jar(tmp.resolve("libs/reports.jar"),
                TestArchives.beanArchive("", ReportTasks.class))));
        war.put("WEB-INF/lib/plain-lib.jar", Files.readAllBytes(TestArchives.jar(tmp.resolve("libs/plain.jar"),
                TestArchives.classFiles(Plain.class))));
        war.put("WEB-INF/lib/jedis-8.0.2.jar", Files.readAllBytes(TestArchives.jar(tmp.resolve("libs/jedis.jar"),
                TestArchives.beanArchive("", Plain.class))));
        Path warFile = TestArchives.jar(tmp.resolve("app.war"), war);

        Path extractedTo;
        try (AppArchive a = AppArchive.open(warFile, List.of(), PARENT)) {
            assertEquals(List.of("example.app.MathTasks", "example.broken.ReportTasks"), a.classNames(),
                    "WEB-INF/classes plus library jars with beans.xml; not plain-lib (no beans.xml) nor jedis (provided)");
            assertEquals(BeanDiscovery.NONE, a.discovery());
            assertEquals("WAR", a.kind());
            assertNotNull(a.classLoader().getResource("app.txt"));
            List<String> urls = Arrays.stream(((URLClassLoader) a.classLoader()).getURLs()).map(Object::toString).toList();
            assertTrue(urls.stream().anyMatch(u -> u.endsWith("plain-lib.jar")), urls.toString());
            assertFalse(urls.stream().anyMatch(u -> u.contains("jedis")), urls.toString());
            extractedTo = Path.of(((URLClassLoader) a.classLoader()).getURLs()[0].toURI()).getParent().getParent();
            assertTrue(Files.isDirectory(extractedTo.resolve("WEB-INF")));
        }
        assertFalse(Files.exists(extractedTo), "the extracted WAR is deleted on close");
    }

    @Test
    void aMissingArchiveIsABootErrorNamingThePath() {
        BootException e = assertThrows(BootException.class, () -> AppArchive.open(tmp.resolve("nope.jar"), List.of(), PARENT));
        assertEquals("CHARD-04001", e.code());
        assertTrue(e.getMessage().contains("nope.jar"), e.getMessage());
    }

    @Test
    void beansXmlModesFollowCdi4() {
        assertEquals(BeanDiscovery.ANNOTATED, BeanDiscovery.of(null));
        assertEquals(BeanDiscovery.ANNOTATED, BeanDiscovery.of("  ".getBytes(StandardCharsets.UTF_8)));
        assertEquals(BeanDiscovery.ANNOTATED, BeanDiscovery.of(TestArchives.ANNOTATED.getBytes(StandardCharsets.UTF_8)));
        assertEquals(BeanDiscovery.ALL, BeanDiscovery.of("<beans bean-discovery-mode='all'></beans>".getBytes(StandardCharsets.UTF_8)));
        assertEquals(BeanDiscovery.NONE, BeanDiscovery.of("<beans bean-discovery-mode=\"none\"/>".getBytes(StandardCharsets.UTF_8)));
    }
}
