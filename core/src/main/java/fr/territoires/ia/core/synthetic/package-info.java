/**
 * Seeded simulators of territorial data, shared by tests, benchmarks and the examples catalogue,
 * so that every use case runs anywhere without downloading data.
 *
 * <p>Entry point: {@link fr.territoires.ia.core.synthetic.WaterMeterSimulator}, hourly flows of a
 * district water meter with daily and weekly cycles, public holidays, missing readings and
 * planted leaks. The same seed always gives the same series.
 * {@link fr.territoires.ia.core.synthetic.TabularSimulator} gives tables of numeric features
 * (NaN where missing) with class and regression targets, for training and timing models.
 */
@NullMarked
package fr.territoires.ia.core.synthetic;

import org.jspecify.annotations.NullMarked;
