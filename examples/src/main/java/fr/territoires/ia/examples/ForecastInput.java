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
 * Options and reading shared by the forecasting commands: one daily series or a network of them
 * (several value columns of a wide file, or one series per value of {@code --series-column} in a
 * long file), and covariates, from a CSV file.
 */
final class ForecastInput {

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "CSV file with a header line.")
    Path input;

    @Option(names = "--time-column", defaultValue = "date", paramLabel = "NAME",
            description = "Date column, yyyy-MM-dd or ISO date-time (default: ${DEFAULT-VALUE}).")
    String timeColumn;

    @Option(names = "--value-column", required = true, paramLabel = "NAME", split = ",",
            description = "Column to forecast; several (repeated or comma-separated) forecast a network of series with "
                    + "one model.")
    List<String> valueColumns = new ArrayList<>();

    @Option(names = "--series-column", paramLabel = "NAME",
            description = "Long file: one series per distinct value of this column (a station code), all in one model.")
    String seriesColumn;

    /** Most series one call accepts. */
    static final int MAX_SERIES = 10_000;

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

    /** The series (one or a network) and the covariates, read once. */
    record Data(List<TimeSeries> network, List<TimeSeries> covariates, LocalDate trainUntil) {

        /** The only series; only for one series. */
        TimeSeries series() {
            if (network.size() != 1) {
                throw new IllegalStateException("one series expected, was " + network.size());
            }
            return network.get(0);
        }

        /**
         * Validation years of a level model: a third of the years observed up to the cut-off by the
         * earliest series, between 1 and 10 (10 for a long record such as the Garonne's).
         */
        int validationYears() {
            LocalDate first = null;
            for (TimeSeries series : network) {
                for (int i = 0; i < series.size(); i++) {
                    if (!series.isMissing(i)) {
                        LocalDate d = LocalDate.ofInstant(series.timestamp(i), ZoneOffset.UTC);
                        first = first == null || d.isBefore(first) ? d : first;
                        break;
                    }
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
        if (valueColumns.isEmpty()) {
            throw new IllegalArgumentException("--value-column must name at least one column");
        }
        if (seriesColumn != null && valueColumns.size() != 1) {
            throw new IllegalArgumentException("--series-column takes one --value-column, was " + valueColumns);
        }
        if (seriesColumn != null && !covariates.isEmpty()) {
            throw new IllegalArgumentException("--covariate-column is not supported with --series-column: covariates "
                    + "are shared by the network; give them as columns of a wide file");
        }
        if (new java.util.HashSet<>(valueColumns).size() != valueColumns.size()) {
            throw new IllegalArgumentException("--value-column must not repeat a column, was " + valueColumns);
        }
        List<String> columns = new ArrayList<>(valueColumns);
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
        if (seriesColumn != null) {
            // One pass over the file, split by series in order of first appearance.
            List<TimeSeries> network = new ArrayList<>();
            for (var e : TimeSeriesCsv.readBySeries(input, options, seriesColumn, MAX_SERIES).entrySet()) {
                String key = e.getKey();
                TimeSeries s = e.getValue().column(0);
                long[] t = new long[s.size()];
                double[] v = new double[s.size()];
                for (int i = 0; i < t.length; i++) {
                    t[i] = s.timestamp(i).toEpochMilli();
                    v[i] = s.value(i);
                }
                network.add(TimeSeries.of(key, t, v, ZoneOffset.UTC));
            }
            if (network.isEmpty()) {
                throw new IllegalArgumentException(input + " has no data row" + (where.isEmpty() ? "" : " matching --where " + where));
            }
            return new Data(List.copyOf(network), List.of(), until);
        }
        MultivariateTimeSeries all = TimeSeriesCsv.readMultivariate(input, options);
        if (all.size() == 0) {
            throw new IllegalArgumentException(input + " has no data row" + (where.isEmpty() ? "" : " matching --where " + where));
        }
        List<TimeSeries> network = new ArrayList<>();
        List<TimeSeries> covs = new ArrayList<>();
        for (int c = 0; c < all.columnCount(); c++) {
            (c < valueColumns.size() ? network : covs).add(all.column(c));
        }
        return new Data(List.copyOf(network), covs, until);
    }

    /** The value columns as the card lists them (with the series column, when there is one). */
    List<String> columnsRead() {
        List<String> c = new ArrayList<>();
        c.add(timeColumn);
        if (seriesColumn != null) {
            c.add(seriesColumn);
        }
        c.addAll(valueColumns);
        c.addAll(covariates);
        return c;
    }
}
