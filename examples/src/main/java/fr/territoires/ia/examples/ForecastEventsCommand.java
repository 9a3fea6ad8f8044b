package fr.territoires.ia.examples;

import fr.territoires.ia.core.AtomicFiles;
import fr.territoires.ia.core.trust.Explanation;
import fr.territoires.ia.forecasting.ExceedanceForecast;
import fr.territoires.ia.forecasting.ExceedanceForecaster;
import fr.territoires.ia.forecasting.FeatureSpec;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code forecast-events}: the probability that the next H values exceed a threshold, with alerts. */
@Command(name = "forecast-events", mixinStandardHelpOptions = true,
        description = "Probability of exceeding T within H days, with alerts.")
final class ForecastEventsCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private ForecastInput in = new ForecastInput();

    @Option(names = "--threshold", required = true, paramLabel = "T", description = "Event threshold, in the series' unit.")
    private double threshold;

    @Option(names = "--output", required = true, paramLabel = "FILE",
            description = "Output CSV: date,probability,alert (written whole or not at all).")
    private java.nio.file.Path output;

    @Option(names = "--card", paramLabel = "FILE",
            description = "Also write the model card of the fitted model, with its ALTAI self-assessment "
                    + "(.html, .json, otherwise Markdown).")
    private java.nio.file.Path card;

    @Option(names = "--explain", description = "Add top_factors and top_factors_fr columns for alerts: the last "
            + "observed level against the threshold, then the three inputs that raise or lower the model's log-odds "
            + "most (tree-path or weight-times-value contributions, summing with the base value to the score), in "
            + "English and French.")
    private boolean explain;

    @Override
    public Integer call() throws IOException {
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("--threshold must be a finite number, was " + threshold);
        }
        ForecastInput.Data data = in.read();
        ExceedanceForecaster model;
        ExceedanceForecast f;
        try {
            model = ExceedanceForecaster.fit(data.series(), data.covariates(), data.trainUntil(),
                    options(data, threshold, in.horizon));
            f = model.forecast(data.series(), data.covariates(), data.trainUntil().plusDays(1));
        } catch (IllegalArgumentException e) {
            throw ForecastInput.named(in.input, e);
        }
        StringBuilder sb = new StringBuilder("date,probability,alert" + (explain ? ",top_factors,top_factors_fr" : "") + "\n");
        java.util.TreeMap<java.time.LocalDate, Double> byDay = new java.util.TreeMap<>();
        for (int i = 0; i < data.series().size(); i++) {
            if (!Double.isNaN(data.series().value(i))) {
                byDay.put(java.time.LocalDate.ofInstant(data.series().timestamp(i), java.time.ZoneOffset.UTC),
                        data.series().value(i));
            }
        }
        List<Explanation> explained = explain ? model.explain(data.series(), data.covariates(),
                data.trainUntil().plusDays(1)) : List.of();
        int alerts = 0;
        for (int i = 0; i < f.rows().size(); i++) {
            ExceedanceForecast.Row r = f.rows().get(i);
            sb.append(r.date()).append(',').append(String.format(Locale.ROOT, "%.6f", r.probability())).append(',')
                    .append(r.alert() ? '1' : '0');
            if (explain) {
                Explanation e = explained.get(i);
                sb.append(',').append(DetectCommand.csv(r.alert() ? factors(byDay, r.date(), threshold) + ". "
                                + e.toEnglish(3, n -> FeatureSpec.label(n, false)) : ""))
                        .append(',').append(DetectCommand.csv(r.alert() ? facteurs(byDay, r.date(), threshold) + ". "
                                + e.toFrench(3, n -> FeatureSpec.label(n, true)) : ""));
            }
            sb.append('\n');
            alerts += r.alert() ? 1 : 0;
        }
        AtomicFiles.writeString(output, sb.toString());
        if (card != null) {
            java.util.List<String> columns = new java.util.ArrayList<>(java.util.List.of(in.timeColumn, in.valueColumn));
            columns.addAll(in.covariates);
            Cards.write(card, Cards.complete(model.card(), columns, java.util.List.of()));
            spec.commandLine().getOut().println("model card written to " + card);
        }
        spec.commandLine().getOut().println(in.input + ": " + f.rows().size() + " dates after " + data.trainUntil()
                + " forecast (" + f.skipped().size() + " without features), " + alerts + " alerts, model "
                + model.chosenModel() + "; written to " + output);
        return 0;
    }

    /**
     * The settings of this command: the library's defaults with the validation years recommended for the record
     * ({@link ExceedanceForecaster.Options#recommendedValidationYears}).
     */
    static ExceedanceForecaster.Options options(ForecastInput.Data data, double threshold, int horizon) {
        return ExceedanceForecaster.Options.defaults(threshold, horizon).withValidationYears(
                ExceedanceForecaster.Options.recommendedValidationYears(data.series(), data.trainUntil()));
    }

    /** "level 2.31 on 2024-01-09 (92% of threshold 2.5); +0.12 over 1 day; +0.45 over 3 days". */
    static String factors(java.util.NavigableMap<java.time.LocalDate, Double> byDay, java.time.LocalDate issue,
            double threshold) {
        return factors(byDay, issue, threshold, false);
    }

    /** The same in French: "niveau 2,25 le 2024-01-10 (90 % du seuil 2,5) ; +0,250 en 1 jour ; +0,750 en 3 jours". */
    static String facteurs(java.util.NavigableMap<java.time.LocalDate, Double> byDay, java.time.LocalDate issue,
            double threshold) {
        return factors(byDay, issue, threshold, true);
    }

    private static String factors(java.util.NavigableMap<java.time.LocalDate, Double> byDay,
            java.time.LocalDate issue, double threshold, boolean french) {
        var last = byDay.floorEntry(issue);
        if (last == null) {
            return french ? "aucune observation avant la date d'émission" : "no observation before the issue date";
        }
        double v = last.getValue();
        StringBuilder b = new StringBuilder(french
                ? String.format(Locale.ROOT, "niveau %s le %s (%.0f %% du seuil %s)",
                        DetectCommand.num(v).replace('.', ','), last.getKey(), 100 * v / threshold,
                        DetectCommand.num(threshold).replace('.', ','))
                : String.format(Locale.ROOT, "level %s on %s (%.0f%% of threshold %s)",
                        DetectCommand.num(v), last.getKey(), 100 * v / threshold, DetectCommand.num(threshold)));
        for (int days : new int[] {1, 3}) {
            Double before = byDay.get(last.getKey().minusDays(days));
            if (before != null) {
                String plural = days == 1 ? "" : "s";
                b.append(french
                        ? String.format(Locale.ROOT, " ; %+.3g en %d jour%s", v - before, days, plural)
                                .replace('.', ',')
                        : String.format(Locale.ROOT, "; %+.3g over %d day%s", v - before, days, plural));
            }
        }
        return b.toString();
    }
}
