package fr.territoires.ia.examples;

import fr.territoires.ia.core.AtomicFiles;
import fr.territoires.ia.forecasting.Forecast;
import fr.territoires.ia.forecasting.LevelForecaster;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code forecast}: level forecasts for horizons 1..H with 90 % intervals. */
@Command(name = "forecast", mixinStandardHelpOptions = true,
        description = "Level forecasts for 1..H days ahead with 90 %% intervals.")
final class ForecastCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private ForecastInput in = new ForecastInput();

    @Option(names = "--output", required = true, paramLabel = "FILE",
            description = "Output CSV: date,horizon,forecast,lower,upper; with several series date,series,horizon,forecast,"
                    + "lower,upper (written whole or not at all).")
    private java.nio.file.Path output;

    // Report (issue #16): --report and --lang.
    @Option(names = "--report", paramLabel = "FILE", description = "Also write a standalone HTML report: forecasts "
            + "with their 90 %% intervals beside the observations, errors against persistence where observed.")
    private java.nio.file.Path report;

    @Option(names = "--card", paramLabel = "FILE", description = "Also write the model card of the fitted model, with "
            + "the test errors where the forecast dates are observed and its ALTAI self-assessment (.html, .json, "
            + "otherwise Markdown).")
    private java.nio.file.Path card;

    @Option(names = "--lang", defaultValue = "fr", paramLabel = "LANG",
            description = "Language of the report: fr or en (default: ${DEFAULT-VALUE}).")
    private String lang;

    @Override
    public Integer call() throws IOException {
        fr.territoires.ia.examples.report.Lang reportLang = fr.territoires.ia.examples.report.Lang.of(lang);
        ForecastInput.Data data = in.read();
        boolean several = data.network().size() > 1;
        if (several && report != null) {
            throw new IllegalArgumentException("--report draws one series; with " + data.network().size()
                    + " series, run the command once per series with --report, or without --report");
        }
        LevelForecaster model;
        Map<String, Forecast> forecasts;
        try {
            model = LevelForecaster.fitNetwork(data.network(), data.covariates(), data.trainUntil(),
                    LevelForecaster.Options.defaults(in.horizon).withValidationYears(data.validationYears()));
            forecasts = model.forecastNetwork(data.network(), data.covariates(), data.trainUntil().plusDays(1));
        } catch (IllegalArgumentException e) {
            throw ForecastInput.named(in.input, e);
        }
        StringBuilder sb = new StringBuilder("date," + (several ? "series," : "") + "horizon,forecast,lower,upper\n");
        java.util.TreeMap<java.time.LocalDate, java.util.List<String>> lines = new java.util.TreeMap<>();
        int rows = 0;
        int skipped = 0;
        for (Map.Entry<String, Forecast> e : forecasts.entrySet()) {
            for (Forecast.Row r : e.getValue().rows()) {
                lines.computeIfAbsent(r.date(), k -> new java.util.ArrayList<>()).add(r.date() + ","
                        + (several ? DetectCommand.csv(e.getKey()) + "," : "") + r.horizon() + ","
                        + String.format(Locale.ROOT, "%.4f,%.4f,%.4f", r.forecast(), r.lower(), r.upper()));
            }
            rows += e.getValue().rows().size();
            skipped += e.getValue().skipped().size();
        }
        for (java.util.List<String> day : lines.values()) {
            for (String line : day) {
                sb.append(line).append('\n');
            }
        }
        AtomicFiles.writeString(output, sb.toString());
        // Report and card (issue #16): one block; the report and the test errors for one series.
        if (report != null || card != null) {
            java.util.List<fr.territoires.ia.core.trust.ModelCard.Metric> metrics = new java.util.ArrayList<>(
                    model.card().metrics());
            if (!several) {
                Forecast f = forecasts.get(data.series().name());
                int n = f.rows().size();
                int[] step = new int[n];
                double[] point = new double[n];
                double[] lower = new double[n];
                double[] upper = new double[n];
                java.util.List<java.time.LocalDate> issue = new java.util.ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    Forecast.Row r = f.rows().get(i);
                    issue.add(r.date());
                    step[i] = r.horizon();
                    point[i] = r.forecast();
                    lower[i] = r.lower();
                    upper[i] = r.upper();
                }
                var levels = new fr.territoires.ia.examples.report.ForecastReports.Levels(
                        in.input.getFileName().toString(), in.horizon, f.coverage(), issue, step, point, lower,
                        upper, fr.territoires.ia.examples.report.ForecastReports.of(data.series()));
                if (report != null) {
                    AtomicFiles.writeString(report, fr.territoires.ia.examples.report.ForecastReports.levels(levels,
                            reportLang));
                    spec.commandLine().getOut().println("report written to " + report);
                }
                metrics.addAll(fr.territoires.ia.examples.report.ForecastReports.testMetrics(levels));
            }
            if (card != null) {
                long trainingRows = 0;
                for (fr.territoires.ia.core.TimeSeries series : data.network()) {
                    trainingRows += java.util.stream.IntStream.range(0, series.size()).filter(i -> !java.time
                            .LocalDate.ofInstant(series.timestamp(i), java.time.ZoneOffset.UTC)
                            .isAfter(data.trainUntil())).count();
                }
                Cards.write(card, Cards.complete(Cards.withRunnerFacts(model.card().toBuilder().metrics(metrics)
                        .build(), java.time.Instant.now(), in.input, trainingRows,
                        spec.commandLine().getParseResult().originalArgs()), in.columnsRead(), java.util.List.of()));
                spec.commandLine().getOut().println("model card written to " + card);
            }
        }
        spec.commandLine().getOut().println(in.input + ": " + rows + " forecasts after " + data.trainUntil()
                + (several ? " for " + data.network().size() + " series (one model)" : "") + ", " + skipped
                + " dates skipped (no value within the last " + in.horizon + " day(s)); written to " + output);
        return 0;
    }
}
