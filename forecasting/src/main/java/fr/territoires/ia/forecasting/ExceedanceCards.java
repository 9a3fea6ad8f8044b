package fr.territoires.ia.forecasting;

import fr.territoires.ia.core.TimeSeries;
import fr.territoires.ia.core.metrics.BinaryMetrics;
import fr.territoires.ia.core.trust.ModelCard;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model card of an {@link ExceedanceForecaster}: what it forecasts, the candidates'
 * rolling-origin figures and the choice made, the calibrated validation figures, the training
 * data and the caveats. One job: turning a fit's figures into a card.
 *
 * <p>Stateless and safe for concurrent use.
 */
final class ExceedanceCards {

    private ExceedanceCards() {
    }

    static ModelCard card(List<TimeSeries> network, ExceedanceForecaster.Options options,
            LocalDate trainUntil, String chosenName, RollingOrigin.Decision decision,
            List<Integer> originYears, boolean[] vy, double[] vp, String calibration,
            double alertThreshold, int rows, int positives, int covariates, boolean net) {
        String names = network.size() == 1 ? network.get(0).name()
                : network.size() + " series (" + String.join(", ", network.stream()
                        .limit(12).map(TimeSeries::name).toList())
                        + (network.size() > 12 ? ", ..." : "") + ")";
        Map<String, String> opts = new LinkedHashMap<>();
        opts.put("threshold", Double.toString(options.threshold()));
        opts.put("horizon", Integer.toString(options.horizon()));
        opts.put("validationYears", Integer.toString(options.validationYears()));
        opts.put("targetPrecision", Double.toString(options.targetPrecision()));
        opts.put("maxFalseAlertsPerYear", Double.toString(options.maxFalseAlertsPerYear()));
        opts.put("calibration", calibration);
        opts.put("features", options.features().toString());
        opts.put("networkFeatures", Boolean.toString(net));
        opts.put("chosenModel", chosenName);
        opts.put("alertThreshold", Double.toString(alertThreshold));
        opts.put("origins", originYears.toString());
        ModelCard.Builder b = ModelCard.builder("ExceedanceForecaster " + names)
                .algorithm(chosenName)
                .description("Probability that " + names + " exceeds " + options.threshold()
                        + " within " + options.horizon() + " day(s), calibrated, with an alert "
                        + "rule chosen on rolling-origin validation"
                        + (net ? "; one model for the whole network" : "") + ".")
                .options(opts)
                .intendedUse(new ModelCard.IntendedUse(
                        "Early warning of threshold exceedances (flood levels, pollution peaks).",
                        List.of("local authorities", "risk managers"),
                        List.of("sole basis for evacuation decisions",
                                "series of another kind or unit than those it was fitted on")));
        b.addMetric(metric("rolling-origin mean average precision (persistence)",
                decision.simpler(), "mean over " + decision.scored() + " yearly origins "
                        + originYears + ", out of sample"));
        b.addMetric(metric("rolling-origin mean average precision (logistic regression)",
                decision.complex(), "mean over the same origins; it wins in " + decision.wins()
                        + " of " + decision.scored()));
        if (vy.length > 0 && vy.length == vp.length) {
            b.addMetric(metric("validation Brier score", BinaryMetrics.brierScore(vy, vp),
                    "calibrated probabilities of the chosen candidate on the origins "
                            + "(in-sample for the calibration)"));
            b.addMetric(metric("validation climatology Brier", BinaryMetrics.climatologyBrier(vy),
                    "constant base rate"));
        }
        b.addMetric(metric("alert threshold", alertThreshold, "probability at which alerts fire"));
        b.trainingData(new ModelCard.DataSummary(names,
                "up to " + trainUntil + " (labels end by then)", rows,
                ordered("positives", Integer.toString(positives),
                        "series", Integer.toString(network.size()),
                        "covariates", Integer.toString(covariates))));
        List<String> caveats = new java.util.ArrayList<>();
        if (decision.scored() < RollingOrigin.MIN_ORIGINS) {
            caveats.add("Only " + decision.scored() + " yearly origin(s) could be scored (the others "
                    + "lack events before or within them): persistence is kept; refit when the "
                    + "record holds more events.");
        }
        caveats.addAll(List.of("Probabilities are calibrated on the validation years; a change of "
                        + "gauge, regime or climate breaks the calibration.",
                "A date is forecast when a value is known within the last " + options.horizon()
                        + " day(s); missing lags are imputed and flagged, dates with nothing that "
                        + "recent are reported as skipped.",
                "The logistic regression replaces persistence only when it wins clearly on "
                        + "the yearly origins (mean average precision over at least "
                        + RollingOrigin.MIN_ORIGINS + " origins at least " + RollingOrigin.MARGIN
                        + " times persistence's)."));
        b.caveats(caveats);
        return b.build();
    }

    private static ModelCard.Metric metric(String name, double value, String description) {
        return ModelCard.Metric.of(name, Double.isFinite(value) ? value : 0.0,
                Double.isFinite(value) ? description : description + " (undefined, shown as 0)");
    }

    /**
     * A map of text pairs in the order given: what a card's table shows, in the same order in
     * every run ({@code Map.of} iterates in an order that changes from one JVM to the next).
     *
     * @param keysAndValues key, value, key, value...
     * @return an ordered, unmodifiable map
     */
    static Map<String, String> ordered(String... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keysAndValues must come in pairs, was "
                    + keysAndValues.length + " texts");
        }
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(out);
    }
}
