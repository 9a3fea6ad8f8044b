package fr.territoires.ia.forecasting;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The labelled rows of a network for exceedance forecasting: for each series and issue date
 * whose outcome is known, the series index, the issue day (epoch day), the features of
 * {@link NetworkFeatures}, the outcome {@code max(y[d+1 .. d+h]) > T} and persistence's score
 * (the latest value known within the horizon, in the series' unit).
 *
 * <p>A date's outcome is known when one of the next {@code h} days exceeds the threshold, or
 * when all of them are present and none does; other dates are left out.
 *
 * <p>Instances are immutable once built (the arrays are never written after construction and
 * never exposed for writing outside the package) and safe for concurrent use.
 *
 * @param series series index of each row
 * @param days issue day of each row (epoch day)
 * @param x features of each row
 * @param y outcome of each row
 * @param persistence persistence's score of each row
 */
record ExceedanceRows(int[] series, long[] days, double[][] x, boolean[] y, double[] persistence) {

    /**
     * The rows of every series from {@code fromDay} to {@code toDay} (epoch days, inclusive)
     * whose outcome is known and which have a feature row (a value within the horizon).
     *
     * @param nf the features
     * @param threshold the exceedance threshold, in the series' unit
     * @param horizon days ahead
     * @param fromDay first issue day
     * @param toDay last issue day
     * @return the rows, series by series, in date order within a series
     */
    static ExceedanceRows of(NetworkFeatures nf, double threshold, int horizon, long fromDay,
            long toDay) {
        int p = nf.names().size();
        List<Integer> s = new ArrayList<>();
        List<Long> d = new ArrayList<>();
        List<double[]> x = new ArrayList<>();
        List<Boolean> y = new ArrayList<>();
        List<Double> pers = new ArrayList<>();
        NetworkFeatures.@Nullable State state = nf.seriesCount() == 0 ? null
                : nf.state(Math.max(fromDay, nf.firstDay()), Math.min(toDay, nf.lastDay()));
        for (int k = 0; k < nf.seriesCount(); k++) {
            DailyGrid g = nf.grid(k);
            if (g.isEmpty()) {
                continue;
            }
            long from = Math.max(fromDay, g.firstDay());
            long to = Math.min(toDay, g.lastDay());
            double[] buf = new double[p];
            for (long day = from; day <= to; day++) {
                double lab = label(g, day, horizon, threshold);
                if (Double.isNaN(lab) || !nf.row(k, day, state, buf)) {
                    continue;
                }
                s.add(k);
                d.add(day);
                x.add(buf.clone());
                y.add(lab > 0.5);
                pers.add(nf.latest(k, day));
            }
        }
        int n = d.size();
        int[] sa = new int[n];
        long[] da = new long[n];
        boolean[] ya = new boolean[n];
        double[] pa = new double[n];
        for (int i = 0; i < n; i++) {
            sa[i] = s.get(i);
            da[i] = d.get(i);
            ya[i] = y.get(i);
            pa[i] = pers.get(i);
        }
        return new ExceedanceRows(sa, da, x.toArray(new double[0][]), ya, pa);
    }

    /**
     * The outcome of issue day {@code d}: 1 when one of the next {@code h} days exceeds the
     * threshold, 0 when all of them are present and none does, NaN when unknown.
     *
     * @param y the series
     * @param d issue day (epoch day)
     * @param h horizon in days
     * @param threshold threshold, in the series' unit
     * @return 1, 0 or NaN
     */
    static double label(DailyGrid y, long d, int h, double threshold) {
        boolean missing = false;
        for (int k = 1; k <= h; k++) {
            double v = y.at(d + k);
            if (Double.isNaN(v)) {
                missing = true;
            } else if (v > threshold) {
                return 1.0;
            }
        }
        return missing ? Double.NaN : 0.0;
    }

    /**
     * The rows whose issue day lies in {@code [fromDay, toDay]}, in the same order.
     *
     * @param fromDay first issue day (epoch day)
     * @param toDay last issue day (epoch day)
     * @return the selected rows (feature arrays shared, not copied)
     */
    ExceedanceRows select(long fromDay, long toDay) {
        int n = 0;
        for (long d : days) {
            n += d >= fromDay && d <= toDay ? 1 : 0;
        }
        int[] s = new int[n];
        long[] dd = new long[n];
        double[][] xs = new double[n][];
        boolean[] ys = new boolean[n];
        double[] ps = new double[n];
        int k = 0;
        for (int i = 0; i < days.length; i++) {
            if (days[i] >= fromDay && days[i] <= toDay) {
                s[k] = series[i];
                dd[k] = days[i];
                xs[k] = x[i];
                ys[k] = y[i];
                ps[k] = persistence[i];
                k++;
            }
        }
        return new ExceedanceRows(s, dd, xs, ys, ps);
    }

    /** Number of rows. */
    int size() {
        return y.length;
    }

    /** Number of exceedances among the rows. */
    int positives() {
        return positives(y);
    }

    /** Whether the rows hold both exceedances and non-exceedances. */
    boolean bothClasses() {
        return bothClasses(y);
    }

    static int positives(boolean[] y) {
        int n = 0;
        for (boolean b : y) {
            n += b ? 1 : 0;
        }
        return n;
    }

    static boolean bothClasses(boolean[] y) {
        int p = positives(y);
        return p > 0 && p < y.length;
    }
}
