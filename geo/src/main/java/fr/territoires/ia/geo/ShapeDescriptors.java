package fr.territoires.ia.geo;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.locationtech.jts.algorithm.Area;
import org.locationtech.jts.algorithm.MinimumAreaRectangle;
import org.locationtech.jts.algorithm.MinimumBoundingCircle;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateArrays;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * Shape descriptors of one building footprint, computed from its polygon alone.
 *
 * <p>The set and formulas follow momepy's shape and dimension characters (M. Fleischmann,
 * "momepy: Urban Morphology Measuring Toolkit", Journal of Open Source Software 4(43), 1807,
 * 2019, doi:10.21105/joss.01807; module {@code momepy.shape}). Notation: {@code A} area,
 * {@code P} perimeter (exterior and hole boundaries), {@code MRR} the minimum-area rotated
 * rectangle (JTS {@code MinimumAreaRectangle}) of long side {@code L} and short side {@code W},
 * {@code r} the radius of the minimum bounding circle. Lengths are in metres and areas in square
 * metres when the geometry is in a metric CRS (as {@link GeoJson} delivers it). In
 * {@link #names()} order:
 * <ul>
 *   <li>{@code area}: {@code A}, m²;</li>
 *   <li>{@code perimeter}: {@code P}, m;</li>
 *   <li>{@code circular_compactness}: {@code A / (π r²)}, in (0, 1], 1 for a disc
 *       (momepy {@code circular_compactness});</li>
 *   <li>{@code isoperimetric_quotient}: {@code 4πA / P²}, in (0, 1]
 *       (momepy {@code isoperimetric_quotient});</li>
 *   <li>{@code square_compactness}: {@code (4√A / P)²}, 1 for a square
 *       (momepy {@code square_compactness});</li>
 *   <li>{@code convexity}: {@code A / area(convex hull)}, in (0, 1] (momepy {@code convexity});</li>
 *   <li>{@code rectangularity}: {@code A / (L·W)}, in (0, 1] (momepy {@code rectangularity});</li>
 *   <li>{@code elongation}: {@code W / L}, in (0, 1], 1 for a square (momepy
 *       {@code elongation});</li>
 *   <li>{@code equivalent_rectangular_index}: {@code √(A / (L·W)) · 2(L+W) / P}, 1 for a
 *       rectangle (momepy {@code equivalent_rectangular_index});</li>
 *   <li>{@code fractal_dimension}: {@code 2 ln(P/4) / ln(A)}, 1 for a square; NaN when
 *       {@code A <= 1} m² (momepy {@code fractal_dimension});</li>
 *   <li>{@code corners}: number of exterior-ring vertices where the angle between the two edges
 *       is at most 170° (momepy {@code corners}, {@code eps = 10°}), count;</li>
 *   <li>{@code squareness}: mean of {@code |90° − angle|} over those corners, degrees, 0 when
 *       there is no corner (momepy {@code squareness});</li>
 *   <li>{@code orientation}: deviation of the MRR's long side from the cardinal directions,
 *       in [0, 45] degrees (momepy {@code orientation});</li>
 *   <li>{@code holes}: number of interior rings, count;</li>
 *   <li>{@code longest_axis_length}: {@code 2r}, m (momepy {@code longest_axis_length});</li>
 *   <li>{@code centroid_corner_mean}, {@code centroid_corner_std}: mean and population standard
 *       deviation of the distances from the centroid to the corners, m; when there is no corner
 *       (a circle-like outline) all exterior vertices are used (momepy
 *       {@code centroid_corner_distance});</li>
 *   <li>{@code vertices}: number of distinct exterior-ring vertices, count;</li>
 *   <li>{@code mrr_length}, {@code mrr_width}: {@code L} and {@code W}, m;</li>
 *   <li>{@code axis_east_west}: {@code |cos θ|} where {@code θ} is the angle of the MRR's long
 *       side from the x axis (east in a projected CRS): 1 for a building stretched east–west
 *       (such as most churches), 0 for north–south;</li>
 *   <li>{@code concave_corners}: number of the {@code corners} where the exterior turns
 *       inwards (reflex vertices: L-, T- or U-shaped plans have some, rectangles none), count;</li>
 *   <li>{@code courtyard_share}: area of the holes over {@code A} plus that area, in [0, 1),
 *       0 without holes (inner courtyards of blocks, cloisters);</li>
 *   <li>{@code area_perimeter_ratio}: {@code A / P}, m (half the width of a long thin
 *       building, a quarter of a square's side).</li>
 * </ul>
 * A MultiPolygon is measured as a whole: sums for area, perimeter, holes and vertices, corners
 * and angles over every part's exterior, hull, rectangle and circle of all parts together.
 * Consecutive repeated vertices are ignored. Geometries are never modified.
 *
 * <p>Instances are immutable and safe for concurrent use (the class has none).
 *
 * @since 0.1.0
 */
public final class ShapeDescriptors {

    private static final List<String> NAMES = List.of("area", "perimeter",
            "circular_compactness", "isoperimetric_quotient", "square_compactness", "convexity",
            "rectangularity", "elongation", "equivalent_rectangular_index", "fractal_dimension",
            "corners", "squareness", "orientation", "holes", "longest_axis_length",
            "centroid_corner_mean", "centroid_corner_std", "vertices", "mrr_length", "mrr_width",
            "axis_east_west", "concave_corners", "courtyard_share", "area_perimeter_ratio");

    /** Angle (degrees) at or below which a vertex is a corner: 180° minus momepy's eps of 10°. */
    private static final double CORNER_ANGLE = 170.0;

    private ShapeDescriptors() {
    }

    /**
     * Returns the descriptor names, in the order of {@link #of(Geometry)}.
     *
     * @return an unmodifiable list of snake_case names
     */
    public static List<String> names() {
        return NAMES;
    }

    /**
     * Computes the descriptors of one polygon.
     *
     * @param polygon a non-empty Polygon or MultiPolygon in a metric CRS; not modified
     * @return descriptor name to value, in {@link #names()} order, unmodifiable
     * @throws NullPointerException when {@code polygon} is null
     * @throws IllegalArgumentException when it is empty, not polygonal or has zero area
     */
    public static Map<String, Double> of(Geometry polygon) {
        double[] v = compute(polygon);
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < v.length; i++) {
            m.put(NAMES.get(i), v[i]);
        }
        return Collections.unmodifiableMap(m);
    }

    /**
     * The minimum-area rectangle of {@code g} (JTS {@code MinimumAreaRectangle}); for the rare
     * nearly degenerate hull on which JTS fails (a null side point for a ring of almost collinear
     * points), the minimum-width rectangle ({@code MinimumDiameter}), then the envelope.
     */
    static Geometry minimumRectangle(Geometry g) {
        try {
            return MinimumAreaRectangle.getMinimumRectangle(g);
        } catch (RuntimeException e) {
            try {
                return org.locationtech.jts.algorithm.MinimumDiameter.getMinimumRectangle(g);
            } catch (RuntimeException again) {
                return g.getEnvelope();
            }
        }
    }

    static double[] compute(Geometry g) {
        Objects.requireNonNull(g, "polygon");
        if (!(g instanceof Polygon || g instanceof MultiPolygon) || g.isEmpty()) {
            throw new IllegalArgumentException("polygon must be a non-empty Polygon or "
                    + "MultiPolygon, was " + (g.isEmpty() ? "empty " : "") + g.getGeometryType());
        }
        double area = g.getArea();
        if (!(area > 0) || area == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("polygon area must be > 0 and finite, was " + area);
        }
        double perimeter = g.getLength();
        double hullArea = g.convexHull().getArea();

        Geometry mrr = minimumRectangle(g);
        double length = 0;
        double width = 0;
        double orientation = 0;
        double eastWest = 1;
        Coordinate[] rc = mrr.getCoordinates();
        if (rc.length >= 3) {
            double s1 = rc[0].distance(rc[1]);
            double s2 = rc[1].distance(rc[2]);
            length = Math.max(s1, s2);
            width = Math.min(s1, s2);
            double az = longSideAzimuth(rc);
            double m = ((az % 90.0) + 90.0) % 90.0;
            orientation = Math.min(m, 90.0 - m);
            eastWest = Math.abs(Math.cos(Math.toRadians(az)));
        }
        double mrrArea = length * width;
        double radius = new MinimumBoundingCircle(g).getRadius();

        // Corners, squareness and centroid-corner distances over every exterior ring.
        Point centroid = g.getCentroid();
        double cx = centroid.getX();
        double cy = centroid.getY();
        int corners = 0;
        double squareSum = 0;
        double cornerSum = 0;
        double cornerSq = 0;
        double vertexSum = 0;
        double vertexSq = 0;
        int vertices = 0;
        int holes = 0;
        int concave = 0;
        double holeArea = 0;
        for (int p = 0; p < g.getNumGeometries(); p++) {
            Polygon part = (Polygon) g.getGeometryN(p);
            holes += part.getNumInteriorRing();
            for (int h = 0; h < part.getNumInteriorRing(); h++) {
                holeArea += Area.ofRing(part.getInteriorRingN(h).getCoordinateSequence());
            }
            Coordinate[] ring = CoordinateArrays.removeRepeatedPoints(
                    part.getExteriorRing().getCoordinates());
            double turn = Orientation.isCCW(ring) ? 1.0 : -1.0;
            int n = ring.length - 1; // closed ring: last == first
            for (int i = 0; i < n; i++) {
                Coordinate prev = ring[(i - 1 + n) % n];
                Coordinate cur = ring[i];
                Coordinate next = ring[(i + 1) % n];
                double d = Math.hypot(cur.x - cx, cur.y - cy);
                vertices++;
                vertexSum += d;
                vertexSq += d * d;
                double angle = angle(prev, cur, next);
                if (angle <= CORNER_ANGLE) {
                    corners++;
                    double cross = (cur.x - prev.x) * (next.y - cur.y)
                            - (cur.y - prev.y) * (next.x - cur.x);
                    if (cross * turn < 0) {
                        concave++;
                    }
                    squareSum += Math.abs(90.0 - angle);
                    cornerSum += d;
                    cornerSq += d * d;
                }
            }
        }
        double squareness = corners == 0 ? 0.0 : squareSum / corners;
        double ccMean;
        double ccStd;
        if (corners > 0) {
            ccMean = cornerSum / corners;
            ccStd = Math.sqrt(Math.max(0.0, cornerSq / corners - ccMean * ccMean));
        } else {
            ccMean = vertexSum / vertices;
            ccStd = Math.sqrt(Math.max(0.0, vertexSq / vertices - ccMean * ccMean));
        }

        double rectangularity = mrrArea > 0 ? area / mrrArea : 1.0;
        double elongation = length > 0 ? width / length : 1.0;
        double eri = mrrArea > 0 ? Math.sqrt(area / mrrArea) * (2 * (length + width)) / perimeter
                : 1.0;
        double fractal = area > 1.0 ? 2.0 * Math.log(perimeter / 4.0) / Math.log(area)
                : Double.NaN;
        double sq = 4.0 * Math.sqrt(area) / perimeter;
        return new double[] {
            area,
            perimeter,
            area / (Math.PI * radius * radius),
            4.0 * Math.PI * area / (perimeter * perimeter),
            sq * sq,
            area / hullArea,
            rectangularity,
            elongation,
            eri,
            fractal,
            corners,
            squareness,
            orientation,
            holes,
            2.0 * radius,
            ccMean,
            ccStd,
            vertices,
            length,
            width,
            eastWest,
            concave,
            holeArea / (area + holeArea),
            area / perimeter
        };
    }

    /** Unsigned angle between the edges cur→prev and cur→next, in degrees, in [0, 180]. */
    private static double angle(Coordinate prev, Coordinate cur, Coordinate next) {
        double ax = prev.x - cur.x;
        double ay = prev.y - cur.y;
        double bx = next.x - cur.x;
        double by = next.y - cur.y;
        double cos = (ax * bx + ay * by) / (Math.hypot(ax, ay) * Math.hypot(bx, by));
        return Math.toDegrees(Math.acos(Math.max(-1.0, Math.min(1.0, cos))));
    }

    /**
     * Angle from the x axis of the long side of a rectangle given by its closed ring of at least
     * 3 coordinates (the first side when both are equal), degrees in (-180, 180].
     */
    static double longSideAzimuth(Coordinate[] rc) {
        double s1 = rc[0].distance(rc[1]);
        double s2 = rc[1].distance(rc[2]);
        Coordinate a = s1 >= s2 ? rc[0] : rc[1];
        Coordinate b = s1 >= s2 ? rc[1] : rc[2];
        return Math.toDegrees(Math.atan2(b.y - a.y, b.x - a.x));
    }
}
