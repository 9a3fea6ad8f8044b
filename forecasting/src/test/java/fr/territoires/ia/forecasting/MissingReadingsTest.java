package fr.territoires.ia.forecasting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.territoires.ia.core.TimeSeries;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Forecasting through missing readings: 5 % of the Garonne test readings (2005 on) are removed
 * at random (seeded); every date whose value of the day is known must still be forecast, and the
 * average precision must drop by less than 10 %.
 */
class MissingReadingsTest {

    @Test
    void forecast_garonneWithFivePercentOfTestReadingsRemoved_forecastsEveryKnownDateAndKeepsAp() {
        TimeSeries s = ForecastingData.garonne("O200004001");
        LocalDate trainUntil = LocalDate.of(2004, 12, 31);
        LocalDate from = trainUntil.plusDays(1);
        ExceedanceForecaster f = ExceedanceForecaster.fit(s, List.of(), trainUntil,
                ExceedanceForecaster.Options.defaults(2500, 3));
        Backtests.ExceedanceReport full = Backtests.evaluate(f.forecast(s, List.of(), from), s,
                2500, 3);

        double[] v = new double[s.size()];
        Random random = new Random(7);
        for (int i = 0; i < v.length; i++) {
            v[i] = s.value(i);
            boolean test = !s.localDateTime(i).toLocalDate().isBefore(from);
            if (test && random.nextDouble() < 0.05) {
                v[i] = Double.NaN;
            }
        }
        TimeSeries gappy = s.withValues(v);
        ExceedanceForecast fc = f.forecast(gappy, List.of(), from);
        Set<LocalDate> forecast = new HashSet<>(fc.dates());
        int known = 0;
        for (int i = 0; i < v.length; i++) {
            LocalDate d = gappy.localDateTime(i).toLocalDate();
            if (!d.isBefore(from) && !Double.isNaN(v[i])) {
                known++;
                assertTrue(forecast.contains(d), "no forecast on " + d + " whose value is known");
            }
        }
        assertEquals(known, fc.rows().size(), "one forecast per date with a known value");
        // Scored against the complete record: the outcome does not depend on what was removed.
        Backtests.ExceedanceReport gapped = Backtests.evaluate(fc, s, 2500, 3);
        System.out.printf("Garonne with 5%% of test readings removed: %d dates forecast, %d "
                + "skipped; AP %.3f (complete inputs %.3f)%n", fc.rows().size(),
                fc.skipped().size(), gapped.averagePrecision(), full.averagePrecision());
        assertTrue(gapped.averagePrecision() >= 0.9 * full.averagePrecision(),
                "AP " + gapped.averagePrecision() + " vs " + full.averagePrecision());
    }
}
