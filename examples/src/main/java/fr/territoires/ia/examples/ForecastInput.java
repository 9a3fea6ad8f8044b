package fr.territoires.ia.examples;

import fr.territoires.ia.core.MultivariateTimeSeries;
import fr.territoires.ia.core.OrderPolicy;
import fr.territoires.ia.core.TimeSeries;
import fr.territoires.ia.core.TimeSeriesCsv;
import fr.territoires.ia.core.TimestampFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Options and reading shared by the forecasting commands: a daily series (and covariates) from a
 * CSV file, optionally one station of a long-format file.
 */
final class ForecastInput {

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "CSV file with a header line.")
    Path input;

    @Option(names = "--time-column", defaultValue = "date", paramLabel = "NAME",
            description = "Date column, yyyy-MM-dd or ISO date-time (default: ${DEFAULT-VALUE}).")
    String timeColumn;

    @Option(names = "--value-column", required = true, paramLabel = "NAME", description = "Column to forecast.")
    String valueColumn;

    @Option(names = "--covariate-column", paramLabel = "NAME", description = "Other series used as features; repeatable.")
    List<String> covariates = new ArrayList<>();

    @Option(names = "--where", paramLabel = "COLUMN=VALUE",
            description = "Keep only the rows whose COLUMN equals VALUE (one station of a long-format file); repeatable.")
    List<String> where = new ArrayList<>();

    @Option(names = "--separator", defaultValue = ",", paramLabel = "CHAR",
            description = "Field separator, one character or 'tab' (default: ${DEFAULT-VALUE}).")
    String separator;

    @Option(names = "--horizon", required = true, paramLabel = "H", description = "Days ahead, at least 1.")
    int horizon;

    @Option(names = "--train-until", required = true, paramLabel = "YYYY-MM-DD",
            description = "Last date used for training, validation and calibration; outputs start the day after.")
    String trainUntil;

    /** The series and its covariates, read once. */
    record Data(TimeSeries series, List<TimeSeries> covariates, LocalDate trainUntil) {

        /**
         * Validation years for model choice and calibration: a third of the years observed up to
         * the cut-off, between 1 and 10 (10 for a long record such as the Garonne's).
         */
        int validationYears() {
            LocalDate first = null;
            for (int i = 0; i < series.size(); i++) {
                if (!series.isMissing(i)) {
                    first = LocalDate.ofInstant(series.timestamp(i), ZoneOffset.UTC);
                    break;
                }
            }
            if (first == null || !first.isBefore(trainUntil)) {
                throw new IllegalArgumentException("no observed value on or before --train-until " + trainUntil);
            }
            long years = java.time.temporal.ChronoUnit.DAYS.between(first, trainUntil) / 365;
            return (int) Math.max(1, Math.min(10, years / 3));
        }
    }

    /**
     * The error {@code e} with the file named first, when its message does not name it already
     * (the models' own checks speak of "series", not of the file it came from).
     */
    static IllegalArgumentException named(Path file, IllegalArgumentException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains(file.toString()) ? e : new IllegalArgumentException(file + ": " + m, e);
    }

    Data read() throws IOException {
        if (horizon < 1) {
            throw new IllegalArgumentException("--horizon must be >= 1, was " + horizon);
        }
        LocalDate until;
        try {
            until = LocalDate.parse(trainUntil);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--train-until must be a date yyyy-MM-dd, was \"" + trainUntil + "\"", e);
        }
        String d = "tab".equals(separator) ? "\t" : separator;
        if (d.length() != 1) {
            throw new IllegalArgumentException("--separator must be one character or 'tab', was \"" + separator + "\"");
        }
        List<String> columns = new ArrayList<>();
        columns.add(valueColumn);
        columns.addAll(covariates);
        TimeSeriesCsv.Options options = TimeSeriesCsv.Options.defaults().withTimestampColumn(timeColumn)
                .withValueColumns(columns).withFormat(TimestampFormat.auto()).withZone(ZoneOffset.UTC)
                .withOrderPolicy(OrderPolicy.REJECT).withSeparators(d.charAt(0), false);
        for (String w : where) {
            int eq = w.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--where must be COLUMN=VALUE, was \"" + w + "\"");
            }
            options = options.withRowFilter(w.substring(0, eq), w.substring(eq + 1));
        }
        MultivariateTimeSeries all = TimeSeriesCsv.readMultivariate(input, options);
        if (all.size() == 0) {
            throw new IllegalArgumentException(input + " has no data row" + (where.isEmpty() ? "" : " matching --where " + where));
        }
        List<TimeSeries> covs = new ArrayList<>();
        for (int c = 1; c < all.columnCount(); c++) {
            covs.add(all.column(c));
        }
        return new Data(all.column(0), covs, until);
    }
}
