package fr.territoires.ia.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.territoires.ia.core.metrics.BinaryMetrics.Confusion;
import fr.territoires.ia.core.metrics.BinaryMetrics.ReliabilityBin;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BinaryMetricsTest {

    private static final double EPS = 1e-12;
    private static final boolean T = true;
    private static final boolean F = false;

    // ---------------------------------------------------------------- confusion

    @Test
    void confusion_thresholdInclusive_countsEveryCellAndRatios() {
        boolean[] actual = {T, F, T, F, T, F};
        double[] scores = {0.9, 0.8, 0.4, 0.2, 0.5, 0.5};
        // score >= 0.5 -> predicted positive at indexes 0, 1, 4, 5
        // TP = {0, 4} = 2, FP = {1, 5} = 2, TN = {3} = 1, FN = {2} = 1
        Confusion c = BinaryMetrics.confusion(actual, scores, 0.5);
        assertEquals(new Confusion(2, 2, 1, 1), c);
        assertEquals(6, c.total());
        assertEquals(0.5, c.precision(), EPS);          // 2 / (2 + 2)
        assertEquals(2.0 / 3.0, c.recall(), EPS);       // 2 / (2 + 1)
        assertEquals(4.0 / 7.0, c.f1(), EPS);           // 2*2 / (2*2 + 2 + 1)
        assertEquals(2.0 / 3.0, c.falsePositiveRate(), EPS); // 2 / (2 + 1)
        assertEquals(0.5, c.accuracy(), EPS);           // (2 + 1) / 6
    }

    @Test
    void confusion_nothingPredictedPositive_precisionAndF1Zero() {
        // TP = 0, FP = 0, TN = 1, FN = 1: precision 0/0 -> 0, recall 0/1, f1 0/1
        Confusion c = BinaryMetrics.confusion(new boolean[] {T, F}, new double[] {0.1, 0.2}, 0.5);
        assertEquals(new Confusion(0, 0, 1, 1), c);
        assertEquals(0.0, c.precision());
        assertEquals(0.0, c.recall());
        assertEquals(0.0, c.f1());
        assertEquals(0.0, c.falsePositiveRate()); // 0 / (0 + 1)
        assertEquals(0.5, c.accuracy(), EPS);     // 1 / 2
    }

    @Test
    void confusion_noActualPositive_recallAndPrecisionZero() {
        // TP = 0, FP = 1, TN = 2, FN = 0: recall 0/0 -> 0, precision 0/1, fpr 1/3, acc 2/3
        Confusion c = BinaryMetrics.confusion(new boolean[] {F, F, F},
                new double[] {0.9, 0.1, 0.2}, 0.5);
        assertEquals(new Confusion(0, 1, 2, 0), c);
        assertEquals(0.0, c.precision());
        assertEquals(0.0, c.recall());
        assertEquals(0.0, c.f1());
        assertEquals(1.0 / 3.0, c.falsePositiveRate(), EPS);
        assertEquals(2.0 / 3.0, c.accuracy(), EPS);
    }

    @Test
    void confusion_allZeroCounts_everyRatioZero() {
        Confusion c = new Confusion(0, 0, 0, 0);
        assertEquals(0, c.total());
        assertEquals(0.0, c.precision());
        assertEquals(0.0, c.recall());
        assertEquals(0.0, c.f1());
        assertEquals(0.0, c.falsePositiveRate());
        assertEquals(0.0, c.accuracy());
    }

    @Test
    void confusion_negativeCount_throwsWithNameAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Confusion(1, 0, -2, 0));
        assertEquals("trueNegatives must be >= 0, was -2", e.getMessage());
    }

    @Test
    void confusion_nanThreshold_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BinaryMetrics.confusion(new boolean[] {T}, new double[] {1.0}, Double.NaN));
        assertEquals("threshold must not be NaN, was NaN", e.getMessage());
    }

    // ---------------------------------------------------------------- average precision

    @Test
    void averagePrecision_alternatingLabels_matchesHandComputation() {
        // thresholds 0.9: TP=1 FP=0 R=1/2 P=1   -> (1/2 - 0) * 1   = 0.5
        //            0.8: TP=1 FP=1 R=1/2        -> 0
        //            0.7: TP=2 FP=1 R=1   P=2/3 -> (1 - 1/2) * 2/3 = 1/3
        // AP = 0.5 + 1/3 = 0.8333...
        double ap = BinaryMetrics.averagePrecision(new boolean[] {T, F, T, F},
                new double[] {0.9, 0.8, 0.7, 0.6});
        assertEquals(0.5 + 1.0 / 3.0, ap, EPS);
    }

    @Test
    void averagePrecision_tiedScores_groupsTiesIntoOneThreshold() {
        // thresholds 0.9: TP=0 FP=1 R=0            -> 0
        //            0.8: TP=1 FP=2 R=1/2 P=1/3    -> 1/2 * 1/3 = 1/6
        //            0.3: TP=2 FP=2 R=1   P=1/2    -> 1/2 * 1/2 = 1/4
        // AP = 1/6 + 1/4 = 5/12 (breaking the 0.8 tie positive-first would give 1/2 instead)
        double ap = BinaryMetrics.averagePrecision(new boolean[] {F, T, F, T},
                new double[] {0.9, 0.8, 0.8, 0.3});
        assertEquals(5.0 / 12.0, ap, EPS);
    }

    @Test
    void averagePrecision_allScoresEqual_isBaseRate() {
        // one threshold: R = 1, P = 2/5 -> AP = 2/5
        double ap = BinaryMetrics.averagePrecision(new boolean[] {T, F, F, T, F},
                new double[] {0.3, 0.3, 0.3, 0.3, 0.3});
        assertEquals(0.4, ap, EPS);
    }

    @Test
    void averagePrecision_negativeZeroAndZero_areOneTie() {
        // -0.0 and 0.0 are the same score: one threshold with R = 1, P = 1/2
        double ap = BinaryMetrics.averagePrecision(new boolean[] {T, F},
                new double[] {-0.0, 0.0});
        assertEquals(0.5, ap, EPS);
    }

    @Test
    void averagePrecision_perfectRanking_isOne() {
        double ap = BinaryMetrics.averagePrecision(new boolean[] {F, T, F, T},
                new double[] {0.1, 0.9, 0.2, 0.8});
        assertEquals(1.0, ap, EPS);
    }

    @Test
    void averagePrecision_allPositive_isOne() {
        // precision is 1 at every threshold and recall climbs to 1
        double ap = BinaryMetrics.averagePrecision(new boolean[] {T, T, T},
                new double[] {0.2, 0.7, 0.2});
        assertEquals(1.0, ap, EPS);
    }

    @Test
    void averagePrecision_noPositive_isNaN() {
        assertTrue(Double.isNaN(BinaryMetrics.averagePrecision(new boolean[] {F, F},
                new double[] {0.2, 0.7})));
    }

    // ---------------------------------------------------------------- ROC AUC

    @Test
    void rocAuc_alternatingLabels_countsWinningPairs() {
        // positives {0.9, 0.7}, negatives {0.8, 0.6}
        // 0.9 > 0.8, 0.9 > 0.6, 0.7 < 0.8, 0.7 > 0.6 -> 3 wins of 4 pairs
        double auc = BinaryMetrics.rocAuc(new boolean[] {T, F, T, F},
                new double[] {0.9, 0.8, 0.7, 0.6});
        assertEquals(0.75, auc, EPS);
    }

    @Test
    void rocAuc_ties_countHalfAsMidranks() {
        // positives {0.8, 0.5, 0.5}, negatives {0.5, 0.2}
        // 0.8: beats both = 2; each 0.5: ties 0.5 (1/2) and beats 0.2 (1) = 1.5, twice = 3
        // AUC = (2 + 3) / (3 * 2) = 5/6
        // midranks: 0.2 -> 1, 0.5 x3 -> 3, 0.8 -> 5; rank sum of positives = 5 + 3 + 3 = 11
        // U = 11 - 3*4/2 = 5, AUC = 5/6
        double auc = BinaryMetrics.rocAuc(new boolean[] {T, T, F, T, F},
                new double[] {0.8, 0.5, 0.5, 0.5, 0.2});
        assertEquals(5.0 / 6.0, auc, EPS);
    }

    @Test
    void rocAuc_allScoresEqual_isOneHalf() {
        double auc = BinaryMetrics.rocAuc(new boolean[] {T, F, F, T, F},
                new double[] {1, 1, 1, 1, 1});
        assertEquals(0.5, auc, EPS);
    }

    @Test
    void rocAuc_reversedRanking_isZero() {
        double auc = BinaryMetrics.rocAuc(new boolean[] {T, T, F, F},
                new double[] {-3, -2, 5, 4});
        assertEquals(0.0, auc, EPS);
    }

    @Test
    void rocAuc_oneClassOnly_isNaN() {
        assertTrue(Double.isNaN(BinaryMetrics.rocAuc(new boolean[] {T, T}, new double[] {1, 2})));
        assertTrue(Double.isNaN(BinaryMetrics.rocAuc(new boolean[] {F, F}, new double[] {1, 2})));
    }

    @ParameterizedTest
    @ValueSource(longs = {1L, 2L, 3L, 42L, 2024L})
    void rankingMetrics_randomDataWithTies_matchBruteForce(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = 50 + random.nextInt(150);
        boolean[] actual = new boolean[n];
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            actual[i] = random.nextDouble() < 0.3;
            scores[i] = Math.round(random.nextDouble() * 10) / 10.0; // many ties
        }
        actual[0] = true;
        actual[1] = false;
        assertEquals(bruteForceAuc(actual, scores), BinaryMetrics.rocAuc(actual, scores), 1e-12);
        assertEquals(bruteForceAp(actual, scores),
                BinaryMetrics.averagePrecision(actual, scores), 1e-12);
    }

    @ParameterizedTest
    @ValueSource(longs = {7L, 11L, 13L, 99L})
    void rankingMetrics_increasingTransformAndPermutation_unchanged(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = 200;
        boolean[] actual = new boolean[n];
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            actual[i] = random.nextDouble() < 0.2;
            scores[i] = Math.round(random.nextGaussian() * 20) / 10.0; // ties on a 0.1 grid
        }
        actual[0] = true;
        actual[1] = false;
        double ap = BinaryMetrics.averagePrecision(actual, scores);
        double auc = BinaryMetrics.rocAuc(actual, scores);

        for (DoubleUnaryOperator f : List.<DoubleUnaryOperator>of(
                Math::exp, x -> 3 * x + 100, x -> x * x * x + x)) {
            double[] transformed = new double[n];
            for (int i = 0; i < n; i++) {
                transformed[i] = f.applyAsDouble(scores[i]);
            }
            assertEquals(ap, BinaryMetrics.averagePrecision(actual, transformed), 1e-12);
            assertEquals(auc, BinaryMetrics.rocAuc(actual, transformed), 1e-12);
        }

        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) { // Fisher-Yates
            int j = random.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        boolean[] permutedActual = new boolean[n];
        double[] permutedScores = new double[n];
        for (int i = 0; i < n; i++) {
            permutedActual[i] = actual[order[i]];
            permutedScores[i] = scores[order[i]];
        }
        assertEquals(ap, BinaryMetrics.averagePrecision(permutedActual, permutedScores), 1e-12);
        assertEquals(auc, BinaryMetrics.rocAuc(permutedActual, permutedScores), 1e-12);
    }

    /** Pairwise definition, O(n^2). */
    private static double bruteForceAuc(boolean[] actual, double[] scores) {
        double wins = 0;
        long pairs = 0;
        for (int i = 0; i < actual.length; i++) {
            for (int j = 0; j < actual.length; j++) {
                if (actual[i] && !actual[j]) {
                    pairs++;
                    wins += scores[i] > scores[j] ? 1.0 : scores[i] == scores[j] ? 0.5 : 0.0;
                }
            }
        }
        return wins / pairs;
    }

    /** Definition of scikit-learn, one threshold per distinct score, O(n^2). */
    private static double bruteForceAp(boolean[] actual, double[] scores) {
        double[] thresholds = scores.clone();
        java.util.Arrays.sort(thresholds);
        long positives = 0;
        for (boolean a : actual) {
            positives += a ? 1 : 0;
        }
        double ap = 0;
        double previousRecall = 0;
        for (int k = thresholds.length - 1; k >= 0; k--) {
            if (k < thresholds.length - 1 && thresholds[k] == thresholds[k + 1]) {
                continue;
            }
            Confusion c = BinaryMetrics.confusion(actual, scores, thresholds[k]);
            double recall = (double) c.truePositives() / positives;
            ap += (recall - previousRecall) * c.precision();
            previousRecall = recall;
        }
        return ap;
    }

    // ---------------------------------------------------------------- Brier

    @Test
    void brierScore_handExample_isMeanSquaredError() {
        // (0.8-1)^2 + (0.3-0)^2 + (0.6-1)^2 + (0-0)^2 = 0.04 + 0.09 + 0.16 + 0 = 0.29; / 4
        double bs = BinaryMetrics.brierScore(new boolean[] {T, F, T, F},
                new double[] {0.8, 0.3, 0.6, 0.0});
        assertEquals(0.0725, bs, EPS);
    }

    @Test
    void climatologyBrier_quarterBaseRate_isPTimesOneMinusP() {
        boolean[] actual = {T, F, F, F};
        // p = 1/4 -> p (1 - p) = 3/16 = 0.1875
        assertEquals(0.1875, BinaryMetrics.climatologyBrier(actual), EPS);
        // same as the Brier score of always forecasting p: (0.75^2 + 3 * 0.25^2) / 4 = 0.1875
        assertEquals(0.1875, BinaryMetrics.brierScore(actual,
                new double[] {0.25, 0.25, 0.25, 0.25}), EPS);
    }

    @Test
    void brierSkillScore_handExample_comparesWithClimatology() {
        // BS = 0.0725 (see above), p = 1/2 -> BS_clim = 0.25, BSS = 1 - 0.0725 / 0.25 = 0.71
        double bss = BinaryMetrics.brierSkillScore(new boolean[] {T, F, T, F},
                new double[] {0.8, 0.3, 0.6, 0.0});
        assertEquals(0.71, bss, EPS);
    }

    @Test
    void brierSkillScore_worseThanClimatology_isNegative() {
        // BS = (1 + 1) / 2 = 1, BS_clim = 0.25 -> 1 - 4 = -3
        assertEquals(-3.0, BinaryMetrics.brierSkillScore(new boolean[] {T, F},
                new double[] {0.0, 1.0}), EPS);
    }

    @Test
    void brierSkillScore_allOutcomesEqual_isNaN() {
        boolean[] actual = {T, T, T};
        assertEquals(0.0, BinaryMetrics.climatologyBrier(actual));
        assertTrue(Double.isNaN(BinaryMetrics.brierSkillScore(actual,
                new double[] {0.9, 0.9, 0.9})));
    }

    // ---------------------------------------------------------------- reliability

    @Test
    void reliability_fourBins_handExampleWithEmptyBinAndOne() {
        boolean[] actual = {F, T, T, T, F, F};
        double[] p = {0.1, 0.2, 0.8, 1.0, 0.9, 0.5};
        List<ReliabilityBin> bins = BinaryMetrics.reliability(actual, p, 4);
        assertEquals(4, bins.size());
        // [0, 0.25): 0.1 (F), 0.2 (T) -> mean 0.15, observed 1/2
        assertBin(bins.get(0), 0.0, 0.25, 2, 0.15, 0.5);
        // [0.25, 0.5): empty
        assertEquals(0, bins.get(1).count());
        assertEquals(0.25, bins.get(1).lower());
        assertEquals(0.5, bins.get(1).upper());
        assertTrue(Double.isNaN(bins.get(1).meanPredicted()));
        assertTrue(Double.isNaN(bins.get(1).observedFrequency()));
        // [0.5, 0.75): 0.5 (F), lower bound inclusive -> mean 0.5, observed 0
        assertBin(bins.get(2), 0.5, 0.75, 1, 0.5, 0.0);
        // [0.75, 1]: 0.8 (T), 1.0 (T), 0.9 (F) -> mean 0.9, observed 2/3; p = 1 in the last bin
        assertBin(bins.get(3), 0.75, 1.0, 3, 0.9, 2.0 / 3.0);

        // ECE = (2 |0.15 - 0.5| + 1 |0.5 - 0| + 3 |0.9 - 2/3|) / 6 = (0.7 + 0.5 + 0.7) / 6
        assertEquals(1.9 / 6.0, BinaryMetrics.expectedCalibrationError(actual, p, 4), EPS);
    }

    @Test
    void reliability_boundaryValues_goToBinWhoseLowerBoundTheyEqual() {
        for (int bins = 1; bins <= 100; bins++) {
            for (int k = 0; k < bins; k++) {
                double lower = (double) k / bins;
                List<ReliabilityBin> result = BinaryMetrics.reliability(new boolean[] {T},
                        new double[] {lower}, bins);
                assertEquals(1, result.get(k).count(), "bins=" + bins + ", k=" + k);
                assertEquals(lower, result.get(k).lower());
            }
            assertEquals(1.0, BinaryMetrics.reliability(new boolean[] {T}, new double[] {1.0},
                    bins).get(bins - 1).count());
        }
    }

    @Test
    void expectedCalibrationError_perfectlyCalibratedBins_isZero() {
        // bin [0, 0.5): 0.25 x4 with 1 positive; bin [0.5, 1]: 0.75 x4 with 3 positives
        boolean[] actual = {T, F, F, F, T, T, T, F};
        double[] p = {0.25, 0.25, 0.25, 0.25, 0.75, 0.75, 0.75, 0.75};
        assertEquals(0.0, BinaryMetrics.expectedCalibrationError(actual, p, 2), EPS);
    }

    @Test
    void reliability_zeroBins_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BinaryMetrics.reliability(new boolean[] {T}, new double[] {0.5}, 0));
        assertEquals("bins must be >= 1, was 0", e.getMessage());
    }

    @Test
    void reliabilityBin_invalidBoundsOrCount_throws() {
        assertThrows(IllegalArgumentException.class,
                () -> new ReliabilityBin(0.6, 0.5, 0, Double.NaN, Double.NaN));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ReliabilityBin(0.0, 0.5, -1, Double.NaN, Double.NaN));
        assertEquals("count must be >= 0, was -1", e.getMessage());
    }

    private static void assertBin(ReliabilityBin bin, double lower, double upper, long count,
            double meanPredicted, double observedFrequency) {
        assertEquals(lower, bin.lower(), EPS);
        assertEquals(upper, bin.upper(), EPS);
        assertEquals(count, bin.count());
        assertEquals(meanPredicted, bin.meanPredicted(), EPS);
        assertEquals(observedFrequency, bin.observedFrequency(), EPS);
    }

    // ---------------------------------------------------------------- validation

    @Test
    void anyMetric_nullArrays_throwNullPointerNamingArgument() {
        NullPointerException e1 = assertThrows(NullPointerException.class,
                () -> BinaryMetrics.rocAuc(null, new double[] {1}));
        assertEquals("actual", e1.getMessage());
        NullPointerException e2 = assertThrows(NullPointerException.class,
                () -> BinaryMetrics.averagePrecision(new boolean[] {T}, null));
        assertEquals("scores", e2.getMessage());
        NullPointerException e3 = assertThrows(NullPointerException.class,
                () -> BinaryMetrics.brierScore(new boolean[] {T}, null));
        assertEquals("probabilities", e3.getMessage());
        assertThrows(NullPointerException.class, () -> BinaryMetrics.climatologyBrier(null));
    }

    @Test
    void anyMetric_emptyActual_throws() {
        for (Runnable call : List.<Runnable>of(
                () -> BinaryMetrics.confusion(new boolean[0], new double[0], 0.5),
                () -> BinaryMetrics.averagePrecision(new boolean[0], new double[0]),
                () -> BinaryMetrics.rocAuc(new boolean[0], new double[0]),
                () -> BinaryMetrics.brierScore(new boolean[0], new double[0]),
                () -> BinaryMetrics.climatologyBrier(new boolean[0]),
                () -> BinaryMetrics.brierSkillScore(new boolean[0], new double[0]),
                () -> BinaryMetrics.reliability(new boolean[0], new double[0], 10),
                () -> BinaryMetrics.expectedCalibrationError(new boolean[0], new double[0], 10))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
            assertEquals("actual must not be empty", e.getMessage());
        }
    }

    @Test
    void anyMetric_lengthMismatch_messageNamesBothLengths() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BinaryMetrics.rocAuc(new boolean[] {T, F, T}, new double[] {1, 2}));
        assertEquals("scores must have the length of actual (3), was 2", e.getMessage());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> BinaryMetrics.brierScore(new boolean[] {T}, new double[] {0.1, 0.2}));
        assertEquals("probabilities must have the length of actual (1), was 2", e2.getMessage());
    }

    @Test
    void anyMetric_nonFiniteScore_messageNamesIndexAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BinaryMetrics.averagePrecision(new boolean[] {T, F, T, F},
                        new double[] {0.1, 0.2, 0.3, Double.NaN}));
        assertEquals("scores[3] must be finite, was NaN", e.getMessage());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> BinaryMetrics.rocAuc(new boolean[] {T, F},
                        new double[] {Double.NEGATIVE_INFINITY, 0.2}));
        assertEquals("scores[0] must be finite, was -Infinity", e2.getMessage());
        IllegalArgumentException e3 = assertThrows(IllegalArgumentException.class,
                () -> BinaryMetrics.confusion(new boolean[] {T, F},
                        new double[] {0.3, Double.POSITIVE_INFINITY}, 0.5));
        assertEquals("scores[1] must be finite, was Infinity", e3.getMessage());
    }

    @Test
    void anyMetric_probabilityOutsideUnitInterval_messageNamesIndexAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BinaryMetrics.brierScore(new boolean[] {T, F, T, F},
                        new double[] {0.1, 0.2, 0.3, 1.5}));
        assertEquals("probabilities[3] must be in [0, 1], was 1.5", e.getMessage());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> BinaryMetrics.reliability(new boolean[] {T, F},
                        new double[] {-0.1, 0.2}, 5));
        assertEquals("probabilities[0] must be in [0, 1], was -0.1", e2.getMessage());
        IllegalArgumentException e3 = assertThrows(IllegalArgumentException.class,
                () -> BinaryMetrics.brierSkillScore(new boolean[] {T, F},
                        new double[] {0.5, Double.NaN}));
        assertEquals("probabilities[1] must be in [0, 1], was NaN", e3.getMessage());
    }
}
