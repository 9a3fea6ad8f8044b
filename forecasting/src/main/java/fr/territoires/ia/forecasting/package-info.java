/**
 * Forecasting of regular and rare events on daily series: level forecasts with prediction
 * intervals, exceedance probabilities with alerts, and time-ordered backtests.
 *
 * <p>Entry points: {@link fr.territoires.ia.forecasting.ExceedanceForecaster} ("will the
 * series exceed T within h days?": a calibrated probability in [0, 1] per date and an alert
 * flag, {@link fr.territoires.ia.forecasting.ExceedanceForecast}) and
 * {@link fr.territoires.ia.forecasting.LevelForecaster} (point forecasts 1 to H days ahead, in
 * the series' unit, with intervals of a stated coverage, {@link
 * fr.territoires.ia.forecasting.Forecast}). Features are built by date, never by row, through
 * missing readings ({@link fr.territoires.ia.forecasting.FeatureSpec}); only dates with no value
 * known within the horizon are reported as skipped. {@link fr.territoires.ia.forecasting.Backtests} scores forecasts (average
 * precision, ROC-AUC, Brier and climatology Brier, event-level recall, false alerts per year;
 * MAE, RMSE, MASE, interval coverage) beside persistence.
 *
 * <p>Every fitter reads only the dates up to its {@code trainUntil} argument, chooses its
 * settings on validation years inside that period, and returns a model card.
 */
@NullMarked
package fr.territoires.ia.forecasting;

import org.jspecify.annotations.NullMarked;
