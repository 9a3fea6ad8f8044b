package fr.territoires.ia.forecasting;

import fr.territoires.ia.core.TimeSeries;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * A daily series laid on a calendar grid: one slot per day from the first to the last date, NaN
 * where the day is absent or missing. Dates come from the series' local calendar.
 *
 * <p>Instances are immutable and safe for concurrent use (the array is never exposed).
 */
final class DailyGrid {

    private final long firstDay;
    private final double[] values;

    private DailyGrid(long firstDay, double[] values) {
        this.firstDay = firstDay;
        this.values = values;
    }

    static DailyGrid of(TimeSeries series, String name) {
        int n = series.size();
        if (n == 0) {
            return new DailyGrid(0, new double[0]);
        }
        long first = series.localDateTime(0).toLocalDate().toEpochDay();
        long last = series.localDateTime(n - 1).toLocalDate().toEpochDay();
        long min = Math.min(first, last);
        long max = Math.max(first, last);
        for (int i = 0; i < n; i++) {
            long d = series.localDateTime(i).toLocalDate().toEpochDay();
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        if (max - min + 1 > 10_000_000L) {
            throw new IllegalArgumentException(name + " must span at most 10,000,000 days, was "
                    + (max - min + 1));
        }
        double[] v = new double[(int) (max - min + 1)];
        Arrays.fill(v, Double.NaN);
        boolean[] seen = new boolean[v.length];
        for (int i = 0; i < n; i++) {
            LocalDate date = series.localDateTime(i).toLocalDate();
            int k = (int) (date.toEpochDay() - min);
            if (seen[k]) {
                throw new IllegalArgumentException(name + " must have at most one value per day, was "
                        + "two on " + date);
            }
            seen[k] = true;
            double x = series.value(i);
            if (Double.isInfinite(x)) {
                throw new IllegalArgumentException(name + " values must be finite or NaN, was " + x
                        + " on " + date);
            }
            v[k] = x;
        }
        return new DailyGrid(min, v);
    }

    boolean isEmpty() {
        return values.length == 0;
    }

    long firstDay() {
        return firstDay;
    }

    long lastDay() {
        return firstDay + values.length - 1;
    }

    /** Value on an epoch day, NaN when outside the grid or missing. */
    double at(long epochDay) {
        long k = epochDay - firstDay;
        if (k < 0 || k >= values.length) {
            return Double.NaN;
        }
        return values[(int) k];
    }

    /** A copy that keeps only the days up to {@code lastEpochDay} inclusive. */
    DailyGrid until(long lastEpochDay) {
        if (lastEpochDay >= lastDay()) {
            return this;
        }
        if (lastEpochDay < firstDay) {
            return new DailyGrid(0, new double[0]);
        }
        return new DailyGrid(firstDay, Arrays.copyOf(values, (int) (lastEpochDay - firstDay + 1)));
    }

    /** SHA-256-free content fingerprint used by the model cards (order-sensitive). */
    long fingerprint() {
        long h = 1125899906842597L + firstDay;
        for (double x : values) {
            h = 31 * h + Double.doubleToLongBits(x);
        }
        return h;
    }
}
