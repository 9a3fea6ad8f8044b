package fr.territoires.ia.forecasting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CalibratorTest {

    private static final double[] SCORES = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8};
    private static final boolean[] LABELS = {false, true, false, false, true, false, true, true};

    @Test
    void isotonic_violatorsPooled_monotoneWithStrictTieBreak() {
        Calibrator c = Calibrator.isotonic(SCORES, LABELS);
        // PAV: 0 | (1,0,0) -> 1/3 | (1,0) -> 1/2 | 1 | 1; interpolated between block centres
        double prev = -1;
        for (double s = 0.0; s <= 0.9; s += 0.01) {
            double p = c.apply(s);
            assertTrue(p > prev, "strictly increasing at " + s);
            assertTrue(p >= 0 && p <= 1);
            prev = p;
        }
        // block (0.2, 0.3, 0.4) has centre 0.3 and value 1/3 (up to the 1e-4 tie-break)
        assertEquals(1.0 / 3, c.apply(0.3), 1e-4);
        assertEquals(0.5, c.apply(0.55), 1e-4);
    }

    @Test
    void platt_monotoneAndBetweenBaseRates() {
        Calibrator c = Calibrator.platt(SCORES, LABELS);
        assertTrue(c.apply(0.1) < c.apply(0.5) && c.apply(0.5) < c.apply(0.8));
        assertTrue(c.apply(0.1) > 0 && c.apply(0.8) < 1);
    }
}
