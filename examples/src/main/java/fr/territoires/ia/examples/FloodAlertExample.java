package fr.territoires.ia.examples;

import fr.territoires.ia.core.TimeSeries;
import fr.territoires.ia.forecasting.Backtests;
import fr.territoires.ia.forecasting.ExceedanceForecast;
import fr.territoires.ia.forecasting.ExceedanceForecaster;
import fr.territoires.ia.forecasting.synthetic.RiverSimulator;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Use case: "will the river exceed its flood level within the next 3 days?" On a simulated river
 * with rare flood peaks, the exceedance forecaster is trained on 20 years and run day by day on
 * the 8 following years: calibrated probability, alert, and how many days ahead each flood was
 * announced.
 */
public final class FloodAlertExample {

    private static final int HORIZON = 3;

    private FloodAlertExample() {
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

    static String run(java.util.function.Consumer<fr.territoires.ia.core.trust.ModelCard> cards) {
        LocalDate start = LocalDate.of(1996, 1, 1);
        TimeSeries river = RiverSimulator.simulate(start, 28 * 365, 3.0, 0.01, 11L);
        LocalDate trainUntil = start.plusYears(20).minusDays(1);
        double[] train = Arrays.stream(river.slice(0, 20 * 365).values()).filter(v -> !Double.isNaN(v)).sorted().toArray();
        double threshold = Math.round(train[(int) (0.995 * (train.length - 1))]);

        ExceedanceForecaster model = ExceedanceForecaster.fit(river, List.of(), trainUntil,
                ExceedanceForecaster.Options.defaults(threshold, HORIZON));
        ExceedanceForecast f = model.forecast(river, List.of(), trainUntil.plusDays(1));
        Backtests.ExceedanceReport report = Backtests.evaluate(f, river, threshold, HORIZON);

        Map<LocalDate, Boolean> alerts = new HashMap<>();
        f.rows().forEach(r -> alerts.put(r.date(), r.alert()));
        List<Integer> leads = new ArrayList<>();
        for (int i = 1; i < river.size(); i++) {
            LocalDate day = LocalDate.ofInstant(river.timestamp(i), ZoneOffset.UTC);
            if (day.isAfter(trainUntil) && river.value(i) > threshold && !(river.value(i - 1) > threshold)) {
                for (int lead = HORIZON; lead >= 1; lead--) {
                    if (alerts.getOrDefault(day.minusDays(lead), false)) {
                        leads.add(lead);
                        break;
                    }
                }
            }
        }
        cards.accept(model.card());
        ExceedanceForecast.Row peak = f.rows().stream().max((a, b) -> Double.compare(a.probability(), b.probability()))
                .orElseThrow();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "  flood level %.0f (99.5th percentile of the training years); model: %s%n",
                threshold, model.chosenModel()));
        out.append(String.format(Locale.ROOT, "  test years: average precision %.3f (persistence %.3f), Brier %.4f "
                + "(climatology %.4f)%n", report.averagePrecision(), report.persistenceAveragePrecision(),
                report.brier(), report.climatologyBrier()));
        out.append(String.format(Locale.ROOT, "  %d of %d floods announced 1 to %d days ahead (lead times in days: %s), "
                + "%.1f false alerts a year%n", report.episodesCaught(), report.episodes(), HORIZON, leads,
                report.falseAlertsPerYear()));
        out.append(String.format(Locale.ROOT, "  highest probability: %.2f on %s (alert: %s)", peak.probability(),
                peak.date(), peak.alert() ? "yes" : "no"));
        return out.toString();
    }
}
