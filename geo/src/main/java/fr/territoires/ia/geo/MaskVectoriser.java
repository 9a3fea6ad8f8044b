package fr.territoires.ia.geo;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.util.AffineTransformation;
import org.locationtech.jts.geom.util.PolygonExtracter;
import org.locationtech.jts.operation.union.UnaryUnionOp;
import org.locationtech.jts.simplify.TopologyPreservingSimplifier;

/**
 * Turns a binary raster mask (for example the output of an aerial-image segmentation) into
 * georeferenced polygons with their holes.
 *
 * <p>Foreground pixels are merged, row run by row run, into the exact union of their squares
 * (JTS unary union), so that each 4-connected group of foreground pixels becomes one polygon and
 * each enclosed background group a hole; pixels touching only diagonally give separate polygons.
 * The outlines are then simplified with JTS {@code TopologyPreservingSimplifier} (Douglas-Peucker
 * that keeps rings valid and holes inside their shell) at a tolerance of one pixel by default,
 * which straightens pixel staircases, and mapped to the map by the affine georeferencing. Each
 * polygon is simplified on its own; when simplification would change its area by more than a
 * quarter (a shape of a few pixels would become a triangle), only its collinear vertices are
 * removed.
 *
 * <p><b>Georeferencing.</b> A {@link GeoTransform} in GDAL's convention: the map position of the
 * pixel corner {@code (column, row)} is {@code x = originX + column·pixelWidth + row·rowRotation},
 * {@code y = originY + column·columnRotation + row·pixelHeight}, where {@code (originX, originY)}
 * is the outer corner of the top-left pixel and {@code pixelHeight} is negative for north-up
 * images. {@link GeoTransform#ofWorldFile(Path)} reads an ESRI world file ({@code .pgw}), whose
 * six lines give the same coefficients for the pixel <em>centre</em>. Coordinates come out in
 * the CRS of the georeferencing, with the SRID the caller gives.
 *
 * <p>Edge cases: an empty mask or a mask without foreground gives an empty list; rows of unequal
 * length are rejected. Instances are immutable and safe for concurrent use (the class has none).
 *
 * @since 0.1.0
 */
public final class MaskVectoriser {

    private MaskVectoriser() {
    }

