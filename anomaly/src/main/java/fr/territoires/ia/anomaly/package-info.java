/**
 * Anomaly detection on meters and sensors: a leak on a district water meter (a night flow that no
 * longer returns to its usual level), a stuck or dead traffic counter, unusual demand.
 *
 * <p>Entry points:
 * <ul>
 *   <li>{@link fr.territoires.ia.anomaly.StreamDetector}: the default streaming detector, one
 *       point in, one scored point out, allocation-free per point: ARTime raises the alarms, a
 *       flatline test catches stuck sensors, a robust seasonal baseline gives the expected value,
 *       band and reason. It implements {@link fr.territoires.ia.anomaly.StreamingDetector}, whose
 *       {@code score} returns an {@link fr.territoires.ia.anomaly.AnomalyScore}; its whole state
 *       is saved and restored, bit for bit, with {@code snapshot()} and {@code restore(byte[])}
 *       (a compact, versioned binary form). The other
 *       streaming detectors: {@link fr.territoires.ia.anomaly.ArtimeDetector} and
 *       {@link fr.territoires.ia.anomaly.ContextAnomalyDetector} (CAD OSE), Java reproductions
 *       of two published NAB detectors, and {@link fr.territoires.ia.anomaly.BaselineDetector}
 *       (seasonal baseline with spike, level-shift and flatline tests).</li>
 *   <li>{@link fr.territoires.ia.anomaly.IsolationForestDetector} and
 *       {@link fr.territoires.ia.anomaly.OneClassSvmDetector}, both
 *       {@link fr.territoires.ia.anomaly.MultivariateDetector}s, are fitted on rows of aligned
 *       sensor columns assumed normal (pump pressure, flow, vibration...) and score each row of a
 *       series in {@code [0, 1]} with an alarm flag, in a
 *       {@link fr.territoires.ia.anomaly.MultivariateScores}; each row lists the columns that
 *       deviate most from their training median as
 *       {@link fr.territoires.ia.anomaly.ColumnContribution}s (robust z-scores, in σ) and a reason
 *       in words.</li>
 *   <li>{@code fr.territoires.ia.anomaly.evaluation}: the NAB scorer, window-level metrics and
 *       point-wise metrics, to measure a detector on labelled data.</li>
 * </ul>
 *
 * <p>Score convention, library-wide: higher is more anomalous, in {@code [0, 1]}.
 */
@NullMarked
package fr.territoires.ia.anomaly;

import org.jspecify.annotations.NullMarked;
