package fr.territoires.ia.forecasting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.territoires.ia.core.TimeSeries;
import java.time.LocalDate;
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

    @Test
    void logistic_linearPredictor_equalsTribuoWithin1e9OnGaronneFeatures() {
        // Real data: default features of the Garonne at Pont-Neuf, 1990-2004, event "above
        // 2500 mm within 3 days", trained as ExceedanceForecaster trains its logistic candidate.
        TimeSeries s = ForecastingData.garonne("O200004001");
        FeatureMatrix fm = Features.build(s, List.of(), FeatureSpec.defaults(),
                LocalDate.of(1990, 1, 1), LocalDate.of(2004, 12, 28));
        DailyGrid g = DailyGrid.of(s, "s");
        double[][] x = fm.rowsUnsafe();
        boolean[] y = new boolean[x.length];
        int positives = 0;
        for (int i = 0; i < x.length; i++) {
            y[i] = ExceedanceForecaster.label(g, fm.dates().get(i).toEpochDay(), 3, 2500) > 0.5;
            positives += y[i] ? 1 : 0;
        }
        assertTrue(positives > 20 && x.length > 4000, positives + " positives in " + x.length);
        TribuoFits.Classifier c = TribuoFits.logistic(x, y, fm.names(), 5, 42L);
        double[] fast = c.predict(x);
        double[] tribuo = c.tribuoPredict(x);
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            assertTrue(fast[i] >= 0 && fast[i] <= 1, "probability " + fast[i]);
            worst = Math.max(worst, Math.abs(fast[i] - tribuo[i]));
        }
        System.out.printf("logistic: LinearPredictor vs Tribuo on %d rows, max difference %.3g%n",
                x.length, worst);
        assertTrue(worst <= 1e-9, "max difference " + worst);
        // A NaN cell (never produced by Features, which skips such dates): the LinearPredictor
        // path returns NaN, Tribuo's own prediction rejects the example.
        double[][] withNaN = {x[0].clone()};
        withNaN[0][0] = Double.NaN;
        assertTrue(Double.isNaN(c.predict(withNaN)[0]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> c.tribuoPredict(withNaN));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    }
}
