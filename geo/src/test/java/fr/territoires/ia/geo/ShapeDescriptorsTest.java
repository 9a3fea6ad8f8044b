package fr.territoires.ia.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

class ShapeDescriptorsTest {

    private static final double EPS = 1e-9;

    private static Geometry wkt(String text) throws ParseException {
        return new WKTReader().read(text);
    }

    @Test
    void of_square_matchesHandComputedValues() throws ParseException {
        Map<String, Double> d = ShapeDescriptors.of(wkt("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))"));
        assertEquals(ShapeDescriptors.names(), d.keySet().stream().toList());
        assertEquals(100.0, d.get("area"), EPS);
        assertEquals(40.0, d.get("perimeter"), EPS);
        // minimum bounding circle radius 5*sqrt(2): 100 / (pi * 50) = 2 / pi
        assertEquals(2.0 / Math.PI, d.get("circular_compactness"), 1e-6);
        // 4 pi 100 / 1600 = pi / 4
        assertEquals(Math.PI / 4, d.get("isoperimetric_quotient"), EPS);
        assertEquals(1.0, d.get("square_compactness"), EPS); // (4*10/40)^2
        assertEquals(1.0, d.get("convexity"), EPS);
        assertEquals(1.0, d.get("rectangularity"), EPS);
        assertEquals(1.0, d.get("elongation"), EPS);
        assertEquals(1.0, d.get("equivalent_rectangular_index"), EPS);
        assertEquals(1.0, d.get("fractal_dimension"), EPS); // 2 ln 10 / ln 100
        assertEquals(4.0, d.get("corners"), EPS);
        assertEquals(0.0, d.get("squareness"), EPS);
        assertEquals(0.0, d.get("orientation"), 1e-6);
        assertEquals(0.0, d.get("holes"), EPS);
        assertEquals(10 * Math.sqrt(2), d.get("longest_axis_length"), 1e-6);
        assertEquals(5 * Math.sqrt(2), d.get("centroid_corner_mean"), EPS);
        assertEquals(0.0, d.get("centroid_corner_std"), 1e-7);
        assertEquals(4.0, d.get("vertices"), EPS);
    }

    @Test
    void of_rectangle_matchesHandComputedValues() throws ParseException {
        Map<String, Double> d = ShapeDescriptors.of(wkt("POLYGON ((0 0, 20 0, 20 10, 0 10, 0 0))"));
        assertEquals(200.0, d.get("area"), EPS);
        assertEquals(60.0, d.get("perimeter"), EPS);
        // radius sqrt(125): 200 / (125 pi)
        assertEquals(200.0 / (125 * Math.PI), d.get("circular_compactness"), 1e-6);
        assertEquals(16.0 * 200 / 3600, d.get("square_compactness"), EPS); // (4 sqrt(200)/60)^2
        assertEquals(0.5, d.get("elongation"), EPS); // 10 / 20
        assertEquals(20.0, d.get("mrr_length"), EPS);
        assertEquals(10.0, d.get("mrr_width"), EPS);
        assertEquals(2 * Math.log(15) / Math.log(200), d.get("fractal_dimension"), EPS);
        assertEquals(2 * Math.sqrt(125), d.get("longest_axis_length"), 1e-6);
        assertEquals(Math.sqrt(125), d.get("centroid_corner_mean"), EPS);
        assertEquals(0.0, d.get("orientation"), 1e-6);
    }

    @Test
    void of_rotatedRectangle_orientationIsDeviationFromCardinal() throws ParseException {
        // long side along 30 degrees: deviation from the nearest cardinal direction is 30
        double c = Math.cos(Math.toRadians(30));
        double s = Math.sin(Math.toRadians(30));
        String w = String.format(java.util.Locale.ROOT,
                "POLYGON ((0 0, %f %f, %f %f, %f %f, 0 0))", 20 * c, 20 * s,
                20 * c - 10 * s, 20 * s + 10 * c, -10 * s, 10 * c);
        Map<String, Double> d = ShapeDescriptors.of(wkt(w));
        assertEquals(30.0, d.get("orientation"), 1e-4);
        assertEquals(0.5, d.get("elongation"), 1e-6);
        assertEquals(1.0, d.get("rectangularity"), 1e-6);
    }

    @Test
    void of_lShape_matchesHandComputedValues() throws ParseException {
        Map<String, Double> d = ShapeDescriptors.of(
                wkt("POLYGON ((0 0, 20 0, 20 10, 10 10, 10 20, 0 20, 0 0))"));
        assertEquals(300.0, d.get("area"), EPS);
        assertEquals(80.0, d.get("perimeter"), EPS);
        // hull cuts the corner (20 10)-(10 20): 400 - 50 = 350
        assertEquals(300.0 / 350.0, d.get("convexity"), EPS);
        // axis-aligned 20 x 20 (a 45 degree rectangle would be 21.2 x 28.3 = 600)
        assertEquals(0.75, d.get("rectangularity"), EPS);
        assertEquals(1.0, d.get("elongation"), EPS);
        assertEquals(Math.sqrt(0.75) * 80 / 80, d.get("equivalent_rectangular_index"), EPS);
        assertEquals(6.0, d.get("corners"), EPS);
        assertEquals(0.0, d.get("squareness"), EPS); // the reflex corner is 90 degrees too
        // circle through (0 0), (20 0), (0 20): centre (10 10), radius 10 sqrt 2
        assertEquals(300.0 / (200 * Math.PI), d.get("circular_compactness"), 1e-6);
        assertEquals(20 * Math.sqrt(2), d.get("longest_axis_length"), 1e-6);
        // centroid (25/3, 25/3); distances to the six corners
        double g = 25.0 / 3;
        double[] dist = {Math.hypot(g, g), Math.hypot(20 - g, g), Math.hypot(20 - g, 10 - g),
            Math.hypot(10 - g, 10 - g), Math.hypot(10 - g, 20 - g), Math.hypot(g, 20 - g)};
        double mean = 0;
        for (double v : dist) {
            mean += v / 6;
        }
        double var = 0;
        for (double v : dist) {
            var += (v - mean) * (v - mean) / 6;
        }
        assertEquals(mean, d.get("centroid_corner_mean"), 1e-9);
        assertEquals(Math.sqrt(var), d.get("centroid_corner_std"), 1e-9);
    }

