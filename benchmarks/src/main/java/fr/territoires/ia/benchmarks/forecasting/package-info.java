/**
 * Benchmarks of {@code fr.territoires.ia.forecasting}: the cost of one new day's exceedance
 * probability (features and calibrated probability) with a fitted forecaster, and of a whole
 * rolling-origin backtest (one fit per origin) on 30 years of simulated daily river levels.
 * Outputs are times only (µs per day, s per backtest); none of them is a CI guard.
 */
@NullMarked
package fr.territoires.ia.benchmarks.forecasting;

import org.jspecify.annotations.NullMarked;
