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

    @Override
    public Integer call() throws IOException {
        ForecastInput.Data data = in.read();
        LevelForecaster model;
        Forecast f;
        try {
            model = LevelForecaster.fit(data.series(), data.covariates(), data.trainUntil(),
                    LevelForecaster.Options.defaults(in.horizon).withValidationYears(data.validationYears()));
            f = model.forecast(data.series(), data.covariates(), data.trainUntil().plusDays(1));
        } catch (IllegalArgumentException e) {
            throw ForecastInput.named(in.input, e);
        }
        StringBuilder sb = new StringBuilder("date,horizon,forecast,lower,upper\n");
        for (Forecast.Row r : f.rows()) {
            sb.append(r.date()).append(',').append(r.horizon()).append(',')
                    .append(String.format(Locale.ROOT, "%.4f,%.4f,%.4f", r.forecast(), r.lower(), r.upper())).append('\n');
        }
        AtomicFiles.writeString(output, sb.toString());
        spec.commandLine().getOut().println(in.input + ": " + f.rows().size() + " forecasts after " + data.trainUntil()
                + " (" + f.skipped().size() + " dates without features); written to " + output);
        return 0;
    }
}
