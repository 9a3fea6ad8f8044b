/**
 * Evaluation of anomaly detectors against labelled data.
 *
 * <p>Entry point: {@link fr.territoires.ia.anomaly.evaluation.PointMetrics} (point-wise F1,
 * false-alarm and missed-alarm rates in {@code [0, 1]}).
 */
@NullMarked
package fr.territoires.ia.anomaly.evaluation;

import org.jspecify.annotations.NullMarked;
