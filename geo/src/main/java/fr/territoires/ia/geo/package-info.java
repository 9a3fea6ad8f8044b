/**
 * Classification of shapes: GeoJSON in and out, reprojection to a metric CRS (Lambert-93,
 * EPSG:2154, by default), shape and neighbourhood descriptors, and a shape classifier.
 *
 * <p>The readers, descriptors and classifier arrive with the shape-classification issue; this
 * package fixes the module's name and place in the build.
 */
@NullMarked
package fr.territoires.ia.geo;

import org.jspecify.annotations.NullMarked;
