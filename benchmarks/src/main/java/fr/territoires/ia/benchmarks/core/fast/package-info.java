/**
 * Benchmarks of {@code fr.territoires.ia.core.fast}: compiled tree ensembles beside the Tribuo and
 * xgboost4j prediction paths they replace, measured in the same run.
 */
@NullMarked
package fr.territoires.ia.benchmarks.core.fast;

import org.jspecify.annotations.NullMarked;
