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

    @Test
    void of_terraceAndDetached_blockAndContextValuesMatchHand() throws ParseException {
        // a (100 m²) and b (200 m²) touch at x = 10; c (100 m²) stands 5 m from b; d (400 m²)
        // is 60 m away. Centroids: a (5, 5), b (20, 5), c (35, 5), d (80, 10).
        List<Geometry> gs = List.of(
                wkt("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))"),
                wkt("POLYGON ((10 0, 30 0, 30 10, 10 10, 10 0))"),
                wkt("POLYGON ((35 0, 45 0, 45 10, 35 10, 35 0))"),
                wkt("POLYGON ((70 0, 90 0, 90 20, 70 20, 70 0))"));
        List<Map<String, Double>> d = NeighbourhoodDescriptors.of(gs,
                new NeighbourhoodDescriptors.Options(10.0, 0.25, 50.0));
        // blocks: {a, b} of 2 buildings and 300 m², {c}, {d}
        assertEquals(2.0, d.get(0).get("block_size"));
        assertEquals(300.0, d.get(1).get("block_area"), 1e-9);
        assertEquals(0.5, d.get(0).get("block_largest_share"), 1e-12); // 100 / 200
        assertEquals(1.0, d.get(1).get("block_largest_share"), 1e-12);
        assertEquals(1.0, d.get(2).get("block_size"));
        assertEquals(100.0, d.get(2).get("block_area"), 1e-9);
        // context of b (centroid distance <= 50): a (15 m), c (15 m), d (60.2 m) is out;
        // areas 100 and 100 are both smaller than 200: rank 2 / 2, median ratio 200 / 100
        assertEquals(1.0, d.get(1).get("context_area_rank"), 1e-12);
        assertEquals(2.0, d.get(1).get("area_to_context_median"), 1e-12);
        // context of a: b (15 m), c (30 m); median of 200 and 100 is 150: 100 / 150
        assertEquals(0.0, d.get(0).get("context_area_rank"), 1e-12);
        assertEquals(100.0 / 150.0, d.get(0).get("area_to_context_median"), 1e-12);
        // zone of a (2R = 100 m): b, c, d (75.2 m): 3 buildings, mean (200 + 100 + 400) / 3,
        // max 400, one of at least 400 m²
        assertEquals(3.0, d.get(0).get("zone_count"));
        assertEquals(700.0 / 3, d.get(0).get("zone_mean_area"), 1e-9);
        assertEquals(400.0, d.get(0).get("zone_max_area"), 1e-9);
        assertEquals(1.0 / 3, d.get(0).get("zone_large_share"), 1e-12);
        // fewer than 5 other centroids within 100 m
        assertTrue(Double.isNaN(d.get(0).get("kth_centroid_distance")));
    }

    @Test
    void of_rowOfSix_kthCentroidDistanceIsFifthNearest() throws ParseException {
        // six 4 x 4 squares with centroids 10 m apart along x: from the first, the fifth
        // nearest other centroid is 50 m away
        List<Geometry> gs = new java.util.ArrayList<>();
        for (int k = 0; k < 6; k++) {
            int x = 10 * k;
            gs.add(wkt("POLYGON ((" + x + " 0, " + (x + 4) + " 0, " + (x + 4) + " 4, " + x
                    + " 4, " + x + " 0))"));
        }
        List<Map<String, Double>> d = NeighbourhoodDescriptors.of(gs,
                NeighbourhoodDescriptors.Options.defaults());
        assertEquals(50.0, d.get(0).get("kth_centroid_distance"), 1e-9);
        // from the third (x = 20): others at 10, 10, 20, 30, 30
        assertEquals(30.0, d.get(2).get("kth_centroid_distance"), 1e-9);
        assertEquals(1.0, d.get(0).get("block_size"));
    }

    private static Geometry rect(double x, double y, double w, double h) throws ParseException {
        return wkt("POLYGON ((" + x + " " + y + ", " + (x + w) + " " + y + ", " + (x + w) + " "
                + (y + h) + ", " + x + " " + (y + h) + ", " + x + " " + y + "))");
    }

    @Test
    void of_greenhouseRows_countsParallelNeighboursOfSimilarArea() throws ParseException {
        // three parallel 40 x 8 m rows 4 m apart (long axes along x), the same rectangle turned
        // by 90 degrees, and a 30 x 30 m square: for the middle row, 4 neighbours within 50 m,
        // of which the 2 other rows are similar (axis within 10 degrees, area ratio within 1.5)
        List<Geometry> gs = List.of(rect(0, 0, 40, 8), rect(0, 12, 40, 8), rect(0, 24, 40, 8),
                rect(50, 0, 8, 40), rect(-45, 0, 30, 30));
        List<Map<String, Double>> d = NeighbourhoodDescriptors.of(gs,
                NeighbourhoodDescriptors.Options.defaults());
        assertEquals(4.0, d.get(1).get("neighbours_within_r"));
        assertEquals(2.0, d.get(1).get("similar_neighbours"));
        assertEquals(0.5, d.get(1).get("similar_share"), 1e-12);
        // the turned rectangle has the same area but a perpendicular axis; the square's area
        // is 900 / 320 = 2.8 times a row's
        assertEquals(0.0, d.get(3).get("similar_neighbours"));
        assertEquals(0.0, d.get(4).get("similar_neighbours"));
    }

    @Test
    void of_neighboursOnOneSide_countsEmptySectors() throws ParseException {
        // 4 x 4 squares: centroid of a at (2, 2); b due east (30 m), c due north (60 m), d
        // east beyond 2r = 100 m (150 m): with 8 sectors of 45 degrees, b and c fill 2
        List<Geometry> gs = List.of(rect(0, 0, 4, 4), rect(30, 0, 4, 4), rect(0, 60, 4, 4),
                rect(150, 0, 4, 4));
        List<Map<String, Double>> d = NeighbourhoodDescriptors.of(gs,
                NeighbourhoodDescriptors.Options.defaults());
        assertEquals(6.0, d.get(0).get("empty_sectors"));
        // d sees only b within 100 m (120 m to b's centroid is beyond: none), so all 8 empty
        assertEquals(8.0, d.get(3).get("empty_sectors"));
    }

    @Test
    void of_denseCoreThinZone_coreDensityRatioIsFourContextOverZone() throws ParseException {
        // R = 100: from a, b is in the context (50 m), c and d only in the zone (150 m, 180 m):
        // context density 1 / (pi 100^2), zone density 3 / (pi 200^2): ratio 4 * 1 / 3
        List<Geometry> gs = List.of(rect(0, 0, 4, 4), rect(50, 0, 4, 4), rect(0, 150, 4, 4),
                rect(-180, 0, 4, 4));
        List<Map<String, Double>> d = NeighbourhoodDescriptors.of(gs,
                new NeighbourhoodDescriptors.Options(10.0, 0.25, 100.0));
        assertEquals(4.0 / 3, d.get(0).get("core_density_ratio"), 1e-12);
    }

    @Test
    void of_twoBuildings_voronoiCellsClippedToTheDisc() throws ParseException {
        // centroids 100 m apart, r = 50 so cells are clipped to discs of 2r = 100 m: each cell
        // is the disc minus the circular segment beyond the bisector 50 m away,
        // pi 100^2 - (100^2 acos(0.5) - 50 sqrt(100^2 - 50^2))
        List<Geometry> gs = List.of(rect(-5, -5, 10, 10), rect(95, -5, 10, 10));
        List<Map<String, Double>> d = NeighbourhoodDescriptors.of(gs,
                NeighbourhoodDescriptors.Options.defaults());
        double segment = 1e4 * Math.acos(0.5) - 50 * Math.sqrt(1e4 - 2500);
        double cell = Math.PI * 1e4 - segment;
        assertEquals(cell, d.get(0).get("cell_area"), 1e-6);
        assertEquals(d.get(0).get("cell_area"), d.get(1).get("cell_area"), 1e-6);
        assertEquals(100.0 / d.get(0).get("cell_area"), d.get(0).get("cell_coverage"), 1e-12);
        // far apart: the whole disc
        List<Map<String, Double>> far = NeighbourhoodDescriptors.of(
                List.of(rect(0, 0, 10, 10), rect(1000, 0, 10, 10)),
                NeighbourhoodDescriptors.Options.defaults());
        assertEquals(Math.PI * 1e4, far.get(0).get("cell_area"), 1e-6);
    }

    @Test
    void of_sameCentroid_buildingsShareTheirCell() throws ParseException {
        // a 10 x 10 square and a 2 x 2 square at its centre (an overlap in bad data) share one
        // centroid and so one cell, split equally; a third building 1 km away
        List<Geometry> gs = List.of(rect(0, 0, 10, 10), rect(4, 4, 2, 2), rect(1000, 0, 10, 10));
        List<Map<String, Double>> d = NeighbourhoodDescriptors.of(gs,
                NeighbourhoodDescriptors.Options.defaults());
        assertEquals(d.get(2).get("cell_area") / 2, d.get(0).get("cell_area"), 1e-6);
        assertEquals(d.get(0).get("cell_area"), d.get(1).get("cell_area"), 1e-12);
    }

    @Test
    void discIntersectionArea_squareAndCentredDisc_matchesGeometry() throws ParseException {
        Geometry square = rect(-1, -1, 2, 2);
        // the unit disc lies inside the square; the square inside the disc of radius 2
        assertEquals(Math.PI, NeighbourhoodDescriptors.discIntersectionArea(square, 0, 0, 1),
                1e-12);
        assertEquals(4.0, NeighbourhoodDescriptors.discIntersectionArea(square, 0, 0, 2), 1e-12);
        // radius 1.2: the disc less the four segments beyond the sides, 1 from the centre
        double r = 1.2;
        double segment = r * r * Math.acos(1 / r) - Math.sqrt(r * r - 1);
        assertEquals(Math.PI * r * r - 4 * segment,
                NeighbourhoodDescriptors.discIntersectionArea(square, 0, 0, r), 1e-12);
    }

    @Test
    void distance_equalsJtsDistance_contactContainmentHolesAndParts() throws ParseException {
        List<Geometry> gs = new java.util.ArrayList<>(List.of(
                rect(0, 0, 10, 10),
                rect(10, 0, 5, 5), // touches the first
                rect(2, 2, 3, 3), // inside the first
                rect(30, 40, 8, 3),
                wkt("POLYGON ((100 0, 140 0, 140 40, 100 40, 100 0), "
                        + "(110 10, 130 10, 130 30, 110 30, 110 10))"), // with a hole
                rect(115, 15, 5, 5), // in the hole: 5 m from its sides
                wkt("MULTIPOLYGON (((-50 -50, -40 -50, -40 -40, -50 -50)), "
                        + "((3 3, 4 3, 4 4, 3 3)))"), // a part inside the first square
                wkt("POLYGON ((20 20, 26 21, 23 27, 20 20))")));
        for (Feature f : fr.territoires.ia.geo.synthetic.FootprintSimulator.simulate(40, 3L)) {
            gs.add(f.geometry());
        }
        for (int a = 0; a < gs.size(); a++) {
            for (int b = 0; b < gs.size(); b++) {
                assertEquals(gs.get(a).distance(gs.get(b)), NeighbourhoodDescriptors.distance(
                        NeighbourhoodDescriptors.rings(gs.get(a)),
                        NeighbourhoodDescriptors.rings(gs.get(b))), 0.0, a + " to " + b);
            }
        }
        assertEquals(5.0, NeighbourhoodDescriptors.distance(NeighbourhoodDescriptors.rings(gs.get(4)),
                NeighbourhoodDescriptors.rings(gs.get(5))), 0.0);
        assertEquals(0.0, NeighbourhoodDescriptors.distance(NeighbourhoodDescriptors.rings(gs.get(0)),
                NeighbourhoodDescriptors.rings(gs.get(6))), 0.0);
    }

    @Test
    void reach_defaults_isTwiceTheContextRadius() {
        assertEquals(300.0, NeighbourhoodDescriptors.reach(NeighbourhoodDescriptors.Options
                .defaults()));
        // Four times a large radius wins: the Voronoi cell reaches 4r.
        assertEquals(400.0, NeighbourhoodDescriptors.reach(new NeighbourhoodDescriptors.Options(
                100.0, 0.25, 150.0)));
    }

    @Test
    void blocks_chainAcrossTouchingBuildings_headedBySmallestIndex() throws ParseException {
        List<Geometry> gs = List.of(
                wkt("POLYGON ((30 0, 40 0, 40 10, 30 10, 30 0))"),
                wkt("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))"),
                wkt("POLYGON ((100 0, 110 0, 110 10, 100 10, 100 0))"),
                wkt("POLYGON ((10 0, 20 0, 20 10, 10 10, 10 0))"),
                // 0.1 m from the third: within the 0.25 m tolerance, so joined to it
                wkt("POLYGON ((20.1 0, 30 0, 30 10, 20.1 10, 20.1 0))"));
        int[] blocks = NeighbourhoodDescriptors.blocks(gs, NeighbourhoodDescriptors.Options
                .defaults());
        assertEquals(List.of(0, 0, 2, 0, 0), java.util.Arrays.stream(blocks).boxed().toList());
        List<Map<String, Double>> d = NeighbourhoodDescriptors.of(gs,
                NeighbourhoodDescriptors.Options.defaults());
        assertEquals(4.0, d.get(1).get("block_size"));
        assertEquals(1.0, d.get(2).get("block_size"));
    }

    @Test
    void of_subListWithEverythingWithinReach_givesTheSameDescriptorsBitForBit() {
        List<Feature> all = fr.territoires.ia.geo.synthetic.FootprintSimulator.simulate(2500, 3L);
        NeighbourhoodDescriptors.Options options = NeighbourhoodDescriptors.Options.defaults();
        double reach = NeighbourhoodDescriptors.reach(options);
        List<Geometry> gs = all.stream().map(Feature::geometry).toList();
        List<Map<String, Double>> whole = NeighbourhoodDescriptors.of(gs, options);
        // A window in the middle of the 4 km grid and, in list order, every building whose
        // envelope lies within the reach of the window's envelope.
        org.locationtech.jts.geom.Envelope window = new org.locationtech.jts.geom.Envelope(
                701_500, 702_300, 6_601_500, 6_602_300);
        org.locationtech.jts.geom.Envelope halo = new org.locationtech.jts.geom.Envelope(window);
        halo.expandBy(reach + 80);
        List<Integer> inside = new java.util.ArrayList<>();
        List<Geometry> part = new java.util.ArrayList<>();
        List<Integer> positions = new java.util.ArrayList<>();
        for (int i = 0; i < gs.size(); i++) {
            org.locationtech.jts.geom.Envelope e = gs.get(i).getEnvelopeInternal();
            if (halo.intersects(e)) {
                if (window.contains(e.centre())) {
                    inside.add(i);
                    positions.add(part.size());
                }
                part.add(gs.get(i));
            }
        }
        assertTrue(inside.size() > 50 && part.size() < gs.size() / 2,
                inside.size() + " in the window, " + part.size() + " with the halo");
        List<Map<String, Double>> local = NeighbourhoodDescriptors.of(part, options);
        for (int k = 0; k < inside.size(); k++) {
            for (String name : NeighbourhoodDescriptors.names()) {
                assertEquals(Double.doubleToLongBits(whole.get(inside.get(k)).get(name)),
                        Double.doubleToLongBits(local.get(positions.get(k)).get(name)),
                        "building " + inside.get(k) + " " + name);
            }
        }
    }
}
