package fr.territoires.ia.forecasting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TribuoFitsTest {

    @Test
    void xgboost_compiledPrediction_equalsTribuoWithin1e6() {
        SplittableRandom r = new SplittableRandom(3);
        int n = 3000;
        double[][] x = new double[n][4];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 4; j++) {
                x[i][j] = r.nextGaussian() * (j + 1);
            }
            // A rare event driven by the level and its rise, as in the flood features.
            y[i] = x[i][0] + 0.5 * x[i][1] + 0.3 * r.nextGaussian() > 2.0;
        }
        TribuoFits.Classifier c = TribuoFits.xgboost(x, y, List.of("level", "rise_1", "max_7", "doy_sin"), 100, 3,
                1.0, 42L);
        double[] compiled = c.predict(x);
        double[] tribuo = c.tribuoPredict(x);
        assertEquals(n, compiled.length);
        double worst = 0;
        for (int i = 0; i < n; i++) {
            worst = Math.max(worst, Math.abs(compiled[i] - tribuo[i]));
        }
        assertTrue(worst <= 1e-6, "max difference " + worst);
    }
}
