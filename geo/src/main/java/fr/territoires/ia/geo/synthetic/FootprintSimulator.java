package fr.territoires.ia.geo.synthetic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.TextNode;
import fr.territoires.ia.geo.Feature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.util.AffineTransformation;

/**
 * Simulates labelled building footprints of several kinds, placed on a grid, from a seed.
 *
 * <p>Each building sits in its own 80 m grid cell, near the cell centre, turned by a random
 * angle (greenhouses and apartment blocks nearly follow the grid, as they do in planned zones).
 * Kinds, their shares and sizes (long side × short side, metres):
 * <ul>
 *   <li>{@code house} (50 %): a rectangle 8–14 × 7–11, an L shape one time in three;</li>
 *   <li>{@code apartment_block} (20 %): a rectangle 30–60 × 11–15;</li>
 *   <li>{@code shed} (15 %): a rectangle 3–6 × 2.5–5;</li>
 *   <li>{@code greenhouse} (15 %): a rectangle 30–60 × 7–10.</li>
 * </ul>
 * Coordinates are Lambert-93 (EPSG:2154, SRID 2154) metres around (700 000, 6 600 000), the
 * features' {@code sourceCrs} is {@code "EPSG:2154"} and each has the properties {@code kind}
 * (the label) and {@code height} (metres). Kinds are drawn independently, so a collection is
 * imbalanced like real data but without the spatial clustering of real zones.
 *
 * <p>Instances are immutable and safe for concurrent use (the class has none).
 *
 * @since 0.1.0
 */
public final class FootprintSimulator {

    /** Side of the grid cell holding one building, metres. */
    public static final double CELL = 80.0;

    private static final double X0 = 700_000.0;
    private static final double Y0 = 6_600_000.0;

    private FootprintSimulator() {
    }

    /**
     * Simulates {@code count} footprints on a square grid, row by row.
     *
     * @param count number of buildings, {@code >= 1}
     * @param seed random seed; the same seed gives the same features
     * @return the features, indexed 0 to {@code count - 1}
     * @throws IllegalArgumentException when {@code count < 1}
     */
    public static List<Feature> simulate(int count, long seed) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, was " + count);
        }
        SplittableRandom random = new SplittableRandom(seed);
        GeometryFactory factory = new GeometryFactory(new PrecisionModel(), 2154);
        int side = (int) Math.ceil(Math.sqrt(count));
        List<Feature> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            double cx = X0 + (i % side + 0.5) * CELL + random.nextDouble(-8, 8);
            double cy = Y0 + (i / side + 0.5) * CELL + random.nextDouble(-8, 8);
            double u = random.nextDouble();
            String kind;
            double length;
            double width;
            double angle;
            double height;
            boolean ell = false;
            if (u < 0.5) {
                kind = "house";
                length = random.nextDouble(8, 14);
                width = random.nextDouble(7, 11);
                angle = random.nextDouble(0, Math.PI);
                ell = random.nextDouble() < 1.0 / 3.0;
                height = random.nextDouble(5, 9);
            } else if (u < 0.7) {
                kind = "apartment_block";
                length = random.nextDouble(30, 60);
                width = random.nextDouble(11, 15);
                angle = random.nextDouble(-0.1, 0.1);
                height = random.nextDouble(12, 30);
            } else if (u < 0.85) {
                kind = "shed";
                length = random.nextDouble(3, 6);
                width = random.nextDouble(2.5, 5);
                angle = random.nextDouble(0, Math.PI);
                height = random.nextDouble(2, 3.5);
            } else {
                kind = "greenhouse";
                length = random.nextDouble(30, 60);
                width = random.nextDouble(7, 10);
                angle = random.nextDouble(-0.05, 0.05);
                height = random.nextDouble(3, 5);
            }
            Polygon local = ell ? ell(factory, length, width) : rectangle(factory, length, width);
            AffineTransformation t = AffineTransformation.rotationInstance(angle)
                    .translate(cx, cy);
            Polygon p = (Polygon) t.transform(local);
            p.setSRID(2154);
            Map<String, JsonNode> props = new LinkedHashMap<>();
            props.put("kind", TextNode.valueOf(kind));
            props.put("height", DoubleNode.valueOf(Math.round(height * 10) / 10.0));
            out.add(new Feature(i, p, props, "EPSG:2154"));
        }
        return List.copyOf(out);
    }

    private static Polygon rectangle(GeometryFactory f, double l, double w) {
        return f.createPolygon(new Coordinate[] {new Coordinate(-l / 2, -w / 2),
            new Coordinate(l / 2, -w / 2), new Coordinate(l / 2, w / 2),
            new Coordinate(-l / 2, w / 2), new Coordinate(-l / 2, -w / 2)});
    }

    /** An L: the rectangle with its top-right quarter removed. */
    private static Polygon ell(GeometryFactory f, double l, double w) {
        return f.createPolygon(new Coordinate[] {new Coordinate(-l / 2, -w / 2),
            new Coordinate(l / 2, -w / 2), new Coordinate(l / 2, 0), new Coordinate(0, 0),
            new Coordinate(0, w / 2), new Coordinate(-l / 2, w / 2),
            new Coordinate(-l / 2, -w / 2)});
    }
}
