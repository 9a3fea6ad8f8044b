package fr.territoires.ia.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Runs an example's work in a fresh temporary folder, deleted afterwards.
 *
 * <p>Instances are immutable and safe for concurrent use (the class has none).
 */
final class TempFolder {

    /** The work of an example, given its temporary folder. */
    @FunctionalInterface
    interface Work {
        String run(Path dir) throws IOException;
    }

    private TempFolder() {
    }

    static String run(String prefix, Work work) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            try {
                return work.run(dir);
            } finally {
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
