package fr.territoires.ia.forecasting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.territoires.ia.core.TimeSeries;
import fr.territoires.ia.forecasting.synthetic.RiverSimulator;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** One model for a network of series, the rolling-origin rule and the logistic regression. */
class NetworkForecastTest {

    private static final LocalDate START = LocalDate.of(1995, 1, 1);
    private static final LocalDate CUT = LocalDate.of(2009, 12, 31);

    private static TimeSeries river(String name, long seed) {
        TimeSeries s = RiverSimulator.simulate(START, 17 * 365, 3.0, 0.02, seed);
        long[] t = new long[s.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = s.timestamp(i).toEpochMilli();
        }
        return TimeSeries.of(name, t, s.values(), java.time.ZoneOffset.UTC);
    }

    @Test
    void forecast_lastWeeksOnly_sameProbabilityAsWholeRecord() {
        TimeSeries s = river("r", 3);
        ExceedanceForecaster f = ExceedanceForecaster.fit(s, List.of(), CUT,
                ExceedanceForecaster.Options.defaults(1800, 3).withValidationYears(5));
        LocalDate last = s.localDateTime(s.size() - 1).toLocalDate();
        TimeSeries recent = s.slice(s.size() - 64, s.size());
        double whole = f.forecast(s, List.of(), last).rows().get(0).probability();
        double tail = f.forecast(recent, List.of(), last).rows().get(0).probability();
        assertEquals(whole, tail, 0.0);
    }

    @Test
    void fitNetwork_threeRivers_oneForecastPerSeriesInOrderAndUnseenSeriesForecast() {
        List<TimeSeries> network = List.of(river("c", 5), river("a", 6), river("b", 7));
        ExceedanceForecaster f = ExceedanceForecaster.fitNetwork(network, List.of(), CUT,
                ExceedanceForecaster.Options.defaults(1800, 3).withValidationYears(5));
        Map<String, ExceedanceForecast> fc = f.forecastNetwork(network, List.of(), CUT.plusDays(1));
        assertEquals(List.of("c", "a", "b"), List.copyOf(fc.keySet()));
        for (ExceedanceForecast e : fc.values()) {
            assertFalse(e.rows().isEmpty());
            assertEquals(f.alertThreshold(), e.alertThreshold());
        }
        assertTrue(f.card().details().description().contains("one model for the whole network"),
                f.card().details().description());
        // A river the model never saw, forecast with the network's state of each day.
        List<TimeSeries> withNew = List.of(network.get(0), network.get(1), network.get(2), river("new", 8));
        Backtests.ExceedanceReport r = Backtests.evaluate(
                Map.of("new", f.forecastNetwork(withNew, List.of(), CUT.plusDays(1)).get("new")),
                List.of(withNew.get(3)), 1800, 3);
        assertTrue(r.dates() > 600, r.toString());
        assertTrue(r.brier() < r.climatologyBrier(), r.toString());
    }

    @Test
    void fitNetwork_shortRecord_borrowsStrengthFromTheOthers() {
        // A gauge opened a year before the cut-off: alone, too short to learn anything.
        TimeSeries full = river("short", 9);
        double[] v = full.values();
        long opened = CUT.minusYears(1).toEpochDay() - START.toEpochDay();
        for (int i = 0; i < opened; i++) {
            v[i] = Double.NaN;
        }
        TimeSeries shortRecord = full.withValues(v);
        List<TimeSeries> network = List.of(river("a", 5), river("b", 6), river("c", 7), shortRecord);
        ExceedanceForecaster.Options o = ExceedanceForecaster.Options.defaults(1800, 3).withValidationYears(5);
        ExceedanceForecaster f = ExceedanceForecaster.fitNetwork(network, List.of(), CUT, o);
        ExceedanceForecast fc = f.forecastNetwork(network, List.of(), CUT.plusDays(1)).get("short");
        Backtests.ExceedanceReport r = Backtests.evaluate(Map.of("short", fc), List.of(shortRecord), 1800, 3);
        assertTrue(r.brier() < r.climatologyBrier(), r.toString());
        assertTrue(r.averagePrecision() >= r.persistenceAveragePrecision() - 1e-12, r.toString());
        assertEquals(1.0, r.coverage());
    }

