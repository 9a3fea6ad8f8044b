/**
 * Forecasting of regular and rare events: level forecasts with prediction intervals, exceedance
 * probabilities with alerts, and rolling-origin backtests.
 *
 * <p>The forecasters arrive with the forecasting issue; this package fixes the module's name and
 * place in the build.
 */
@NullMarked
package fr.territoires.ia.forecasting;

import org.jspecify.annotations.NullMarked;
