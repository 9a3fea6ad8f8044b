/**
 * Benchmarks of {@code fr.territoires.ia.core}: reading series from CSV.
 */
@NullMarked
package fr.territoires.ia.benchmarks.core;

import org.jspecify.annotations.NullMarked;
