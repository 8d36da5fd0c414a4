package dev.chard.worker.boot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Deletes the folders a WAR was extracted to. File.deleteOnExit cannot delete a non-empty folder, so one shutdown
 * hook walks every registered folder, deepest files first.
 */
final class TempFolders {

    private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> PENDING.forEach(TempFolders::deleteTree), "chard-temp-cleanup"));
    }

    private TempFolders() {
    }

    static void deleteAtExit(Path dir) {
        PENDING.add(dir);
    }

    static void delete(Path dir) {
        deleteTree(dir);
        PENDING.remove(dir);
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort: a leftover temp file is not worth failing a shutdown for
                }
            });
        } catch (IOException e) {
            // same
        }
    }
}
