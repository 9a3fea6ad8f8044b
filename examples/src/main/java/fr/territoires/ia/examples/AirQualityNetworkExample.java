package fr.territoires.ia.examples;

import fr.territoires.ia.core.TimeSeries;
import fr.territoires.ia.core.trust.ModelCard;
import fr.territoires.ia.forecasting.Backtests;
import fr.territoires.ia.forecasting.ExceedanceForecast;
import fr.territoires.ia.forecasting.ExceedanceForecaster;
import fr.territoires.ia.forecasting.synthetic.PollutionSimulator;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Use case: an air-quality network of eight stations, "will PM10 exceed 50 µg/m³ tomorrow?",
 * with one model for the whole network. The stations share regional episodes (one simulated
 * regional series, {@link PollutionSimulator}, scaled by a factor per station plus local noise)
 * and each misses 3 % of its days at random. The network forecaster is trained on 12 years with
 * the settings of {@code forecast-events} and forecasts the 3 following years: one calibration
 * for all stations, so probabilities rank across them; every station-day with a reading of the
 * day forecast, missing lags filled.
 */
public final class AirQualityNetworkExample {

    private static final double LIMIT = 50.0;
    private static final int STATIONS = 8;

    private AirQualityNetworkExample() {
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        System.out.println(run());
    }

    static String run() {
        return run(card -> { });
    }

    /** The simulated network: eight stations named ST1..ST8, in µg/m³, NaN when missing. */
    static List<TimeSeries> network(LocalDate start, int days) {
        TimeSeries regional = PollutionSimulator.simulate(start, days, 5.0, 0.0, 21L);
        SplittableRandom rng = new SplittableRandom(22L);
        List<TimeSeries> out = new ArrayList<>();
        for (int k = 0; k < STATIONS; k++) {
            double factor = 0.7 + 0.6 * rng.nextDouble();
            double noise = 0;
            long[] t = new long[days];
            double[] v = new double[days];
            for (int i = 0; i < days; i++) {
                t[i] = regional.timestamp(i).toEpochMilli();
                noise = 0.6 * noise + 4.0 * gaussian(rng);
                v[i] = rng.nextDouble() < 0.03 ? Double.NaN
                        : Math.max(1.0, factor * regional.value(i) + noise);
            }
            out.add(TimeSeries.of("ST" + (k + 1), t, v, ZoneOffset.UTC));
        }
        return out;
    }

    private static double gaussian(SplittableRandom rng) {
        double u = Math.max(1e-12, rng.nextDouble());
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    static String run(Consumer<ModelCard> cards) {
        LocalDate start = LocalDate.of(2005, 1, 1);
        List<TimeSeries> stations = network(start, 15 * 365 + 3);
        LocalDate trainUntil = start.plusYears(12).minusDays(1);
        ExceedanceForecaster model = ExceedanceForecaster.fitNetwork(stations, List.of(), trainUntil,
                ExceedanceForecaster.Options.defaults(LIMIT, 1).withValidationYears(
                        ExceedanceForecaster.Options.recommendedValidationYears(stations, trainUntil)));
        Map<String, ExceedanceForecast> f = model.forecastNetwork(stations, List.of(), trainUntil.plusDays(1));
        Backtests.ExceedanceReport report = Backtests.evaluate(f, stations, LIMIT, 1);
        cards.accept(model.card());
        double[] v = model.validation();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "  %d stations, one model: %s (yearly origins: persistence %.3f, "
                + "logistic regression %.3f, won %d of %d)%n", STATIONS, model.chosenModel(), v[0], v[1], (int) v[3],
                (int) v[2]));
        out.append(String.format(Locale.ROOT, "  test years, pooled over the stations: average precision %.3f "
                + "(persistence %.3f), Brier %.4f (climatology %.4f), coverage %.3f of station-days with a reading%n",
                report.averagePrecision(), report.persistenceAveragePrecision(), report.brier(),
                report.climatologyBrier(), report.coverage()));
        LocalDate last = null;
        for (ExceedanceForecast e : f.values()) {
            LocalDate d = e.rows().get(e.rows().size() - 1).date();
            last = last == null || d.isAfter(last) ? d : last;
        }
        StringBuilder alerts = new StringBuilder();
        for (Map.Entry<String, ExceedanceForecast> e : f.entrySet()) {
            for (ExceedanceForecast.Row r : e.getValue().rows()) {
                if (r.date().equals(last)) {
                    alerts.append(String.format(Locale.ROOT, " %s %.2f%s", e.getKey(), r.probability(),
                            r.alert() ? " (alert)" : ""));
                }
            }
        }
        out.append("  issued on ").append(last).append(", probability that tomorrow exceeds 50:").append(alerts);
        return out.toString();
    }
}
