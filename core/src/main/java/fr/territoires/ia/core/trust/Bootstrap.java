package fr.territoires.ia.core.trust;

import fr.territoires.ia.core.metrics.Quantiles;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Percentile bootstrap confidence intervals for any metric computed over rows.
 *
 * <p>The method of B. Efron and R. J. Tibshirani, "An Introduction to the Bootstrap", Chapman and
 * Hall, 1993, chapter 13: draw {@code resamples} samples of {@code rows} row indices with
 * replacement, compute the statistic on each, and take the {@code (1 - confidence) / 2} and
 * {@code (1 + confidence) / 2} quantiles of the resampled values (linear interpolation between
 * order statistics, "type 7" of Hyndman and Fan). The point value is the statistic on all rows in
 * order ({@code 0, 1, ..., rows - 1}).
 *
 * <p>The statistic receives an array of row indices (each in {@code [0, rows)}, possibly repeated)
 * and returns the metric on those rows. Resamples on which it returns NaN (e.g. a recall with no
 * positive row drawn) are left out; when every resample is NaN the metric has no interval. Same
 * seed, same interval. Rows are resampled independently, so for time series with strong
 * autocorrelation the interval is too narrow (a block bootstrap would be needed): say so in the
 * card's caveats.
 *
 * <p>Instances are immutable and safe for concurrent use (the class has none; its methods are
 * static and stateless).
 *
 * @since 0.1.0
 */
public final class Bootstrap {

    /** Default number of resamples. */
    public static final int DEFAULT_RESAMPLES = 1000;

    /** Default confidence level of the interval. */
    public static final double DEFAULT_CONFIDENCE = 0.95;

    private Bootstrap() {
    }

    /**
     * Computes a metric on all rows and its percentile bootstrap interval.
     *
     * @param name name of the metric; not blank
     * @param description how the metric is computed; the interval method is appended
     * @param rows number of rows; at least 1
     * @param statistic the metric over a list of row indices; must not modify the array
     * @param resamples number of bootstrap resamples; at least 2
     * @param confidence confidence level; in (0, 1)
     * @param seed seed of the resampling
     * @return the metric with its interval, or without interval when every resample gave NaN
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when {@code rows < 1}, {@code resamples < 2}, the
     *     confidence is outside (0, 1), the name is blank or the statistic on all rows is not
     *     finite
     */
    public static ModelCard.Metric metric(String name, String description, int rows,
            ToDoubleFunction<int[]> statistic, int resamples, double confidence, long seed) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(statistic, "statistic");
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be >= 1, was " + rows);
        }
        if (resamples < 2) {
            throw new IllegalArgumentException("resamples must be >= 2, was " + resamples);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), was " + confidence);
        }
        int[] all = new int[rows];
        for (int i = 0; i < rows; i++) {
            all[i] = i;
        }
        double value = statistic.applyAsDouble(all);
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(
                    "value of metric " + name + " on all rows must be finite, was " + value);
        }
        double[] values = resampled(rows, statistic, resamples, seed);
        String how = description.isBlank() ? "" : description.strip() + "; ";
        if (values.length == 0) {
            return new ModelCard.Metric(name, value, Double.NaN, Double.NaN,
                    how + "no bootstrap interval: the metric is undefined on every resample");
        }
        double lower = Quantiles.ofSorted(values, (1 - confidence) / 2);
        double upper = Quantiles.ofSorted(values, (1 + confidence) / 2);
        return new ModelCard.Metric(name, value, lower, upper, how
                + ModelCard.number(confidence * 100) + "% percentile bootstrap interval, "
                + resamples + " resamples of " + rows + " rows, seed " + seed);
    }

    /**
     * Computes a metric and its 95% interval from {@value #DEFAULT_RESAMPLES} resamples.
     *
     * @param name name of the metric; not blank
     * @param description how the metric is computed
     * @param rows number of rows; at least 1
     * @param statistic the metric over a list of row indices
     * @param seed seed of the resampling
     * @return the metric with its interval
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException as {@link #metric(String, String, int, ToDoubleFunction, int, double, long)}
     */
    public static ModelCard.Metric metric(String name, String description, int rows,
            ToDoubleFunction<int[]> statistic, long seed) {
        return metric(name, description, rows, statistic, DEFAULT_RESAMPLES, DEFAULT_CONFIDENCE, seed);
    }

    /** The finite statistic values of the resamples, sorted. */
    private static double[] resampled(int rows, ToDoubleFunction<int[]> statistic, int resamples,
            long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[resamples];
        int n = 0;
        int[] sample = new int[rows];
        for (int b = 0; b < resamples; b++) {
            for (int i = 0; i < rows; i++) {
                sample[i] = random.nextInt(rows);
            }
            double v = statistic.applyAsDouble(sample.clone());
            if (Double.isFinite(v)) {
                values[n++] = v;
            }
        }
        double[] kept = Arrays.copyOf(values, n);
        Arrays.sort(kept);
        return kept;
    }
}
