package fr.territoires.ia.geo;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import fr.territoires.ia.core.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.geom.util.PolygonExtracter;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

/**
 * Reads and writes GeoJSON FeatureCollections of polygons, reprojecting once, at the boundary,
 * to a metric working CRS.
 *
 * <p><b>Input.</b> A FeatureCollection (RFC 7946, H. Butler et al., "The GeoJSON Format", IETF
 * RFC 7946, 2016) whose features have {@code Polygon} or {@code MultiPolygon} geometries. The
 * coordinates are WGS84 longitude/latitude in degrees (RFC 7946) unless the collection has a
 * legacy {@code crs} member (GeoJSON 2008) naming an EPSG code, such as
 * {@code {"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::2154"}}}, as GDAL writes.
 * Third coordinates (Z) are dropped. The file is read feature by feature with Jackson's streaming
 * parser ({@link #stream(Path, String, Consumer)} never holds more than one feature).
 *
 * <p><b>Reprojection.</b> Coordinates are reprojected once, while reading, with proj4j, to
 * Lambert-93 (EPSG:2154) by default or to the projected CRS the caller names, so that every
 * length inside the library is in metres and every area in square metres. Geometries carry the
 * working CRS's EPSG code as their SRID. Writing reprojects back to the input's CRS unless
 * another is asked for; WGS84 output is written as RFC 7946 (no {@code crs} member), any other
 * CRS with a legacy {@code crs} member.
 *
 * <p><b>Validation.</b> Failures are {@link IllegalArgumentException}s whose message names the
 * file and, for a feature, its index ({@code features[12]}) and the rule: invalid JSON (with line
 * and column), a root that is not a FeatureCollection, a geometry that is missing or not a
 * Polygon or MultiPolygon, a ring with fewer than 4 positions or not closed (first and last
 * positions must be equal), a non-numeric or non-finite coordinate, an unknown CRS, a longitude
 * or latitude out of range in a geographic CRS, and, when the working CRS is Lambert-93, a
 * position that falls more than 200 km outside Lambert-93's area of use once reprojected (degrees
 * labelled as Lambert-93, swapped longitude and latitude, Lambert-93 metres without a {@code crs}
 * member are thus refused rather than described wrongly). Invalid but
 * repairable polygons (self-intersections, wrong ring nesting) are repaired with JTS
 * {@link GeometryFixer} and their indices reported in {@link FeatureCollection#repaired()};
 * a polygon that repairs to nothing is rejected. Properties are kept as read (order and values, numbers with their decimals, e.g. {@code 12.50});
 * the optional feature {@code id} member and foreign members are not kept.
 *
 * <p>Instances are immutable and safe for concurrent use (the class has none; each call uses its
 * own parser and transform).
 *
 * @since 0.1.0
 */
public final class GeoJson {

    /** The default working CRS: Lambert-93, {@code "EPSG:2154"}, in metres. */
    public static final String DEFAULT_CRS = "EPSG:2154";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    /*
     * The projected bounds of Lambert-93's area of use (EPSG:2154: -378,306..1,212,611 m east,
     * 6,093,283..7,186,902 m north), widened by 200 km on every side.
     */
    private static final double L93_MIN_X = -578_306;
    private static final double L93_MAX_X = 1_412_611;
    private static final double L93_MIN_Y = 5_893_283;
    private static final double L93_MAX_Y = 7_386_902;

    private GeoJson() {
    }

    /**
     * Reads a whole FeatureCollection into memory, reprojected to Lambert-93.
     *
     * @param path GeoJSON file
     * @return the features, in metres, with the source CRS and the repaired features
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException when the content breaks a rule (see the class description)
     */
    public static FeatureCollection read(Path path) throws IOException {
        return read(path, DEFAULT_CRS);
    }

