package fr.territoires.ia.examples;

import fr.territoires.ia.core.AtomicFiles;
import fr.territoires.ia.forecasting.ExceedanceForecast;
import fr.territoires.ia.forecasting.ExceedanceForecaster;
import java.io.IOException;
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

    @Override
    public Integer call() throws IOException {
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("--threshold must be a finite number, was " + threshold);
        }
        ForecastInput.Data data = in.read();
        ExceedanceForecaster model = ExceedanceForecaster.fit(data.series(), data.covariates(), data.trainUntil(),
                ExceedanceForecaster.Options.defaults(threshold, in.horizon)
                        .withValidationYears(data.validationYears()));
        ExceedanceForecast f = model.forecast(data.series(), data.covariates(), data.trainUntil().plusDays(1));
        StringBuilder sb = new StringBuilder("date,probability,alert\n");
        int alerts = 0;
        for (ExceedanceForecast.Row r : f.rows()) {
            sb.append(r.date()).append(',').append(String.format(Locale.ROOT, "%.6f", r.probability())).append(',')
                    .append(r.alert() ? '1' : '0').append('\n');
            alerts += r.alert() ? 1 : 0;
        }
        AtomicFiles.writeString(output, sb.toString());
        spec.commandLine().getOut().println(in.input + ": " + f.rows().size() + " dates after " + data.trainUntil()
                + " forecast (" + f.skipped().size() + " without features), " + alerts + " alerts, model "
                + model.chosenModel() + "; written to " + output);
        return 0;
    }
}
