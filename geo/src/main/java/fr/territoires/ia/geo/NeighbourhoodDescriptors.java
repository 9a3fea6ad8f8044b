package fr.territoires.ia.geo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.locationtech.jts.algorithm.Distance;
import org.locationtech.jts.algorithm.RayCrossingCounter;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.index.strtree.ItemDistance;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * Neighbourhood descriptors of each building of a collection, from one spatial index (a JTS
 * {@link STRtree}) over the whole collection.
 *
 * <p>For building {@code i}, with neighbours the other buildings whose distance to {@code i} is
 * at most the radius {@code r}, in {@link #names()} order:
 * <ul>
 *   <li>{@code nearest_distance}: distance to the nearest other building, m (0 when touching;
 *       NaN when the collection holds one building) (momepy {@code NeighborDistance} uses the
 *       mean over adjacent buildings; this is the nearest one);</li>
 *   <li>{@code neighbours_within_r}: number of neighbours, count;</li>
 *   <li>{@code neighbour_mean_area}: mean area of the neighbours, m², NaN when there is none;</li>
 *   <li>{@code built_ratio_within_r}: areas of {@code i} and its neighbours summed, over the
 *       disc area {@code π r²} (a local density, may exceed 1 next to large buildings);</li>
 *   <li>{@code touching_neighbours}: number of buildings within the wall tolerance, count;</li>
 *   <li>{@code shared_wall_ratio}: length of {@code i}'s boundary lying within the wall
 *       tolerance of another building, over {@code i}'s perimeter, in [0, 1] (momepy
 *       {@code shared_walls} divided by the perimeter; the tolerance absorbs coordinates rounded
 *       to 0.1 m, and over-counts at most the tolerance at each end of a wall, where the
 *       boundary turns away from the neighbour);</li>
 *   <li>{@code alignment}: mean absolute difference between {@code i}'s orientation and its
 *       neighbours' ({@link ShapeDescriptors} {@code orientation}, [0, 45]), degrees, NaN when
 *       there is no neighbour (momepy {@code alignment}, with neighbours within {@code r});</li>
 *   <li>{@code neighbour_max_area}: area of the largest neighbour, m², NaN when there is
 *       none;</li>
 *   <li>{@code area_to_neighbour_mean}: {@code i}'s area over {@code neighbour_mean_area},
 *       NaN when there is no neighbour;</li>
 *   <li>{@code context_count}, {@code context_mean_area}, {@code context_built_ratio}: over the
 *       wider context radius {@code R} and by centroid distance (cheaper), the number of other
 *       buildings whose centroid is within {@code R} of {@code i}'s centroid, their mean area
 *       (m², NaN when none), and all their areas plus {@code i}'s over {@code π R²};</li>
 *   <li>{@code context_large_share}: share of those context buildings whose area is at least
 *       {@value #LARGE_AREA} m² (industrial and commercial zones), in [0, 1], NaN when none;</li>
 *   <li>{@code touching_mean_area}: mean area of the buildings within the wall tolerance, m²,
 *       NaN when none (terraced houses touch small buildings, factories large ones);</li>
 *   <li>{@code large_within_r}: number of neighbours of at least {@value #LARGE_AREA} m²;</li>
 *   <li>{@code context_area_rank}: share of the context buildings (within {@code R}, by
 *       centroid) smaller than {@code i}, in [0, 1] (1 for the largest building around), NaN when
 *       there is none;</li>
 *   <li>{@code area_to_context_median}: {@code i}'s area over the median area of the context
 *       buildings, NaN when there is none;</li>
 *   <li>{@code zone_count}, {@code zone_mean_area}, {@code zone_max_area},
 *       {@code zone_large_share}: as the context descriptors, over the zone radius {@code 2R} by
 *       centroid distance: count, mean and largest area (m², NaN when none), share of buildings
 *       of at least {@value #LARGE_AREA} m² (NaN when none);</li>
 *   <li>{@code kth_centroid_distance}: distance from {@code i}'s centroid to the
 *       {@value #KTH}th nearest other centroid, m, NaN when fewer than {@value #KTH} lie within
 *       {@code 2R} (a scale of the local spacing);</li>
 *   <li>{@code block_size}, {@code block_area}: number of buildings and total area (m²) of the
 *       block of {@code i}: the buildings linked to it through chains of buildings within the
 *       wall tolerance of each other, {@code i} included (1 and {@code i}'s area for a detached
 *       building; a terrace or a town-centre block is one large block);</li>
 *   <li>{@code block_largest_share}: {@code i}'s area over the largest area in its block, in
 *       (0, 1];</li>
 *   <li>{@code similar_neighbours}: number of neighbours (within {@code r}) whose long axis
 *       (the long side of the minimum-area rectangle, as a direction in [0°, 180°)) is within
 *       {@value #SIMILAR_ANGLE}° of {@code i}'s and whose area is within a factor
 *       {@value #SIMILAR_AREA} of {@code i}'s, count (repeated units: rows of greenhouses or
 *       sheds, housing estates);</li>
 *   <li>{@code similar_share}: {@code similar_neighbours} over {@code neighbours_within_r}, in
 *       [0, 1], NaN when there is no neighbour;</li>
 *   <li>{@code empty_sectors}: number of the {@value #SECTORS} equal angular sectors around
 *       {@code i}'s centroid holding no other centroid within {@code 2r} (at most {@code 2R}),
 *       in [0, 8] (open
 *       ground on some sides: fields, squares, sports grounds);</li>
 *   <li>{@code core_density_ratio}: density of centroids within {@code R} over their density
 *       within {@code 2R}, that is {@code 4 context_count / zone_count}, NaN when the zone is
 *       empty (above 1 in the core of a village or a town, below 1 at its edge);</li>
 *   <li>{@code cell_area}: area of {@code i}'s cell in the Voronoi diagram of all centroids,
 *       clipped to the disc of radius {@code 2r} around its centroid (exactly), m²; buildings
 *       sharing one centroid share its cell equally (an approximation, on centroids, of
 *       momepy's morphological tessellation cell);</li>
 *   <li>{@code cell_coverage}: {@code i}'s area over {@code cell_area}, at most 1 (momepy
 *       {@code AreaRatio} of building to tessellation cell: the share of its plot a building
 *       covers).</li>
 * </ul>
 * Geometries must be non-empty Polygons or MultiPolygons in one metric CRS (one SRID); mixed
 * SRIDs are rejected. Geometries are never modified. Cost: one index build, then for each
 * building a query of its envelope grown by {@code r}, one of the square of half-side
 * {@code 2R} around its centroid and one of the square of half-side {@code 4r} for its Voronoi
 * cell.
 *
 * <p><b>Locality.</b> A building's descriptors depend only on the buildings whose envelope lies
 * within {@link #reach(Options)} of its own (the largest of {@code r}, the wall tolerance,
 * {@code 2R} and {@code 4r}, the Voronoi cell being clipped to a disc of radius {@code 2r}),
 * with two exceptions: {@code nearest_distance}, when no other building lies within {@code r},
 * looks as far as the nearest one, and the block descriptors follow the whole block (see
 * {@link #blocks(List, Options)}). Every sum runs over the buildings in list order, never in
 * the spatial index's order, so that the descriptors of a building computed over any sub-list
 * holding those buildings in the same relative order are equal, bit for bit, to the ones
 * computed over the whole collection: a collection can be cut into tiles with a halo, as the
 * Spark module does.
 *
 * <p>Instances are immutable and safe for concurrent use (the class has none).
 *
 * @since 0.1.0
 */
public final class NeighbourhoodDescriptors {

    private static final List<String> NAMES = List.of("nearest_distance", "neighbours_within_r",
            "neighbour_mean_area", "built_ratio_within_r", "touching_neighbours",
            "shared_wall_ratio", "alignment", "neighbour_max_area", "area_to_neighbour_mean",
            "context_count", "context_mean_area", "context_built_ratio", "context_large_share",
            "touching_mean_area", "large_within_r", "context_area_rank",
            "area_to_context_median", "zone_count", "zone_mean_area", "zone_max_area",
            "zone_large_share", "kth_centroid_distance", "block_size", "block_area",
            "block_largest_share", "similar_neighbours", "similar_share", "empty_sectors",
            "core_density_ratio", "cell_area", "cell_coverage");

    /** Rank {@code k} of the neighbour whose centroid distance is {@code kth_centroid_distance}. */
    public static final int KTH = 5;

    /** Largest difference of long-axis direction, degrees, between similar neighbours. */
    public static final double SIMILAR_ANGLE = 10.0;

    /** Largest area ratio, either way, between similar neighbours. */
    public static final double SIMILAR_AREA = 1.5;

    /** Number of equal angular sectors counted by {@code empty_sectors}. */
    public static final int SECTORS = 8;

    /** Area, m², from which a context building counts as large. */
    public static final double LARGE_AREA = 400.0;

    private NeighbourhoodDescriptors() {
    }

    /**
     * Settings of the neighbourhood.
     *
     * <p>Instances are immutable and safe for concurrent use.
     *
     * @param radius neighbourhood radius {@code r}, m, finite and {@code > 0}
     * @param wallTolerance distance under which two boundaries count as a shared wall, m, finite
     *     and {@code >= 0}
     * @param contextRadius wider radius {@code R} of the context descriptors, m, finite and
     *     {@code > 0}
     * @since 0.1.0
     */
    public record Options(double radius, double wallTolerance, double contextRadius) {

        /**
         * Validates the settings.
         *
         * @param radius radius, m
         * @param wallTolerance wall tolerance, m
         * @param contextRadius context radius, m
         * @throws IllegalArgumentException when a value is out of range
         */
        public Options {
            if (!(contextRadius > 0) || !Double.isFinite(contextRadius)) {
                throw new IllegalArgumentException(
                        "contextRadius must be finite and > 0, was " + contextRadius);
            }
            if (!(radius > 0) || !Double.isFinite(radius)) {
                throw new IllegalArgumentException("radius must be finite and > 0, was " + radius);
            }
            if (!(wallTolerance >= 0) || !Double.isFinite(wallTolerance)) {
                throw new IllegalArgumentException(
                        "wallTolerance must be finite and >= 0, was " + wallTolerance);
            }
        }

        /**
         * Returns the defaults: radius 50 m, wall tolerance 0.25 m, context radius 150 m.
         *
         * @return the default options
         */
        public static Options defaults() {
            return new Options(50.0, 0.25, 150.0);
        }

        /**
         * Returns a copy with another radius.
         *
         * @param radius radius, m
         * @return new options
         * @throws IllegalArgumentException when {@code radius} is out of range
         */
        public Options withRadius(double radius) {
            return new Options(radius, wallTolerance, contextRadius);
        }

        /**
         * Returns a copy with another wall tolerance.
         *
         * @param wallTolerance tolerance, m
         * @return new options
         * @throws IllegalArgumentException when {@code wallTolerance} is out of range
         */
        public Options withWallTolerance(double wallTolerance) {
            return new Options(radius, wallTolerance, contextRadius);
        }

        /**
         * Returns a copy with another context radius.
         *
         * @param contextRadius context radius, m
         * @return new options
         * @throws IllegalArgumentException when {@code contextRadius} is out of range
         */
        public Options withContextRadius(double contextRadius) {
            return new Options(radius, wallTolerance, contextRadius);
        }
    }

    /**
     * Returns the descriptor names, in the order of {@link #of(List, Options)}.
     *
     * @return an unmodifiable list of snake_case names
     */
    public static List<String> names() {
        return NAMES;
    }

    /**
     * Computes the neighbourhood descriptors of every building.
     *
     * @param polygons the buildings, in one metric CRS
     * @param options radius and wall tolerance
     * @return one ordered, unmodifiable map per building, in input order
     * @throws NullPointerException when an argument or element is null
     * @throws IllegalArgumentException when a geometry is not a non-empty polygon or
     *     multipolygon, or the SRIDs differ (the message names the index)
     */
    public static List<Map<String, Double>> of(List<? extends Geometry> polygons,
            Options options) {
        double[][] rows = compute(polygons, options, null);
        List<Map<String, Double>> out = new ArrayList<>(rows.length);
        for (double[] row : rows) {
            Map<String, Double> m = new LinkedHashMap<>();
            for (int j = 0; j < row.length; j++) {
                m.put(NAMES.get(j), row[j]);
            }
            out.add(Collections.unmodifiableMap(m));
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * Returns the distance within which the other buildings determine a building's descriptors
     * (see the class comment, "Locality"): the largest of the radius, the wall tolerance, twice
     * the context radius and four times the radius.
     *
     * @param options the settings
     * @return the reach, m (300 m with the defaults)
     * @throws NullPointerException when {@code options} is null
     */
    public static double reach(Options options) {
        Objects.requireNonNull(options, "options");
        return Math.max(Math.max(options.radius(), options.wallTolerance()),
                Math.max(2 * options.contextRadius(), 4 * options.radius()));
    }

    /**
     * Returns the block of each building, as the {@code block_*} descriptors see it: the
     * smallest index among the buildings linked to it through chains of buildings within the
     * wall tolerance of each other (its own index for a detached building).
     *
     * @param polygons the buildings, in one metric CRS
     * @param options the settings (only the wall tolerance is used)
     * @return the block of each building, in input order
     * @throws NullPointerException when an argument or element is null
     * @throws IllegalArgumentException when a geometry is not a non-empty polygon or
     *     multipolygon, or the SRIDs differ (the message names the index)
     */
    public static int[] blocks(List<? extends Geometry> polygons, Options options) {
        Objects.requireNonNull(options, "options");
        checkPolygons(polygons);
        int n = polygons.size();
        Coordinate[][][] parts = new Coordinate[n][][];
        STRtree tree = new STRtree();
        for (int i = 0; i < n; i++) {
            parts[i] = rings(polygons.get(i));
            tree.insert(polygons.get(i).getEnvelopeInternal(), i);
        }
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        double tol = options.wallTolerance();
        double reach = Math.max(options.radius(), tol);
        for (int i = 0; i < n; i++) {
            Envelope ei = polygons.get(i).getEnvelopeInternal();
            Envelope e = new Envelope(ei);
            e.expandBy(reach);
            @SuppressWarnings("unchecked")
            List<Integer> candidates = tree.query(e);
            for (int j : candidates) {
                // The same tests as compute's, so that the blocks are the same.
                if (j == i || ei.distance(polygons.get(j).getEnvelopeInternal()) > reach) {
                    continue;
                }
                if (distance(parts[i], parts[j]) <= tol) {
                    union(parent, i, j);
                }
            }
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = find(parent, i);
        }
        return out;
    }

    static void checkPolygons(List<? extends Geometry> polygons) {
        Objects.requireNonNull(polygons, "polygons");
        int srid = polygons.isEmpty() ? 0 : Objects.requireNonNull(polygons.get(0),
                "polygons[0]").getSRID();
        for (int i = 0; i < polygons.size(); i++) {
            Geometry g = Objects.requireNonNull(polygons.get(i), "polygons[" + i + "]");
            if (!(g instanceof Polygon || g instanceof MultiPolygon) || g.isEmpty()) {
                throw new IllegalArgumentException("polygons[" + i
                        + "] must be a non-empty Polygon or MultiPolygon, was "
                        + (g.isEmpty() ? "empty " : "") + g.getGeometryType());
            }
            if (g.getSRID() != srid) {
                throw new IllegalArgumentException("polygons[" + i + "] SRID must be " + srid
                        + " like polygons[0] (one CRS per collection), was " + g.getSRID());
            }
        }
    }

    /** Computes the rows; {@code orientations} may hold precomputed MRR orientations. */
    static double[][] compute(List<? extends Geometry> polygons, Options options,
            double @Nullable [] orientations) {
        return compute(polygons, options, orientations, new double[polygons.size()][0]);
    }

    /**
     * Computes the rows, followed by the mean over the neighbours within {@code r} of each
     * column of {@code averaged} (NaN when there is no neighbour or no finite value).
     */
    static double[][] compute(List<? extends Geometry> polygons, Options options,
            double @Nullable [] orientations, double[][] averaged) {
        Objects.requireNonNull(options, "options");
        checkPolygons(polygons);
        int n = polygons.size();
        if (n == 0) {
            return new double[0][];
        }
        Geometry[] gs = polygons.toArray(new Geometry[0]);
        double[] areas = new double[n];
        double[] cxs = new double[n];
        double[] cys = new double[n];
        double[] orient = orientations != null ? orientations : new double[n];
        double[] axes = new double[n];
        Coordinate[][][] parts = new Coordinate[n][][];
        STRtree tree = new STRtree();
        for (int i = 0; i < n; i++) {
            areas[i] = gs[i].getArea();
            org.locationtech.jts.geom.Point c = gs[i].getCentroid();
            cxs[i] = c.getX();
            cys[i] = c.getY();
            axes[i] = axisAngle(gs[i]);
            parts[i] = rings(gs[i]);
            if (orientations == null) {
                double m = axes[i] % 90.0;
                orient[i] = Math.min(m, 90.0 - m);
            }
            tree.insert(gs[i].getEnvelopeInternal(), i);
        }
        tree.build();
        double r = options.radius();
        double tol = options.wallTolerance();
        double bigR = options.contextRadius();
        double reach = Math.max(r, tol);
        Geometry[] buffers = new Geometry[n];
        int extra = n == 0 ? 0 : averaged[0].length;
        int base = NAMES.size();
        double[][] rows = new double[n][base + extra];
        ItemDistance distance = (a, b) -> {
            int ia = (Integer) a.getItem();
            int ib = (Integer) b.getItem();
            return ia == ib ? Double.MAX_VALUE : distance(parts[ia], parts[ib]);
        };
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        double zoneR = 2 * bigR;
        for (int i = 0; i < n; i++) {
            Geometry gi = gs[i];
            Envelope ei = gi.getEnvelopeInternal();
            Envelope e = new Envelope(ei);
            e.expandBy(reach);
            // In list order, not the index's: sums then do not depend on the rest of the
            // collection (see the class comment).
            int[] candidates = sorted(tree, e);
            double nearest = Double.POSITIVE_INFINITY;
            int count = 0;
            double areaSum = 0;
            double alignSum = 0;
            double maxArea = 0;
            int touching = 0;
            double touchingArea = 0;
            int largeNear = 0;
            int similar = 0;
            Geometry boundary = null;
            double shared = 0;
            double[] sums = new double[extra];
            int[] finite = new int[extra];
            for (int j : candidates) {
                if (j == i) {
                    continue;
                }
                if (ei.distance(gs[j].getEnvelopeInternal()) > reach) {
                    continue;
                }
                double d = distance(parts[i], parts[j]);
                nearest = Math.min(nearest, d);
                if (d <= r) {
                    count++;
                    areaSum += areas[j];
                    maxArea = Math.max(maxArea, areas[j]);
                    if (areas[j] >= LARGE_AREA) {
                        largeNear++;
                    }
                    for (int k = 0; k < extra; k++) {
                        double v = averaged[j][k];
                        if (Double.isFinite(v)) {
                            sums[k] += v;
                            finite[k]++;
                        }
                    }
                    alignSum += Math.abs(orient[i] - orient[j]);
                    double turn = Math.abs(axes[i] - axes[j]);
                    double ratio = areas[j] / areas[i];
                    if (Math.min(turn, 180.0 - turn) <= SIMILAR_ANGLE
                            && ratio >= 1 / SIMILAR_AREA && ratio <= SIMILAR_AREA) {
                        similar++;
                    }
                }
                if (d <= tol) {
                    union(parent, i, j);
                    touching++;
                    touchingArea += areas[j];
                    if (boundary == null) {
                        boundary = gi.getBoundary();
                    }
                    if (buffers[j] == null) {
                        buffers[j] = tol > 0 ? gs[j].buffer(tol, 2) : gs[j];
                    }
                    shared += boundary.intersection(buffers[j]).getLength();
                }
            }
            if (Double.isInfinite(nearest)) {
                if (n > 1) {
                    Object other = tree.nearestNeighbour(gi.getEnvelopeInternal(), i, distance);
                    nearest = distance(parts[i], parts[(Integer) other]);
                } else {
                    nearest = Double.NaN;
                }
            }
            double perimeter = gi.getLength();
            double[] row = rows[i];
            row[0] = nearest;
            row[1] = count;
            row[2] = count == 0 ? Double.NaN : areaSum / count;
            row[3] = (areaSum + areas[i]) / (Math.PI * r * r);
            row[4] = touching;
            row[5] = perimeter > 0 ? Math.min(1.0, shared / perimeter) : 0.0;
            row[6] = count == 0 ? Double.NaN : alignSum / count;
            row[7] = count == 0 ? Double.NaN : maxArea;
            row[8] = count == 0 ? Double.NaN : areas[i] / (areaSum / count);
            Envelope wide = new Envelope(cxs[i] - zoneR, cxs[i] + zoneR, cys[i] - zoneR,
                    cys[i] + zoneR);
            int[] context = sorted(tree, wide);
            int contextCount = 0;
            double contextArea = 0;
            int large = 0;
            int smaller = 0;
            double[] contextAreas = new double[context.length];
            double[] zoneDistances = new double[context.length];
            int zoneCount = 0;
            double zoneArea = 0;
            double zoneMax = 0;
            int zoneLarge = 0;
            int sectors = 0;
            double sectorR = Math.min(2 * r, zoneR);
            for (int j : context) {
                if (j == i) {
                    continue;
                }
                double dc = Math.hypot(cxs[j] - cxs[i], cys[j] - cys[i]);
                if (dc <= zoneR) {
                    zoneDistances[zoneCount++] = dc;
                    zoneArea += areas[j];
                    zoneMax = Math.max(zoneMax, areas[j]);
                    if (areas[j] >= LARGE_AREA) {
                        zoneLarge++;
                    }
                }
                if (dc <= sectorR && dc > 0) {
                    double a = Math.atan2(cys[j] - cys[i], cxs[j] - cxs[i]);
                    int sector = (int) Math.floor((a + Math.PI) / (2 * Math.PI) * SECTORS);
                    sectors |= 1 << Math.min(SECTORS - 1, Math.max(0, sector));
                }
                if (dc <= bigR) {
                    contextAreas[contextCount++] = areas[j];
                    contextArea += areas[j];
                    if (areas[j] >= LARGE_AREA) {
                        large++;
                    }
                    if (areas[j] < areas[i]) {
                        smaller++;
                    }
                }
            }
            row[9] = contextCount;
            row[10] = contextCount == 0 ? Double.NaN : contextArea / contextCount;
            row[11] = (contextArea + areas[i]) / (Math.PI * bigR * bigR);
            row[12] = contextCount == 0 ? Double.NaN : (double) large / contextCount;
            row[13] = touching == 0 ? Double.NaN : touchingArea / touching;
            row[14] = largeNear;
            row[15] = contextCount == 0 ? Double.NaN : (double) smaller / contextCount;
            row[16] = contextCount == 0 ? Double.NaN
                    : areas[i] / median(contextAreas, contextCount);
            row[17] = zoneCount;
            row[18] = zoneCount == 0 ? Double.NaN : zoneArea / zoneCount;
            row[19] = zoneCount == 0 ? Double.NaN : zoneMax;
            row[20] = zoneCount == 0 ? Double.NaN : (double) zoneLarge / zoneCount;
            if (zoneCount >= KTH) {
                Arrays.sort(zoneDistances, 0, zoneCount);
                row[21] = zoneDistances[KTH - 1];
            } else {
                row[21] = Double.NaN;
            }
            row[25] = similar;
            row[26] = count == 0 ? Double.NaN : (double) similar / count;
            row[27] = SECTORS - Integer.bitCount(sectors);
            row[28] = zoneCount == 0 ? Double.NaN : 4.0 * contextCount / zoneCount;
            for (int k = 0; k < extra; k++) {
                row[base + k] = finite[k] == 0 ? Double.NaN : sums[k] / finite[k];
            }
        }
        int[] blockSize = new int[n];
        double[] blockArea = new double[n];
        double[] blockMax = new double[n];
        for (int i = 0; i < n; i++) {
            int root = find(parent, i);
            blockSize[root]++;
            blockArea[root] += areas[i];
            blockMax[root] = Math.max(blockMax[root], areas[i]);
        }
        for (int i = 0; i < n; i++) {
            int root = find(parent, i);
            rows[i][22] = blockSize[root];
            rows[i][23] = blockArea[root];
            rows[i][24] = areas[i] / blockMax[root];
        }
        double[] cells = cellAreas(tree, cxs, cys, 2 * r);
        for (int i = 0; i < n; i++) {
            rows[i][29] = cells[i] > 0 ? cells[i] : Double.NaN;
            rows[i][30] = cells[i] > 0 ? Math.min(1.0, areas[i] / cells[i]) : Double.NaN;
        }
        return rows;
    }

    /**
     * Area of each building's cell in the Voronoi diagram of the centroids, clipped to the disc
     * of radius {@code limit} around its centroid; buildings sharing a centroid share its cell
     * equally. Computed building by building: the square circumscribing the disc is cut by the
     * bisector of each other centroid closer than {@code 2 limit} (farther ones cannot cut the
     * disc), nearest first (ties in list order), until the next one is too far to cut what is
     * left; then the exact area within the disc. The value depends only on those centroids and
     * their list order, never on the rest of the collection (see the class comment).
     */
    private static double[] cellAreas(STRtree tree, double[] xs, double[] ys, double limit) {
        int n = xs.length;
        double[] out = new double[n];
        double reach = 2 * limit;
        // Centroids within a quarter of the reach first: in built-up areas they close the cell,
        // and the farther ones, taken next in the same order, could not cut it.
        double[] steps = {reach / 4, reach};
        for (int i = 0; i < n; i++) {
            double[] px = {-limit, limit, limit, -limit};
            double[] py = {-limit, -limit, limit, limit};
            int shared = 1;
            double from = 0;
            boolean done = false;
            for (int s = 0; s < steps.length && !done; s++) {
                double to = steps[s];
                Envelope around = new Envelope(xs[i] - to, xs[i] + to, ys[i] - to, ys[i] + to);
                int[] candidates = sorted(tree, around);
                // Sites with from <= distance < to, as {dx, dy, squared distance}, in list order.
                double[][] sites = new double[candidates.length][];
                int m = 0;
                for (int j : candidates) {
                    double dx = xs[j] - xs[i];
                    double dy = ys[j] - ys[i];
                    double d2 = dx * dx + dy * dy;
                    if (j == i) {
                        continue;
                    }
                    if (dx == 0 && dy == 0) {
                        if (s == 0) {
                            shared++;
                        }
                    } else if (d2 >= from * from && d2 < to * to) {
                        sites[m++] = new double[] {dx, dy, d2};
                    }
                }
                // Stable sort: equal distances stay in list order.
                Arrays.sort(sites, 0, m, (u, v) -> Double.compare(u[2], v[2]));
                for (int k = 0; k < m && !done; k++) {
                    double far = 0;
                    for (int q = 0; q < px.length; q++) {
                        far = Math.max(far, px[q] * px[q] + py[q] * py[q]);
                    }
                    // The bisector lies at half the site's distance: beyond every vertex, it
                    // cuts nothing, nor does any farther site.
                    if (sites[k][2] / 4 > far) {
                        done = true;
                    } else {
                        double[][] cut = clip(px, py, px.length, sites[k][0], sites[k][1],
                                sites[k][2] / 2);
                        px = cut[0];
                        py = cut[1];
                    }
                }
                if (!done) {
                    double far = 0;
                    for (int q = 0; q < px.length; q++) {
                        far = Math.max(far, px[q] * px[q] + py[q] * py[q]);
                    }
                    // The next site lies at least {@code to} away: it would stop the clipping
                    // when to² / 4 > far, as it does above.
                    done = to * to / 4 > far;
                }
                from = to;
            }
            double sum = 0;
            for (int k = 0; k < px.length; k++) {
                int next = (k + 1) % px.length;
                sum += edgeDiscArea(px[k], py[k], px[next], py[next], limit);
            }
            out[i] = Math.abs(sum) / shared;
        }
        return out;
    }

    /** The items of the index within the envelope, in increasing order. */
    private static int[] sorted(STRtree tree, Envelope envelope) {
        @SuppressWarnings("unchecked")
        List<Integer> items = tree.query(envelope);
        int[] out = new int[items.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = items.get(k);
        }
        Arrays.sort(out);
        return out;
    }

    /**
     * Clips a convex polygon (vertices {@code px, py}, the first {@code count}) to the half-plane
     * {@code ax x + ay y <= b} (Sutherland-Hodgman); unchanged when wholly inside.
     */
    private static double[][] clip(double[] px, double[] py, int count, double ax, double ay,
            double b) {
        double[] nx = new double[2 * count];
        double[] ny = new double[2 * count];
        int m = 0;
        for (int k = 0; k < count; k++) {
            int next = (k + 1) % count;
            double fp = ax * px[k] + ay * py[k] - b;
            double fq = ax * px[next] + ay * py[next] - b;
            if (fp <= 0) {
                nx[m] = px[k];
                ny[m++] = py[k];
            }
            if ((fp < 0 && fq > 0) || (fp > 0 && fq < 0)) {
                double t = fp / (fp - fq);
                nx[m] = px[k] + t * (px[next] - px[k]);
                ny[m++] = py[k] + t * (py[next] - py[k]);
            }
        }
        return new double[][] {Arrays.copyOf(nx, m), Arrays.copyOf(ny, m)};
    }

    /**
     * Area of the intersection of a polygon, star-shaped from {@code (cx, cy)} (a Voronoi cell
     * from its site), with the disc of radius {@code r} centred there: the sum over the edges of
     * the signed area of the triangle (centre, edge) within the disc, that is a triangle where
     * the edge runs inside the circle and a circular sector where it runs outside. Exact, with
     * no polygon approximation of the circle.
     */
    static double discIntersectionArea(Geometry polygon, double cx, double cy, double r) {
        double sum = 0;
        for (int p = 0; p < polygon.getNumGeometries(); p++) {
            Coordinate[] ring = ((Polygon) polygon.getGeometryN(p)).getExteriorRing()
                    .getCoordinates();
            for (int i = 0; i + 1 < ring.length; i++) {
                sum += edgeDiscArea(ring[i].x - cx, ring[i].y - cy, ring[i + 1].x - cx,
                        ring[i + 1].y - cy, r);
            }
        }
        return Math.abs(sum);
    }

    /** Signed area of the triangle (origin, a, b) within the disc of radius r at the origin. */
    private static double edgeDiscArea(double ax, double ay, double bx, double by, double r) {
        double dx = bx - ax;
        double dy = by - ay;
        double qa = dx * dx + dy * dy;
        double[] ts = {0, 0, 0, 1};
        int count = 1;
        if (qa > 0) {
            double qb = 2 * (ax * dx + ay * dy);
            double qc = ax * ax + ay * ay - r * r;
            double disc = qb * qb - 4 * qa * qc;
            if (disc > 0) {
                double root = Math.sqrt(disc);
                for (double t : new double[] {(-qb - root) / (2 * qa), (-qb + root) / (2 * qa)}) {
                    if (t > 0 && t < 1) {
                        ts[count++] = t;
                    }
                }
            }
        }
        ts[count++] = 1;
        double area = 0;
        for (int k = 0; k + 1 < count; k++) {
            double px = ax + ts[k] * dx;
            double py = ay + ts[k] * dy;
            double qx = ax + ts[k + 1] * dx;
            double qy = ay + ts[k + 1] * dy;
            double cross = px * qy - py * qx;
            double mx = (px + qx) / 2;
            double my = (py + qy) / 2;
            if (mx * mx + my * my < r * r) {
                area += cross / 2;
            } else {
                area += r * r * Math.atan2(cross, px * qx + py * qy) / 2;
            }
        }
        return area;
    }

    /**
     * The rings of a Polygon or MultiPolygon, part after part, each part's exterior ring first;
     * a null entry separates parts.
     */
    static Coordinate[][] rings(Geometry g) {
        List<Coordinate[]> out = new ArrayList<>();
        for (int p = 0; p < g.getNumGeometries(); p++) {
            Polygon part = (Polygon) g.getGeometryN(p);
            if (p > 0) {
                out.add(null);
            }
            out.add(part.getExteriorRing().getCoordinates());
            for (int h = 0; h < part.getNumInteriorRing(); h++) {
                out.add(part.getInteriorRingN(h).getCoordinates());
            }
        }
        return out.toArray(new Coordinate[0][]);
    }

    /**
     * Distance between two polygonal geometries given by {@link #rings}, m: 0 when they touch,
     * overlap or one lies inside the other, otherwise the least distance between two of their
     * boundary segments. The same value as JTS {@code Geometry.distance} (the same
     * {@link Distance#segmentToSegment} over the same segment pairs), without its allocation of
     * closest points and intersectors for every pair of segments.
     */
    static double distance(Coordinate[][] a, Coordinate[][] b) {
        double min = Double.POSITIVE_INFINITY;
        for (Coordinate[] x : a) {
            if (x == null) {
                continue;
            }
            for (Coordinate[] y : b) {
                if (y == null) {
                    continue;
                }
                for (int i = 0; i + 1 < x.length; i++) {
                    double minX = Math.min(x[i].x, x[i + 1].x);
                    double maxX = Math.max(x[i].x, x[i + 1].x);
                    double minY = Math.min(x[i].y, x[i + 1].y);
                    double maxY = Math.max(x[i].y, x[i + 1].y);
                    for (int j = 0; j + 1 < y.length; j++) {
                        // Skip pairs whose boxes are already farther apart than the minimum.
                        double gx = Math.max(0, Math.max(Math.min(y[j].x, y[j + 1].x) - maxX,
                                minX - Math.max(y[j].x, y[j + 1].x)));
                        double gy = Math.max(0, Math.max(Math.min(y[j].y, y[j + 1].y) - maxY,
                                minY - Math.max(y[j].y, y[j + 1].y)));
                        if (gx * gx + gy * gy > min * min) {
                            continue;
                        }
                        double d = Distance.segmentToSegment(x[i], x[i + 1], y[j], y[j + 1]);
                        if (d < min) {
                            if (d == 0) {
                                return 0;
                            }
                            min = d;
                        }
                    }
                }
            }
        }
        // No boundary contact: one geometry may still lie inside a part of the other.
        return insideAny(a, b) || insideAny(b, a) ? 0 : min;
    }

    /** Whether the first vertex of some part of {@code a} lies inside a part of {@code b}. */
    private static boolean insideAny(Coordinate[][] a, Coordinate[][] b) {
        for (int k = 0; k < a.length; k++) {
            if (a[k] != null && (k == 0 || a[k - 1] == null) && inside(a[k][0], b)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a point lies in the interior of a part of {@code b} (not in one of its holes). */
    private static boolean inside(Coordinate point, Coordinate[][] b) {
        int k = 0;
        while (k < b.length) {
            boolean in = RayCrossingCounter.locatePointInRing(point, b[k]) != Location.EXTERIOR;
            k++;
            while (k < b.length && b[k] != null) {
                if (RayCrossingCounter.locatePointInRing(point, b[k]) == Location.INTERIOR) {
                    in = false;
                }
                k++;
            }
            if (in) {
                return true;
            }
            k++; // the null separating parts
        }
        return false;
    }

    /** Median of the first {@code count >= 1} values; reorders them. */
    private static double median(double[] values, int count) {
        Arrays.sort(values, 0, count);
        int mid = count / 2;
        return count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    private static int find(int[] parent, int i) {
        int r = i;
        while (parent[r] != r) {
            r = parent[r];
        }
        while (parent[i] != r) {
            int next = parent[i];
            parent[i] = r;
            i = next;
        }
        return r;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }

    /** Angle of the MRR's long side from the x axis, degrees in [0, 180). */
    private static double axisAngle(Geometry g) {
        Coordinate[] rc = ShapeDescriptors.minimumRectangle(g).getCoordinates();
        if (rc.length < 3) {
            return 0.0;
        }
        double az = ShapeDescriptors.longSideAzimuth(rc);
        return ((az % 180.0) + 180.0) % 180.0;
    }
}
