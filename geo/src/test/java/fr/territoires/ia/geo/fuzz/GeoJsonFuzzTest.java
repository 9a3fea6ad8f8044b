package fr.territoires.ia.geo.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import fr.territoires.ia.geo.Feature;
import fr.territoires.ia.geo.FeatureCollection;
import fr.territoires.ia.geo.GeoJson;
import fr.territoires.ia.geo.NeighbourhoodDescriptors;
import fr.territoires.ia.geo.ShapeDescriptors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * Coverage-guided fuzzing (Jazzer) of the GeoJSON reader, with and without a {@code crs} member,
 * reprojection on (to Lambert-93 or to Web Mercator), through {@link GeoJson#read} and
 * {@link GeoJson#stream}, then the descriptors of what was read. Invariant: a result, or an
 * {@link IllegalArgumentException} naming the file; never another throwable or a hang. Both
 * reads agree on the features.
 *
 * <p>Without {@code JAZZER_FUZZ=1} the seed corpus (test resources
 * {@code fr/territoires/ia/geo/fuzz/GeoJsonFuzzTestInputs/geoJson/}) is replayed as a regression test.
 */
class GeoJsonFuzzTest {

    private static final String[] PREFIXES = {"", "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\","
            + "\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::2154\"}},\"features\":",
        "{\"type\":\"FeatureCollection\",\"features\":"};
    private static final String[] TARGETS = {"EPSG:2154", "EPSG:3857"};
    /** One folder for every input of the run (JUnit creates and deletes it). */
    @TempDir
    static Path dir;

    /** The reader on arbitrary bytes, optionally wrapped in a collection with or without a CRS. */
    @FuzzTest(maxDuration = "30s")
    void geoJson(FuzzedDataProvider data) throws IOException {
        String prefix = data.pickValue(PREFIXES);
        String target = data.pickValue(TARGETS);
        byte[] body = data.consumeRemainingAsBytes();
        byte[] bytes = body;
        if (!prefix.isEmpty()) {
            byte[] p = prefix.getBytes(StandardCharsets.UTF_8);
            bytes = new byte[p.length + body.length + 1];
            System.arraycopy(p, 0, bytes, 0, p.length);
            System.arraycopy(body, 0, bytes, p.length, body.length);
            bytes[bytes.length - 1] = '}';
        }
        Path file = dir.resolve("fuzzed.geojson");
        Files.write(file, bytes);
        FeatureCollection fc;
        try {
            fc = GeoJson.read(file, target);
        } catch (IllegalArgumentException e) {
            assertNotNull(e.getMessage());
            assertTrue(e.getMessage().contains("fuzzed.geojson"), "names the file: " + e.getMessage());
            return;
        }
        List<Feature> streamed = new ArrayList<>();
        try {
            GeoJson.stream(file, target, streamed::add);
            assertEquals(fc.features().size(), streamed.size(), "stream and read agree");
        } catch (IllegalArgumentException e) {
            // Streaming needs the crs member before the features (it reads them as WGS84 otherwise):
            // then it may refuse what a whole read accepts, naming the file.
            assertTrue(e.getMessage().contains("fuzzed.geojson"), e.getMessage());
            assertTrue(new String(bytes, StandardCharsets.UTF_8).contains("crs"), e.getMessage());
        }
        List<org.locationtech.jts.geom.Geometry> geometries = new ArrayList<>();
        for (Feature f : fc.features()) {
            assertTrue(f.geometry().isValid(), "features are valid once read (repaired or refused)");
            geometries.add(f.geometry());
            try {
                ShapeDescriptors.of(f.geometry());
            } catch (IllegalArgumentException e) {
                assertNotNull(e.getMessage());
            }
        }
        if (target.equals(GeoJson.DEFAULT_CRS)) {
            assertEquals(geometries.size(), NeighbourhoodDescriptors.of(geometries,
                    NeighbourhoodDescriptors.Options.defaults()).size());
        }
    }
}
