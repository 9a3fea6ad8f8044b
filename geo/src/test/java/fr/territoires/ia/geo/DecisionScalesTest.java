package fr.territoires.ia.geo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DecisionScalesTest {

    /**
     * 90 majority examples (class 0) and 10 rare ones (class 1). The rare ones get p1 = 0.45,
     * never the most probable; 5 majority examples get p1 = 0.3, the other 85 p1 = 0.05.
     */
    private static double[][] rareNeverMostProbable(int[] actual) {
        double[][] p = new double[100][];
        for (int i = 0; i < 100; i++) {
            double p1 = i < 10 ? 0.45 : i < 15 ? 0.3 : 0.05;
            actual[i] = i < 10 ? 1 : 0;
            p[i] = new double[] {1 - p1, p1};
        }
        return p;
    }

    @Test
    void macroF1_argmax_neverPredictsTheRareClass() {
        int[] actual = new int[100];
        double[][] p = rareNeverMostProbable(actual);
        // class 0: 90 right of 90 actual and 100 predicted: 2 * 90 / 190; class 1: 0
        assertEquals((2.0 * 90 / 190 + 0) / 2, DecisionScales.macroF1(p, actual,
                new double[] {1, 1}), 1e-12);
        // scale 1.5: 0.675 > 0.55 for the rare ones, 0.45 < 0.7 for the five: both classes right
        assertEquals(1.0, DecisionScales.macroF1(p, actual, new double[] {1, 1.5}), 1e-12);
    }

    @Test
    void choose_rareClassRankedFirst_firstGridScaleReachingTheBestThenShrunk() {
        int[] actual = new int[100];
        double[][] p = rareNeverMostProbable(actual);
        // 1.5 is the first grid value separating the classes perfectly (3 would also let the
        // five majority examples at 0.3 through: 0.9 > 0.7); the chosen 1.5 is shrunk to its
        // square root
        double[] scales = DecisionScales.choose(p, actual);
        assertArrayEquals(new double[] {1.0, Math.sqrt(1.5)}, scales, 1e-12);
    }

    @Test
    void choose_argmaxAlreadyBest_keepsScalesAtOne() {
        double[][] p = {{0.9, 0.1}, {0.2, 0.8}, {0.7, 0.3}, {0.4, 0.6}};
        int[] actual = {0, 1, 0, 1};
        assertArrayEquals(new double[] {1, 1}, DecisionScales.choose(p, actual), 0.0);
    }

    @Test
    void decide_tie_goesToTheLowerIndex() {
        assertEquals(0, DecisionScales.decide(new double[] {0.4, 0.2, 0.4}, new double[] {1, 1, 1}));
        assertEquals(1, DecisionScales.decide(new double[] {0.4, 0.2, 0.4}, new double[] {1, 2.5, 1}));
        assertEquals(2, DecisionScales.decide(new double[] {0.5, 0.2, 0.3}, new double[] {1, 1, 2}));
    }

    @Test
    void choose_lengthsDiffer_throws() {
        assertThrows(IllegalArgumentException.class,
                () -> DecisionScales.choose(new double[][] {{1, 0}}, new int[] {0, 1}));
    }
}
