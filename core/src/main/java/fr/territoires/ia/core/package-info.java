/**
 * Shared values of the library: time series read from CSV with validation at the boundary, and
 * atomic file writes.
 *
 * <p>Entry points: {@code TimeSeriesCsv} reads a {@code TimeSeries} or a
 * {@code MultivariateTimeSeries} from a CSV file. Sub-packages hold the metrics ({@code metrics}), the French calendar
 * ({@code calendar}), model cards and model files ({@code trust}) and the deliberate exposure of
 * Tribuo types ({@code tribuo}).
 */
@NullMarked
package fr.territoires.ia.core;

import org.jspecify.annotations.NullMarked;
