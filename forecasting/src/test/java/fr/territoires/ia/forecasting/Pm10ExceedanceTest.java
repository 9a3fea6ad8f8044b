package fr.territoires.ia.forecasting;

import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.territoires.ia.core.TimeSeries;
import fr.territoires.ia.core.metrics.BinaryMetrics;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Pm10ExceedanceTest {

    static final List<String> STATIONS = List.of("DEBB053", "DEBE032", "DEHE046", "DEMV017",
            "DENI019", "DENI058", "DENI059", "DENI063", "DERP013", "DETH026");

    @Test
    void fit_pm10TomorrowAbove50_pooledBrierBelowClimatology() {
        double[] r = pooled();
        assertTrue(r[2] < r[3], "Brier " + r[2] + " climatology " + r[3]);
    }

    @Test
    void fit_pm10TomorrowAbove50_pooledApAtLeastPersistence() {
        double[] r = pooled();
        assertTrue(r[0] >= r[1], "AP " + r[0] + " persistence " + r[1]);
    }

    private static double[] measured;

    /** Returns pooled AP, persistence AP, Brier and climatology Brier on 2007-2009 (once). */
    private static synchronized double[] pooled() {
        if (measured == null) {
            measured = measure();
        }
        return measured.clone();
    }

    private static double[] measure() {
        List<TimeSeries> all = ForecastingData.pm10(STATIONS);
        List<Boolean> y = new ArrayList<>();
        List<Double> p = new ArrayList<>();
        List<Double> today = new ArrayList<>();
        LocalDate testStart = LocalDate.of(2007, 1, 1);
        LocalDate testEnd = LocalDate.of(2009, 12, 31);
        for (TimeSeries s : all) {
            // The settings of the forecast-events runner: defaults, validation years by record.
            LocalDate trainUntil = LocalDate.of(2006, 12, 31);
            ExceedanceForecaster f = ExceedanceForecaster.fit(s, List.of(), trainUntil,
                    ExceedanceForecaster.Options.defaults(50, 1).withValidationYears(
                            ExceedanceForecaster.Options.recommendedValidationYears(s, trainUntil)));
            ExceedanceForecast fc = f.forecast(s, List.of(), testStart);
            DailyGrid g = DailyGrid.of(s, "s");
            for (ExceedanceForecast.Row r : fc.rows()) {
                long d = r.date().toEpochDay();
                if (r.date().isAfter(testEnd.minusDays(1))) {
                    continue;
                }
                double lab = ExceedanceForecaster.label(g, d, 1, 50);
                if (Double.isNaN(lab)) {
                    continue;
                }
                y.add(lab > 0.5);
                p.add(r.probability());
                today.add(g.at(d));
            }
            Backtests.ExceedanceReport rep = Backtests.evaluate(fc, s, 50, 1);
            System.out.printf("PM10 %s: chosen=%s AP=%.3f persistence=%.3f Brier=%.5f clim=%.5f%n",
                    s.name(), f.chosenModel(), rep.averagePrecision(),
                    rep.persistenceAveragePrecision(), rep.brier(), rep.climatologyBrier());
        }
        boolean[] ya = new boolean[y.size()];
        double[] pa = new double[y.size()];
        double[] ta = new double[y.size()];
        for (int i = 0; i < ya.length; i++) {
            ya[i] = y.get(i);
            pa[i] = p.get(i);
            ta[i] = today.get(i);
        }
        double ap = BinaryMetrics.averagePrecision(ya, pa);
        double pers = BinaryMetrics.averagePrecision(ya, ta);
        double brier = BinaryMetrics.brierScore(ya, pa);
        double clim = BinaryMetrics.climatologyBrier(ya);
        System.out.printf("PM10 pooled: n=%d AP=%.3f persistence=%.3f Brier=%.5f clim=%.5f%n",
                ya.length, ap, pers, brier, clim);
        return new double[] {ap, pers, brier, clim};
    }
}
