/**
 * Benchmarks of {@code fr.territoires.ia.geo}: shape descriptors per polygon, neighbourhood
 * descriptors of a whole collection, GeoJSON reading and footprint classification per building.
 * They measure; none is a guard (no ratio is checked in CI).
 */
@NullMarked
package fr.territoires.ia.benchmarks.geo;

import org.jspecify.annotations.NullMarked;