    /**
     * Affine georeferencing of a raster, in GDAL's order and convention.
     *
     * <p>Instances are immutable and safe for concurrent use.
     *
     * @param originX map x of the outer corner of the top-left pixel
     * @param pixelWidth map x step per column
     * @param rowRotation map x step per row (0 for north-up images)
     * @param originY map y of the outer corner of the top-left pixel
     * @param columnRotation map y step per column (0 for north-up images)
     * @param pixelHeight map y step per row (negative for north-up images)
     * @since 0.1.0
     */
    public record GeoTransform(double originX, double pixelWidth, double rowRotation,
            double originY, double columnRotation, double pixelHeight) {

        /**
         * Validates the coefficients.
         *
         * @param originX origin x
         * @param pixelWidth x step per column
         * @param rowRotation x step per row
         * @param originY origin y
         * @param columnRotation y step per column
         * @param pixelHeight y step per row
         * @throws IllegalArgumentException when a coefficient is not finite or the transform is
         *     singular (pixels of zero area)
         */
        public GeoTransform {
            double[] all = {originX, pixelWidth, rowRotation, originY, columnRotation,
                pixelHeight};
            for (double v : all) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(
                            "geoTransform coefficients must be finite, was " + v);
                }
            }
            double det = pixelWidth * pixelHeight - rowRotation * columnRotation;
            if (det == 0) {
                throw new IllegalArgumentException(
                        "geoTransform must have pixels of non-zero area, was determinant 0");
            }
        }

        /**
         * Returns a north-up transform with square pixels.
         *
         * @param originX map x of the left edge
         * @param originY map y of the top edge
         * @param pixelSize side of a pixel, map units, {@code > 0}
         * @return the transform
         * @throws IllegalArgumentException when {@code pixelSize} is not finite and positive
         */
        public static GeoTransform northUp(double originX, double originY, double pixelSize) {
            if (!(pixelSize > 0) || !Double.isFinite(pixelSize)) {
                throw new IllegalArgumentException(
                        "pixelSize must be finite and > 0, was " + pixelSize);
            }
            return new GeoTransform(originX, pixelSize, 0, originY, 0, -pixelSize);
        }

        /**
         * Reads an ESRI world file: six numbers, one a line, A (x step per column), D (y step
         * per column), B (x step per row), E (y step per row), C and F (map position of the
         * centre of the top-left pixel).
         *
         * @param worldFile the {@code .pgw}, {@code .pngw} or {@code .wld} file
         * @return the transform, with the origin moved to the pixel's outer corner
         * @throws IOException when the file cannot be read
         * @throws IllegalArgumentException when it does not hold six numbers (the message names
         *     the line)
         */
        public static GeoTransform ofWorldFile(Path worldFile) throws IOException {
            List<String> lines = new ArrayList<>();
            for (String line : Files.readAllLines(worldFile, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    lines.add(line.trim());
                }
            }
            if (lines.size() != 6) {
                throw new IllegalArgumentException(worldFile
                        + ": a world file must have 6 non-blank lines, was " + lines.size());
            }
            double[] v = new double[6];
            for (int i = 0; i < 6; i++) {
                try {
                    v[i] = Double.parseDouble(lines.get(i));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(worldFile + ": line " + (i + 1)
                            + " must be a number, was \"" + lines.get(i) + "\"", e);
                }
            }
            double a = v[0];
            double d = v[1];
            double b = v[2];
            double e = v[3];
            double c = v[4];
            double f = v[5];
            return new GeoTransform(c - a / 2 - b / 2, a, b, f - d / 2 - e / 2, d, e);
        }

        /**
         * Returns the side of a square of the pixel's area: {@code √|det|}.
         *
         * @return the pixel size in map units, {@code > 0}
         */
        public double pixelSize() {
            return Math.sqrt(Math.abs(pixelWidth * pixelHeight - rowRotation * columnRotation));
        }
    }

    /**
     * Vectorises a boolean mask, simplified at one pixel, with SRID 0.
     *
     * @param mask {@code mask[row][column]}, rows of equal length, {@code true} for foreground
     * @param transform georeferencing
     * @return the polygons, ordered by their top-left corner in the raster (row, then column)
     * @throws NullPointerException when an argument or row is null
     * @throws IllegalArgumentException when rows have unequal lengths
     */
    public static List<Polygon> vectorise(boolean[][] mask, GeoTransform transform) {
        Objects.requireNonNull(transform, "transform");
        return vectorise(mask, transform, transform.pixelSize(), 0);
    }

    /**
     * Vectorises a boolean mask.
     *
     * @param mask {@code mask[row][column]}, rows of equal length, {@code true} for foreground
     * @param transform georeferencing
     * @param tolerance simplification tolerance in map units, {@code >= 0} (0 keeps every pixel
     *     corner that is a vertex; the pixel size is the usual choice)
     * @param srid SRID given to the polygons, e.g. 2154
     * @return the polygons, ordered by their top-left corner in the raster (row, then column)
     * @throws NullPointerException when an argument or row is null
     * @throws IllegalArgumentException when rows have unequal lengths or the tolerance is
     *     negative or not finite
     */
    public static List<Polygon> vectorise(boolean[][] mask, GeoTransform transform,
            double tolerance, int srid) {
        Objects.requireNonNull(mask, "mask");
        Objects.requireNonNull(transform, "transform");
        if (!(tolerance >= 0) || !Double.isFinite(tolerance)) {
            throw new IllegalArgumentException("tolerance must be finite and >= 0, was "
                    + tolerance);
        }
        GeometryFactory factory = new GeometryFactory(new PrecisionModel(), srid);
        List<Geometry> runs = new ArrayList<>();
        int width = mask.length == 0 ? 0 : Objects.requireNonNull(mask[0], "mask[0]").length;
        for (int r = 0; r < mask.length; r++) {
            boolean[] row = Objects.requireNonNull(mask[r], "mask[" + r + "]");
            if (row.length != width) {
                throw new IllegalArgumentException("mask[" + r + "] must have length " + width
                        + " like mask[0], was " + row.length);
            }
            int c = 0;
            while (c < width) {
                if (!row[c]) {
                    c++;
                    continue;
                }
                int start = c;
                while (c < width && row[c]) {
                    c++;
                }
                runs.add(factory.toGeometry(new org.locationtech.jts.geom.Envelope(
                        start, c, r, r + 1)));
            }
        }
        if (runs.isEmpty()) {
            return List.of();
        }
        Geometry union = UnaryUnionOp.union(runs);
        double pixelTolerance = tolerance / transform.pixelSize();
        List<Polygon> pieces = new ArrayList<>();
        PolygonExtracter.getPolygons(union, pieces);
        List<Polygon> parts = new ArrayList<>(pieces.size());
        for (Polygon piece : pieces) {
            parts.add(simplify(piece, pixelTolerance));
        }
        parts.sort(Comparator.comparingDouble((Polygon p) -> p.getEnvelopeInternal().getMinY())
                .thenComparingDouble(p -> p.getEnvelopeInternal().getMinX()));
        AffineTransformation affine = new AffineTransformation(transform.pixelWidth(),
                transform.rowRotation(), transform.originX(), transform.columnRotation(),
                transform.pixelHeight(), transform.originY());
        List<Polygon> out = new ArrayList<>(parts.size());
        for (Polygon p : parts) {
            Polygon q = (Polygon) affine.transform(p);
            q.normalize();
            Polygon copy = factory.createPolygon(q.getExteriorRing().getCoordinateSequence());
            if (q.getNumInteriorRing() > 0) {
                org.locationtech.jts.geom.LinearRing[] holes =
                        new org.locationtech.jts.geom.LinearRing[q.getNumInteriorRing()];
                for (int i = 0; i < holes.length; i++) {
                    holes[i] = factory.createLinearRing(
                            q.getInteriorRingN(i).getCoordinateSequence());
                }
                copy = factory.createPolygon(factory.createLinearRing(
                        q.getExteriorRing().getCoordinateSequence()), holes);
            }
            out.add(copy);
        }
        return List.copyOf(out);
    }

    /**
     * Simplifies one polygon; falls back to removing collinear vertices only when simplifying
     * would change its area by more than a quarter (tiny shapes would become triangles).
     */
    private static Polygon simplify(Polygon p, double pixelTolerance) {
        Polygon exact = (Polygon) TopologyPreservingSimplifier.simplify(p, 0.0);
        if (pixelTolerance <= 0) {
            return exact;
        }
        Geometry s = TopologyPreservingSimplifier.simplify(p, pixelTolerance);
        if (s instanceof Polygon q && !q.isEmpty() && q.isValid()
                && Math.abs(q.getArea() - p.getArea()) <= 0.25 * p.getArea()) {
            return q;
        }
        return exact;
    }

    /**
     * Reads a mask image (PNG or any format {@link ImageIO} reads): a pixel is foreground when
     * its grey level ({@code (r + g + b) / 3}) is at least 128 and its alpha at least 128.
     *
     * @param image the image file
     * @return {@code mask[row][column]}
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException when it is not an image ImageIO can decode
     */
    public static boolean[][] readMask(Path image) throws IOException {
        Objects.requireNonNull(image, "image");
        BufferedImage img = ImageIO.read(image.toFile());
        if (img == null) {
            throw new IllegalArgumentException(image
                    + " must be an image javax.imageio can decode (such as PNG), was not");
        }
        boolean[][] mask = new boolean[img.getHeight()][img.getWidth()];
        for (int r = 0; r < img.getHeight(); r++) {
            for (int c = 0; c < img.getWidth(); c++) {
                int argb = img.getRGB(c, r);
                int a = (argb >>> 24) & 0xff;
                int grey = (((argb >> 16) & 0xff) + ((argb >> 8) & 0xff) + (argb & 0xff)) / 3;
                mask[r][c] = a >= 128 && grey >= 128;
            }
        }
        return mask;
    }

    /**
     * Vectorises a mask image, simplified at one pixel.
     *
     * @param image the mask image, see {@link #readMask(Path)}
     * @param transform georeferencing, for example from {@link GeoTransform#ofWorldFile(Path)}
     * @param srid SRID given to the polygons
     * @return the polygons
     * @throws IOException when the image cannot be read
     * @throws IllegalArgumentException when the file is not a decodable image
     */
    public static List<Polygon> vectorise(Path image, GeoTransform transform, int srid)
            throws IOException {
        Objects.requireNonNull(transform, "transform");
        return vectorise(readMask(image), transform, transform.pixelSize(), srid);
    }
}
