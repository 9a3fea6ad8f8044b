package fr.territoires.ia.forecasting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.territoires.ia.core.TimeSeries;
import fr.territoires.ia.core.trust.Explanation;
import fr.territoires.ia.forecasting.synthetic.RiverSimulator;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Explanations of exceedance forecasts: they add up to the model's log-odds. */
class ExplanationsTest {

    @Test
    void contributions_ridgeLogistic_addUpAndLinearInTheStandardisedValue() {
        SplittableRandom r = new SplittableRandom(5);
        int n = 2000;
        double[][] x = new double[n][4];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 4; j++) {
                x[i][j] = r.nextGaussian() * (j + 1);
            }
            y[i] = x[i][0] + 0.5 * x[i][1] + 0.5 * r.nextGaussian() > 1.5;
        }
        RidgeLogistic m = RidgeLogistic.fit(x, y);
        for (double[] row : x) {
            double sum = 0;
            for (double v : m.contributions(row)) {
                sum += v;
            }
            assertEquals(m.logOdds(row), sum, 1e-9);
        }
        // Each feature's contribution is its weight times its standardised value: doubling the
        // distance to the mean doubles it.
        double[] a = m.contributions(new double[] {1, 0, 0, 0});
        double[] b = m.contributions(new double[] {2, 0, 0, 0});
        double[] zero = m.contributions(new double[] {0, 0, 0, 0});
        assertEquals(2 * (a[0] - zero[0]), b[0] - zero[0], 1e-12);
        assertTrue(a[0] > zero[0], "the level raises the log-odds");
    }

    @Test
    void explain_simulatedRiver_alignedWithForecastMonotoneAndImportanceInCard() {
        LocalDate start = LocalDate.of(1998, 1, 1);
        LocalDate cut = LocalDate.of(2009, 12, 31);
        TimeSeries s = RiverSimulator.simulate(start, 15 * 365 + 4, 3.0, 0.02, 2);
        ExceedanceForecaster f = ExceedanceForecaster.fit(s, List.of(), cut,
                ExceedanceForecaster.Options.defaults(1800, 3).withValidationYears(4));
        ExceedanceForecast fc = f.forecast(s, List.of(), cut.plusDays(1));
        List<Explanation> ex = f.explain(s, List.of(), cut.plusDays(1));
        assertEquals(fc.rows().size(), ex.size());
        assertFalse(ex.isEmpty());
        // The calibrated probability is a non-decreasing function of the explained score.
        Integer[] order = new Integer[ex.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (i, j) -> Double.compare(ex.get(i).value(), ex.get(j).value()));
        for (int k = 1; k < order.length; k++) {
            assertTrue(fc.rows().get(order[k]).probability() >= fc.rows().get(order[k - 1]).probability() - 1e-12,
                    "probability must not decrease with the explained score, " + f.chosenModel());
        }
        // Each explanation names the features in the model's order, with their values.
        Explanation e = ex.get(0);
        assertEquals("lag0", e.factors().get(0).feature());
        assertEquals(s.value((int) (cut.plusDays(1).toEpochDay() - start.toEpochDay())),
                e.factors().get(0).featureValue(), 0.0);
        assertTrue(e.toFrench(3, n -> FeatureSpec.label(n, true)).startsWith("log-cote de dépassement"));
        Map<String, Double> importance = f.card().featureImportance();
        assertEquals(e.factors().size(), importance.size(), importance.toString());
        assertEquals(1.0, importance.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
        // Today's level drives a river's exceedance: it is among the three most important features.
        assertTrue(List.copyOf(importance.keySet()).subList(0, 3).stream()
                .anyMatch(n -> n.equals("lag0") || n.startsWith("max") || n.startsWith("mean")), importance.toString());
    }

    @Test
    void label_featureNames_readableInEnglishAndFrench() {
        assertEquals("today's value", FeatureSpec.label("lag0", false));
        assertEquals("valeur 2 jours avant", FeatureSpec.label("lag2", true));
        assertEquals("rise over 1 day", FeatureSpec.label("rise1", false));
        assertEquals("maximum sur 7 jours", FeatureSpec.label("max7", true));
        assertEquals("jour de la semaine : mardi", FeatureSpec.label("dow_1", true));
        assertEquals("day of week: Sunday", FeatureSpec.label("dow_6", false));
        assertEquals("jour férié", FeatureSpec.label("holiday", true));
        assertEquals("rain_mm, 2 days before", FeatureSpec.label("cov0_rain_mm_lag2", false));
        assertEquals("rain_mm du jour", FeatureSpec.label("cov0_rain_mm_lag0", true));
        assertEquals("unknown", FeatureSpec.label("unknown", true));
    }
}
