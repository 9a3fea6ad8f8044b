package fr.territoires.ia.geo;

import java.util.List;
import java.util.Objects;

/**
 * The features of one GeoJSON FeatureCollection, reprojected to the working metric CRS, with what
 * reading had to repair.
 *
 * <p>Instances are immutable and safe for concurrent use.
 *
 * @param features the features in file order
 * @param sourceCrs CRS of the file: {@code "OGC:CRS84"} for RFC 7946 WGS84 (no {@code crs}
 *     member), or {@code "EPSG:<code>"} from a legacy {@code crs} member
 * @param crs working CRS of the geometries, {@code "EPSG:<code>"}, in metres (Lambert-93,
 *     {@code "EPSG:2154"}, by default)
 * @param repaired indices of the features whose polygon was invalid (for example
 *     self-intersecting) and was repaired with JTS {@code GeometryFixer}, in file order
 * @since 0.1.0
 */
public record FeatureCollection(List<Feature> features, String sourceCrs, String crs,
        List<Integer> repaired) {

    /**
     * Validates and copies the fields.
     *
     * @param features features
     * @param sourceCrs source CRS
     * @param crs working CRS
     * @param repaired repaired feature indices
     * @throws NullPointerException when an argument or element is null
     */
    public FeatureCollection {
        features = List.copyOf(Objects.requireNonNull(features, "features"));
        Objects.requireNonNull(sourceCrs, "sourceCrs");
        Objects.requireNonNull(crs, "crs");
        repaired = List.copyOf(Objects.requireNonNull(repaired, "repaired"));
    }
}
