package fr.territoires.ia.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

class NeighbourhoodDescriptorsTest {

    private static Geometry wkt(String text) throws ParseException {
        return new WKTReader().read(text);
    }

    @Test
    void of_twoTerracedAndOneApart_matchesHandComputedValues() throws ParseException {
        List<Geometry> gs = List.of(
                wkt("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))"),
                wkt("POLYGON ((10 0, 20 0, 20 10, 10 10, 10 0))"),
                wkt("POLYGON ((25 0, 35 0, 35 10, 25 10, 25 0))"));
        List<Map<String, Double>> d = NeighbourhoodDescriptors.of(gs,
                new NeighbourhoodDescriptors.Options(10.0, 0.25, 100.0));
        // a and b share the wall x = 10 (10 m of a 40 m perimeter), plus the 0.25 m tolerance
        // at both ends of the wall (on the edges y = 0 and y = 10): (10 + 0.5) / 40 = 0.2625;
        // c is 5 m from b
        assertEquals(0.0, d.get(0).get("nearest_distance"), 1e-12);
        assertEquals(5.0, d.get(2).get("nearest_distance"), 1e-12);
        assertEquals(0.2625, d.get(0).get("shared_wall_ratio"), 1e-9);
        assertEquals(0.2625, d.get(1).get("shared_wall_ratio"), 1e-9);
        assertEquals(0.0, d.get(2).get("shared_wall_ratio"), 1e-12);
        assertEquals(1.0, d.get(0).get("touching_neighbours"));
        // within 10 m: a sees b (0 m; c is 15 m away), b sees a and c, c sees b
        assertEquals(1.0, d.get(0).get("neighbours_within_r"));
        assertEquals(2.0, d.get(1).get("neighbours_within_r"));
        assertEquals(100.0, d.get(1).get("neighbour_mean_area"), 1e-12);
        // built ratio of b: (100 + 100 + 100) / (pi 10^2)
        assertEquals(300.0 / (100 * Math.PI), d.get(1).get("built_ratio_within_r"), 1e-12);
        assertEquals(0.0, d.get(1).get("alignment"), 1e-9);
        assertEquals(2.0, d.get(0).get("context_count"));
    }

    @Test
    void of_singleBuilding_neighbourValuesAreNaN() throws ParseException {
        List<Map<String, Double>> d = NeighbourhoodDescriptors.of(
                List.of(wkt("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))")),
                NeighbourhoodDescriptors.Options.defaults());
        assertTrue(Double.isNaN(d.get(0).get("nearest_distance")));
        assertTrue(Double.isNaN(d.get(0).get("alignment")));
        assertEquals(0.0, d.get(0).get("neighbours_within_r"));
    }

    @Test
    void of_farApart_nearestFoundBeyondRadius() throws ParseException {
        List<Map<String, Double>> d = NeighbourhoodDescriptors.of(List.of(
                wkt("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))"),
                wkt("POLYGON ((210 0, 220 0, 220 10, 210 10, 210 0))")),
                NeighbourhoodDescriptors.Options.defaults());
        assertEquals(200.0, d.get(0).get("nearest_distance"), 1e-12);
    }

    @Test
    void of_mixedSrids_throwsNamingIndex() throws ParseException {
        Geometry a = wkt("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))");
        Geometry b = wkt("POLYGON ((20 0, 30 0, 30 10, 20 10, 20 0))");
        a.setSRID(2154);
        b.setSRID(4326);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NeighbourhoodDescriptors.of(List.of(a, b),
                        NeighbourhoodDescriptors.Options.defaults()));
        assertTrue(e.getMessage().contains("polygons[1]") && e.getMessage().contains("4326"),
                e.getMessage());
    }

    @Test
    void options_negativeRadius_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NeighbourhoodDescriptors.Options(-1, 0.25, 100));
        assertTrue(e.getMessage().contains("radius must be finite and > 0, was -1.0"));
    }
}
