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
     * <p>Every date whose own value is known gets a row: a missing lag is taken as the nearest
     * known later reading (up to the date itself; the level is assumed unchanged since then),
     * a rolling window uses its known days. Only dates whose own value (or a covariate lag) is
     * missing are reported in {@link FeatureMatrix#skipped()}. For example, with values on 1,
     * 2 and 4 March (3 March missing) and lags 0 and 1, 3 March is skipped and the row of
     * 4 March has lag 1 = 40 (its own value: 3 March is missing), never 20 (2 March).
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
        return forForecast(series, covariates, covariateCount, spec, from, false);
    }

    /** As above; with {@code strict}, dates with a missing lag are skipped (level forecasts). */
    static java.util.Optional<FeatureMatrix> forForecast(TimeSeries series, List<TimeSeries> covariates,
            int covariateCount, FeatureSpec spec, LocalDate from, boolean strict) {
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
        return java.util.Optional.of(build(in, spec, from.toEpochDay(), in.series().lastDay(),
                strict));
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
        return build(in, spec, fromDay, toDay, false);
    }

    /**
     * The features of every date from {@code fromDay} to {@code toDay}; with {@code strict}, a
     * date is also skipped when a lag or rise reading is missing or a rolling window has fewer
     * than half of its days (the rule of level forecasts, whose intervals are calibrated on
     * complete rows).
     */
    static FeatureMatrix build(Inputs in, FeatureSpec spec, long fromDay, long toDay,
            boolean strict) {
        List<String> names = names(spec, in.covariateNames());
        List<LocalDate> dates = new ArrayList<>();
        List<LocalDate> skipped = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        double[] buf = new double[names.size()];
        for (long d = fromDay; d <= toDay; d++) {
            if ((!strict || complete(in.series(), spec, d)) && row(in, spec, d, buf)) {
                dates.add(LocalDate.ofEpochDay(d));
                rows.add(buf.clone());
            } else {
                skipped.add(LocalDate.ofEpochDay(d));
            }
        }
        return new FeatureMatrix(dates, names, rows.toArray(new double[0][]), skipped);
    }

    /**
     * The value on day {@code k}, or when it is missing the nearest known value after it, up to
     * day {@code d} (whose value is known): a missing past reading is taken as unchanged since
     * then, the persistence assumption, so that a missing lag never silences a forecast.
     */
    private static double knownAtOrAfter(DailyGrid y, long k, long d) {
        for (long i = k; i < d; i++) {
            double v = y.at(i);
            if (!Double.isNaN(v)) {
                return v;
            }
        }
        return y.at(d);
    }

    /** Whether every lag and rise reading of day {@code d} is known and each window half full. */
    static boolean complete(DailyGrid y, FeatureSpec spec, long d) {
        if (Double.isNaN(y.at(d))) {
            return false;
        }
        for (int k : spec.lags()) {
            if (Double.isNaN(y.at(d - k))) {
                return false;
            }
        }
        for (int k : spec.rises()) {
            if (Double.isNaN(y.at(d - k))) {
                return false;
            }
        }
        for (int w : spec.windows()) {
            int count = 0;
            for (int k = 0; k < w; k++) {
                count += Double.isNaN(y.at(d - k)) ? 0 : 1;
            }
            if (count < (w + 1) / 2) {
                return false;
            }
        }
        return true;
    }

    /**
     * Fills one row; returns false when the value of the day or a covariate lag is missing.
     * A missing lag of the series is filled by {@link #knownAtOrAfter}, a rolling window uses
     * its known days (at least the day itself).
     */
    static boolean row(Inputs in, FeatureSpec spec, long d, double[] out) {
        DailyGrid y = in.series();
        int j = 0;
        double today = y.at(d);
        if (Double.isNaN(today)) {
            return false;
        }
        for (int k : spec.lags()) {
            out[j++] = knownAtOrAfter(y, d - k, d);
        }
        for (int k : spec.rises()) {
            out[j++] = today - knownAtOrAfter(y, d - k, d);
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
            // count >= 1: the value of the day is known
            out[j++] = sum / count;
            out[j++] = max;
        }
        j = calendar(spec, d, out, j);
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

    private static int calendar(FeatureSpec spec, long d, double[] out, int start) {
        int j = start;
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
        return j;
    }
}
