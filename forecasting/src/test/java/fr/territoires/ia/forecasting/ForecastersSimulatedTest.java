package fr.territoires.ia.forecasting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.territoires.ia.core.TimeSeries;
import fr.territoires.ia.forecasting.synthetic.RiverSimulator;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForecastersSimulatedTest {

    private static final LocalDate START = LocalDate.of(1998, 1, 1);
    private static final LocalDate CUT = LocalDate.of(2009, 12, 31);

    private static TimeSeries river(long seed) {
        return RiverSimulator.simulate(START, 15 * 365 + 4, 3.0, 0.02, seed);
    }

    private static ExceedanceForecaster.Options options() {
        return ExceedanceForecaster.Options.defaults(1800, 3).withValidationYears(4);
    }

    @Test
    void fit_valuesAfterCutoffChanged_sameModelAndForecasts() {
        TimeSeries a = river(1);
        double[] v = a.values();
        int cutIndex = (int) (CUT.toEpochDay() - START.toEpochDay());
        for (int i = cutIndex + 1; i < v.length; i++) {
            v[i] = 5000 - v[i];
        }
        TimeSeries b = a.withValues(v);
        ExceedanceForecaster fa = ExceedanceForecaster.fit(a, List.of(), CUT, options());
        ExceedanceForecaster fb = ExceedanceForecaster.fit(b, List.of(), CUT, options());
        assertEquals(fa.card(), fb.card());
        assertEquals(fa.chosenModel(), fb.chosenModel());
        assertEquals(fa.alertThreshold(), fb.alertThreshold(), 0.0);
        LocalDate from = CUT.minusDays(400);
        List<ExceedanceForecast.Row> ra = fa.forecast(a, List.of(), from).rows();
        List<ExceedanceForecast.Row> rb = fb.forecast(b, List.of(), from).rows();
        List<ExceedanceForecast.Row> upToCut = ra.stream()
                .filter(r -> !r.date().isAfter(CUT)).toList();
        assertEquals(upToCut, rb.stream().filter(r -> !r.date().isAfter(CUT)).toList());
        assertFalse(upToCut.isEmpty());
    }

    @Test
    void fit_sameSeed_sameForecasts() {
        TimeSeries s = river(2);
        ExceedanceForecast f1 = ExceedanceForecaster.fit(s, List.of(), CUT, options())
                .forecast(s, List.of(), CUT.plusDays(1));
        ExceedanceForecast f2 = ExceedanceForecaster.fit(s, List.of(), CUT, options())
                .forecast(s, List.of(), CUT.plusDays(1));
        assertEquals(f1, f2);
        Backtests.ExceedanceReport r = Backtests.evaluate(f1, s, 1800, 3);
        System.out.printf("simulated river: AP=%.3f persistence=%.3f Brier=%.5f clim=%.5f%n",
                r.averagePrecision(), r.persistenceAveragePrecision(), r.brier(),
                r.climatologyBrier());
        assertTrue(r.brier() < r.climatologyBrier());
        for (ExceedanceForecast.Row row : f1.rows()) {
            assertTrue(row.probability() >= 0 && row.probability() <= 1);
        }
    }

    @Test
    void levelForecaster_simulatedRiver_conformalCoverageNearNominal() {
        TimeSeries s = river(3);
        LevelForecaster f = LevelForecaster.fit(s, List.of(), CUT,
                LevelForecaster.Options.defaults(2).withValidationYears(4));
        Forecast fc = f.forecast(s, List.of(), CUT.plusDays(1));
        List<Backtests.LevelReport> reports = Backtests.evaluate(fc, s, Double.NEGATIVE_INFINITY);
        for (Backtests.LevelReport r : reports) {
            System.out.printf("simulated level h=%d: coverage=%.3f MAE=%.1f persistence=%.1f%n",
                    r.horizon(), r.coverage(), r.mae(), r.persistenceMae());
            assertTrue(r.coverage() >= 0.85 && r.coverage() <= 0.95, "coverage " + r);
        }
        Forecast.Row first = fc.rows().get(0);
        assertEquals(CUT.plusDays(1), first.date());
        assertEquals(1, first.horizon());
        assertTrue(first.lower() <= first.forecast() && first.forecast() <= first.upper());
    }

    @Test
    void recommendedValidationYears_recordLengths_halfTheYearsBetweenOneAndTen() {
        // 15 years of river, cut-off after 12 years: 12 / 2 = 6.
        assertEquals(6, ExceedanceForecaster.Options.recommendedValidationYears(river(4), CUT));
        // 3 years: 3 / 2 = 1; 100 days: 0 years, raised to 1.
        assertEquals(1, ExceedanceForecaster.Options.recommendedValidationYears(river(4),
                START.plusYears(3).plusDays(1)));
        assertEquals(1, ExceedanceForecaster.Options.recommendedValidationYears(river(4),
                START.plusDays(100)));
        // 15 years with a cut-off 60 years later: 60 / 2 = 30, capped at 10.
        assertEquals(10, ExceedanceForecaster.Options.recommendedValidationYears(river(4),
                START.plusYears(60).plusDays(20)));
    }

    @Test
    void recommendedValidationYears_noValueBeforeCutoff_throwsWithFirstDate() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExceedanceForecaster.Options.recommendedValidationYears(river(4), START));
        assertEquals("series must have an observed value before 1998-01-01, was first on "
                + "1998-01-01", e.getMessage());
    }

    @Test
    void options_badHorizon_throwsWithValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExceedanceForecaster.Options.defaults(1, 0));
        assertEquals("horizon must be in [1, 60], was 0", e.getMessage());
    }

    @Test
    void row_probabilityAboveOne_throwsWithValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ExceedanceForecast.Row(CUT, 1.5, true));
        assertEquals("probability must be in [0, 1], was 1.5", e.getMessage());
    }
}
