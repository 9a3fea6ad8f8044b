package fr.territoires.ia.forecasting;

import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.territoires.ia.core.TimeSeries;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Forecasts through missing readings: 5 % of the Garonne's test-year readings removed at random
 * (seeded), the fitted model still forecasts every date with a known value, and its average
 * precision, scored against what happened, drops by less than 10 %.
 */
class MissingReadingsTest {

    private static ExceedanceForecast keep(ExceedanceForecast f, DailyGrid kept) {
        return new ExceedanceForecast(f.rows().stream()
                .filter(r -> !Double.isNaN(kept.at(r.date().toEpochDay()))).toList(), f.skipped(),
                f.alertThreshold());
    }

    @Test
    void forecast_fivePercentOfTestReadingsRemoved_everyKnownDateForecastApWithinTenPercent() {
        TimeSeries s = ForecastingData.garonne("O200004001");
        LocalDate cut = LocalDate.of(2004, 12, 31);
        ExceedanceForecaster f = ExceedanceForecaster.fit(s, List.of(), cut,
                ExceedanceForecaster.Options.defaults(2500, 3));
        double[] v = s.values();
        Random random = new Random(13);
        int removed = 0;
        for (int i = 0; i < v.length; i++) {
            LocalDate d = s.localDateTime(i).toLocalDate();
            if (d.isAfter(cut) && !Double.isNaN(v[i]) && random.nextDouble() < 0.05) {
                v[i] = Double.NaN;
                removed++;
            }
        }
        TimeSeries damaged = s.withValues(v);
        ExceedanceForecast full = f.forecast(s, List.of(), cut.plusDays(1));
        ExceedanceForecast gappy = f.forecast(damaged, List.of(), cut.plusDays(1));
        Set<LocalDate> forecast = new HashSet<>(gappy.dates());
        int known = 0;
        for (int i = 0; i < v.length; i++) {
            LocalDate d = damaged.localDateTime(i).toLocalDate();
            if (d.isAfter(cut) && !Double.isNaN(v[i])) {
                known++;
                assertTrue(forecast.contains(d), "date with a known value not forecast: " + d);
            }
        }
        // Scored against what happened (the full record) on the dates whose reading of the day
        // is kept: the effect of the missing lags. All dates (including those whose own reading
        // was removed, forecast from the latest earlier one) are printed beside.
        DailyGrid kept = DailyGrid.of(damaged, "damaged");
        Backtests.ExceedanceReport a = Backtests.evaluate(keep(full, kept), s, 2500, 3);
        Backtests.ExceedanceReport b = Backtests.evaluate(keep(gappy, kept), s, 2500, 3);
        Backtests.ExceedanceReport aAll = Backtests.evaluate(full, s, 2500, 3);
        Backtests.ExceedanceReport bAll = Backtests.evaluate(gappy, s, 2500, 3);
        System.out.printf("Garonne, %d test readings removed (%d kept): AP on dates with a reading %.4f -> %.4f"
                        + " (%.1f %%); on all dates %.4f -> %.4f (%.1f %%); forecast dates %d -> %d%n", removed, known,
                a.averagePrecision(), b.averagePrecision(), 100 * (b.averagePrecision() / a.averagePrecision() - 1),
                aAll.averagePrecision(), bAll.averagePrecision(),
                100 * (bAll.averagePrecision() / aAll.averagePrecision() - 1), full.rows().size(), gappy.rows().size());
        assertTrue(removed > 300, "removed " + removed);
        assertTrue(b.averagePrecision() >= 0.9 * a.averagePrecision(),
                "AP " + a.averagePrecision() + " -> " + b.averagePrecision());
    }
}