    /**
     * Reads a whole FeatureCollection into memory, reprojected to a projected CRS. A legacy
     * {@code crs} member may appear before or after the features.
     *
     * @param path GeoJSON file
     * @param targetCrs working CRS, a projected CRS in metres named like {@code "EPSG:2154"} or
     *     {@code "urn:ogc:def:crs:EPSG::2154"}
     * @return the features, in the working CRS, with the source CRS and the repaired features
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException when {@code targetCrs} is unknown or geographic, or the
     *     content breaks a rule
     */
    public static FeatureCollection read(Path path, String targetCrs) throws IOException {
        Objects.requireNonNull(path, "path");
        String target = checkTarget(targetCrs);
        List<Raw> raws = new ArrayList<>();
        String source = parse(path, raws::add, null);
        List<Feature> features = new ArrayList<>(raws.size());
        List<Integer> repaired = new ArrayList<>();
        Builder builder = new Builder(path, source, target);
        for (Raw raw : raws) {
            features.add(builder.build(raw, repaired));
        }
        return new FeatureCollection(features, source, target, repaired);
    }

    /**
     * Summary of a streaming read.
     *
     * <p>Instances are immutable and safe for concurrent use.
     *
     * @param count number of features read
     * @param sourceCrs CRS of the file
     * @param crs working CRS
     * @param repaired indices of the repaired features
     * @since 0.1.0
     */
    public record StreamSummary(int count, String sourceCrs, String crs, List<Integer> repaired) {

        /**
         * Copies the list.
         *
         * @param count feature count
         * @param sourceCrs source CRS
         * @param crs working CRS
         * @param repaired repaired indices
         * @throws NullPointerException when an argument is null
         */
        public StreamSummary {
            Objects.requireNonNull(sourceCrs, "sourceCrs");
            Objects.requireNonNull(crs, "crs");
            repaired = List.copyOf(Objects.requireNonNull(repaired, "repaired"));
        }
    }

