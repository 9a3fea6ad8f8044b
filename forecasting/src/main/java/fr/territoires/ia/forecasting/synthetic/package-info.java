/**
 * Seeded simulators of daily series for examples and tests: {@link
 * fr.territoires.ia.forecasting.synthetic.RiverSimulator} (river level with seasonal base flow
 * and rare flood peaks, in millimetres) and {@link
 * fr.territoires.ia.forecasting.synthetic.PollutionSimulator} (daily PM10 with a winter high, a
 * weekly cycle and multi-day episodes above 50, in µg/m³). The same arguments always give the
 * same series.
 */
@NullMarked
package fr.territoires.ia.forecasting.synthetic;

import org.jspecify.annotations.NullMarked;
