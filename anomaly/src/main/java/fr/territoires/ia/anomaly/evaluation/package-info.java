/**
 * Evaluation of streaming anomaly detectors on labelled anomaly windows, following the Numenta
 * Anomaly Benchmark (NAB).
 *
 * <p>Entry points: {@link fr.territoires.ia.anomaly.evaluation.NabScorer} scores the alarms of
 * one file against its anomaly windows with a {@link fr.territoires.ia.anomaly.evaluation.NabProfile}
 * and normalises a corpus of per-file scores; {@link fr.territoires.ia.anomaly.evaluation.NabCorpus}
 * reads a NAB folder (data files and official windows) so that a detector can be run on the
 * benchmark; {@link fr.territoires.ia.anomaly.evaluation.WindowMetrics} gives the simpler
 * window-level precision, recall and detection latency;
 * {@link fr.territoires.ia.anomaly.evaluation.PointMetrics} gives point-wise F1, false-alarm rate
 * and missed-alarm rate (as the SKAB benchmark reports them), and the best F1 under a cap on the
 * false-alarm rate.
 *
 * <p>Outputs: the raw NAB score of a file is unbounded (about {@code +tpWeight} per window
 * detected at its start, {@code -fnWeight} per missed window, down to {@code -fpWeight} per false
 * alarm); the normalised corpus score is {@code 100} for a perfect detector, {@code 0} for a
 * detector that never fires and negative for a detector worse than that. Precision and recall are
 * in {@code [0, 1]}; latencies are non-negative durations.
 *
 * <p>References: A. Lavin and S. Ahmad, "Evaluating Real-time Anomaly Detection Algorithms – the
 * Numenta Anomaly Benchmark", ICMLA 2015, doi:10.1109/ICMLA.2015.141; S. Ahmad, A. Lavin, S. Purdy
 * and Z. Agha, "Unsupervised real-time anomaly detection for streaming data", Neurocomputing 262,
 * 2017, doi:10.1016/j.neucom.2017.04.070.
 */
@NullMarked
package fr.territoires.ia.anomaly.evaluation;

import org.jspecify.annotations.NullMarked;
