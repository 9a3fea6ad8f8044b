/**
 * Anomaly detection on meters and sensors: streaming detectors (one point in, one scored point
 * out) and multivariate detectors over aligned sensor columns.
 *
 * <p>Score convention, library-wide: higher is more anomalous, in {@code [0, 1]}.
 * The detectors arrive with the anomaly-detection issue; this package fixes the module's name and
 * place in the build.
 *
 * <p>Multivariate entry points: {@link fr.territoires.ia.anomaly.IsolationForestDetector} and
 * {@link fr.territoires.ia.anomaly.OneClassSvmDetector}, both {@link
 * fr.territoires.ia.anomaly.MultivariateDetector}s, are fitted on rows of aligned sensor columns
 * assumed normal and score each row of a series in {@code [0, 1]} (higher is more anomalous) with
 * an alarm flag, in a {@link fr.territoires.ia.anomaly.MultivariateScores}; each row lists the
 * columns that deviate most from their training median as
 * {@link fr.territoires.ia.anomaly.ColumnContribution}s (robust z-scores, in σ) and a reason in
 * words.
 */
@NullMarked
package fr.territoires.ia.anomaly;

import org.jspecify.annotations.NullMarked;
