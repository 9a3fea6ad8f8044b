package fr.territoires.ia.benchmarks.geo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;

/** Finds the shared Rodez-area BD TOPO file, as the tests do, when it is present. */
final class GeoData {

    /** Path of the Rodez file under the shared data folder. */
    static final String RODEZ = "geo/rodez_area_bdtopo_v2_buildings.geojson";

    private GeoData() {
    }

    /**
     * Looks for the file under the folder named by the system property {@code territoires.data},
     * then the environment variable {@code TERRITOIRES_IA_DATA}, then a {@code shared/data}
     * folder beside the working directory or one of its four nearest ancestors.
     */
    static Optional<Path> rodez() {
        String prop = System.getProperty("territoires.data");
        String env = System.getenv("TERRITOIRES_IA_DATA");
        if (prop != null && !prop.isBlank()) {
            return existing(Paths.get(prop).resolve(RODEZ));
        }
        if (env != null && !env.isBlank()) {
            return existing(Paths.get(env).resolve(RODEZ));
        }
        Path dir = Paths.get("").toAbsolutePath();
        for (int depth = 0; dir != null && depth < 5; depth++, dir = dir.getParent()) {
            Optional<Path> p = existing(dir.resolve("shared").resolve("data").resolve(RODEZ));
            if (p.isPresent()) {
                return p;
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> existing(Path p) {
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }
}