    @Test
    void of_circleLike64gon_hasNoCornersAndCompactnessNearOne() throws ParseException {
        StringBuilder sb = new StringBuilder("POLYGON ((");
        int n = 64;
        for (int i = 0; i <= n; i++) {
            double a = 2 * Math.PI * (i % n) / n;
            sb.append(i == 0 ? "" : ", ").append(10 * Math.cos(a)).append(' ')
                    .append(10 * Math.sin(a));
        }
        Map<String, Double> d = ShapeDescriptors.of(wkt(sb.append("))").toString()));
        // area (n/2) r^2 sin(2 pi / n), perimeter 2 n r sin(pi / n)
        double area = 32 * 100 * Math.sin(2 * Math.PI / 64);
        assertEquals(area, d.get("area"), 1e-9);
        assertEquals(2 * 64 * 10 * Math.sin(Math.PI / 64), d.get("perimeter"), 1e-9);
        assertEquals(area / (100 * Math.PI), d.get("circular_compactness"), 1e-6);
        // edges turn by 5.625 degrees: angle 174.4 > 170, no corner
        assertEquals(0.0, d.get("corners"), EPS);
        // without corners, all vertices: each at distance 10
        assertEquals(10.0, d.get("centroid_corner_mean"), 1e-9);
        assertEquals(0.0, d.get("centroid_corner_std"), 1e-6);
        assertEquals(20.0, d.get("longest_axis_length"), 1e-6);
    }

    @Test
    void of_squareWithHole_countsHoleAndItsBoundary() throws ParseException {
        Map<String, Double> d = ShapeDescriptors.of(wkt(
                "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (4 4, 6 4, 6 6, 4 6, 4 4))"));
        assertEquals(96.0, d.get("area"), EPS); // 100 - 4
        assertEquals(48.0, d.get("perimeter"), EPS); // 40 + 8
        assertEquals(1.0, d.get("holes"), EPS);
        assertEquals(0.96, d.get("convexity"), EPS);
        assertEquals(0.96, d.get("rectangularity"), EPS);
        assertEquals(Math.sqrt(0.96) * 40 / 48, d.get("equivalent_rectangular_index"), EPS);
        assertEquals(4.0, d.get("corners"), EPS); // exterior ring only
    }

    @Test
    void of_tinyPolygon_fractalDimensionIsNaN() throws ParseException {
        Map<String, Double> d = ShapeDescriptors.of(wkt("POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))"));
        assertTrue(Double.isNaN(d.get("fractal_dimension")));
    }

    @Test
    void of_notPolygon_throwsNamingType() throws ParseException {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ShapeDescriptors.of(wkt("LINESTRING (0 0, 1 1)")));
        assertTrue(e.getMessage().contains("LineString"), e.getMessage());
    }

    @Test
    void of_lShapeBothWindings_oneConcaveCorner() throws ParseException {
        // L shape: 10 x 10 square minus its 5 x 5 top-right quarter; the vertex (5, 5) turns
        // inwards, the five others outwards; area 75, perimeter 40, A / P = 1.875
        Map<String, Double> ccw = ShapeDescriptors.of(
                wkt("POLYGON ((0 0, 10 0, 10 5, 5 5, 5 10, 0 10, 0 0))"));
        Map<String, Double> cw = ShapeDescriptors.of(
                wkt("POLYGON ((0 0, 0 10, 5 10, 5 5, 10 5, 10 0, 0 0))"));
        assertEquals(6.0, ccw.get("corners"), EPS);
        assertEquals(1.0, ccw.get("concave_corners"), EPS);
        assertEquals(1.0, cw.get("concave_corners"), EPS);
        assertEquals(75.0 / 40.0, ccw.get("area_perimeter_ratio"), EPS);
        assertEquals(0.0, ccw.get("courtyard_share"), EPS);
    }

    @Test
    void of_squareWithCourtyard_courtyardShareIsHoleOverOutline() throws ParseException {
        // 20 x 20 outline with a 10 x 10 courtyard: area 300, hole 100, share 100 / 400;
        // perimeter 80 + 40 = 120; rectangles have no concave corner (holes are not counted)
        Map<String, Double> d = ShapeDescriptors.of(wkt("POLYGON ((0 0, 20 0, 20 20, 0 20, 0 0),"
                + " (5 5, 5 15, 15 15, 15 5, 5 5))"));
        assertEquals(0.25, d.get("courtyard_share"), EPS);
        assertEquals(300.0 / 120.0, d.get("area_perimeter_ratio"), EPS);
        assertEquals(0.0, d.get("concave_corners"), EPS);
    }
}
