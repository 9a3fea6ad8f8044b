package fr.territoires.ia.forecasting;

import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.territoires.ia.core.TimeSeries;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class GaronneExceedanceTest {

    @Test
    void fit_garonne2500mm3Days_beatsPersistenceByThirtyPercentAndClimatology() {
        TimeSeries s = ForecastingData.garonne("O200004001");
        ExceedanceForecaster.Options o = ExceedanceForecaster.Options.defaults(2500, 3);
        ExceedanceForecaster f = ExceedanceForecaster.fit(s, List.of(), LocalDate.of(2004, 12, 31), o);
        ExceedanceForecast fc = f.forecast(s, List.of(), LocalDate.of(2005, 1, 1));
        Backtests.ExceedanceReport r = Backtests.evaluate(fc, s, 2500, 3);
        System.out.printf("Garonne: chosen=%s%n  %s%n  AP=%.3f persistenceAP=%.3f ratio=%.2f Brier=%.5f clim=%.5f recall=%.2f FA/yr=%.2f%n",
                f.chosenModel(), r, r.averagePrecision(), r.persistenceAveragePrecision(),
                r.averagePrecision() / r.persistenceAveragePrecision(), r.brier(), r.climatologyBrier(),
                r.eventRecall(), r.falseAlertsPerYear());
        f.card().metrics().forEach(m -> System.out.println("  " + m.name() + " = " + m.value()));
        assertTrue(r.averagePrecision() >= 1.3 * r.persistenceAveragePrecision());
        assertTrue(r.brier() < r.climatologyBrier());
    }
}
