package fr.territoires.ia.forecasting;

import fr.territoires.ia.core.TimeSeries;
import fr.territoires.ia.core.calendar.FrenchCalendar;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The features of a network of daily series (one series is a network of one), row by row for a
 * series and an issue date, through missing readings.
 *
 * <p>Each series is put on its own scale: {@code z = (value - centre) / spread}, the mean and
 * standard deviation of its values up to the end of training (a series with fewer than
 * {@value #MIN_VALUES} values by then uses its first {@value #MIN_VALUES} values: a cold start,
 * said in the forecaster's card). On that scale: {@code lag0}, the latest known value within
 * the last {@code horizon} days, and {@code age}, its age in days; the other lags of {@link
 * FeatureSpec#lags()} on their exact day; rises from each lag to {@code lag0}; mean and maximum
 * over each window of the values present; the calendar. An exceedance model adds
 * {@code to_threshold}, the threshold on the series' scale, so that one model serves series of
 * different levels. With two series or more, the network's state adds {@code network_median}
 * (median over the series of today's scaled value) and {@code network_rise1} (median of the
 * one-day rises): pollution episodes and floods are regional. Covariates enter in their own unit
 * at {@link FeatureSpec#covariateLags()}.
 *
 * <p>A missing reading leaves its features NaN (the models impute and flag them); a date has a
 * row when a value is known within the last {@code horizon} days ({@code lag0} exists).
 *
 * <p>Instances are immutable and safe for concurrent use.
 */
final class NetworkFeatures {

    /** How each series is put on a common scale (a design choice made by a study, see the README). */
    enum Scaling {
        /** {@code (value - mean) / sd} of the series' training values. */
        MEAN_SD,
        /** The same on {@code log(value)} when every training value is positive. */
        LOG_MEAN_SD,
        /** No per-series scaling (values in their unit). */
        RAW
    }

    /** How a missing lag is filled (a design choice made by a study, see the README). */
    enum Gaps {
        /** Left missing: the model imputes the training mean and learns a missing indicator. */
        INDICATOR,
        /** The nearest known reading after the lag's day, up to the latest value. */
        NEAREST
    }

    /** Fewest values that fix a series' scale. */
    static final int MIN_VALUES = 30;
    private static final FrenchCalendar CALENDAR = FrenchCalendar.metropolitan();

    private final List<DailyGrid> series;
    private final List<String> seriesNames;
    private final List<DailyGrid> covariates;
    private final FeatureSpec spec;
    private final int horizon;
    private final double threshold;
    private final double[] centre;
    private final double[] spread;
    private final boolean[] log;
    /** Whether a series' scale rests on at least {@value #MIN_VALUES} values. */
    private final boolean[] settled;
    private final Gaps gaps;
    private final List<String> names;
    private final boolean network;

    /**
     * Lays out the features.
     *
     * @param series the series (at least one), with distinct names
     * @param covariates covariates shared by the network
     * @param spec features
     * @param horizon days ahead; {@code lag0} may be up to {@code horizon - 1} days old
     * @param threshold exceedance threshold in the series' unit, NaN for none
     * @param trainUntil last day of training: the scales are read up to it
     * @param readUntil last day read at all (the end of training when fitting, so that later
     *     values never reach the model; {@code Long.MAX_VALUE} when forecasting)
     * @param networkFeatures whether to add the network features (fixed at fitting)
     */
    NetworkFeatures(List<TimeSeries> series, List<TimeSeries> covariates, FeatureSpec spec,
            int horizon, double threshold, long trainUntil, long readUntil,
            boolean networkFeatures) {
        this(series, covariates, spec, horizon, threshold, trainUntil, readUntil, networkFeatures,
                Scaling.MEAN_SD);
    }

    NetworkFeatures(List<TimeSeries> series, List<TimeSeries> covariates, FeatureSpec spec,
            int horizon, double threshold, long trainUntil, long readUntil,
            boolean networkFeatures, Scaling scaling) {
        this(series, covariates, spec, horizon, threshold, trainUntil, readUntil, networkFeatures,
                scaling, Gaps.NEAREST, java.util.Map.of());
    }

    /**
     * Lays out the features, with the scales fixed at fitting for the series it saw.
     *
     * @param known scales by series name ({@code {centre, spread, log ? 1 : 0}}), as
     *     {@link #scales()} returned them at fitting; other series are scaled from their values
     */
    NetworkFeatures(List<TimeSeries> series, List<TimeSeries> covariates, FeatureSpec spec,
            int horizon, double threshold, long trainUntil, long readUntil,
            boolean networkFeatures, Scaling scaling, Gaps gaps,
            java.util.Map<String, double[]> known) {
        this.gaps = gaps;
        if (series.isEmpty()) {
            throw new IllegalArgumentException("series must hold at least one series, was none");
        }
        List<DailyGrid> grids = new ArrayList<>();
        List<String> sn = new ArrayList<>();
        for (TimeSeries s : series) {
            if (sn.contains(s.name())) {
                throw new IllegalArgumentException("series must have distinct names, was \""
                        + s.name() + "\" twice");
            }
            sn.add(s.name());
            grids.add(DailyGrid.of(s, s.name()).until(readUntil));
        }
        List<DailyGrid> cov = new ArrayList<>();
        List<String> covNames = new ArrayList<>();
        for (int i = 0; i < covariates.size(); i++) {
            cov.add(DailyGrid.of(covariates.get(i), "covariate " + covariates.get(i).name())
                    .until(readUntil));
            covNames.add("cov" + i + "_" + covariates.get(i).name());
        }
        this.series = List.copyOf(grids);
        this.seriesNames = List.copyOf(sn);
        this.covariates = List.copyOf(cov);
        this.spec = spec;
        this.horizon = horizon;
        this.threshold = threshold;
        this.network = networkFeatures;
        this.centre = new double[grids.size()];
        this.spread = new double[grids.size()];
        this.log = new boolean[grids.size()];
        this.settled = new boolean[grids.size()];
        for (int s = 0; s < grids.size(); s++) {
            double[] fixed = known.get(sn.get(s));
            if (fixed != null) {
                settled[s] = true;
                centre[s] = fixed[0];
                spread[s] = fixed[1];
                log[s] = fixed[2] > 0.5;
                continue;
            }
            if (scaling == Scaling.LOG_MEAN_SD && positive(grids.get(s), trainUntil)
                    && !(threshold <= 0)) {
                log[s] = true;
            }
            double[] ms = scaling == Scaling.RAW ? new double[] {0.0, 1.0, MIN_VALUES}
                    : scale(grids.get(s), trainUntil, log[s]);
            settled[s] = ms[2] >= MIN_VALUES;
            centre[s] = ms[0];
            spread[s] = ms[1];
        }
        List<String> n = new ArrayList<>();
        for (int k : spec.lags()) {
            n.add("lag" + k);
        }
        n.add("age");
        for (int k : spec.rises()) {
            n.add("rise" + k);
        }
        for (int w : spec.windows()) {
            n.add("mean" + w);
            n.add("max" + w);
        }
        if (spec.calendar()) {
            n.add("doy_sin");
            n.add("doy_cos");
            for (int d = 1; d <= 6; d++) {
                n.add("dow_" + d);
            }
            n.add("holiday");
        }
        if (!Double.isNaN(threshold)) {
            n.add("to_threshold");
        }
        if (network) {
            n.add("network_median");
            n.add("network_rise1");
        }
        for (String c : covNames) {
            for (int k : spec.covariateLags()) {
                n.add(c + "_lag" + k);
            }
        }
        this.names = List.copyOf(n);
    }

    private static boolean positive(DailyGrid g, long until) {
        int c = 0;
        for (long d = g.firstDay(); d <= g.lastDay() && (d <= until || c < MIN_VALUES); d++) {
            double v = g.at(d);
            if (!Double.isNaN(v)) {
                if (!(v > 0)) {
                    return false;
                }
                c++;
            }
        }
        return c > 0;
    }

    /**
     * Mean, standard deviation and count of the values up to {@code until} (the first
     * {@value #MIN_VALUES} values when fewer: a cold start).
     */
    private static double[] scale(DailyGrid g, long until, boolean log) {
        double s = 0;
        double ss = 0;
        int c = 0;
        for (long d = g.firstDay(); d <= g.lastDay() && (d <= until || c < MIN_VALUES); d++) {
            double v = g.at(d);
            if (!Double.isNaN(v)) {
                v = log ? Math.log(v) : v;
                s += v;
                ss += v * v;
                c++;
            }
        }
        if (c == 0) {
            return new double[] {0.0, 1.0, 0};
        }
        double m = s / c;
        double var = Math.max(0.0, ss / c - m * m);
        double sd = Math.sqrt(var);
        return new double[] {m, sd > 1e-9 * Math.max(1.0, Math.abs(m)) ? sd : 1.0, c};
    }

    List<String> names() {
        return names;
    }

    /**
     * The scale of each series by name, {@code {centre, spread, log ? 1 : 0}}, for the series
     * whose scale rests on at least {@value #MIN_VALUES} values (the others are scaled again at
     * forecast time, from their first values).
     */
    java.util.Map<String, double[]> scales() {
        java.util.Map<String, double[]> out = new java.util.LinkedHashMap<>();
        for (int s = 0; s < seriesNames.size(); s++) {
            if (!settled[s]) {
                continue;
            }
            out.put(seriesNames.get(s), new double[] {centre[s], spread[s], log[s] ? 1 : 0});
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    int seriesCount() {
        return series.size();
    }

    String seriesName(int s) {
        return seriesNames.get(s);
    }

    DailyGrid grid(int s) {
        return series.get(s);
    }

    /** Index of feature {@code lag0} in a row. */
    int lag0Index() {
        return spec.lags().indexOf(0);
    }

    /** The latest known value of series {@code s} within the last {@code horizon} days of {@code d}, NaN if none. */
    double latest(int s, long d) {
        DailyGrid g = series.get(s);
        for (int k = 0; k < horizon; k++) {
            double v = g.at(d - k);
            if (!Double.isNaN(v)) {
                return v;
            }
        }
        return Double.NaN;
    }

    /** The scaled value {@code k} days before {@code d}, filled as {@link #gaps} says. */
    private double lag(int s, long d, int k, int age) {
        double v = z(s, d - k);
        if (!Double.isNaN(v) || gaps == Gaps.INDICATOR) {
            return v;
        }
        for (long t = d - k + 1; t <= d - age; t++) {
            v = z(s, t);
            if (!Double.isNaN(v)) {
                return v;
            }
        }
        return v;
    }

    /** The scaled value of series {@code s} on day {@code d}, NaN when missing. */
    double scaledValue(int s, long d) {
        return z(s, d);
    }

    /** The spread (standard deviation of the scale) of series {@code s}; 1 when not scaled. */
    double spread(int s) {
        return log[s] ? Double.NaN : spread[s];
    }

    private double z(int s, long d) {
        return scaled(s, series.get(s).at(d));
    }

    private double scaled(int s, double v) {
        return ((log[s] ? Math.log(Math.max(v, 1e-12)) : v) - centre[s]) / spread[s];
    }


    /**
     * Fills the row of series {@code s} on day {@code d}.
     *
     * @return false when no value is known within the last {@code horizon} days
     */
    boolean row(int s, long d, double[] out) {
        return row(s, d, null, out);
    }

    /**
     * The network's state (median over the series of the scaled value of the day, and of the
     * one-day rises) for each day of a range, computed once for every series of the network:
     * callers that fill the rows of all series over the same days pass it to
     * {@link #row(int, long, State, double[])}, which then reads it instead of recomputing it
     * for each series (the values are the same bit for bit). Immutable.
     *
     * @param firstDay first day held
     * @param median network median of each day from {@code firstDay}
     * @param rise network median one-day rise of each day from {@code firstDay}
     */
    record State(long firstDay, double[] median, double[] rise) {

        boolean covers(long d) {
            return d >= firstDay && d - firstDay < median.length;
        }
    }

    /**
     * Computes the network's state from {@code fromDay} to {@code toDay}, or returns null when
     * there are no network features or the range is empty.
     */
    @Nullable State state(long fromDay, long toDay) {
        if (!network || toDay < fromDay || toDay - fromDay >= Integer.MAX_VALUE) {
            return null;
        }
        int n = (int) (toDay - fromDay + 1);
        double[] median = new double[n];
        double[] rise = new double[n];
        double[] level = new double[series.size()];
        double[] rises = new double[series.size()];
        for (int i = 0; i < n; i++) {
            double[] m = networkState(fromDay + i, level, rises);
            median[i] = m[0];
            rise[i] = m[1];
        }
        return new State(fromDay, median, rise);
    }

    /** Median scaled level and median one-day rise over the series on day {@code d}. */
    private double[] networkState(long d, double[] level, double[] rise) {
        int nl = 0;
        int nr = 0;
        for (int t = 0; t < series.size(); t++) {
            double a = z(t, d);
            double b = z(t, d - 1);
            if (!Double.isNaN(a)) {
                level[nl++] = a;
                if (!Double.isNaN(b)) {
                    rise[nr++] = a - b;
                }
            }
        }
        return new double[] {median(level, nl), median(rise, nr)};
    }

    /**
     * Fills the row of series {@code s} on day {@code d}, reading the network's state from
     * {@code state} when it covers the day.
     *
     * @param state the network's state from {@link #state(long, long)}, or null to compute it
     * @return false when no value is known within the last {@code horizon} days
     */
    boolean row(int s, long d, @Nullable State state, double[] out) {
        int age = -1;
        DailyGrid g = series.get(s);
        for (int k = 0; k < horizon; k++) {
            if (!Double.isNaN(g.at(d - k))) {
                age = k;
                break;
            }
        }
        if (age < 0) {
            return false;
        }
        double today = z(s, d - age);
        int j = 0;
        for (int k : spec.lags()) {
            out[j++] = k == 0 ? today : lag(s, d, k, age);
        }
        out[j++] = age;
        for (int k : spec.rises()) {
            out[j++] = today - lag(s, d, k, age);
        }
        for (int w : spec.windows()) {
            double sum = 0.0;
            double max = Double.NEGATIVE_INFINITY;
            int count = 0;
            for (int k = 0; k < w; k++) {
                double v = g.at(d - k);
                if (!Double.isNaN(v)) {
                    sum += v;
                    max = Math.max(max, v);
                    count++;
                }
            }
            out[j++] = count == 0 ? Double.NaN : scaled(s, sum / count);
            out[j++] = count == 0 ? Double.NaN : scaled(s, max);
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
        if (!Double.isNaN(threshold)) {
            out[j++] = scaled(s, threshold);
        }
        if (network) {
            if (state != null && state.covers(d)) {
                int i = (int) (d - state.firstDay());
                out[j++] = state.median()[i];
                out[j++] = state.rise()[i];
            } else {
                double[] m = networkState(d, new double[series.size()],
                        new double[series.size()]);
                out[j++] = m[0];
                out[j++] = m[1];
            }
        }
        for (DailyGrid c : covariates) {
            for (int k : spec.covariateLags()) {
                out[j++] = c.at(d - k);
            }
        }
        return true;
    }

    private static double median(double[] v, int n) {
        if (n == 0) {
            return Double.NaN;
        }
        Arrays.sort(v, 0, n);
        return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
    }

    /**
     * A row with the series' own features back in the series' unit (lags, windows and the
     * threshold as values, rises as differences), for explanations; the network features stay
     * on the common scale (medians of scaled values).
     */
    double[] inUnit(int s, double[] row) {
        double[] out = row.clone();
        for (int j = 0; j < names.size(); j++) {
            String n = names.get(j);
            double z = row[j];
            if (Double.isNaN(z)) {
                continue;
            }
            if (n.matches("(lag|mean|max)\\d+") || n.equals("to_threshold")) {
                double v = centre[s] + z * spread[s];
                out[j] = log[s] ? Math.exp(v) : v;
            } else if (n.matches("rise\\d+") && !log[s]) {
                out[j] = z * spread[s];
            }
        }
        return out;
    }

    /** The first and last day of any series. */
    long firstDay() {
        long f = Long.MAX_VALUE;
        for (DailyGrid g : series) {
            if (!g.isEmpty()) {
                f = Math.min(f, g.firstDay());
            }
        }
        return f;
    }

    long lastDay() {
        long l = Long.MIN_VALUE;
        for (DailyGrid g : series) {
            if (!g.isEmpty()) {
                l = Math.max(l, g.lastDay());
            }
        }
        return l;
    }
}
