package fr.territoires.ia.core.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Metrics for binary outcomes scored by a number: confusion counts at a threshold, average
 * precision, ROC-AUC, Brier score and reliability (calibration) bins.
 *
 * <p>Every method takes the observed outcomes as {@code boolean[] actual} ({@code true} = positive
 * class, e.g. "the threshold was exceeded" or "this row is an anomaly") and, aligned index by
 * index, either scores (any finite number, higher = more likely positive) or probabilities (in
 * {@code [0, 1]}).
 *
 * <ul>
 *   <li>{@link #confusion} counts outcomes with "predicted positive" meaning
 *       {@code score >= threshold}.
 *   <li>{@link #averagePrecision} follows scikit-learn's {@code average_precision_score}:
 *       {@code AP = sum_n (R_n - R_{n-1}) P_n} over the distinct score values taken as thresholds
 *       in descending order, tied scores forming one threshold (no interpolation); see J. Davis and
 *       M. Goadrich, "The relationship between Precision-Recall and ROC curves", ICML 2006,
 *       doi:10.1145/1143844.1143874. In {@code [0, 1]}; a random ranking gives about the base
 *       rate.
 *   <li>{@link #rocAuc} is the probability that a randomly drawn positive scores above a randomly
 *       drawn negative, ties counting 1/2 (the Mann–Whitney statistic divided by
 *       {@code positives * negatives}); see T. Fawcett, "An introduction to ROC analysis",
 *       Pattern Recognition Letters 27(8), 2006, doi:10.1016/j.patrec.2005.10.010. In
 *       {@code [0, 1]}; 0.5 is a random ranking.
 *   <li>{@link #brierScore} is the mean squared difference between probability and outcome
 *       (G. W. Brier, "Verification of forecasts expressed in terms of probability", Monthly
 *       Weather Review 78(1), 1950), in {@code [0, 1]}, lower is better; {@link #brierSkillScore}
 *       compares it with always forecasting the base rate, in {@code (-inf, 1]}, higher is
 *       better.
 *   <li>{@link #reliability} groups probabilities into equal-width bins and compares the mean
 *       forecast with the observed frequency in each (A. Niculescu-Mizil and R. Caruana,
 *       "Predicting good probabilities with supervised learning", ICML 2005,
 *       doi:10.1145/1102351.1102430); {@link #expectedCalibrationError} summarises it.
 * </ul>
 *
 * <p>Edge cases: a ratio whose denominator is 0 is 0 in {@link Confusion} (scikit-learn's default
 * {@code zero_division=0}); {@link #averagePrecision} is NaN when there is no positive;
 * {@link #rocAuc} is NaN when there is no positive or no negative; {@link #brierSkillScore} is NaN
 * when all outcomes are equal. Input is never filtered: an empty array, arrays of different
 * lengths, a non-finite score or a probability outside {@code [0, 1]} is rejected with the
 * offending index and value.
 *
 * <p>Instances are immutable and safe for concurrent use.
 *
 * @since 0.1.0
 */
public final class BinaryMetrics {

    private BinaryMetrics() {
    }

    /**
     * Counts of a binary classification at one threshold.
     *
     * <p>Ratios use the convention of scikit-learn's {@code zero_division=0}: a ratio whose
     * denominator is 0 is 0 (for example precision when nothing is predicted positive).
     *
     * <p>Instances are immutable and safe for concurrent use.
     *
     * @param truePositives positives predicted positive, {@code >= 0}
     * @param falsePositives negatives predicted positive, {@code >= 0}
     * @param trueNegatives negatives predicted negative, {@code >= 0}
     * @param falseNegatives positives predicted negative, {@code >= 0}
     * @since 0.1.0
     */
    public record Confusion(long truePositives, long falsePositives, long trueNegatives,
            long falseNegatives) {

        /**
         * Checks that every count is non-negative.
         *
         * @param truePositives positives predicted positive
         * @param falsePositives negatives predicted positive
         * @param trueNegatives negatives predicted negative
         * @param falseNegatives positives predicted negative
         * @throws IllegalArgumentException when a count is negative
         */
        public Confusion {
            nonNegative(truePositives, "truePositives");
            nonNegative(falsePositives, "falsePositives");
            nonNegative(trueNegatives, "trueNegatives");
            nonNegative(falseNegatives, "falseNegatives");
        }

        private static void nonNegative(long value, String name) {
            if (value < 0) {
                throw new IllegalArgumentException(name + " must be >= 0, was " + value);
            }
        }

        /**
         * Returns the number of observations.
         *
         * @return {@code TP + FP + TN + FN}
         */
        public long total() {
            return truePositives + falsePositives + trueNegatives + falseNegatives;
        }

        /**
         * Returns the share of predicted positives that are positive.
         *
         * @return {@code TP / (TP + FP)} in {@code [0, 1]}, 0 when nothing is predicted positive
         */
        public double precision() {
            return ratio(truePositives, truePositives + falsePositives);
        }

        /**
         * Returns the share of positives predicted positive (sensitivity, hit rate).
         *
         * @return {@code TP / (TP + FN)} in {@code [0, 1]}, 0 when there is no positive
         */
        public double recall() {
            return ratio(truePositives, truePositives + falseNegatives);
        }

        /**
         * Returns the harmonic mean of precision and recall.
         *
         * @return {@code 2 TP / (2 TP + FP + FN)} in {@code [0, 1]}, 0 when {@code TP + FP + FN}
         *     is 0
         */
        public double f1() {
            return ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives);
        }

        /**
         * Returns the share of negatives predicted positive (false alarm rate).
         *
         * @return {@code FP / (FP + TN)} in {@code [0, 1]}, 0 when there is no negative
         */
        public double falsePositiveRate() {
            return ratio(falsePositives, falsePositives + trueNegatives);
        }

        /**
         * Returns the share of observations predicted correctly.
         *
         * @return {@code (TP + TN) / total()} in {@code [0, 1]}, 0 when {@code total()} is 0
         */
        public double accuracy() {
            return ratio(truePositives + trueNegatives, total());
        }

        private static double ratio(long numerator, long denominator) {
            return denominator == 0 ? 0.0 : (double) numerator / denominator;
        }
    }

    /**
     * One equal-width bin of a reliability diagram.
     *
     * <p>An empty bin has {@code count == 0} and NaN means.
     *
     * <p>Instances are immutable and safe for concurrent use.
     *
     * @param lower lower bound of the bin, inclusive
     * @param upper upper bound of the bin, exclusive except for the last bin, which includes 1
     * @param count number of probabilities in the bin, {@code >= 0}
     * @param meanPredicted mean probability in the bin, NaN when the bin is empty
     * @param observedFrequency share of positives in the bin, NaN when the bin is empty
     * @since 0.1.0
     */
    public record ReliabilityBin(double lower, double upper, long count, double meanPredicted,
            double observedFrequency) {

        /**
         * Checks the bounds and the count.
         *
         * @param lower lower bound of the bin
         * @param upper upper bound of the bin
         * @param count number of probabilities in the bin
         * @param meanPredicted mean probability in the bin, NaN when empty
         * @param observedFrequency share of positives in the bin, NaN when empty
         * @throws IllegalArgumentException when {@code lower > upper}, a bound is not finite or
         *     {@code count} is negative
         */
        public ReliabilityBin {
            if (!Double.isFinite(lower) || !Double.isFinite(upper) || lower > upper) {
                throw new IllegalArgumentException("lower must be finite and <= upper (" + upper
                        + "), was " + lower);
            }
            if (count < 0) {
                throw new IllegalArgumentException("count must be >= 0, was " + count);
            }
        }
    }

    /**
     * Counts true/false positives/negatives, predicting positive when {@code score >= threshold}.
     *
     * @param actual observed outcomes, {@code true} = positive; not empty
     * @param scores scores aligned with {@code actual}, finite
     * @param threshold decision threshold, not NaN (infinities allowed: {@code +inf} predicts
     *     nothing positive unless a score equals it, which cannot happen)
     * @return the counts
     * @throws NullPointerException when an array is null
     * @throws IllegalArgumentException when {@code actual} is empty, the lengths differ, a score
     *     is not finite or {@code threshold} is NaN
     */
    public static Confusion confusion(boolean[] actual, double[] scores, double threshold) {
        checkScores(actual, scores, "scores");
        if (Double.isNaN(threshold)) {
            throw new IllegalArgumentException("threshold must not be NaN, was NaN");
        }
        long tp = 0;
        long fp = 0;
        long tn = 0;
        long fn = 0;
        for (int i = 0; i < actual.length; i++) {
            boolean predicted = scores[i] >= threshold;
            if (actual[i]) {
                if (predicted) {
                    tp++;
                } else {
                    fn++;
                }
            } else if (predicted) {
                fp++;
            } else {
                tn++;
            }
        }
        return new Confusion(tp, fp, tn, fn);
    }

    /**
     * Returns the average precision of the ranking given by {@code scores}, as scikit-learn's
     * {@code average_precision_score}.
     *
     * <p>The distinct score values, in descending order, are the thresholds; at the n-th one,
     * {@code P_n} and {@code R_n} are the precision and recall of predicting positive when
     * {@code score >= threshold}, and {@code AP = sum_n (R_n - R_{n-1}) P_n} with
     * {@code R_0 = 0}. Tied scores form a single threshold, so all-equal scores give the base
     * rate. Runs in {@code O(n log n)}.
     *
     * @param actual observed outcomes, {@code true} = positive; not empty
     * @param scores scores aligned with {@code actual}, finite, higher = more likely positive
     * @return the average precision in {@code [0, 1]}; NaN when there is no positive; 1 when every
     *     outcome is positive
     * @throws NullPointerException when an array is null
     * @throws IllegalArgumentException when {@code actual} is empty, the lengths differ or a
     *     score is not finite
     */
    public static double averagePrecision(boolean[] actual, double[] scores) {
        checkScores(actual, scores, "scores");
        Split split = Split.of(actual, scores);
        double[] pos = split.positives;
        double[] neg = split.negatives;
        if (pos.length == 0) {
            return Double.NaN;
        }
        int i = pos.length - 1;
        int j = neg.length - 1;
        long tp = 0;
        long fp = 0;
        double previousRecall = 0.0;
        double ap = 0.0;
        while (i >= 0) {
            double t = j >= 0 ? Math.max(pos[i], neg[j]) : pos[i];
            while (i >= 0 && pos[i] == t) {
                tp++;
                i--;
            }
            while (j >= 0 && neg[j] == t) {
                fp++;
                j--;
            }
            double recall = (double) tp / pos.length;
            double precision = (double) tp / (tp + fp);
            ap += (recall - previousRecall) * precision;
            previousRecall = recall;
        }
        // Thresholds below the lowest positive add no recall, hence nothing to the sum.
        return ap;
    }

    /**
     * Returns the area under the ROC curve: the probability that a randomly drawn positive scores
     * above a randomly drawn negative, a tie counting 1/2.
     *
     * <p>Equal to the Mann–Whitney U statistic of the positives (computed with midranks for ties)
     * divided by {@code positives * negatives}, and to the trapezoidal area under the ROC curve.
     * Computed exactly by one sort and one pass, in {@code O(n log n)}.
     *
     * @param actual observed outcomes, {@code true} = positive; not empty
     * @param scores scores aligned with {@code actual}, finite, higher = more likely positive
     * @return the ROC-AUC in {@code [0, 1]}; NaN when there is no positive or no negative
     * @throws NullPointerException when an array is null
     * @throws IllegalArgumentException when {@code actual} is empty, the lengths differ or a
     *     score is not finite
     */
    public static double rocAuc(boolean[] actual, double[] scores) {
        checkScores(actual, scores, "scores");
        Split split = Split.of(actual, scores);
        double[] pos = split.positives;
        double[] neg = split.negatives;
        if (pos.length == 0 || neg.length == 0) {
            return Double.NaN;
        }
        // Walk thresholds from the top; a group of a positives and b negatives tied at one value
        // wins a * (negatives strictly below) pairs and ties a * b pairs (each worth 1/2).
        // twiceWins <= 2 * P * N <= n^2 / 2 fits in a long for any array length.
        int i = pos.length - 1;
        int j = neg.length - 1;
        long twiceWins = 0;
        while (i >= 0) {
            double t = j >= 0 ? Math.max(pos[i], neg[j]) : pos[i];
            long a = 0;
            long b = 0;
            while (i >= 0 && pos[i] == t) {
                a++;
                i--;
            }
            while (j >= 0 && neg[j] == t) {
                b++;
                j--;
            }
            long below = j + 1L;
            twiceWins += 2 * a * below + a * b;
        }
        return twiceWins / (2.0 * pos.length * neg.length);
    }

    /**
     * Returns the Brier score, the mean squared difference between the forecast probability and
     * the outcome (1 for positive, 0 for negative).
     *
     * @param actual observed outcomes, {@code true} = positive; not empty
     * @param probabilities forecast probabilities of the positive class, in {@code [0, 1]}
     * @return the Brier score in {@code [0, 1]}, 0 for perfect forecasts
     * @throws NullPointerException when an array is null
     * @throws IllegalArgumentException when {@code actual} is empty, the lengths differ or a
     *     probability is outside {@code [0, 1]}
     */
    public static double brierScore(boolean[] actual, double[] probabilities) {
        checkProbabilities(actual, probabilities);
        double sum = 0.0;
        for (int i = 0; i < actual.length; i++) {
            double d = probabilities[i] - (actual[i] ? 1.0 : 0.0);
            sum += d * d;
        }
        return sum / actual.length;
    }

    /**
     * Returns the Brier score of always forecasting the base rate {@code p} (the share of
     * positives): {@code p (1 - p)}.
     *
     * @param actual observed outcomes, {@code true} = positive; not empty
     * @return the climatology Brier score in {@code [0, 0.25]}, 0 when all outcomes are equal
     * @throws NullPointerException when {@code actual} is null
     * @throws IllegalArgumentException when {@code actual} is empty
     */
    public static double climatologyBrier(boolean[] actual) {
        checkActual(actual);
        double p = (double) countPositives(actual) / actual.length;
        return p * (1.0 - p);
    }

    /**
     * Returns the Brier skill score {@code 1 - BS / BS_clim}, the improvement of
     * {@link #brierScore} over {@link #climatologyBrier}.
     *
     * @param actual observed outcomes, {@code true} = positive; not empty
     * @param probabilities forecast probabilities of the positive class, in {@code [0, 1]}
     * @return the skill score in {@code (-inf, 1]}: 1 is perfect, 0 is no better than the base
     *     rate, negative is worse; NaN when all outcomes are equal ({@code BS_clim = 0})
     * @throws NullPointerException when an array is null
     * @throws IllegalArgumentException when {@code actual} is empty, the lengths differ or a
     *     probability is outside {@code [0, 1]}
     */
    public static double brierSkillScore(boolean[] actual, double[] probabilities) {
        double bs = brierScore(actual, probabilities);
        double clim = climatologyBrier(actual);
        return clim == 0.0 ? Double.NaN : 1.0 - bs / clim;
    }

    /**
     * Returns the reliability diagram of the probabilities on {@code bins} equal-width bins of
     * {@code [0, 1]}.
     *
     * <p>Bin {@code k} covers {@code [k / bins, (k + 1) / bins)}; the last bin also includes 1.
     * Every bin is returned, in increasing order, including empty ones (count 0, NaN means).
     *
     * @param actual observed outcomes, {@code true} = positive; not empty
     * @param probabilities forecast probabilities of the positive class, in {@code [0, 1]}
     * @param bins number of bins, {@code >= 1}
     * @return {@code bins} bins, in increasing order of probability
     * @throws NullPointerException when an array is null
     * @throws IllegalArgumentException when {@code actual} is empty, the lengths differ, a
     *     probability is outside {@code [0, 1]} or {@code bins < 1}
     */
    public static List<ReliabilityBin> reliability(boolean[] actual, double[] probabilities,
            int bins) {
        checkProbabilities(actual, probabilities);
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1, was " + bins);
        }
        long[] counts = new long[bins];
        long[] positives = new long[bins];
        double[] sums = new double[bins];
        for (int i = 0; i < actual.length; i++) {
            int k = binOf(probabilities[i], bins);
            counts[k]++;
            sums[k] += probabilities[i];
            if (actual[i]) {
                positives[k]++;
            }
        }
        List<ReliabilityBin> result = new ArrayList<>(bins);
        for (int k = 0; k < bins; k++) {
            double mean = counts[k] == 0 ? Double.NaN : sums[k] / counts[k];
            double observed = counts[k] == 0 ? Double.NaN : (double) positives[k] / counts[k];
            result.add(new ReliabilityBin(lowerBound(k, bins), lowerBound(k + 1, bins), counts[k],
                    mean, observed));
        }
        return List.copyOf(result);
    }

    /**
     * Returns the expected calibration error: the mean over bins of
     * {@code |meanPredicted - observedFrequency|}, weighted by the bin counts, on the bins of
     * {@link #reliability}. Empty bins carry no weight.
     *
     * @param actual observed outcomes, {@code true} = positive; not empty
     * @param probabilities forecast probabilities of the positive class, in {@code [0, 1]}
     * @param bins number of bins, {@code >= 1}
     * @return the error in {@code [0, 1]}, 0 for perfect calibration at that resolution
     * @throws NullPointerException when an array is null
     * @throws IllegalArgumentException when {@code actual} is empty, the lengths differ, a
     *     probability is outside {@code [0, 1]} or {@code bins < 1}
     */
    public static double expectedCalibrationError(boolean[] actual, double[] probabilities,
            int bins) {
        double sum = 0.0;
        for (ReliabilityBin bin : reliability(actual, probabilities, bins)) {
            if (bin.count() > 0) {
                sum += bin.count() * Math.abs(bin.meanPredicted() - bin.observedFrequency());
            }
        }
        return sum / actual.length;
    }

    /** Lower bound of bin {@code k} of {@code bins}; 1 exactly for {@code k == bins}. */
    private static double lowerBound(int k, int bins) {
        return k == bins ? 1.0 : (double) k / bins;
    }

    /** Bin index consistent with the bounds reported by {@link #lowerBound}. */
    private static int binOf(double p, int bins) {
        int k = Math.min((int) (p * bins), bins - 1);
        // p * bins may round across a boundary; align with the reported bounds.
        while (k > 0 && p < lowerBound(k, bins)) {
            k--;
        }
        while (k < bins - 1 && p >= lowerBound(k + 1, bins)) {
            k++;
        }
        return k;
    }

    private static long countPositives(boolean[] actual) {
        long n = 0;
        for (boolean a : actual) {
            if (a) {
                n++;
            }
        }
        return n;
    }

    private static void checkActual(boolean[] actual) {
        Objects.requireNonNull(actual, "actual");
        if (actual.length == 0) {
            throw new IllegalArgumentException("actual must not be empty");
        }
    }

    private static void checkLengths(boolean[] actual, double[] values, String name) {
        Objects.requireNonNull(actual, "actual");
        Objects.requireNonNull(values, name);
        if (actual.length == 0) {
            throw new IllegalArgumentException("actual must not be empty");
        }
        if (values.length != actual.length) {
            throw new IllegalArgumentException(name + " must have the length of actual ("
                    + actual.length + "), was " + values.length);
        }
    }

    private static void checkScores(boolean[] actual, double[] scores, String name) {
        checkLengths(actual, scores, name);
        for (int i = 0; i < scores.length; i++) {
            if (!Double.isFinite(scores[i])) {
                throw new IllegalArgumentException(
                        name + "[" + i + "] must be finite, was " + scores[i]);
            }
        }
    }

    private static void checkProbabilities(boolean[] actual, double[] probabilities) {
        checkLengths(actual, probabilities, "probabilities");
        for (int i = 0; i < probabilities.length; i++) {
            double p = probabilities[i];
            if (!(p >= 0.0 && p <= 1.0)) {
                throw new IllegalArgumentException(
                        "probabilities[" + i + "] must be in [0, 1], was " + p);
            }
        }
    }

    /** Scores of positives and of negatives, each sorted ascending, with -0.0 folded into 0.0. */
    private static final class Split {
        final double[] positives;
        final double[] negatives;

        private Split(double[] positives, double[] negatives) {
            this.positives = positives;
            this.negatives = negatives;
        }

        static Split of(boolean[] actual, double[] scores) {
            int p = (int) countPositives(actual);
            double[] pos = new double[p];
            double[] neg = new double[actual.length - p];
            int ip = 0;
            int in = 0;
            for (int i = 0; i < actual.length; i++) {
                double s = scores[i] + 0.0; // -0.0 + 0.0 == +0.0, so equal scores sort together
                if (actual[i]) {
                    pos[ip++] = s;
                } else {
                    neg[in++] = s;
                }
            }
            Arrays.sort(pos);
            Arrays.sort(neg);
            return new Split(pos, neg);
        }
    }
}
