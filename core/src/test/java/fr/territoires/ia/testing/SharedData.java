package fr.territoires.ia.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates the shared, licensed public data sets that live beside the project checkout (never
 * inside it) and skips the calling test, with a visible reason, when they are absent.
 *
 * <p>The folder is taken from the system property {@code territoires.data}, then the environment
 * variable {@code TERRITOIRES_IA_DATA}, then the first {@code shared/data} folder found beside the
 * working directory or one of its ancestors.
 */
public final class SharedData {

    private SharedData() {
    }

    /**
     * Returns the shared data folder, or skips the test when it cannot be found.
     *
     * @return the {@code shared/data} folder
     */
    public static Path root() {
        Path found = find();
        Assumptions.assumeTrue(found != null,
                "shared data folder not found (set -Dterritoires.data=... or TERRITOIRES_IA_DATA, "
                        + "or place shared/data beside the checkout): test skipped");
        return found;
    }

    /**
     * Returns a file or folder under the shared data folder, or skips the test when it is absent.
     *
     * @param relative path under {@code shared/data}, such as {@code anomaly/nab}
     * @return the resolved path, which exists
     */
    public static Path resolve(String relative) {
        Path p = root().resolve(relative);
        Assumptions.assumeTrue(Files.exists(p), "shared data " + relative + " is absent: test skipped");
        return p;
    }

    static Path find() {
        String prop = System.getProperty("territoires.data");
        if (prop != null && !prop.isBlank()) {
            Path p = Paths.get(prop);
            return Files.isDirectory(p) ? p : null;
        }
        String env = System.getenv("TERRITOIRES_IA_DATA");
        if (env != null && !env.isBlank()) {
            Path p = Paths.get(env);
            return Files.isDirectory(p) ? p : null;
        }
        Path dir = Paths.get("").toAbsolutePath();
        for (int depth = 0; dir != null && depth < 4; depth++, dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("data");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