    @Test
    void fitNetwork_badNetworks_refusedNamingTheRule() {
        TimeSeries a = river("a", 5);
        ExceedanceForecaster.Options o = ExceedanceForecaster.Options.defaults(1800, 3);
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class,
                () -> ExceedanceForecaster.fitNetwork(List.of(a, a), List.of(), CUT, o));
        assertTrue(dup.getMessage().contains("distinct names"), dup.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> ExceedanceForecaster.fitNetwork(List.of(), List.of(), CUT, o));
        assertTrue(none.getMessage().contains("at least one series"), none.getMessage());
    }

    @Test
    void decide_complexWinsClearlyOnTheMean_chosenOtherwiseSimplerKept() {
        boolean[] y = {false, true, false, true, false, false};
        double[] weak = {0.6, 0.5, 0.4, 0.3, 0.2, 0.1};
        double[] perfect = {0.1, 0.9, 0.2, 0.8, 0.3, 0.0};
        // AP: weak ranks the events 2nd and 4th, 0.5; perfect ranks them first, 1.0.
        List<boolean[]> ys = List.of(y, y, y);
        RollingOrigin.Decision twoOfThree = RollingOrigin.decide(ys, List.of(weak, weak, weak),
                List.of(perfect, perfect, weak));
        assertTrue(twoOfThree.complexChosen(), "wins 2 of 3 with a large mean margin");
        assertEquals(2, twoOfThree.wins());
        RollingOrigin.Decision oneOfThree = RollingOrigin.decide(ys, List.of(weak, weak, weak),
                List.of(perfect, weak, weak));
        assertTrue(oneOfThree.complexChosen(), "the margin on the mean decides, not the wins: "
                + oneOfThree);
        assertEquals(1, oneOfThree.wins());
        // 20 dates, events ranked 2nd and 10th (AP 0.35) or 2nd and 9th (AP 0.361, 1.03 times).
        boolean[] y20 = new boolean[20];
        y20[1] = true;
        y20[9] = true;
        double[] tenth = new double[20];
        for (int i = 0; i < 20; i++) {
            tenth[i] = 20 - i;
        }
        double[] ninth = tenth.clone();
        ninth[8] = tenth[9];
        ninth[9] = tenth[8];
        RollingOrigin.Decision small = RollingOrigin.decide(List.of(y20, y20, y20),
                List.of(tenth, tenth, tenth), List.of(ninth, ninth, ninth));
        assertEquals(3, small.wins());
        assertTrue(small.complex() < RollingOrigin.MARGIN * small.simpler()
                        && small.complex() > small.simpler(), small.toString());
        assertFalse(small.complexChosen(), "wins every origin, under the margin: " + small);
        assertFalse(RollingOrigin.decide(List.of(y), List.of(weak), List.of(perfect)).complexChosen(),
                "one scored origin is not evidence");
        boolean[] none = {false, false, false, false, false, false};
        RollingOrigin.Decision d = RollingOrigin.decide(List.of(none, y, y), List.of(weak, weak, weak),
                List.of(perfect, perfect, perfect));
        assertEquals(2, d.scored());
        assertTrue(d.complexChosen());
    }

    @Test
    void ridgeLogistic_fit_gradientOfPenalisedLossIsZeroAndMissingValuesFlagged() {
        Random random = new Random(1);
        int n = 400;
        double[][] x = new double[n][2];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = random.nextGaussian() * 3 + 10;
            x[i][1] = random.nextDouble() < 0.2 ? Double.NaN : random.nextGaussian();
            double t = 1.5 * (x[i][0] - 10) / 3 - (Double.isNaN(x[i][1]) ? 1.0 : 0.0);
            y[i] = random.nextDouble() < 1 / (1 + Math.exp(-t));
        }
        RidgeLogistic m = RidgeLogistic.fit(x, y);
        // First-order optimality in the standardised space: d/dw = sum (p - y) z + w = 0, checked
        // numerically on the intercept through the contributions' last entry.
        double gIntercept = 0;
        for (int i = 0; i < n; i++) {
            gIntercept += RidgeLogistic.sigmoid(m.logOdds(x[i])) - (y[i] ? 1 : 0);
            double[] c = m.contributions(x[i]);
            assertEquals(m.logOdds(x[i]), c[0] + c[1] + c[2], 1e-9);
        }
        assertEquals(0.0, gIntercept, 1e-6);
        // The level raises the log-odds; a missing second feature lowers it (its indicator).
        assertTrue(m.weights()[0] > 0.5, java.util.Arrays.toString(m.weights()));
        double present = m.logOdds(new double[] {10, 0});
        double missing = m.logOdds(new double[] {10, Double.NaN});
        assertTrue(missing < present - 0.3, present + " vs " + missing);
        assertThrows(IllegalArgumentException.class, () -> RidgeLogistic.fit(x, new boolean[n]));
    }
}
