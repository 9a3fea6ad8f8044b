package fr.territoires.ia.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RegressionMetricsTest {

    private static final double EPS = 1e-12;

    // errors predicted - actual = [1, 0, -2, 2]
    private static final double[] ACTUAL = {1, 2, 3, 4};
    private static final double[] PREDICTED = {2, 2, 1, 6};

    @Test
    void mae_handExample_isMeanAbsoluteError() {
        // (1 + 0 + 2 + 2) / 4 = 1.25
        assertEquals(1.25, RegressionMetrics.mae(ACTUAL, PREDICTED), EPS);
    }

    @Test
    void rmse_handExample_isRootOfMeanSquare() {
        // sqrt((1 + 0 + 4 + 4) / 4) = sqrt(2.25) = 1.5
        assertEquals(1.5, RegressionMetrics.rmse(ACTUAL, PREDICTED), EPS);
    }

    @Test
    void meanError_handExample_isSignedBias() {
        // (1 + 0 - 2 + 2) / 4 = 0.25 (forecasts too high on average)
        assertEquals(0.25, RegressionMetrics.meanError(ACTUAL, PREDICTED), EPS);
        assertEquals(-0.25, RegressionMetrics.meanError(PREDICTED, ACTUAL), EPS);
    }

    @Test
    void perfectForecast_allErrorsZero() {
        assertEquals(0.0, RegressionMetrics.mae(ACTUAL, ACTUAL));
        assertEquals(0.0, RegressionMetrics.rmse(ACTUAL, ACTUAL));
        assertEquals(0.0, RegressionMetrics.meanError(ACTUAL, ACTUAL));
    }

    @Test
    void mase_seasonalityOne_scalesByNaiveMae() {
        // in-sample 1, 3, 2, 5: |3-1| + |2-3| + |5-2| = 2 + 1 + 3 = 6 over 3 pairs -> scale 2
        // MASE = 1.25 / 2 = 0.625
        assertEquals(0.625, RegressionMetrics.mase(ACTUAL, PREDICTED,
                new double[] {1, 3, 2, 5}, 1), EPS);
    }

    @Test
    void mase_seasonalityTwo_scalesBySeasonalNaiveMae() {
        // in-sample 1, 3, 2, 5, 4, 9 at lag 2:
        // |2-1| + |5-3| + |4-2| + |9-5| = 1 + 2 + 2 + 4 = 9 over 4 pairs -> scale 9/4
        // MASE = 1.25 / 2.25 = 5/9
        assertEquals(5.0 / 9.0, RegressionMetrics.mase(ACTUAL, PREDICTED,
                new double[] {1, 3, 2, 5, 4, 9}, 2), EPS);
    }

    @Test
    void mase_nanInSample_skipsPairsWithNaN() {
        // in-sample 1, NaN, 2, 5 at lag 1: (1, NaN) and (NaN, 2) skipped, |5-2| = 3 -> scale 3
        // MASE = 1.25 / 3
        assertEquals(1.25 / 3.0, RegressionMetrics.mase(ACTUAL, PREDICTED,
                new double[] {1, Double.NaN, 2, 5}, 1), EPS);
    }

    @Test
    void mase_zeroScale_throws() {
        // 1, 2, 1, 2 repeats itself exactly at lag 2 (fine at lag 1: scale 1)
        double[] inSample = {1, 2, 1, 2};
        assertEquals(1.25, RegressionMetrics.mase(ACTUAL, PREDICTED, inSample, 1), EPS);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RegressionMetrics.mase(ACTUAL, PREDICTED, inSample, 2));
        assertEquals("inSample seasonal naive MAE (lag 2) must be > 0, was 0.0", e.getMessage());
    }

    @Test
    void mase_noValidPair_throws() {
        IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class,
                () -> RegressionMetrics.mase(ACTUAL, PREDICTED, new double[] {1, 2}, 2));
        assertEquals("inSample must have at least one pair of non-NaN values at lag 2, "
                + "was none among 2 values", tooShort.getMessage());
        IllegalArgumentException allNan = assertThrows(IllegalArgumentException.class,
                () -> RegressionMetrics.mase(ACTUAL, PREDICTED,
                        new double[] {1, Double.NaN, 3}, 1));
        assertEquals("inSample must have at least one pair of non-NaN values at lag 1, "
                + "was none among 3 values", allNan.getMessage());
    }

    @Test
    void mase_invalidSeasonalityOrInfiniteInSample_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RegressionMetrics.mase(ACTUAL, PREDICTED, new double[] {1, 2, 3}, 0));
        assertEquals("seasonality must be >= 1, was 0", e.getMessage());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> RegressionMetrics.mase(ACTUAL, PREDICTED,
                        new double[] {1, 2, Double.POSITIVE_INFINITY}, 1));
        assertEquals("inSample[2] must be finite or NaN, was Infinity", e2.getMessage());
        assertThrows(NullPointerException.class,
                () -> RegressionMetrics.mase(ACTUAL, PREDICTED, null, 1));
    }

    @Test
    void intervalCoverage_boundsIncluded_countsInsideShare() {
        double[] actual = {1, 2, 3, 4, 5};
        double[] lower = {0, 2, 3.5, 3, 6};
        double[] upper = {2, 3, 4, 4, 7};
        // 1 in [0, 2] yes; 2 in [2, 3] yes (lower bound); 3 in [3.5, 4] no;
        // 4 in [3, 4] yes (upper bound); 5 in [6, 7] no -> 3/5
        assertEquals(0.6, RegressionMetrics.intervalCoverage(actual, lower, upper), EPS);
        // widths 2, 1, 0.5, 1, 1 -> 5.5 / 5 = 1.1
        assertEquals(1.1, RegressionMetrics.meanIntervalWidth(lower, upper), EPS);
    }

    @Test
    void intervalCoverage_degenerateIntervals_coverOnlyExactValues() {
        // lower == upper: covered only when equal to the actual value -> 1/2, width 0
        double[] bounds = {1, 5};
        assertEquals(0.5, RegressionMetrics.intervalCoverage(new double[] {1, 2}, bounds,
                bounds), EPS);
        assertEquals(0.0, RegressionMetrics.meanIntervalWidth(bounds, bounds));
    }

    @Test
    void intervalCoverage_lowerAboveUpper_throwsNamingIndex() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RegressionMetrics.intervalCoverage(new double[] {1, 1, 1},
                        new double[] {0, 0, 2}, new double[] {2, 2, 1}));
        assertEquals("lower[2] must be <= upper[2] (1.0), was 2.0", e.getMessage());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> RegressionMetrics.meanIntervalWidth(new double[] {3}, new double[] {2}));
        assertEquals("lower[0] must be <= upper[0] (2.0), was 3.0", e2.getMessage());
    }

    @Test
    void anyMetric_nanValue_throwsNamingIndexAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RegressionMetrics.mae(new double[] {1, Double.NaN}, new double[] {1, 2}));
        assertEquals("actual[1] must be finite, was NaN", e.getMessage());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> RegressionMetrics.rmse(new double[] {1, 2},
                        new double[] {Double.NaN, 2}));
        assertEquals("predicted[0] must be finite, was NaN", e2.getMessage());
        IllegalArgumentException e3 = assertThrows(IllegalArgumentException.class,
                () -> RegressionMetrics.meanError(new double[] {1, 2},
                        new double[] {1, Double.NEGATIVE_INFINITY}));
        assertEquals("predicted[1] must be finite, was -Infinity", e3.getMessage());
        IllegalArgumentException e4 = assertThrows(IllegalArgumentException.class,
                () -> RegressionMetrics.intervalCoverage(new double[] {1, 2},
                        new double[] {0, 0}, new double[] {3, Double.NaN}));
        assertEquals("upper[1] must be finite, was NaN", e4.getMessage());
    }

    @Test
    void anyMetric_lengthMismatch_messageNamesBothLengths() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RegressionMetrics.mae(ACTUAL, new double[] {1, 2, 3}));
        assertEquals("predicted must have the length of actual (4), was 3", e.getMessage());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> RegressionMetrics.intervalCoverage(ACTUAL, new double[] {0, 0, 0, 0},
                        new double[] {9}));
        assertEquals("upper must have the length of actual (4), was 1", e2.getMessage());
        IllegalArgumentException e3 = assertThrows(IllegalArgumentException.class,
                () -> RegressionMetrics.meanIntervalWidth(new double[] {0}, new double[] {1, 2}));
        assertEquals("upper must have the length of lower (1), was 2", e3.getMessage());
    }

    @Test
    void anyMetric_emptyOrNull_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RegressionMetrics.rmse(new double[0], new double[0]));
        assertEquals("actual must not be empty", e.getMessage());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> RegressionMetrics.meanIntervalWidth(new double[0], new double[0]));
        assertEquals("lower must not be empty", e2.getMessage());
        NullPointerException npe = assertThrows(NullPointerException.class,
                () -> RegressionMetrics.mae(ACTUAL, null));
        assertEquals("predicted", npe.getMessage());
    }
}
