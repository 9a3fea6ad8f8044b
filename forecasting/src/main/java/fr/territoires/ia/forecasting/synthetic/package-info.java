/**
 * Seeded simulators of daily series for examples and tests: {@link
 * fr.territoires.ia.forecasting.synthetic.RiverSimulator} (river level with seasonal base flow
 * and rare flood peaks, in millimetres). The same arguments always give the same series.
 */
@NullMarked
package fr.territoires.ia.forecasting.synthetic;

import org.jspecify.annotations.NullMarked;
