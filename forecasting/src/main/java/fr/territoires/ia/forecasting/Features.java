package fr.territoires.ia.forecasting;

import fr.territoires.ia.core.TimeSeries;
import fr.territoires.ia.core.calendar.FrenchCalendar;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds lag, rise, rolling and calendar features from a daily series and optional covariate
 * series, by date (see {@link FeatureSpec} for the list and the rules on missing values).
 *
 * <p>Each series is read on its own local calendar: the date of a value is the local date of
 * its timestamp in the series' zone (for daily data, midnight UTC with {@code ZoneOffset.UTC}
 * is the simplest). At most one value per date is allowed. Covariates are matched by date, not
 * by row. Features of date {@code d} only use values on or before {@code d}.
 *
 * <p>Instances are immutable and safe for concurrent use (the class has none; its methods are
 * stateless).
 *
 * @since 0.1.0
 */
public final class Features {

    private static final FrenchCalendar CALENDAR = FrenchCalendar.metropolitan();

    private Features() {
    }

    /**
     * Builds the features of every date from {@code from} to {@code to} inclusive.
     *
     * <p>For example, with values on 1, 2 and 4 March (3 March missing) and lags 0 and 1, the
     * row of 4 March cannot be built (its lag 1, 3 March, is missing) and is reported in
     * {@link FeatureMatrix#skipped()}; the value of 2 March is never used as its lag 1.
     *
     * @param series the daily series, at most one value per local date; NaN = missing
     * @param covariates other daily series aligned by date (may be empty)
     * @param spec the features to build
     * @param from first date, inclusive
     * @param to last date, inclusive, not before {@code from}
     * @return the feature matrix and the skipped dates
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when {@code to} is before {@code from}, the range is
     *     longer than 100 years, a series has two values on one date or an infinite value
     */
    public static FeatureMatrix build(TimeSeries series, List<TimeSeries> covariates,
            FeatureSpec spec, LocalDate from, LocalDate to) {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(covariates, "covariates");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to must be on or after from (" + from + "), was "
                    + to);
        }
        if (to.toEpochDay() - from.toEpochDay() > 36_525) {
            throw new IllegalArgumentException("to - from must be at most 36525 days, was "
                    + (to.toEpochDay() - from.toEpochDay()));
        }
        Inputs in = Inputs.of(series, covariates);
        return build(in, spec, from.toEpochDay(), to.toEpochDay());
    }

    /**
     * The features of every date from {@code from} to the series' last date, for a fitted model:
     * checks the arguments and the number of covariates; empty when {@code from} is after the
     * last value (or there is none).
     */
    static java.util.Optional<FeatureMatrix> forForecast(TimeSeries series, List<TimeSeries> covariates,
            int covariateCount, FeatureSpec spec, LocalDate from) {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(covariates, "covariates");
        Objects.requireNonNull(from, "from");
        if (covariates.size() != covariateCount) {
            throw new IllegalArgumentException("covariates must have " + covariateCount
                    + " series as at fitting time, was " + covariates.size());
        }
        Inputs in = Inputs.of(series, covariates);
        if (in.series().isEmpty() || from.toEpochDay() > in.series().lastDay()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(build(in, spec, from.toEpochDay(), in.series().lastDay()));
    }

    /** The validated grids of a series and its covariates. */
    record Inputs(DailyGrid series, List<DailyGrid> covariates, List<String> covariateNames) {

        static Inputs of(TimeSeries series, List<TimeSeries> covariates) {
            List<DailyGrid> grids = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (int c = 0; c < covariates.size(); c++) {
                TimeSeries cov = Objects.requireNonNull(covariates.get(c), "covariates[" + c + "]");
                grids.add(DailyGrid.of(cov, "covariates[" + c + "]"));
                names.add("cov" + c + "_" + cov.name().replaceAll("[^A-Za-z0-9]", "_"));
            }
            return new Inputs(DailyGrid.of(series, "series"), List.copyOf(grids),
                    List.copyOf(names));
        }

        Inputs until(long lastDay) {
            List<DailyGrid> cut = new ArrayList<>();
            for (DailyGrid g : covariates) {
                cut.add(g.until(lastDay));
            }
            return new Inputs(series.until(lastDay), List.copyOf(cut), covariateNames);
        }
    }

    static List<String> names(FeatureSpec spec, List<String> covariateNames) {
        List<String> names = new ArrayList<>();
        for (int k : spec.lags()) {
            names.add("lag" + k);
        }
        for (int k : spec.rises()) {
            names.add("rise" + k);
        }
        for (int w : spec.windows()) {
            names.add("mean" + w);
            names.add("max" + w);
        }
        if (spec.calendar()) {
            names.add("doy_sin");
            names.add("doy_cos");
            for (int d = 1; d <= 6; d++) {
                names.add("dow_" + d);
            }
            names.add("holiday");
        }
        for (String c : covariateNames) {
            for (int k : spec.covariateLags()) {
                names.add(c + "_lag" + k);
            }
        }
        return names;
    }

    static FeatureMatrix build(Inputs in, FeatureSpec spec, long fromDay, long toDay) {
        List<String> names = names(spec, in.covariateNames());
        List<LocalDate> dates = new ArrayList<>();
        List<LocalDate> skipped = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        double[] buf = new double[names.size()];
        for (long d = fromDay; d <= toDay; d++) {
            if (row(in, spec, d, buf)) {
                dates.add(LocalDate.ofEpochDay(d));
                rows.add(buf.clone());
            } else {
                skipped.add(LocalDate.ofEpochDay(d));
            }
        }
        return new FeatureMatrix(dates, names, rows.toArray(new double[0][]), skipped);
    }

    /** Fills one row; returns false when a required value is missing. */
    static boolean row(Inputs in, FeatureSpec spec, long d, double[] out) {
        DailyGrid y = in.series();
        int j = 0;
        double today = y.at(d);
        for (int k : spec.lags()) {
            double v = y.at(d - k);
            if (Double.isNaN(v)) {
                return false;
            }
            out[j++] = v;
        }
        for (int k : spec.rises()) {
            double past = y.at(d - k);
            if (Double.isNaN(today) || Double.isNaN(past)) {
                return false;
            }
            out[j++] = today - past;
        }
        for (int w : spec.windows()) {
            double sum = 0.0;
            double max = Double.NEGATIVE_INFINITY;
            int count = 0;
            for (int k = 0; k < w; k++) {
                double v = y.at(d - k);
                if (!Double.isNaN(v)) {
                    sum += v;
                    max = Math.max(max, v);
                    count++;
                }
            }
            if (count < (w + 1) / 2) {
                return false;
            }
            out[j++] = sum / count;
            out[j++] = max;
        }
        if (spec.calendar()) {
            LocalDate date = LocalDate.ofEpochDay(d);
            double angle = 2.0 * Math.PI * (date.getDayOfYear() - 1) / 365.25;
            out[j++] = Math.sin(angle);
            out[j++] = Math.cos(angle);
            DayOfWeek dow = date.getDayOfWeek();
            for (int k = 1; k <= 6; k++) {
                out[j++] = dow.getValue() - 1 == k ? 1.0 : 0.0;
            }
            out[j++] = CALENDAR.isPublicHoliday(date) ? 1.0 : 0.0;
        }
        for (DailyGrid c : in.covariates()) {
            for (int k : spec.covariateLags()) {
                double v = c.at(d - k);
                if (Double.isNaN(v)) {
                    return false;
                }
                out[j++] = v;
            }
        }
        return true;
    }
}
