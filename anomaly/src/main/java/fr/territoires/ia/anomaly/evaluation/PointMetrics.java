package fr.territoires.ia.anomaly.evaluation;

import fr.territoires.ia.core.metrics.BinaryMetrics;
import java.util.Arrays;
import java.util.Objects;

/**
 * Point-wise detection metrics, as the Skoltech Anomaly Benchmark reports them: each row is one
 * binary prediction compared with its label.
 *
 * <p>From the counts of true positives (TP), false positives (FP), true negatives (TN) and false
 * negatives (FN): precision = TP / (TP + FP), recall = TP / (TP + FN), F1 = 2 TP / (2 TP + FP + FN),
 * false-alarm rate FAR = FP / (FP + TN) and missed-alarm rate MAR = FN / (FN + TP) = 1 - recall.
 * Reference: I. Katser and V. Kozitsin, "Skoltech Anomaly Benchmark (SKAB)", Kaggle, 2020,
 * doi:10.34740/KAGGLE/DSV/1693952. All rates are fractions in {@code [0, 1]} (multiply by 100 for
 * the percentages of the SKAB leaderboard).
 *
 * <p>Edge cases (never NaN): precision is 0 when nothing is predicted positive; recall, F1 and
 * MAR are 0 when there is no positive label (F1 is also 0 when TP = 0); FAR is 0 when there is no
 * negative label.
 *
 * <p>Instances are immutable and safe for concurrent use.
 *
 * @param truePositives rows labelled and predicted anomalous, at least 0
 * @param falsePositives rows predicted anomalous but labelled normal, at least 0
 * @param trueNegatives rows labelled and predicted normal, at least 0
 * @param falseNegatives rows labelled anomalous but predicted normal, at least 0
 * @since 0.1.0
 */
public record PointMetrics(long truePositives, long falsePositives, long trueNegatives, long falseNegatives) {

    /**
     * Validates the counts.
     *
     * @param truePositives true positives, at least 0
     * @param falsePositives false positives, at least 0
     * @param trueNegatives true negatives, at least 0
     * @param falseNegatives false negatives, at least 0
     * @throws IllegalArgumentException when a count is negative
     */
    public PointMetrics {
        nonNegative(truePositives, "truePositives");
        nonNegative(falsePositives, "falsePositives");
        nonNegative(trueNegatives, "trueNegatives");
        nonNegative(falseNegatives, "falseNegatives");
    }

    /**
     * A decision threshold on scores and the metrics it gives: a row is predicted anomalous when
     * its score is at least {@code threshold}.
     *
     * <p>Instances are immutable and safe for concurrent use.
     *
     * @param threshold the threshold; {@link Double#POSITIVE_INFINITY} when no row is predicted
     *     anomalous
     * @param metrics metrics at that threshold
     * @since 0.1.0
     */
    public record Threshold(double threshold, PointMetrics metrics) {

        /**
         * Validates the threshold.
         *
         * @param threshold the threshold, not NaN
         * @param metrics the metrics
         * @throws NullPointerException when {@code metrics} is null
         * @throws IllegalArgumentException when {@code threshold} is NaN
         */
        public Threshold {
            if (Double.isNaN(threshold)) {
                throw new IllegalArgumentException("threshold must not be NaN, was NaN");
            }
            Objects.requireNonNull(metrics, "metrics");
        }
    }

    /**
     * Compares predictions with labels, row by row.
     *
     * @param actual labels, {@code true} = anomalous; not empty
     * @param predicted predictions, as long as {@code actual}
     * @return the counts and metrics
     * @throws NullPointerException when an array is null
     * @throws IllegalArgumentException when {@code actual} is empty or the lengths differ
     */
    public static PointMetrics at(boolean[] actual, boolean[] predicted) {
        checkActual(actual);
        Objects.requireNonNull(predicted, "predicted");
        sameLength(predicted.length, actual.length, "predicted");
        long tp = 0;
        long fp = 0;
        long tn = 0;
        long fn = 0;
        for (int i = 0; i < actual.length; i++) {
            if (predicted[i]) {
                if (actual[i]) {
                    tp++;
                } else {
                    fp++;
                }
            } else if (actual[i]) {
                fn++;
            } else {
                tn++;
            }
        }
        return new PointMetrics(tp, fp, tn, fn);
    }

