/**
 * Evaluation metrics shared by every capability of the library: anomaly detection, exceedance
 * forecasting, shape classification and level forecasting.
 *
 * <p>Entry points, all immutable and safe for concurrent use:
 * <ul>
 *   <li>{@link fr.territoires.ia.core.metrics.BinaryMetrics}: binary outcomes against scores or
 *       probabilities (anomaly flags, "the threshold will be exceeded"). Confusion counts at a
 *       threshold ({@link fr.territoires.ia.core.metrics.BinaryMetrics.Confusion}: precision,
 *       recall, F1, false positive rate, accuracy), average precision, ROC-AUC, Brier score and
 *       skill score, reliability bins and expected calibration error.
 *   <li>{@link fr.territoires.ia.core.metrics.ConfusionMatrix}: multi-class labels (shape
 *       classes): counts, accuracy, per-class precision/recall/F1, macro and weighted F1,
 *       balanced accuracy, Markdown rendering.
 *   <li>{@link fr.territoires.ia.core.metrics.RegressionMetrics}: numeric forecasts (levels):
 *       MAE, RMSE, bias, MASE, prediction-interval coverage and width.
 * </ul>
 *
 * <p>Conventions:
 * <ul>
 *   <li><b>Zero division.</b> A precision, recall, F1, false positive rate or accuracy whose
 *       denominator is 0 is 0, as scikit-learn's default {@code zero_division=0}.
 *   <li><b>Undefined ranking metrics are NaN.</b> Average precision is NaN when there is no
 *       positive; ROC-AUC is NaN when there is no positive or no negative; the Brier skill score
 *       is NaN when all outcomes are equal; reliability bins with no observation have NaN means.
 *       Check with {@link java.lang.Double#isNaN(double)} before averaging over folds.
 *   <li><b>Ties.</b> Tied scores form a single threshold in average precision and count 1/2 in
 *       ROC-AUC, so both are unchanged by any strictly increasing transformation of the scores
 *       and by any reordering of the rows.
 *   <li><b>Ranges.</b> Ratios, average precision, ROC-AUC, Brier score, coverage and calibration
 *       error are in {@code [0, 1]}; the Brier skill score is in {@code (-inf, 1]}; MAE, RMSE,
 *       bias and interval width are in the unit of the data; MASE is a unitless ratio,
 *       {@code >= 0}, below 1 when the forecast beats the seasonal naive one.
 *   <li><b>No silent filtering.</b> Empty input, arrays of different lengths, NaN or infinite
 *       scores and values, probabilities outside {@code [0, 1]} and unknown labels are rejected
 *       with an {@link java.lang.IllegalArgumentException} naming the index and the value. The
 *       only documented exception: NaN pairs of the in-sample series are skipped in the MASE
 *       scale.
 * </ul>
 *
 * <p>References:
 * <ul>
 *   <li>J. Davis and M. Goadrich, "The relationship between Precision-Recall and ROC curves",
 *       ICML 2006, doi:10.1145/1143844.1143874 (precision-recall, average precision).
 *   <li>T. Fawcett, "An introduction to ROC analysis", Pattern Recognition Letters 27(8),
 *       861–874, 2006, doi:10.1016/j.patrec.2005.10.010 (ROC-AUC).
 *   <li>G. W. Brier, "Verification of forecasts expressed in terms of probability", Monthly
 *       Weather Review 78(1), 1–3, 1950 (Brier score).
 *   <li>R. J. Hyndman and A. B. Koehler, "Another look at measures of forecast accuracy",
 *       International Journal of Forecasting 22(4), 679–688, 2006,
 *       doi:10.1016/j.ijforecast.2006.03.001 (MASE).
 *   <li>A. Niculescu-Mizil and R. Caruana, "Predicting good probabilities with supervised
 *       learning", ICML 2005, doi:10.1145/1102351.1102430 (reliability diagrams).
 * </ul>
 */
@NullMarked
package fr.territoires.ia.core.metrics;

import org.jspecify.annotations.NullMarked;
