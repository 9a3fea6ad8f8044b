/**
 * Classification of building footprints: GeoJSON in and out, reprojection to a metric CRS
 * (Lambert-93, EPSG:2154, by default), shape and neighbourhood descriptors, a shape classifier
 * and the vectorisation of aerial segmentation masks.
 *
 * <p>Entry points:
 * <ul>
 *   <li>{@link fr.territoires.ia.geo.GeoJson}: reads FeatureCollections of polygons (RFC 7946
 *       WGS84 or a legacy EPSG {@code crs} member) into {@link fr.territoires.ia.geo.Feature}s in
 *       metres, and writes them back in the input's CRS;</li>
 *   <li>{@link fr.territoires.ia.geo.ShapeDescriptors} and
 *       {@link fr.territoires.ia.geo.NeighbourhoodDescriptors}: numeric descriptors per polygon
 *       (areas in m², lengths in m, angles in degrees, ratios in [0, 1] as documented);</li>
 *   <li>{@link fr.territoires.ia.geo.ShapeClassifier}: fits, applies, explains, saves and loads a
 *       classifier; each prediction carries a label and a confidence in [0, 1], the probability of
 *       that label;</li>
 *   <li>{@link fr.territoires.ia.geo.SpatialCrossValidation}: evaluates a classifier's options by
 *       spatial-block cross-validation (whole square cells of buildings per fold, never random
 *       rows);</li>
 *   <li>{@link fr.territoires.ia.geo.MaskVectoriser}: binary raster masks to polygons with
 *       holes.</li>
 * </ul>
 * JTS geometries are exposed directly and are never modified by the library.
 */
@NullMarked
package fr.territoires.ia.geo;

import org.jspecify.annotations.NullMarked;
