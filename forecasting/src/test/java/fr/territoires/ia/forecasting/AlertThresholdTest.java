package fr.territoires.ia.forecasting;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AlertThresholdTest {

    // Sorted by probability: 0.9 (event), 0.8 (no), 0.7 (event), 0.6 (no), 0.5 (no), 0.1 (no).
    private static final double[] P = {0.1, 0.5, 0.6, 0.7, 0.8, 0.9};
    private static final boolean[] Y = {false, false, false, true, false, true};

    @Test
    void choose_lowestProbabilityReachingTheTargetPrecision() {
        // Alerts at >= 0.7: 2 events of 3 alerts (precision 0.67); at >= 0.6: 2 of 4 (0.5).
        assertEquals(0.7, AlertThreshold.choose(P, Y, 1.0, 0.6, Double.POSITIVE_INFINITY));
        assertEquals(0.6, AlertThreshold.choose(P, Y, 1.0, 0.5, Double.POSITIVE_INFINITY));
        assertEquals(0.9, AlertThreshold.choose(P, Y, 1.0, 1.0, Double.POSITIVE_INFINITY));
    }

    @Test
    void choose_falseAlertLimitCountedPerYear() {
        // At >= 0.6 there are 2 false alerts: allowed over 2 years at 1 a year, not over 1 year,
        // where >= 0.7 (1 false alert) is the lowest allowed.
        assertEquals(0.6, AlertThreshold.choose(P, Y, 2.0, 0.5, 1.0));
        assertEquals(0.7, AlertThreshold.choose(P, Y, 1.0, 0.5, 1.0));
        assertEquals(0.9, AlertThreshold.choose(P, Y, 1.0, 0.5, 0.5));
    }

    @Test
    void choose_bestF1WhenNoProbabilityReachesTheTarget() {
        boolean[] y = {true, false, false, false, false, false};   // the only event ranks last
        // Precision never reaches 0.9; F1 is best (2/7) when every date is alerted.
        assertEquals(0.1, AlertThreshold.choose(P, y, 1.0, 0.9, Double.POSITIVE_INFINITY));
        assertEquals(1.0, AlertThreshold.choose(new double[0], new boolean[0], 1.0, 0.4,
                Double.POSITIVE_INFINITY));
    }

    @Test
    void choose_tiedProbabilitiesAlertTogether() {
        double[] p = {0.5, 0.5, 0.9};
        boolean[] y = {true, false, true};
        // Alerting at 0.5 alerts both tied dates (precision 2/3), never one of them alone.
        assertEquals(0.5, AlertThreshold.choose(p, y, 1.0, 0.6, Double.POSITIVE_INFINITY));
        assertEquals(0.9, AlertThreshold.choose(p, y, 1.0, 0.7, Double.POSITIVE_INFINITY));
    }
}
