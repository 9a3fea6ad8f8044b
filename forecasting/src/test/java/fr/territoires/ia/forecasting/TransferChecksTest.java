package fr.territoires.ia.forecasting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.territoires.ia.core.TimeSeries;
import fr.territoires.ia.core.trust.ModelCard;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Checks of transfer on splits that no choice of the forecaster was made on, with the settings
 * of the {@code forecast-events} runner, as an independent evaluation runs them on records no
 * one here has seen: a gauge never used (St-Michel, the Garonne's lower arm, with long gaps), an
 * older era of the Pont-Neuf record (train 1946-1975, test 1976-2004, as the older
 * record trains on 30 years and tests on 30), and networks of PM10 stations other than the ten
 * of {@link Pm10ExceedanceTest}, each fitted and forecast as its own network in one call.
 *
 * <p>Written before it was first run and kept whatever it gives: no setting is tuned on these
 * figures. Its first run did prompt a question, answered by a study with its own protocol on
 * splits inside the training periods ({@link ChoiceRuleStudy}): the older era kept persistence
 * although the logistic regression's mean over the origins was 1.17 times persistence's,
 * because it won only 3 of 7 origins; that study's splits include 1976-1985, so since then the
 * older era's figure is not out of sample for the choice rule. The assertions are what issue #13 asks on records no one
 * tuned on: at least persistence's average precision, and a forecast on every date with a value
 * of the day; not the figures measured. The Brier score is reported beside its climatology (the
 * test period's own base rate, which a calibration fitted on earlier years cannot know).
 */
class TransferChecksTest {

    /** The series with the values after {@code last} removed. */
    static TimeSeries until(TimeSeries s, LocalDate last) {
        long end = (last.toEpochDay() + 1) * 86_400_000L;
        int n = 0;
        while (n < s.size() && s.epochMilli(n) < end) {
            n++;
        }
        return s.slice(0, n);
    }

    private static ExceedanceForecaster.Options options(List<TimeSeries> network, double t, int h,
            LocalDate trainUntil) {
        return ExceedanceForecaster.Options.defaults(t, h).withValidationYears(
                ExceedanceForecaster.Options.recommendedValidationYears(network, trainUntil));
    }

    /** Fits, forecasts from the day after {@code trainUntil}, prints and returns the ratio. */
    private static double check(String what, List<TimeSeries> network, double t, int h,
            LocalDate trainUntil) {
        ExceedanceForecaster f = ExceedanceForecaster.fitNetwork(network, List.of(), trainUntil,
                options(network, t, h, trainUntil));
        Map<String, ExceedanceForecast> fc = f.forecastNetwork(network, List.of(),
                trainUntil.plusDays(1));
        Backtests.ExceedanceReport r = Backtests.evaluate(fc, network, t, h);
        ModelCard.Metric ratio = Backtests.averagePrecisionRatio(fc, network, t, h, 13);
        double[] v = f.validation();
        System.out.printf("transfer %s: chosen=%s (origins: persistence %.3f, logistic %.3f, %d of %d"
                        + " won)%n  n=%d positives=%d AP=%.4f persistence=%.4f ratio=%.3f [%.3f, %.3f]"
                        + " Brier=%.5f clim=%.5f coverage=%.4f%n", what, f.chosenModel(), v[0], v[1],
                (int) v[3], (int) v[2], r.dates(), r.positives(), r.averagePrecision(),
                r.persistenceAveragePrecision(), ratio.value(), ratio.lower(), ratio.upper(),
                r.brier(), r.climatologyBrier(), r.coverage());
        assertEquals(1.0, r.coverage(), what + ": every date with a value of the day is forecast");
        return ratio.value();
    }

    @Test
    void garonne_gaugeNeverUsedAndOlderEra_atLeastPersistence() {
        TimeSeries stMichel = ForecastingData.garonne("O200008001");
        double a = check("Garonne St-Michel (never used), >2500 mm in 3 days, train <= 2004",
                List.of(stMichel), 2500, 3, LocalDate.of(2004, 12, 31));
        TimeSeries pontNeuf = until(ForecastingData.garonne("O200004001"),
                LocalDate.of(2004, 12, 31));
        double b = check("Garonne Pont-Neuf older era, >2500 mm in 3 days, train 1946-1975, test"
                + " 1976-2004", List.of(pontNeuf), 2500, 3, LocalDate.of(1975, 12, 31));
        assertTrue(a >= 1.0 && b >= 1.0, "ratios " + a + " and " + b);
    }

    @Test
    void pm10_otherStationsAsTheirOwnNetworks_atLeastPersistence() {
        List<String> others = new ArrayList<>(ForecastingData.pm10Stations());
        others.removeAll(Pm10ExceedanceTest.STATIONS);
        // Stations with a year of values up to 2006 and values in 2007-2009.
        long trainEnd = Pm10ExceedanceTest.TRAIN_UNTIL.toEpochDay();
        List<TimeSeries> usable = new ArrayList<>();
        for (TimeSeries s : ForecastingData.pm10(others)) {
            int before = 0;
            int after = 0;
            for (int i = 0; i < s.size(); i++) {
                if (!Double.isNaN(s.value(i))) {
                    if (s.epochMilli(i) / 86_400_000L <= trainEnd) {
                        before++;
                    } else {
                        after++;
                    }
                }
            }
            if (before >= 365 && after > 0) {
                usable.add(s);
            }
        }
        int groups = 3;
        double worst = Double.POSITIVE_INFINITY;
        for (int g = 0; g < groups; g++) {
            List<TimeSeries> net = new ArrayList<>();
            for (int i = g; i < usable.size(); i += groups) {
                net.add(usable.get(i));
            }
            worst = Math.min(worst, check("PM10 network " + (g + 1) + " of " + groups + " ("
                    + net.size() + " other stations), >50 tomorrow, train <= 2006", net, 50, 1,
                    Pm10ExceedanceTest.TRAIN_UNTIL));
        }
        assertTrue(worst >= 1.0 - 1e-12, "worst ratio " + worst);
    }
}
