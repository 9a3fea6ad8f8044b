package fr.territoires.ia.geo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;

/**
 * One GeoJSON feature: its position in the file, its polygonal geometry in the working metric
 * CRS, its properties as read and the CRS of the file it came from.
 *
 * <p>The geometry is a JTS {@link Polygon} or {@link MultiPolygon} whose coordinates are in
 * metres, in the CRS named by its SRID (an EPSG code, 2154 for Lambert-93 by default). Neither
 * this library nor callers may mutate it (JTS geometries are mutable; we never change a geometry
 * we did not create). Properties keep the file's order and JSON values exactly (numbers keep
 * their textual precision, JSON {@code null} is a {@code NullNode}); object and array values are
 * copied in and out.
 *
 * <p>Instances are immutable and safe for concurrent use.
 *
 * @param index position of the feature in its source (0-based), used in messages
 * @param geometry the polygon or multipolygon in the working CRS, in metres
 * @param properties the properties in file order; may be empty
 * @param sourceCrs CRS of the source file, e.g. {@code "EPSG:2154"} or {@code "OGC:CRS84"}
 *     (RFC 7946 WGS84 longitude/latitude); features are written back in it by default
 * @since 0.1.0
 */
public record Feature(int index, Geometry geometry, Map<String, JsonNode> properties,
        String sourceCrs) {

    /**
     * Validates and copies the fields.
     *
     * @param index position in the source, {@code >= 0}
     * @param geometry a non-empty polygon or multipolygon
     * @param properties properties in order; keys and values not null
     * @param sourceCrs source CRS name; not blank
     * @throws NullPointerException when an argument, a key or a value is null
     * @throws IllegalArgumentException when the index is negative, the geometry is not a
     *     non-empty polygon or multipolygon, or {@code sourceCrs} is blank
     */
    public Feature {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, was " + index);
        }
        Objects.requireNonNull(geometry, "geometry");
        if (!(geometry instanceof Polygon || geometry instanceof MultiPolygon)
                || geometry.isEmpty()) {
            throw new IllegalArgumentException("features[" + index
                    + "].geometry must be a non-empty Polygon or MultiPolygon, was "
                    + (geometry.isEmpty() ? "empty " : "") + geometry.getGeometryType());
        }
        properties = copy(Objects.requireNonNull(properties, "properties"));
        Objects.requireNonNull(sourceCrs, "sourceCrs");
        if (sourceCrs.isBlank()) {
            throw new IllegalArgumentException("sourceCrs must not be blank, was \"" + sourceCrs
                    + "\"");
        }
    }

    /**
     * Returns the properties in file order; object and array values are copies.
     *
     * @return an unmodifiable ordered map
     */
    @Override
    public Map<String, JsonNode> properties() {
        boolean containers = false;
        for (JsonNode v : properties.values()) {
            containers |= v.isContainerNode();
        }
        return containers ? copy(properties) : properties;
    }

    /**
     * Returns one property.
     *
     * @param key property name
     * @return the value, or empty when the feature has no such property (a JSON {@code null}
     *     value is returned as a {@code NullNode})
     * @throws NullPointerException when {@code key} is null
     */
    public Optional<JsonNode> property(String key) {
        Objects.requireNonNull(key, "key");
        JsonNode v = properties.get(key);
        return v == null ? Optional.empty() : Optional.of(v.isContainerNode() ? v.deepCopy() : v);
    }

    /**
     * Returns a copy of this feature with one property added or replaced (kept in place when it
     * exists, appended otherwise).
     *
     * @param key property name
     * @param value JSON value
     * @return a new feature
     * @throws NullPointerException when an argument is null
     */
    public Feature withProperty(String key, JsonNode value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Map<String, JsonNode> m = new LinkedHashMap<>(properties);
        m.put(key, value);
        return new Feature(index, geometry, m, sourceCrs);
    }

    /**
     * Returns a copy of this feature with one text property added or replaced.
     *
     * @param key property name
     * @param value text value
     * @return a new feature
     * @throws NullPointerException when an argument is null
     */
    public Feature withProperty(String key, String value) {
        return withProperty(key, TextNode.valueOf(Objects.requireNonNull(value, "value")));
    }

    /**
     * Returns a copy of this feature with one numeric property added or replaced.
     *
     * @param key property name
     * @param value finite number
     * @return a new feature
     * @throws NullPointerException when {@code key} is null
     * @throws IllegalArgumentException when {@code value} is not finite (JSON has no NaN)
     */
    public Feature withProperty(String key, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(key + " must be finite, was " + value);
        }
        return withProperty(key, DoubleNode.valueOf(value));
    }

    private static Map<String, JsonNode> copy(Map<String, JsonNode> in) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : in.entrySet()) {
            String k = Objects.requireNonNull(e.getKey(), "properties key");
            JsonNode v = Objects.requireNonNull(e.getValue(), "properties[" + k + "]");
            out.put(k, v.isContainerNode() ? v.deepCopy() : v);
        }
        return Collections.unmodifiableMap(out);
    }
}
