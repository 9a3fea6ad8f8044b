package fr.territoires.ia.examples;

import fr.territoires.ia.core.AtomicFiles;
import fr.territoires.ia.forecasting.Forecast;
import fr.territoires.ia.forecasting.LevelForecaster;
import java.io.IOException;
import java.util.Locale;
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
            description = "Output CSV: date,horizon,forecast,lower,upper (written whole or not at all).")
    private java.nio.file.Path output;

    // Report (issue #16): --report and --lang.
    @Option(names = "--report", paramLabel = "FILE", description = "Also write a standalone HTML report: forecasts "
            + "with their 90 %% intervals beside the observations, errors against persistence where observed.")
    private java.nio.file.Path report;

    @Option(names = "--lang", defaultValue = "fr", paramLabel = "LANG",
            description = "Language of the report: fr or en (default: ${DEFAULT-VALUE}).")
    private String lang;

    @Override
    public Integer call() throws IOException {
        fr.territoires.ia.examples.report.Lang reportLang = fr.territoires.ia.examples.report.Lang.of(lang);
        ForecastInput.Data data = in.read();
        LevelForecaster model = LevelForecaster.fit(data.series(), data.covariates(), data.trainUntil(),
                LevelForecaster.Options.defaults(in.horizon).withValidationYears(data.validationYears()));
        Forecast f = model.forecast(data.series(), data.covariates(), data.trainUntil().plusDays(1));
        StringBuilder sb = new StringBuilder("date,horizon,forecast,lower,upper\n");
        for (Forecast.Row r : f.rows()) {
            sb.append(r.date()).append(',').append(r.horizon()).append(',')
                    .append(String.format(Locale.ROOT, "%.4f,%.4f,%.4f", r.forecast(), r.lower(), r.upper())).append('\n');
        }
        AtomicFiles.writeString(output, sb.toString());
        // Report (issue #16): one block.
        if (report != null) {
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
            AtomicFiles.writeString(report, fr.territoires.ia.examples.report.ForecastReports.levels(
                    new fr.territoires.ia.examples.report.ForecastReports.Levels(in.input.getFileName().toString(),
                            in.horizon, f.coverage(), issue, step, point, lower, upper,
                            fr.territoires.ia.examples.report.ForecastReports.of(data.series())), reportLang));
            spec.commandLine().getOut().println("report written to " + report);
        }
        spec.commandLine().getOut().println(in.input + ": " + f.rows().size() + " forecasts after " + data.trainUntil()
                + " (" + f.skipped().size() + " dates without features); written to " + output);
        return 0;
    }
}
