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

    @Override
    public Integer call() throws IOException {
        ForecastInput.Data data = in.read();
        boolean several = data.network().size() > 1;
        LevelForecaster model = LevelForecaster.fitNetwork(data.network(), data.covariates(), data.trainUntil(),
                LevelForecaster.Options.defaults(in.horizon).withValidationYears(data.validationYears()));
        Map<String, Forecast> forecasts = model.forecastNetwork(data.network(), data.covariates(),
                data.trainUntil().plusDays(1));
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
        spec.commandLine().getOut().println(in.input + ": " + rows + " forecasts after " + data.trainUntil()
                + (several ? " for " + data.network().size() + " series (one model)" : "") + ", " + skipped
                + " dates skipped (no value within the last " + in.horizon + " day(s)); written to " + output);
        return 0;
    }
}
