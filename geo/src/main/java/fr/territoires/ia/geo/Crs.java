package fr.territoires.ia.geo;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateReferenceSystem;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;
import org.locationtech.proj4j.proj.LongLatProjection;
import org.jspecify.annotations.Nullable;

/** CRS names and proj4j transforms; not thread-safe (a transform holds scratch state). */
final class Crs {

    static final String CRS84 = "OGC:CRS84";

    private static final Pattern EPSG = Pattern.compile(
            "(?:urn:ogc:def:crs:epsg:[0-9.]*:|epsg:|https?://www\\.opengis\\.net/def/crs/epsg/[0-9.]+/)(\\d{1,9})");
    private static final Pattern CRS84_NAME = Pattern.compile(
            "(?:urn:ogc:def:crs:ogc:[0-9.]*:|ogc:|https?://www\\.opengis\\.net/def/crs/ogc/[0-9.]+/)?crs84");

    private Crs() {
    }

    /**
     * Normalises a CRS name to {@code EPSG:<code>} or {@code OGC:CRS84}.
     *
     * @throws IllegalArgumentException when the name is not understood or proj4j does not know it
     */
    static String normalise(String name, String what) {
        Objects.requireNonNull(name, what);
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (CRS84_NAME.matcher(n).matches()) {
            return CRS84;
        }
        Matcher m = EPSG.matcher(n);
        if (!m.matches()) {
            throw new IllegalArgumentException(what + " must name an EPSG code (such as "
                    + "urn:ogc:def:crs:EPSG::2154 or EPSG:2154) or OGC CRS84, was \"" + name + "\"");
        }
        String code = "EPSG:" + Integer.parseInt(m.group(1));
        create(code, what, name);
        return code;
    }

    static CoordinateReferenceSystem create(String normalised, String what, String original) {
        String proj = normalised.equals(CRS84) ? "EPSG:4326" : normalised;
        try {
            return new CRSFactory().createFromName(proj);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(what + " must be a CRS known to proj4j, was \""
                    + original + "\" (" + e.getMessage() + ")", e);
        }
    }

    static boolean isGeographic(String normalised) {
        return create(normalised, "crs", normalised).getProjection() instanceof LongLatProjection;
    }

    static int srid(String normalised) {
        return normalised.equals(CRS84) ? 4326
                : Integer.parseInt(normalised.substring("EPSG:".length()));
    }

    static String fromSrid(int srid) {
        return "EPSG:" + srid;
    }

    /** A transform between two normalised CRS, or the identity when they are the same. */
    static final class Transform {
        private final @Nullable CoordinateTransform transform;
        private final ProjCoordinate in = new ProjCoordinate();
        private final ProjCoordinate out = new ProjCoordinate();

        Transform(String from, String to) {
            boolean same = from.equals(to)
                    || (from.equals(CRS84) && to.equals("EPSG:4326"))
                    || (to.equals(CRS84) && from.equals("EPSG:4326"));
            this.transform = same ? null : new CoordinateTransformFactory().createTransform(
                    create(from, "crs", from), create(to, "crs", to));
        }

        boolean isIdentity() {
            return transform == null;
        }

        /** Transforms x, y in place in {@code c}. */
        void apply(Coordinate c) {
            CoordinateTransform t = transform;
            if (t == null) {
                return;
            }
            in.x = c.x;
            in.y = c.y;
            t.transform(in, out);
            c.x = out.x;
            c.y = out.y;
        }
    }
}