    /**
     * Finds the threshold with the best F1 among those whose false-alarm rate is at most
     * {@code farCap}, sweeping every distinct score (a row is predicted anomalous when its score
     * is at least the threshold).
     *
     * <p>Ties in F1 go to the highest threshold (fewest alarms). The empty prediction (threshold
     * {@link Double#POSITIVE_INFINITY}, F1 0, FAR 0) is always allowed, so a result always exists.
     * Computed by one sort and one pass, in {@code O(n log n)}.
     *
     * @param actual labels, {@code true} = anomalous; not empty
     * @param scores scores aligned with {@code actual}, finite, higher = more anomalous
     * @param farCap largest allowed false-alarm rate, in {@code [0, 1]} (0.2 for 20 %)
     * @return the best threshold and its metrics
     * @throws NullPointerException when an array is null
     * @throws IllegalArgumentException when {@code actual} is empty, the lengths differ, a score
     *     is not finite or {@code farCap} is outside {@code [0, 1]}
     */
    public static Threshold bestF1AtFarCap(boolean[] actual, double[] scores, double farCap) {
        checkActual(actual);
        Objects.requireNonNull(scores, "scores");
        sameLength(scores.length, actual.length, "scores");
        if (!(farCap >= 0.0 && farCap <= 1.0)) {
            throw new IllegalArgumentException("farCap must be in [0, 1], was " + farCap);
        }
        int n = actual.length;
        long positives = 0;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(scores[i])) {
                throw new IllegalArgumentException("scores[" + i + "] must be finite, was " + scores[i]);
            }
            if (actual[i]) {
                positives++;
            }
        }
        long negatives = n - positives;
        // Sort row indices by decreasing score (boxed sort is fine at benchmark sizes).
        double[] keys = new double[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
            keys[i] = scores[i];
        }
        Arrays.sort(order, (a, b) -> Double.compare(keys[b], keys[a]));
        PointMetrics bestMetrics = new PointMetrics(0, 0, negatives, positives);
        double bestThreshold = Double.POSITIVE_INFINITY;
        double bestF1 = 0.0;
        long tp = 0;
        long fp = 0;
        int i = 0;
        while (i < n) {
            double t = keys[order[i]];
            while (i < n && keys[order[i]] == t) {
                if (actual[order[i]]) {
                    tp++;
                } else {
                    fp++;
                }
                i++;
            }
            PointMetrics m = new PointMetrics(tp, fp, negatives - fp, positives - tp);
            if (m.far() <= farCap && m.f1() > bestF1) {
                bestF1 = m.f1();
                bestMetrics = m;
                bestThreshold = t;
            }
        }
        return new Threshold(bestThreshold, bestMetrics);
    }

    /**
     * Returns the precision TP / (TP + FP).
     *
     * @return the precision in {@code [0, 1]}; 0 when nothing is predicted positive
     */
    public double precision() {
        return confusion().precision();
    }

    /**
     * Returns the recall TP / (TP + FN).
     *
     * @return the recall in {@code [0, 1]}; 0 when there is no positive label
     */
    public double recall() {
        return confusion().recall();
    }

    /**
     * Returns the F1 score 2 TP / (2 TP + FP + FN), the harmonic mean of precision and recall.
     *
     * @return F1 in {@code [0, 1]}; 0 when TP = 0
     */
    public double f1() {
        return confusion().f1();
    }

    /**
     * Returns the false-alarm rate FP / (FP + TN).
     *
     * @return FAR in {@code [0, 1]}; 0 when there is no negative label
     */
    public double far() {
        return confusion().falsePositiveRate();
    }

    /**
     * Returns the missed-alarm rate FN / (FN + TP).
     *
     * @return MAR in {@code [0, 1]}; 0 when there is no positive label
     */
    public double mar() {
        return ratio(falseNegatives, falseNegatives + truePositives);
    }

    /**
     * Returns the same counts as the library's binary confusion, whose ratios these metrics use.
     *
     * @return the confusion counts
     */
    public BinaryMetrics.Confusion confusion() {
        return new BinaryMetrics.Confusion(truePositives, falsePositives, trueNegatives, falseNegatives);
    }

    /**
     * Returns the number of rows compared.
     *
     * @return TP + FP + TN + FN
     */
    public long total() {
        return truePositives + falsePositives + trueNegatives + falseNegatives;
    }

    private static double ratio(long num, long den) {
        return den == 0 ? 0.0 : (double) num / den;
    }

    private static void nonNegative(long value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, was " + value);
        }
    }

    private static void checkActual(boolean[] actual) {
        Objects.requireNonNull(actual, "actual");
        if (actual.length == 0) {
            throw new IllegalArgumentException("actual must not be empty, was length 0");
        }
    }

    private static void sameLength(int actual, int expected, String name) {
        if (actual != expected) {
            throw new IllegalArgumentException(name + " must have length " + expected + ", was " + actual);
        }
    }
}
