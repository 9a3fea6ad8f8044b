package fr.territoires.ia.examples;

import fr.territoires.ia.core.TimeSeries;
import fr.territoires.ia.core.trust.ModelCard;
import fr.territoires.ia.forecasting.Backtests;
import fr.territoires.ia.forecasting.ExceedanceForecast;
import fr.territoires.ia.forecasting.ExceedanceForecaster;
import fr.territoires.ia.forecasting.synthetic.PollutionSimulator;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Use case: "will PM10 exceed the EU daily limit value of 50 µg/m³ tomorrow?" On a simulated
 * background station (winter-high PM10 with multi-day episodes), the exceedance forecaster is
 * trained on 15 years with the settings of the {@code forecast-events} command and run day by
 * day on the 5 following years: calibrated probability, alert, and how many episodes were
 * announced the day before they started.
 */
public final class PollutionPeakExample {

    private static final double LIMIT = 50.0;
    private static final int HORIZON = 1;

    private PollutionPeakExample() {
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

    static String run(Consumer<ModelCard> cards) {
        LocalDate start = LocalDate.of(2000, 1, 1);
        TimeSeries pm10 = PollutionSimulator.simulate(start, 20 * 365 + 5, 4.0, 0.02, 5L);
        LocalDate trainUntil = start.plusYears(15).minusDays(1);
        ExceedanceForecaster model = ExceedanceForecaster.fit(pm10, List.of(), trainUntil,
                ExceedanceForecaster.Options.defaults(LIMIT, HORIZON).withValidationYears(
                        ExceedanceForecaster.Options.recommendedValidationYears(pm10, trainUntil)));
        ExceedanceForecast f = model.forecast(pm10, List.of(), trainUntil.plusDays(1));
        Backtests.ExceedanceReport report = Backtests.evaluate(f, pm10, LIMIT, HORIZON);

        Map<LocalDate, Boolean> alerts = new HashMap<>();
        f.rows().forEach(r -> alerts.put(r.date(), r.alert()));
        int episodes = 0;
        int announced = 0;
        for (int i = 1; i < pm10.size(); i++) {
            LocalDate day = LocalDate.ofInstant(pm10.timestamp(i), ZoneOffset.UTC);
            if (day.isAfter(trainUntil) && pm10.value(i) > LIMIT && !(pm10.value(i - 1) > LIMIT)) {
                episodes++;
                announced += alerts.getOrDefault(day.minusDays(1), false) ? 1 : 0;
            }
        }
        cards.accept(model.card().toBuilder()
                .addMetric(ModelCard.Metric.of("test average precision", report.averagePrecision(),
                        "5 test years of the simulated station"))
                .addMetric(ModelCard.Metric.of("test average precision (persistence baseline)",
                        report.persistenceAveragePrecision(), "fall-back: today's PM10 as the score"))
                .addMetric(ModelCard.Metric.of("test Brier score", report.brier(), "test years"))
                .addMetric(ModelCard.Metric.of("test climatology Brier (baseline)",
                        report.climatologyBrier(), "constant base rate"))
                .evaluationData(new ModelCard.DataSummary("simulated PM10 (PollutionSimulator, seed 5)",
                        f.rows().get(0).date() + "/" + f.rows().get(f.rows().size() - 1).date(),
                        f.rows().size(), Map.of("episodes (first day above 50 µg/m³)",
                                Integer.toString(episodes))))
                .build());
        ExceedanceForecast.Row last = f.rows().get(f.rows().size() - 1);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "  limit %.0f µg/m³ tomorrow; model: %s%n", LIMIT,
                model.chosenModel()));
        out.append(String.format(Locale.ROOT, "  test years: average precision %.3f (persistence %.3f), Brier %.4f "
                + "(climatology %.4f)%n", report.averagePrecision(), report.persistenceAveragePrecision(),
                report.brier(), report.climatologyBrier()));
        out.append(String.format(Locale.ROOT, "  %d of %d episodes announced the day before (lead time 1 day), "
                + "%.1f false alerts a year (alert at probability %.2f)%n", announced, episodes,
                report.falseAlertsPerYear(), model.alertThreshold()));
        out.append(String.format(Locale.ROOT, "  issued on %s: probability %.2f that PM10 exceeds %.0f on %s (alert: %s)",
                last.date(), last.probability(), LIMIT, last.date().plusDays(1), last.alert() ? "yes" : "no"));
        return out.toString();
    }
}
