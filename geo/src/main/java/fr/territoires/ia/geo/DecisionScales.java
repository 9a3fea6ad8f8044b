package fr.territoires.ia.geo;

import java.util.Arrays;
import java.util.Objects;

/**
 * Per-class decision scales of a classifier: the class predicted for probabilities {@code p} is
 * the one of highest {@code scale[c] · p[c]} (ties to the lower index), rather than the most
 * probable one. Scales above 1 let rare classes be predicted below a probability of one half,
 * which raises their F1 when the model ranks them well but never makes them most probable.
 *
 * <p>The scales are chosen on out-of-fold probabilities of the training data to maximise their
 * macro-F1: class by class (the first, majority class keeps scale 1), two passes of coordinate
 * ascent over {@link #GRID}, a change kept only when it raises the macro-F1. With classes of a
 * few examples the chosen scale is noisy, so it is shrunk halfway towards 1 on a logarithmic
 * scale (its square root is kept): a hedge between the inner estimate and the model's own most
 * probable class.
 *
 * <p>Stateless; thread-safe.
 */
final class DecisionScales {

    /** Scales tried for each class. */
    static final double[] GRID = {1, 1.5, 2, 3, 4, 6, 8, 12, 16};

    /** Share of the chosen log-scale that is kept. */
    static final double SHRINK = 0.5;

    private static final int PASSES = 2;

    private DecisionScales() {
    }

    /**
     * Chooses the scales.
     *
     * @param probabilities out-of-fold probabilities, one row per example, one column per class
     * @param actual class index of each example
     * @return one scale per class, the first 1, all {@code >= 1}
     */
    static double[] choose(double[][] probabilities, int[] actual) {
        Objects.requireNonNull(probabilities, "probabilities");
        Objects.requireNonNull(actual, "actual");
        if (probabilities.length != actual.length) {
            throw new IllegalArgumentException("probabilities and actual must have equal lengths, "
                    + "were " + probabilities.length + " and " + actual.length);
        }
        int k = probabilities.length == 0 ? 0 : probabilities[0].length;
        double[] scales = new double[k];
        Arrays.fill(scales, 1.0);
        double best = macroF1(probabilities, actual, scales);
        for (int pass = 0; pass < PASSES; pass++) {
            for (int c = 1; c < k; c++) {
                double chosen = scales[c];
                for (double v : GRID) {
                    scales[c] = v;
                    double m = macroF1(probabilities, actual, scales);
                    if (m > best + 1e-12) {
                        best = m;
                        chosen = v;
                    }
                }
                scales[c] = chosen;
            }
        }
        for (int c = 0; c < k; c++) {
            scales[c] = Math.pow(scales[c], SHRINK);
        }
        return scales;
    }

    /**
     * Returns the class of highest scaled probability, ties to the lower index.
     *
     * @param probabilities probabilities of one example, indexed like {@code scales}
     * @param scales decision scales
     * @return the decided class index
     */
    static int decide(double[] probabilities, double[] scales) {
        int best = 0;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < scales.length; c++) {
            double v = scales[c] * probabilities[c];
            if (v > bestValue) {
                bestValue = v;
                best = c;
            }
        }
        return best;
    }

    /**
     * Macro-F1 of the decisions: the mean over classes of {@code 2 TP / (actual + predicted)},
     * 0 for a class neither present nor predicted.
     */
    static double macroF1(double[][] probabilities, int[] actual, double[] scales) {
        int k = scales.length;
        int[] tp = new int[k];
        int[] predicted = new int[k];
        int[] present = new int[k];
        for (int i = 0; i < probabilities.length; i++) {
            int d = decide(probabilities[i], scales);
            predicted[d]++;
            present[actual[i]]++;
            if (actual[i] == d) {
                tp[d]++;
            }
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
            int denominator = present[c] + predicted[c];
            sum += denominator == 0 ? 0.0 : 2.0 * tp[c] / denominator;
        }
        return k == 0 ? 0.0 : sum / k;
    }
}
