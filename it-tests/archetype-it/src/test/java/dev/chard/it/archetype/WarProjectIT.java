package dev.chard.it.archetype;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The WAR project of {@code chard-archetype-war}: built from one Chard dependency, it holds Chard, Jedis and the SLF4J
 * provider but nothing the server provides, and the worker runs its task from the WAR ({@code call --wait}).
 */
class WarProjectIT extends AbstractGeneratedProjectIT {

    @Override
    String flavour() {
        return "war";
    }

    @Override
    void assertClientOutput(String output) {
        assertTrue(output.contains("\"state\":\"SUCCESS\",\"result\":9"), "call --wait should print the SUCCESS record:\n" + output);
    }

    @Test
    void theWarBundlesChardJedisAndTheSlf4jProviderButNothingTheServerProvides() throws IOException {
        List<String> lib;
        try (ZipFile war = new ZipFile(project.dir().resolve("target").resolve(project.dir().getFileName() + ".war").toFile())) {
            lib = war.stream().map(ZipEntry::getName)
                    .filter(n -> n.startsWith("WEB-INF/lib/") && n.endsWith(".jar"))
                    .map(n -> n.substring("WEB-INF/lib/".length()))
                    .sorted().toList();
        }
        for (String expected : List.of("chard-api-", "chard-cdi-extension-", "jedis-", "slf4j-api-", "slf4j-jdk14-")) {
            assertTrue(lib.stream().anyMatch(j -> j.startsWith(expected)), expected + "* in WEB-INF/lib " + lib);
        }
        List<String> servers = lib.stream()
                .filter(j -> j.startsWith("jakarta.") || j.startsWith("weld-") || j.startsWith("yasson") || j.startsWith("parsson"))
                .toList();
        assertEquals(List.of(), servers, "jars the server provides, in WEB-INF/lib " + lib);
    }
}
