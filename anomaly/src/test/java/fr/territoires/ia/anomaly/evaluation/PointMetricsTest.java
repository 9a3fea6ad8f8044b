package fr.territoires.ia.anomaly.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PointMetricsTest {

    private static final boolean T = true;
    private static final boolean F = false;

    @Test
    void at_mixedCase_matchesHandCounts() {
        // actual    T T F F F
        // predicted T F T F F  -> TP 1, FN 1, FP 1, TN 2
        PointMetrics m = PointMetrics.at(new boolean[] {T, T, F, F, F}, new boolean[] {T, F, T, F, F});
        assertEquals(new PointMetrics(1, 1, 2, 1), m);
        assertEquals(0.5, m.precision());       // 1 / (1 + 1)
        assertEquals(0.5, m.recall());          // 1 / (1 + 1)
        assertEquals(0.5, m.f1());              // 2 / (2 + 1 + 1)
        assertEquals(1.0 / 3.0, m.far(), 1e-15); // 1 / (1 + 2)
        assertEquals(0.5, m.mar());             // 1 / (1 + 1)
        assertEquals(5, m.total());
    }

    @Test
    void at_nothingPredicted_precisionAndF1Zero() {
        PointMetrics m = PointMetrics.at(new boolean[] {T, F}, new boolean[] {F, F});
        assertEquals(0.0, m.precision());
        assertEquals(0.0, m.f1());
        assertEquals(0.0, m.far());
        assertEquals(1.0, m.mar());
    }

    @Test
    void at_noNegativeLabel_farZero() {
        PointMetrics m = PointMetrics.at(new boolean[] {T, T}, new boolean[] {T, F});
        assertEquals(0.0, m.far());
        assertEquals(2.0 / 3.0, m.f1(), 1e-15); // 2 / (2 + 0 + 1)
    }

    @Test
    void at_noPositiveLabel_recallMarAndF1Zero() {
        PointMetrics m = PointMetrics.at(new boolean[] {F, F}, new boolean[] {T, F});
        assertEquals(0.0, m.recall());
        assertEquals(0.0, m.mar());
        assertEquals(0.0, m.f1());
        assertEquals(0.5, m.far());
    }

    @Test
    void bestF1AtFarCap_sweep_picksBestAllowedThreshold() {
        boolean[] actual = {T, T, F, T, F, F};
        double[] scores = {0.9, 0.8, 0.7, 0.6, 0.5, 0.1};
        // threshold 0.9: TP1 FP0 F1 2/4 = 0.5     FAR 0
        // threshold 0.8: TP2 FP0 F1 4/5 = 0.8     FAR 0
        // threshold 0.7: TP2 FP1 F1 4/6 = 0.667   FAR 1/3
        // threshold 0.6: TP3 FP1 F1 6/7 = 0.857   FAR 1/3
        // threshold 0.5: TP3 FP2 F1 6/8 = 0.75    FAR 2/3
        // threshold 0.1: TP3 FP3 F1 6/9 = 0.667   FAR 1
        PointMetrics.Threshold capped = PointMetrics.bestF1AtFarCap(actual, scores, 0.2);
        assertEquals(0.8, capped.threshold());
        assertEquals(new PointMetrics(2, 0, 3, 1), capped.metrics());
        assertEquals(0.8, capped.metrics().f1(), 1e-15);
        PointMetrics.Threshold loose = PointMetrics.bestF1AtFarCap(actual, scores, 0.4);
        assertEquals(0.6, loose.threshold());
        assertEquals(6.0 / 7.0, loose.metrics().f1(), 1e-15);
        assertEquals(0.6, PointMetrics.bestF1AtFarCap(actual, scores, 1.0).threshold());
        assertEquals(0.8, PointMetrics.bestF1AtFarCap(actual, scores, 0.0).threshold());
    }

    @Test
    void bestF1AtFarCap_tiedScoresOverCap_predictsNothing() {
        // Both rows tie at 0.5: the only non-empty prediction flags both, FAR 1 > 0.2.
        PointMetrics.Threshold t = PointMetrics.bestF1AtFarCap(new boolean[] {T, F}, new double[] {0.5, 0.5}, 0.2);
        assertEquals(Double.POSITIVE_INFINITY, t.threshold());
        assertEquals(new PointMetrics(0, 0, 1, 1), t.metrics());
    }

    @Test
    void bestF1AtFarCap_badInput_throwsWithIndexAndValue() {
        assertEquals("scores must have length 3, was 2", assertThrows(IllegalArgumentException.class,
                () -> PointMetrics.bestF1AtFarCap(new boolean[] {T, F, F}, new double[] {1, 2}, 0.2)).getMessage());
        assertEquals("scores[1] must be finite, was NaN", assertThrows(IllegalArgumentException.class,
                () -> PointMetrics.bestF1AtFarCap(new boolean[] {T, F}, new double[] {1, Double.NaN}, 0.2))
                .getMessage());
        assertEquals("farCap must be in [0, 1], was 1.5", assertThrows(IllegalArgumentException.class,
                () -> PointMetrics.bestF1AtFarCap(new boolean[] {T}, new double[] {1}, 1.5)).getMessage());
        assertEquals("actual must not be empty, was length 0", assertThrows(IllegalArgumentException.class,
                () -> PointMetrics.bestF1AtFarCap(new boolean[0], new double[0], 0.2)).getMessage());
        assertThrows(NullPointerException.class, () -> PointMetrics.bestF1AtFarCap(null, new double[0], 0.2));
    }

    @Test
    void at_badInput_throwsWithLengths() {
        assertEquals("predicted must have length 2, was 1", assertThrows(IllegalArgumentException.class,
                () -> PointMetrics.at(new boolean[] {T, F}, new boolean[] {T})).getMessage());
        assertThrows(NullPointerException.class, () -> PointMetrics.at(new boolean[] {T}, null));
    }

    @Test
    void constructor_negativeCount_throwsWithValue() {
        assertEquals("falseNegatives must be >= 0, was -1", assertThrows(IllegalArgumentException.class,
                () -> new PointMetrics(0, 0, 0, -1)).getMessage());
        assertEquals("threshold must not be NaN, was NaN", assertThrows(IllegalArgumentException.class,
                () -> new PointMetrics.Threshold(Double.NaN, new PointMetrics(0, 0, 0, 0))).getMessage());
    }
}
