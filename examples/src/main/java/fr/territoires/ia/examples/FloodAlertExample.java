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
        cards.accept(withTestYears(model.card(), f, river, threshold, report));
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
        out.append(String.format(Locale.ROOT, "  highest probability: %.2f on %s (alert: %s)%n", peak.probability(),
                peak.date(), peak.alert() ? "yes" : "no"));
        // Why: the forecast of that day explained by its top three factors, in French for the notice.
        fr.territoires.ia.core.trust.Explanation why = model.explain(river, List.of(), peak.date()).get(0);
        out.append("  pourquoi : ").append(why.toFrench(3, n -> fr.territoires.ia.forecasting.FeatureSpec.label(n, true)));
        return out.toString();
    }

    /**
     * The forecaster's card completed with the test years: Brier score with a bootstrap interval
     * over issue dates, average precision against persistence, and the Brier score per season.
     * The outcome of an issue date is "a value above the threshold in the next {@value #HORIZON} days".
     */
    static fr.territoires.ia.core.trust.ModelCard withTestYears(fr.territoires.ia.core.trust.ModelCard card,
            ExceedanceForecast f, TimeSeries river, double threshold, Backtests.ExceedanceReport report) {
        Map<LocalDate, Double> level = new HashMap<>();
        for (int i = 0; i < river.size(); i++) {
            if (!Double.isNaN(river.value(i))) {
                level.put(LocalDate.ofInstant(river.timestamp(i), ZoneOffset.UTC), river.value(i));
            }
        }
        List<double[]> rows = new ArrayList<>();
        List<String> seasons = new ArrayList<>();
        int missing = 0;
        for (ExceedanceForecast.Row r : f.rows()) {
            double y = 0;
            boolean known = true;
            for (int k = 1; k <= HORIZON; k++) {
                Double v = level.get(r.date().plusDays(k));
                if (v == null) {
                    known = false;
                } else if (v > threshold) {
                    y = 1;
                }
            }
            if (!known && y == 0) {
                missing++;
                continue;
            }
            rows.add(new double[] {r.probability(), y});
            int m = r.date().getMonthValue();
            seasons.add(m == 12 || m <= 2 ? "winter" : m <= 5 ? "spring" : m <= 8 ? "summer" : "autumn");
        }
        java.util.function.ToDoubleFunction<int[]> brier = idx -> {
            double sum = 0;
            for (int i : idx) {
                double d = rows.get(i)[0] - rows.get(i)[1];
                sum += d * d;
            }
            return sum / idx.length;
        };
        long positives = rows.stream().filter(x -> x[1] > 0).count();
        var b = card.toBuilder()
                // Consecutive days are correlated: moving-block bootstrap, not independent rows.
                .addMetric(fr.territoires.ia.core.trust.Bootstrap.blockMetric("test Brier score",
                        "issue dates of the test years", rows.size(),
                        fr.territoires.ia.core.trust.Bootstrap.defaultBlockLength(rows.size()), brier, 200, 0.95, 1L))
                .addMetric(fr.territoires.ia.core.trust.ModelCard.Metric.of("test average precision",
                        report.averagePrecision(), "test years"))
                .addMetric(fr.territoires.ia.core.trust.ModelCard.Metric.of("test average precision (persistence baseline)",
                        report.persistenceAveragePrecision(), "fall-back: today's level as the score"))
                .addMetric(fr.territoires.ia.core.trust.ModelCard.Metric.of("test climatology Brier (baseline)",
                        report.climatologyBrier(), "constant base rate"));
        // Broken down by season, each with its moving-block bootstrap interval.
        fr.territoires.ia.core.trust.Bootstrap.byGroup("season", seasons, Map.of("Brier score", brier), true, 200, 1L)
                .forEach(b::addQuantitativeAnalysis);
        b.evaluationData(new fr.territoires.ia.core.trust.ModelCard.DataSummary(
                "simulated river (RiverSimulator, seed 11)",
                f.rows().get(0).date() + "/" + f.rows().get(f.rows().size() - 1).date(), rows.size(),
                new java.util.TreeMap<>(Map.of("floods within " + HORIZON + " days", positives + " issue dates",
                        "issue dates without known outcome", Integer.toString(missing)))));
        b.factors(new fr.territoires.ia.core.trust.ModelCard.Factors(card.factors().relevant(), List.of("season")));
        return b.build();
    }
}
