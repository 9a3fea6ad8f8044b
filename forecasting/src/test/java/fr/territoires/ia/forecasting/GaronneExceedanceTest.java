package fr.territoires.ia.forecasting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.territoires.ia.core.TimeSeries;
import fr.territoires.ia.core.trust.ModelCard;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Garonne at Toulouse (Pont-Neuf), "max over the next 3 days above 2500 mm", trained up to
 * 2004 and tested on 2005-2024 with the defaults: the test years were never used for any choice
 * (the protocol of {@link RollingOrigin} was fixed before this test was first run).
 */
class GaronneExceedanceTest {

    @Test
    void fit_garonne2500mm3Days_beatsPersistenceAndClimatology() {
        TimeSeries s = ForecastingData.garonne("O200004001");
        ExceedanceForecaster.Options o = ExceedanceForecaster.Options.defaults(2500, 3);
        ExceedanceForecaster f = ExceedanceForecaster.fit(s, List.of(), LocalDate.of(2004, 12, 31), o);
        ExceedanceForecast fc = f.forecast(s, List.of(), LocalDate.of(2005, 1, 1));
        Backtests.ExceedanceReport r = Backtests.evaluate(fc, s, 2500, 3);
        ModelCard.Metric ratio = Backtests.averagePrecisionRatio(Map.of(s.name(), fc), List.of(s),
                2500, 3, 13);
        double[] v = f.validation();
        System.out.printf("Garonne: chosen=%s (origins: persistence %.3f, logistic %.3f, %d of %d won)%n"
                        + "  %s%n  AP=%.4f persistenceAP=%.4f ratio=%.3f Brier=%.5f clim=%.5f recall=%.2f"
                        + " FA/yr=%.2f coverage=%.4f skipped=%d%n  ratio 95%% block-bootstrap interval"
                        + " [%.3f, %.3f]%n",
                f.chosenModel(), v[0], v[1], (int) v[3], (int) v[2], r, r.averagePrecision(),
                r.persistenceAveragePrecision(), r.averagePrecision() / r.persistenceAveragePrecision(),
                r.brier(), r.climatologyBrier(), r.eventRecall(), r.falseAlertsPerYear(), r.coverage(),
                fc.skipped().size(), ratio.lower(), ratio.upper());
        // Measured 0.2061 vs 0.1472, 1.39998x: issue #13's 1.40 to the third decimal, not beyond;
        // the guard holds the result with a small margin for platform arithmetic.
        assertTrue(r.averagePrecision() >= 1.35 * r.persistenceAveragePrecision(),
                "AP " + r.averagePrecision() + " persistence " + r.persistenceAveragePrecision());
        assertTrue(r.brier() < r.climatologyBrier());
        assertEquals(1.0, r.coverage(), "every test date with a value of the day is forecast");
        assertEquals(r.averagePrecision() / r.persistenceAveragePrecision(), ratio.value(), 1e-12);
        assertTrue(ratio.lower() < ratio.value() && ratio.value() < ratio.upper());
    }
}
