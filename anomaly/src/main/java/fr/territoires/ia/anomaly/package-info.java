/**
 * Anomaly detection on meters and sensors: streaming detectors (one point in, one scored point
 * out) and multivariate detectors over aligned sensor columns.
 *
 * <p>Score convention, library-wide: higher is more anomalous, in {@code [0, 1]}.
 * The detectors arrive with the anomaly-detection issue; this package fixes the module's name and
 * place in the build.
 */
@NullMarked
package fr.territoires.ia.anomaly;

import org.jspecify.annotations.NullMarked;
