package fr.territoires.ia.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTReader;

/** Crashes found by the runner's bad-input corpus, each kept as a named regression test. */
class FoundByCorpusRegressionTest {

    @Test
    void neighbourhoodDescriptors_emptyCollection_emptyResultNotIndexOutOfBounds() {
        // Was ArrayIndexOutOfBoundsException (index 0 of an empty array) for "features": [].
        assertEquals(List.of(), NeighbourhoodDescriptors.of(List.of(), NeighbourhoodDescriptors.Options.defaults()));
    }

    @Test
    void shapeDescriptors_coordinatesNear1e300_refusedNotNullPointer() throws Exception {
        // Was NullPointerException inside JTS MinimumAreaRectangle (a side point of the hull not found).
        Geometry g = new WKTReader().read("POLYGON((1e300 1e300, 2e300 1e300, 2e300 2e300, 1e300 2e300, 1e300 1e300))");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ShapeDescriptors.of(g));
        assertTrue(e.getMessage().contains("polygon area must be > 0 and finite, was Infinity"), e.getMessage());
        // The rectangle itself no longer fails: it falls back to the minimum-width rectangle or the envelope.
        assertTrue(ShapeDescriptors.minimumRectangle(g).getCoordinates().length >= 4);
    }

    @Test
    void shapeDescriptors_largeButFiniteSquare_described() throws Exception {
        Geometry g = new WKTReader().read("POLYGON((0 0, 1e150 0, 1e150 1e150, 0 1e150, 0 0))");
        Map<String, Double> d = ShapeDescriptors.of(g);
        assertEquals(1e300, d.get("area"), 1e288);
    }
}
