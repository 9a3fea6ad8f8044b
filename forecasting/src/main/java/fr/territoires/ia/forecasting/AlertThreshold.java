package fr.territoires.ia.forecasting;

import java.util.Arrays;

/**
 * Chooses the alert threshold of an exceedance forecaster on validation probabilities: the
 * lowest probability whose alerts reach the target precision with at most the allowed false
 * alerts a year; when no probability does, the one of best F1 (precision and recall of the
 * alerts {@code p >= threshold} against the outcomes).
 *
 * <p>Probabilities are in {@code [0, 1]}; years are series-years of validation (a network's
 * false alerts are counted per series and year). Stateless; safe for concurrent use.
 */
final class AlertThreshold {

    private AlertThreshold() {
    }

    /**
     * Chooses the threshold.
     *
     * @param p validation probabilities
     * @param y their outcomes
     * @param years series-years the validation covers (false alerts a year = false alerts /
     *     years)
     * @param targetPrecision the precision to reach, in {@code (0, 1]}
     * @param maxFalseAlertsPerYear the most false alerts a series-year allowed, &gt; 0
     * @return the alert threshold, a probability of {@code p} (1 when {@code p} is empty)
     */
    static double choose(double[] p, boolean[] y, double years, double targetPrecision,
            double maxFalseAlertsPerYear) {
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < p.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (i, j) -> Double.compare(p[j], p[i]));
        int positives = ExceedanceRows.positives(y);
        int tp = 0;
        int fp = 0;
        double ruleThreshold = Double.NaN;
        double bestF1 = -1;
        double f1Threshold = 1.0;
        for (int k = 0; k < order.length; k++) {
            int i = order[k];
            if (y[i]) {
                tp++;
            } else {
                fp++;
            }
            if (k + 1 < order.length && p[order[k + 1]] == p[i]) {
                continue;
            }
            double precision = tp / (double) (tp + fp);
            double recall = positives == 0 ? 0 : tp / (double) positives;
            if (tp > 0 && precision >= targetPrecision
                    && fp / Math.max(years, 1e-9) <= maxFalseAlertsPerYear) {
                ruleThreshold = p[i];
            }
            double f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
            if (f1 > bestF1) {
                bestF1 = f1;
                f1Threshold = p[i];
            }
        }
        return Double.isNaN(ruleThreshold) ? f1Threshold : ruleThreshold;
    }
}
