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

/** Rare events missing from part of the record: calibrated persistence, said in the card. */
class ExceedanceFallbackTest {

    private static final LocalDate START = LocalDate.of(2000, 1, 1);
    private static final LocalDate CUT = LocalDate.of(2011, 12, 31);

    /** A simulated river whose floods (above 2500) all come in the last years of training. */
    private static TimeSeries lateFloods() {
        TimeSeries s = RiverSimulator.simulate(START, 14 * 365, 3.0, 0.0, 4L);
        double[] v = s.values();
        int lateFrom = (int) (LocalDate.of(2008, 1, 1).toEpochDay() - START.toEpochDay());
        for (int i = 0; i < lateFrom; i++) {
            v[i] = Math.min(v[i], 2400);
        }
        return s.withValues(v);
    }

    @Test
    void fit_oneOriginWithFloods_keepsPersistenceWithCaveat() {
        TimeSeries s = lateFloods();
        // One yearly origin (2011): too little evidence to replace persistence, whatever it shows.
        ExceedanceForecaster f = ExceedanceForecaster.fit(s, List.of(), CUT,
                ExceedanceForecaster.Options.defaults(2500, 3).withValidationYears(1));
        assertEquals(ExceedanceForecaster.PERSISTENCE, f.chosenModel());
        assertTrue(f.validation()[2] <= 1, "scored origins");
        String caveat = f.card().caveats().get(0);
        assertTrue(caveat.startsWith("Only " + (int) f.validation()[2] + " yearly origin(s) could be scored"), caveat);
        ExceedanceForecast fc = f.forecast(s, List.of(), CUT.plusDays(1));
        assertFalse(fc.rows().isEmpty());
        // Calibrated persistence: the probability does not decrease with today's level.
        DailyGrid g = DailyGrid.of(s, "s");
        List<ExceedanceForecast.Row> rows = fc.rows().stream()
                .sorted((a, b) -> Double.compare(g.at(a.date().toEpochDay()), g.at(b.date().toEpochDay()))).toList();
        for (int i = 1; i < rows.size(); i++) {
            assertTrue(rows.get(i).probability() >= rows.get(i - 1).probability() - 1e-12, rows.get(i).toString());
        }
        assertTrue(rows.get(rows.size() - 1).probability() > rows.get(0).probability());
    }

    @Test
    void fit_noFloodAtAllBeforeCutoff_throwsNamingThePeriod() {
        TimeSeries s = RiverSimulator.simulate(START, 14 * 365, 0.0, 0.0, 4L);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExceedanceForecaster.fit(s, List.of(), CUT, ExceedanceForecaster.Options.defaults(2500, 3)));
        assertTrue(e.getMessage().startsWith("training period must contain both exceedances and non-exceedances"),
                e.getMessage());
    }

    @Test
    void card_trainingDataDetails_inTheSameOrderInEveryRun() {
        // Map.of iterates in an order that changes from one JVM to the next: the card (and so the
        // model file's bytes and checksum) must not depend on it.
        ExceedanceForecaster f = ExceedanceForecaster.fit(lateFloods(), List.of(), CUT,
                ExceedanceForecaster.Options.defaults(2500, 3).withValidationYears(1));
        assertEquals(List.of("positives", "series", "covariates"),
                List.copyOf(f.card().trainingData().details().keySet()));
        assertEquals(List.of("a", "c", "b"), List.copyOf(ExceedanceCards.ordered("a", "1", "c", "2", "b", "3").keySet()));
        assertThrows(IllegalArgumentException.class, () -> ExceedanceCards.ordered("a"));
    }
}