    /**
     * Reads a FeatureCollection feature by feature, for files too large for memory: each feature,
     * reprojected to the working CRS, is handed to {@code sink} as soon as it is parsed. A legacy
     * {@code crs} member must then come before the {@code features} array (GDAL writes it there).
     *
     * @param path GeoJSON file
     * @param targetCrs working CRS, projected, in metres
     * @param sink receives each feature in file order
     * @return the number of features, CRS and repaired features
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException when the content breaks a rule, or a {@code crs} member
     *     follows the features; features before the faulty one have already been handed over
     */
    public static StreamSummary stream(Path path, String targetCrs, Consumer<Feature> sink)
            throws IOException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sink, "sink");
        String target = checkTarget(targetCrs);
        List<Integer> repaired = new ArrayList<>();
        int[] count = {0};
        Builder[] builder = {null};
        String source = parse(path, raw -> {
            count[0]++;
            sink.accept(builder[0].build(raw, repaired));
        }, crs -> builder[0] = new Builder(path, crs, target));
        return new StreamSummary(count[0], source, target, repaired);
    }

    private static String checkTarget(String targetCrs) {
        String target = Crs.normalise(targetCrs, "targetCrs");
        if (target.equals(Crs.CRS84) || Crs.isGeographic(target)) {
            throw new IllegalArgumentException(
                    "targetCrs must be a projected CRS in metres, was \"" + targetCrs + "\"");
        }
        return target;
    }

    /** User data of a geometry {@link Builder#convert} repaired. */
    private static final Object REPAIRED = new Object();

    /**
     * Reads single polygon geometries, as GeoJSON geometry objects or as WKB (OGC Well-Known
     * Binary, ISO 19125-1, the encoding of GeoParquet and Apache Sedona), with the rules of the
     * file reader: reprojected from a source CRS to the working CRS, validated, and repaired with
     * JTS {@link GeometryFixer} when invalid but repairable (see the class comment). For tables
     * of geometries, such as a Spark column, read row by row.
     *
     * <p>Not thread-safe (a proj4j transform holds scratch state): use one instance per thread.
     *
     * @since 0.3.0
     */
    public static final class Geometries {
        private final Builder builder;
        private final GeometryFactory rawFactory = new GeometryFactory();
        private final String sourceCrs;
        private final String crs;

        /**
         * Prepares the reprojection from {@code sourceCrs} to {@code targetCrs}.
         *
         * @param sourceCrs CRS of the geometries, named like {@code "EPSG:4326"},
         *     {@code "urn:ogc:def:crs:EPSG::2154"} or {@code "OGC:CRS84"} (longitude first)
         * @param targetCrs working CRS, a projected CRS in metres such as
         *     {@link GeoJson#DEFAULT_CRS}
         * @throws NullPointerException when an argument is null
         * @throws IllegalArgumentException when a CRS is unknown, or the target is geographic
         */
        public Geometries(String sourceCrs, String targetCrs) {
            this.crs = checkTarget(targetCrs);
            this.sourceCrs = Crs.normalise(sourceCrs, "sourceCrs");
            this.builder = new Builder("sourceCrs " + this.sourceCrs, this.sourceCrs, crs);
        }

        /**
         * Returns the source CRS, normalised ({@code EPSG:<code>} or {@code OGC:CRS84}).
         *
         * @return the source CRS
         */
        public String sourceCrs() {
            return sourceCrs;
        }

        /**
         * Returns the working CRS, normalised; read geometries carry its EPSG code as SRID.
         *
         * @return the working CRS
         */
        public String crs() {
            return crs;
        }

        /**
         * A geometry as read: in the working CRS, in metres.
         *
         * @param geometry a non-empty Polygon or MultiPolygon with the working CRS's SRID
         * @param repaired whether it was invalid and repaired
         * @since 0.3.0
         */
        public record Read(Geometry geometry, boolean repaired) {

            /**
             * Checks the geometry.
             *
             * @param geometry the geometry
             * @param repaired whether it was repaired
             * @throws NullPointerException when {@code geometry} is null
             */
            public Read {
                Objects.requireNonNull(geometry, "geometry");
            }
        }

        /**
         * Reads a GeoJSON geometry object ({@code Polygon} or {@code MultiPolygon}).
         *
         * @param json the geometry object's text
         * @param where what error messages name first, such as {@code "id 12"}
         * @return the geometry in the working CRS
         * @throws NullPointerException when an argument is null
         * @throws IllegalArgumentException when the text breaks a rule of the file reader; the
         *     message starts with {@code where} and names the rule
         */
        public Read fromGeoJson(String json, String where) {
            Objects.requireNonNull(json, "json");
            Objects.requireNonNull(where, "where");
            JsonNode node;
            try {
                node = MAPPER.readTree(json);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(where + ": geometry must be GeoJSON, was "
                        + "invalid JSON (" + e.getOriginalMessage() + ")", e);
            }
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException(where
                        + ": geometry must be a GeoJSON Polygon or MultiPolygon object, was "
                        + (node == null ? "empty" : node.getNodeType()));
            }
            return read(geometry(node, where + ": geometry", rawFactory), where + ": geometry");
        }

        /**
         * Reads a WKB geometry ({@code Polygon} or {@code MultiPolygon}; Z and M are dropped).
         *
         * @param wkb the bytes, either byte order
         * @param where what error messages name first, such as {@code "id 12"}
         * @return the geometry in the working CRS
         * @throws NullPointerException when an argument is null
         * @throws IllegalArgumentException when the bytes are not WKB, the geometry is not a
         *     non-empty polygon or multipolygon, or it breaks a rule of the file reader; the
         *     message starts with {@code where} and names the rule
         */
        public Read fromWkb(byte[] wkb, String where) {
            Objects.requireNonNull(wkb, "wkb");
            Objects.requireNonNull(where, "where");
            Geometry g;
            try {
                g = new WKBReader(rawFactory).read(wkb);
            } catch (ParseException | RuntimeException e) {
                throw new IllegalArgumentException(where + ": geometry must be WKB, was not ("
                        + e.getMessage() + ")", e);
            }
            if (!(g instanceof Polygon || g instanceof MultiPolygon) || g.isEmpty()) {
                throw new IllegalArgumentException(where
                        + ": geometry must be a non-empty Polygon or MultiPolygon, was "
                        + (g.isEmpty() ? "empty " : "") + g.getGeometryType());
            }
            for (Coordinate c : g.getCoordinates()) {
                if (!Double.isFinite(c.x) || !Double.isFinite(c.y)) {
                    throw new IllegalArgumentException(where + ": geometry must have finite "
                            + "coordinates, was [" + c.x + ", " + c.y + "]");
                }
            }
            return read(g, where + ": geometry");
        }

        private Read read(Geometry raw, String where) {
            Geometry g = builder.convert(raw, where);
            boolean repaired = g.getUserData() == REPAIRED;
            g.setUserData(null);
            return new Read(g, repaired);
        }
    }

    /** A feature as parsed: geometry in source coordinates, not yet reprojected or checked. */
    private record Raw(int index, Geometry geometry, Map<String, JsonNode> properties) {
    }

    /** Reprojects, validates and repairs raw features. Not thread-safe. */
    private static final class Builder {
        /** What messages name first: the file, or the caller's name of its data. */
        private final Object path;
        private final String source;
        private final Crs.Transform transform;
        private final GeometryFactory factory;

        private final boolean geographic;
        private final boolean lambert93;

        Builder(Object path, String source, String target) {
            this.path = path;
            this.source = source;
            try {
                this.transform = new Crs.Transform(source, target);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(path + ": crs " + source + " cannot be reprojected to " + target
                        + " (" + e.getMessage() + ")", e);
            }
            this.factory = new GeometryFactory(new PrecisionModel(), Crs.srid(target));
            this.geographic = source.equals(Crs.CRS84) || Crs.isGeographic(source);
            this.lambert93 = target.equals(DEFAULT_CRS);
        }

        Feature build(Raw raw, List<Integer> repaired) {
            Geometry g = convert(raw.geometry(), path + ": features[" + raw.index() + "].geometry");
            if (g.getUserData() == REPAIRED) {
                g.setUserData(null);
                repaired.add(raw.index());
            }
            return new Feature(raw.index(), g, raw.properties(), source);
        }

        /**
         * Reprojects, validates and repairs one geometry; a repaired one carries
         * {@link #REPAIRED} as user data.
         */
        Geometry convert(Geometry rawGeometry, String where) {
            Geometry g = factory.createGeometry(rawGeometry);
            if (geographic) {
                for (Coordinate p : g.getCoordinates()) {
                    if (Math.abs(p.x) > 180 || Math.abs(p.y) > 90) {
                        throw new IllegalArgumentException(where + " must have longitude in [-180, 180] and "
                                + "latitude in [-90, 90] degrees in " + source + ", was [" + p.x + ", " + p.y
                                + "] (projected coordinates? name their CRS with a crs member)");
                    }
                }
            }
            if (!transform.isIdentity()) {
                Coordinate c = new Coordinate();
                g.apply(new CoordinateSequenceFilter() {
                    @Override
                    public void filter(CoordinateSequence seq, int i) {
                        c.x = seq.getX(i);
                        c.y = seq.getY(i);
                        try {
                            transform.apply(c);
                        } catch (RuntimeException e) {
                            throw new IllegalArgumentException(where + " must be reprojectable from " + source
                                    + ", was [" + seq.getX(i) + ", " + seq.getY(i) + "] (" + e.getMessage() + ")", e);
                        }
                        seq.setOrdinate(i, CoordinateSequence.X, c.x);
                        seq.setOrdinate(i, CoordinateSequence.Y, c.y);
                    }

                    @Override
                    public boolean isDone() {
                        return false;
                    }

                    @Override
                    public boolean isGeometryChanged() {
                        return true;
                    }
                });
            }
            for (Coordinate p : g.getCoordinates()) {
                if (!Double.isFinite(p.x) || !Double.isFinite(p.y)) {
                    throw new IllegalArgumentException(where + " must have finite coordinates once "
                            + "reprojected from " + source + ", was [" + p.x + ", " + p.y + "]");
                }
                if (lambert93 && (p.x < L93_MIN_X || p.x > L93_MAX_X || p.y < L93_MIN_Y || p.y > L93_MAX_Y)) {
                    throw new IllegalArgumentException(where + " must lie in the area of use of Lambert-93 "
                            + "(metropolitan France and Corsica) once in EPSG:2154, was [" + Math.round(p.x) + ", "
                            + Math.round(p.y) + "] from " + source + " (degrees labelled as Lambert-93, or "
                            + "longitude and latitude swapped? check the crs member)");
                }
            }
            boolean valid;
            Geometry fixed;
            try {
                valid = g.isValid();
                fixed = valid ? g : GeometryFixer.fix(g);
            } catch (RuntimeException e) {
                // JTS robustness failures (topology exceptions) on pathological coordinates.
                throw new IllegalArgumentException(where + " must be a polygon JTS can validate and repair, was not ("
                        + e.getMessage() + ")", e);
            }
            if (!valid) {
                List<Polygon> polygons = new ArrayList<>();
                PolygonExtracter.getPolygons(fixed, polygons);
                polygons.removeIf(Geometry::isEmpty);
                if (polygons.isEmpty()) {
                    throw new IllegalArgumentException(where + " must be a repairable polygon, "
                            + "was invalid and empty once repaired");
                }
                g = polygons.size() == 1 ? polygons.get(0)
                        : factory.createMultiPolygon(polygons.toArray(new Polygon[0]));
                g.setSRID(factory.getSRID());
                g.setUserData(REPAIRED);
            }
            return g;
        }
    }

    private interface CrsListener {
        void crs(String normalised);
    }

    /** Parses the file, handing raw features over; returns the source CRS. */
    private static String parse(Path path, Consumer<Raw> sink, @Nullable CrsListener listener)
            throws IOException {
        GeometryFactory rawFactory = new GeometryFactory();
        String crs = null;
        boolean featuresSeen = false;
        boolean typeSeen = false;
        int index = 0;
        try (InputStream in = Files.newInputStream(path);
                JsonParser p = MAPPER.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException(path
                        + ": root must be a GeoJSON FeatureCollection object, was "
                        + describe(p.currentToken()));
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "type" -> {
                        String type = value == JsonToken.VALUE_STRING ? p.getText() : null;
                        if (!"FeatureCollection".equals(type)) {
                            throw new IllegalArgumentException(path
                                    + ": type must be \"FeatureCollection\", was "
                                    + (type == null ? describe(value) : "\"" + type + "\""));
                        }
                        typeSeen = true;
                    }
                    case "crs" -> {
                        JsonNode node = p.readValueAsTree();
                        if (node == null || node.isNull()) {
                            break;
                        }
                        if (featuresSeen && listener != null) {
                            throw new IllegalArgumentException(path + ": the crs member must come "
                                    + "before the features for streaming reading (use GeoJson.read)");
                        }
                        crs = crsOf(node, path);
                    }
                    case "features" -> {
                        if (value != JsonToken.START_ARRAY) {
                            throw new IllegalArgumentException(path
                                    + ": features must be an array, was " + describe(value));
                        }
                        if (listener != null && !featuresSeen) {
                            listener.crs(crs == null ? Crs.CRS84 : crs);
                        }
                        featuresSeen = true;
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            if (p.currentToken() != JsonToken.START_OBJECT) {
                                throw new IllegalArgumentException(path + ": features[" + index
                                        + "] must be a Feature object, was "
                                        + describe(p.currentToken()));
                            }
                            JsonNode node = p.readValueAsTree();
                            sink.accept(feature(node, index, path, rawFactory));
                            index++;
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw new IllegalArgumentException(path + ": content after the root object at "
                        + where(p.currentLocation()));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(path + ": invalid JSON at "
                    + where(e.getLocation()) + " (after " + index + " complete features): "
                    + e.getOriginalMessage(), e);
        } catch (java.io.CharConversionException e) {
            // Jackson guesses UTF-16 or UTF-32 from leading zero bytes and fails on what follows.
            throw new IllegalArgumentException(path + ": not valid UTF-8 text (" + e.getMessage()
                    + "); GeoJSON files are UTF-8 (RFC 7946)", e);
        }
        if (!typeSeen) {
            throw new IllegalArgumentException(path
                    + ": type must be \"FeatureCollection\", was missing");
        }
        if (!featuresSeen) {
            throw new IllegalArgumentException(path + ": features must be present, was missing");
        }
        return crs == null ? Crs.CRS84 : crs;
    }

    private static String where(@Nullable JsonLocation loc) {
        return loc == null ? "unknown position"
                : "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }

    private static String describe(@Nullable JsonToken t) {
        if (t == null) {
            return "end of input";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.toString();
        };
    }

    private static String crsOf(JsonNode node, Path path) {
        JsonNode name = node.path("properties").path("name");
        if (!name.isTextual()) {
            throw new IllegalArgumentException(path + ": crs must be {\"type\":\"name\","
                    + "\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::<code>\"}}, was " + node);
        }
        try {
            return Crs.normalise(name.asText(), "crs");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
        }
    }

    private static Raw feature(JsonNode node, int index, Path path, GeometryFactory factory) {
        String where = path + ": features[" + index + "]";
        JsonNode type = node.get("type");
        if (type == null || !"Feature".equals(type.asText(null))) {
            throw new IllegalArgumentException(where + ".type must be \"Feature\", was "
                    + (type == null ? "missing" : type));
        }
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        JsonNode props = node.get("properties");
        if (props != null && !props.isNull()) {
            if (!props.isObject()) {
                throw new IllegalArgumentException(where
                        + ".properties must be an object or null, was " + props.getNodeType());
            }
            for (Map.Entry<String, JsonNode> e : props.properties()) {
                properties.put(e.getKey(), e.getValue());
            }
        }
        JsonNode geometry = node.get("geometry");
        if (geometry == null || geometry.isNull()) {
            throw new IllegalArgumentException(where
                    + ".geometry must be a Polygon or MultiPolygon, was "
                    + (geometry == null ? "missing" : "null"));
        }
        return new Raw(index, geometry(geometry, where + ".geometry", factory), properties);
    }

    /** Parses a Polygon or MultiPolygon object; messages start with {@code where}. */
    private static Geometry geometry(JsonNode geometry, String where, GeometryFactory factory) {
        String gtype = geometry.path("type").asText("");
        JsonNode coords = geometry.get("coordinates");
        Geometry g;
        if (gtype.equals("Polygon")) {
            g = polygon(coords, where + ".coordinates", factory);
        } else if (gtype.equals("MultiPolygon")) {
            if (coords == null || !coords.isArray()) {
                throw new IllegalArgumentException(where
                        + ".coordinates must be an array of polygons, was "
                        + (coords == null ? "missing" : coords.getNodeType()));
            }
            Polygon[] parts = new Polygon[coords.size()];
            for (int i = 0; i < parts.length; i++) {
                parts[i] = polygon(coords.get(i), where + ".coordinates[" + i + "]",
                        factory);
            }
            if (parts.length == 0) {
                throw new IllegalArgumentException(where
                        + " must be a non-empty MultiPolygon, was empty");
            }
            g = factory.createMultiPolygon(parts);
        } else {
            throw new IllegalArgumentException(where
                    + " must be a Polygon or MultiPolygon, was "
                    + (gtype.isEmpty() ? geometry.path("type").toString() : gtype));
        }
        return g;
    }

    private static Polygon polygon(@Nullable JsonNode rings, String where,
            GeometryFactory factory) {
        if (rings == null || !rings.isArray() || rings.isEmpty()) {
            throw new IllegalArgumentException(where + " must be a non-empty array of rings, was "
                    + (rings == null ? "missing" : rings.isArray() ? "empty" : rings.getNodeType()));
        }
        LinearRing shell = ring(rings.get(0), where + "[0]", factory);
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int i = 1; i < rings.size(); i++) {
            holes[i - 1] = ring(rings.get(i), where + "[" + i + "]", factory);
        }
        return factory.createPolygon(shell, holes);
    }

    private static LinearRing ring(JsonNode positions, String where, GeometryFactory factory) {
        if (!positions.isArray() || positions.size() < 4) {
            throw new IllegalArgumentException(where
                    + " must be a ring of at least 4 positions, was "
                    + (positions.isArray() ? positions.size() + " positions"
                            : positions.getNodeType().toString()));
        }
        Coordinate[] cs = new Coordinate[positions.size()];
        for (int i = 0; i < cs.length; i++) {
            JsonNode pos = positions.get(i);
            if (!pos.isArray() || pos.size() < 2 || !pos.get(0).isNumber()
                    || !pos.get(1).isNumber()) {
                throw new IllegalArgumentException(where + "[" + i
                        + "] must be a position [x, y], was " + pos);
            }
            double x = pos.get(0).doubleValue();
            double y = pos.get(1).doubleValue();
            if (!Double.isFinite(x) || !Double.isFinite(y)) {
                throw new IllegalArgumentException(where + "[" + i
                        + "] must have finite coordinates, was " + pos);
            }
            cs[i] = new Coordinate(x, y);
        }
        if (!cs[0].equals2D(cs[cs.length - 1])) {
            throw new IllegalArgumentException(where + " must be closed (first and last positions "
                    + "equal), was " + positions.get(0) + " ... " + positions.get(cs.length - 1));
        }
        return factory.createLinearRing(cs);
    }

    /**
     * Writes a FeatureCollection in its source CRS.
     *
     * @param path file to create or replace, written whole or not at all
     * @param collection features to write
     * @throws IOException when writing fails; the file is then unchanged
     * @throws IllegalArgumentException when a geometry's SRID is not an EPSG code proj4j knows
     */
    public static void write(Path path, FeatureCollection collection) throws IOException {
        Objects.requireNonNull(collection, "collection");
        write(path, collection.features(), collection.sourceCrs());
    }

    /**
     * Writes features in the CRS of the file they came from (their common {@code sourceCrs}),
     * with their properties, including any added with {@link Feature#withProperty}.
     *
     * @param path file to create or replace, written whole or not at all
     * @param features features to write; may be empty (then written in WGS84)
     * @throws IOException when writing fails; the file is then unchanged
     * @throws IllegalArgumentException when the features come from files in different CRSs
     */
    public static void write(Path path, List<Feature> features) throws IOException {
        Objects.requireNonNull(features, "features");
        String crs = features.isEmpty() ? Crs.CRS84 : features.get(0).sourceCrs();
        for (int i = 0; i < features.size(); i++) {
            if (!features.get(i).sourceCrs().equals(crs)) {
                throw new IllegalArgumentException("features[" + i + "].sourceCrs must be "
                        + crs + " like features[0], was " + features.get(i).sourceCrs()
                        + " (name the output CRS)");
            }
        }
        write(path, features, crs);
    }

    /**
     * Writes features in a named CRS: WGS84 ({@code "OGC:CRS84"} or {@code "EPSG:4326"}) as RFC
     * 7946 longitude/latitude without a {@code crs} member, any other CRS with a legacy
     * {@code crs} member {@code urn:ogc:def:crs:EPSG::<code>}. Geometries are reprojected from
     * the CRS named by their SRID.
     *
     * @param path file to create or replace, written whole or not at all
     * @param features features to write, all with the same SRID
     * @param outputCrs CRS of the file
     * @throws IOException when writing fails; the file is then unchanged
     * @throws IllegalArgumentException when {@code outputCrs} is unknown or the geometries have
     *     different SRIDs
     */
    public static void write(Path path, List<Feature> features, String outputCrs)
            throws IOException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(features, "features");
        String out = Crs.normalise(outputCrs, "outputCrs");
        int srid = features.isEmpty() ? Crs.srid(out) : features.get(0).geometry().getSRID();
        for (int i = 0; i < features.size(); i++) {
            int s = features.get(i).geometry().getSRID();
            if (s != srid) {
                throw new IllegalArgumentException("features[" + i
                        + "].geometry SRID must be " + srid + " like features[0], was " + s);
            }
        }
        String working = srid == 0 ? out : Crs.normalise(Crs.fromSrid(srid), "geometry SRID");
        Crs.Transform transform = new Crs.Transform(working, out);
        boolean wgs84 = out.equals(Crs.CRS84) || out.equals("EPSG:4326");
        AtomicFiles.write(path, stream -> writeTo(stream, features, out, wgs84, transform));
    }

    private static void writeTo(OutputStream stream, List<Feature> features, String out,
            boolean wgs84, Crs.Transform transform) throws IOException {
        JsonFactory factory = MAPPER.getFactory();
        try (JsonGenerator g = factory.createGenerator(stream)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            g.writeStringField("type", "FeatureCollection");
            if (!wgs84) {
                g.writeObjectFieldStart("crs");
                g.writeStringField("type", "name");
                g.writeObjectFieldStart("properties");
                g.writeStringField("name", "urn:ogc:def:crs:EPSG::"
                        + out.substring("EPSG:".length()));
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeArrayFieldStart("features");
            Coordinate c = new Coordinate();
            for (Feature f : features) {
                g.writeRaw('\n');
                g.writeStartObject();
                g.writeStringField("type", "Feature");
                g.writeObjectFieldStart("properties");
                for (Map.Entry<String, JsonNode> e : f.properties().entrySet()) {
                    g.writeFieldName(e.getKey());
                    MAPPER.writeTree(g, e.getValue());
                }
                g.writeEndObject();
                g.writeObjectFieldStart("geometry");
                Geometry geom = f.geometry();
                if (geom instanceof MultiPolygon) {
                    g.writeStringField("type", "MultiPolygon");
                    g.writeArrayFieldStart("coordinates");
                    for (int i = 0; i < geom.getNumGeometries(); i++) {
                        writePolygon(g, (Polygon) geom.getGeometryN(i), transform, c);
                    }
                    g.writeEndArray();
                } else {
                    g.writeStringField("type", "Polygon");
                    g.writeFieldName("coordinates");
                    writePolygon(g, (Polygon) geom, transform, c);
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeRaw('\n');
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    private static void writePolygon(JsonGenerator g, Polygon p, Crs.Transform transform,
            Coordinate c) throws IOException {
        g.writeStartArray();
        writeRing(g, p.getExteriorRing(), transform, c);
        for (int i = 0; i < p.getNumInteriorRing(); i++) {
            writeRing(g, p.getInteriorRingN(i), transform, c);
        }
        g.writeEndArray();
    }

    private static void writeRing(JsonGenerator g, LinearRing ring, Crs.Transform transform,
            Coordinate c) throws IOException {
        g.writeStartArray();
        var seq = ring.getCoordinateSequence();
        for (int i = 0; i < seq.size(); i++) {
            c.x = seq.getX(i);
            c.y = seq.getY(i);
            transform.apply(c);
            g.writeStartArray();
            g.writeNumber(c.x);
            g.writeNumber(c.y);
            g.writeEndArray();
        }
        g.writeEndArray();
    }
}
