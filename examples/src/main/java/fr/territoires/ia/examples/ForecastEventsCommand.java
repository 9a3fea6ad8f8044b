package fr.territoires.ia.examples;

import fr.territoires.ia.core.AtomicFiles;
import fr.territoires.ia.core.TimeSeries;
import fr.territoires.ia.core.trust.Explanation;
import fr.territoires.ia.forecasting.ExceedanceForecast;
import fr.territoires.ia.forecasting.ExceedanceForecaster;
import fr.territoires.ia.forecasting.FeatureSpec;
import java.io.IOException;
import java.util.List;
import java.util.Map;
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
            description = "Output CSV: date,probability,alert; with several series date,series,probability,alert "
                    + "(written whole or not at all).")
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

    // Report (issue #16): --report and --lang.
    @Option(names = "--report", paramLabel = "FILE", description = "Also write a standalone HTML report: level and "
            + "threshold, probability with alerts and observed exceedances, lead times; reliability and precision-recall "
            + "against persistence when the forecast dates have observations.")
    private java.nio.file.Path report;

    @Option(names = "--lang", defaultValue = "fr", paramLabel = "LANG",
            description = "Language of the report: fr or en (default: ${DEFAULT-VALUE}).")
    private String lang;

    @Override
    public Integer call() throws IOException {
        fr.territoires.ia.examples.report.Lang reportLang = fr.territoires.ia.examples.report.Lang.of(lang);
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("--threshold must be a finite number, was " + threshold);
        }
        ForecastInput.Data data = in.read();
        List<TimeSeries> network = data.network();
        boolean several = network.size() > 1;
        if (several && report != null) {
            throw new IllegalArgumentException("--report draws one series; with " + network.size()
                    + " series, run the command once per series with --report, or without --report");
        }
        ExceedanceForecaster model;
        java.time.LocalDate from = data.trainUntil().plusDays(1);
        Map<String, ExceedanceForecast> forecasts;
        Map<String, List<Explanation>> explained;
        try {
            model = ExceedanceForecaster.fitNetwork(network, data.covariates(), data.trainUntil(),
                    options(data, threshold, in.horizon));
            forecasts = model.forecastNetwork(network, data.covariates(), from);
            explained = explain ? model.explainNetwork(network, data.covariates(), from) : Map.of();
        } catch (IllegalArgumentException e) {
            throw ForecastInput.named(in.input, e);
        }
        StringBuilder sb = new StringBuilder("date," + (several ? "series," : "") + "probability,alert"
                + (explain ? ",top_factors,top_factors_fr" : "") + "\n");
        // Rows by date, then by series in input order.
        java.util.TreeMap<java.time.LocalDate, List<String>> lines = new java.util.TreeMap<>();
        int alerts = 0;
        int rows = 0;
        int skipped = 0;
        for (TimeSeries series : network) {
            ExceedanceForecast f = forecasts.get(series.name());
            java.util.TreeMap<java.time.LocalDate, Double> byDay = new java.util.TreeMap<>();
            for (int i = 0; i < series.size(); i++) {
                if (!Double.isNaN(series.value(i))) {
                    byDay.put(java.time.LocalDate.ofInstant(series.timestamp(i), java.time.ZoneOffset.UTC),
                            series.value(i));
                }
            }
            for (int i = 0; i < f.rows().size(); i++) {
                ExceedanceForecast.Row r = f.rows().get(i);
                StringBuilder line = new StringBuilder();
                line.append(r.date()).append(',');
                if (several) {
                    line.append(DetectCommand.csv(series.name())).append(',');
                }
                line.append(String.format(Locale.ROOT, "%.6f", r.probability())).append(',')
                        .append(r.alert() ? '1' : '0');
                if (explain) {
                    Explanation e = explained.get(series.name()).get(i);
                    line.append(',').append(DetectCommand.csv(r.alert() ? factors(byDay, r.date(), threshold) + ". "
                                    + e.toEnglish(3, n -> FeatureSpec.label(n, false)) : ""))
                            .append(',').append(DetectCommand.csv(r.alert() ? facteurs(byDay, r.date(), threshold)
                                    + ". " + e.toFrench(3, n -> FeatureSpec.label(n, true)) : ""));
                }
                lines.computeIfAbsent(r.date(), k -> new java.util.ArrayList<>()).add(line.toString());
                alerts += r.alert() ? 1 : 0;
            }
            rows += f.rows().size();
            skipped += f.skipped().size();
        }
        for (List<String> day : lines.values()) {
            for (String line : day) {
                sb.append(line).append('\n');
            }
        }
        AtomicFiles.writeString(output, sb.toString());
        // Report (issue #16): the report, and the test-period metrics added to the card (one series).
        long trainingRows = 0;
        for (TimeSeries series : network) {
            trainingRows += java.util.stream.IntStream.range(0, series.size()).filter(i -> !java.time.LocalDate
                    .ofInstant(series.timestamp(i), java.time.ZoneOffset.UTC).isAfter(data.trainUntil())).count();
        }
        List<fr.territoires.ia.core.trust.ModelCard.Metric> metrics = model.card().metrics();
        if (!several) {
            ExceedanceForecast f = forecasts.get(network.get(0).name());
            var reported = new fr.territoires.ia.examples.report.ForecastReports.Exceedance(
                    in.input.getFileName().toString(), model.chosenModel(), threshold, in.horizon,
                    f.alertThreshold(), f.dates(), f.probabilities(), alertsOf(f),
                    fr.territoires.ia.examples.report.ForecastReports.of(data.series()), model.card().metrics());
            metrics = concat(metrics, fr.territoires.ia.examples.report.ForecastReports.testMetrics(reported));
            if (report != null) {
                AtomicFiles.writeString(report, fr.territoires.ia.examples.report.ForecastReports.exceedance(reported,
                        reportLang));
                spec.commandLine().getOut().println("report written to " + report);
            }
        }
        fr.territoires.ia.core.trust.ModelCard fittedCard = Cards.withRunnerFacts(model.card().toBuilder()
                .metrics(metrics).build(), java.time.Instant.now(), in.input, trainingRows,
                spec.commandLine().getParseResult().originalArgs());
        if (card != null) {
            Cards.write(card, Cards.complete(fittedCard, in.columnsRead(), java.util.List.of()));
            spec.commandLine().getOut().println("model card written to " + card);
        }
        spec.commandLine().getOut().println(in.input + ": " + rows + (several ? " series-dates" : " dates") + " after "
                + data.trainUntil() + " forecast" + (several ? " for " + network.size() + " series" : "") + ", "
                + skipped + " skipped (no value within the last " + in.horizon + " day(s)), " + alerts
                + " alerts, model " + model.chosenModel() + "; written to " + output);
        return 0;
    }

    // Report (issue #16): helpers.
    private static boolean[] alertsOf(ExceedanceForecast f) {
        boolean[] a = new boolean[f.rows().size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = f.rows().get(i).alert();
        }
        return a;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * The settings of this command: the library's defaults with the validation years recommended for the record
     * ({@link ExceedanceForecaster.Options#recommendedValidationYears}).
     */
    static ExceedanceForecaster.Options options(ForecastInput.Data data, double threshold, int horizon) {
        return ExceedanceForecaster.Options.defaults(threshold, horizon).withValidationYears(
                ExceedanceForecaster.Options.recommendedValidationYears(data.network(), data.trainUntil()));
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
