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
 * seed, same interval.
 *
 * <p>Rows resampled independently ({@link #metric}) suit independent rows (buildings, stations).
 * Consecutive rows of a time series are correlated, and independent resampling then gives
 * intervals that are too narrow: {@link #blockMetric} uses the moving-block bootstrap instead
 * (H. R. Künsch, "The jackknife and the bootstrap for general stationary observations", Annals
 * of Statistics 17(3), 1989): each resample concatenates blocks of {@code blockLength}
 * consecutive rows starting at uniform positions in {@code [0, rows - blockLength]}, truncated to
 * {@code rows} rows; the default block length is {@code round(rows^(1/3))}, the order that
 * minimises the error of the variance estimate (P. Hall, J. L. Horowitz and B.-Y. Jing, "On
 * blocking rules for the bootstrap with dependent data", Biometrika 82(3), 1995). A block length
 * of 1 is the independent bootstrap, draw for draw.
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
        return compute(name, description, rows, 1, statistic, resamples, confidence, seed);
    }

    /**
     * Computes a metric over the rows of a time series and its moving-block bootstrap interval
     * (see the class description).
     *
     * @param name name of the metric; not blank
     * @param description how the metric is computed; the interval method is appended
     * @param rows number of rows, in time order; at least 1
     * @param blockLength number of consecutive rows per block; in {@code [1, rows]}
     * @param statistic the metric over a list of row indices; must not modify the array
     * @param resamples number of bootstrap resamples; at least 2
     * @param confidence confidence level; in (0, 1)
     * @param seed seed of the resampling
     * @return the metric with its interval, or without interval when every resample gave NaN
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException as {@link #metric(String, String, int, ToDoubleFunction, int,
     *     double, long)}, or when {@code blockLength} is outside {@code [1, rows]}
     */
    public static ModelCard.Metric blockMetric(String name, String description, int rows, int blockLength,
            ToDoubleFunction<int[]> statistic, int resamples, double confidence, long seed) {
        return compute(name, description, rows, blockLength, statistic, resamples, confidence, seed);
    }

    /**
     * Computes a metric over the rows of a time series and its 95% moving-block bootstrap
     * interval from {@value #DEFAULT_RESAMPLES} resamples, with blocks of
     * {@link #defaultBlockLength(int)} rows.
     *
     * @param name name of the metric; not blank
     * @param description how the metric is computed
     * @param rows number of rows, in time order; at least 1
     * @param statistic the metric over a list of row indices
     * @param seed seed of the resampling
     * @return the metric with its interval
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException as {@link #blockMetric(String, String, int, int,
     *     ToDoubleFunction, int, double, long)}
     */
    public static ModelCard.Metric blockMetric(String name, String description, int rows,
            ToDoubleFunction<int[]> statistic, long seed) {
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be >= 1, was " + rows);
        }
        return compute(name, description, rows, defaultBlockLength(rows), statistic, DEFAULT_RESAMPLES,
                DEFAULT_CONFIDENCE, seed);
    }

    /**
     * Returns the default block length for {@code rows} rows: {@code round(rows^(1/3))}, at
     * least 1 (e.g. 10 for 1,000 daily rows, 22 for 10,000).
     *
     * @param rows number of rows; at least 1
     * @return the block length, in {@code [1, rows]}
     * @throws IllegalArgumentException when {@code rows < 1}
     */
    public static int defaultBlockLength(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be >= 1, was " + rows);
        }
        return (int) Math.max(1, Math.min(rows, Math.round(Math.cbrt(rows))));
    }

    private static ModelCard.Metric compute(String name, String description, int rows, int blockLength,
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
        if (blockLength < 1 || blockLength > rows) {
            throw new IllegalArgumentException("blockLength must be in [1, " + rows + "], was " + blockLength);
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
        double[] values = resampled(rows, blockLength, statistic, resamples, seed);
        String how = description.isBlank() ? "" : description.strip() + "; ";
        if (values.length == 0) {
            return new ModelCard.Metric(name, value, Double.NaN, Double.NaN,
                    how + "no bootstrap interval: the metric is undefined on every resample");
        }
        double lower = Quantiles.ofSorted(values, (1 - confidence) / 2);
        double upper = Quantiles.ofSorted(values, (1 + confidence) / 2);
        return new ModelCard.Metric(name, value, lower, upper, how
                + ModelCard.number(confidence * 100) + "% percentile " + (blockLength == 1 ? "bootstrap"
                        : "moving-block bootstrap (blocks of " + blockLength + " consecutive rows)")
                + " interval, " + resamples + " resamples of " + rows + " rows, seed " + seed);
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

    /**
     * Metrics broken down by a factor the user names (per station, season, district, building
     * class), each group's metrics with their 95% bootstrap interval, ready for
     * {@link ModelCard.Builder#addQuantitativeAnalysis(ModelCard.QuantitativeAnalysis)}.
     *
     * <p>Rows are grouped by {@code groupOfRow} (groups in first-seen order); each metric is
     * computed on a group's rows with {@link #metric} (independent rows) or, when
     * {@code timeOrdered}, {@link #blockMetric} with {@link #defaultBlockLength(int)} of the
     * group's size (a group's rows keep their order). The statistics receive indices of the
     * whole row list, as for the other methods. A metric that is not finite on a group's rows
     * (e.g. an average precision without a positive) is left out of that group, and a group
     * without any defined metric is left out: compare the groups with the result when every
     * group must appear.
     *
     * @param factor name of the factor (e.g. "season"); not blank
     * @param groupOfRow the group of each row, one entry per row, none null
     * @param metrics metric name to statistic over row indices, in display order
     * @param timeOrdered whether rows are consecutive times (moving-block bootstrap)
     * @param resamples number of bootstrap resamples; at least 2
     * @param seed seed of the resampling (the same for every group and metric)
     * @return one analysis per group with at least one defined metric
     * @throws NullPointerException when an argument or element is null
     * @throws IllegalArgumentException when {@code factor} is blank, there is no row, or
     *     {@code resamples < 2}
     */
    public static java.util.List<ModelCard.QuantitativeAnalysis> byGroup(String factor, java.util.List<String> groupOfRow,
            java.util.Map<String, ToDoubleFunction<int[]>> metrics, boolean timeOrdered, int resamples, long seed) {
        Objects.requireNonNull(factor, "factor");
        Objects.requireNonNull(groupOfRow, "groupOfRow");
        Objects.requireNonNull(metrics, "metrics");
        if (factor.isBlank()) {
            throw new IllegalArgumentException("factor must not be blank, was \"" + factor + "\"");
        }
        if (groupOfRow.isEmpty()) {
            throw new IllegalArgumentException("groupOfRow must hold at least one row, was empty");
        }
        java.util.Map<String, java.util.List<Integer>> groups = new java.util.LinkedHashMap<>();
        for (int i = 0; i < groupOfRow.size(); i++) {
            String g = Objects.requireNonNull(groupOfRow.get(i), "groupOfRow[" + i + "]");
            groups.computeIfAbsent(g, k -> new java.util.ArrayList<>()).add(i);
        }
        java.util.List<ModelCard.QuantitativeAnalysis> out = new java.util.ArrayList<>();
        for (java.util.Map.Entry<String, java.util.List<Integer>> g : groups.entrySet()) {
            int[] rows = g.getValue().stream().mapToInt(Integer::intValue).toArray();
            java.util.List<ModelCard.Metric> computed = new java.util.ArrayList<>();
            for (java.util.Map.Entry<String, ToDoubleFunction<int[]>> m : metrics.entrySet()) {
                ToDoubleFunction<int[]> statistic = Objects.requireNonNull(m.getValue(), "metrics[" + m.getKey() + "]");
                ToDoubleFunction<int[]> onGroup = local -> {
                    int[] global = new int[local.length];
                    for (int k = 0; k < local.length; k++) {
                        global[k] = rows[local[k]];
                    }
                    return statistic.applyAsDouble(global);
                };
                int[] all = rows.clone();
                if (!Double.isFinite(statistic.applyAsDouble(all))) {
                    continue;
                }
                String how = rows.length + " rows of " + factor + " " + g.getKey();
                computed.add(timeOrdered
                        ? compute(m.getKey(), how, rows.length, defaultBlockLength(rows.length), onGroup, resamples,
                                DEFAULT_CONFIDENCE, seed)
                        : compute(m.getKey(), how, rows.length, 1, onGroup, resamples, DEFAULT_CONFIDENCE, seed));
            }
            if (!computed.isEmpty()) {
                out.add(new ModelCard.QuantitativeAnalysis(factor, g.getKey(), computed));
            }
        }
        return java.util.List.copyOf(out);
    }

    /**
     * The share of moving-block bootstrap resamples on which a statistic reaches a threshold:
     * for instance, with the statistic "a candidate's score minus 1.05 times the baseline's"
     * and threshold 0, how often the candidate beats the baseline by 5 % when the period is
     * redrawn. Resamples are drawn as by {@link #blockMetric} (same seed, same resamples);
     * resamples on which the statistic is NaN (e.g. no positive drawn) are not counted.
     *
     * @param rows number of rows, in time order; at least 1
     * @param blockLength number of consecutive rows per block; in {@code [1, rows]} (1 for
     *     independent rows)
     * @param statistic the statistic over a list of row indices; must not modify the array
     * @param threshold the value to reach
     * @param resamples number of resamples; at least 2
     * @param seed seed of the resampling
     * @return the share of counted resamples whose statistic is at least {@code threshold}, in
     *     [0, 1]; empty when no resample could be counted
     * @throws NullPointerException when {@code statistic} is null
     * @throws IllegalArgumentException when {@code rows < 1}, {@code blockLength} is outside
     *     {@code [1, rows]} or {@code resamples < 2}
     */
    public static java.util.OptionalDouble shareAtLeast(int rows, int blockLength,
            ToDoubleFunction<int[]> statistic, double threshold, int resamples, long seed) {
        Objects.requireNonNull(statistic, "statistic");
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be >= 1, was " + rows);
        }
        if (blockLength < 1 || blockLength > rows) {
            throw new IllegalArgumentException("blockLength must be in [1, " + rows + "], was " + blockLength);
        }
        if (resamples < 2) {
            throw new IllegalArgumentException("resamples must be >= 2, was " + resamples);
        }
        double[] values = resampled(rows, blockLength, statistic, resamples, seed);
        if (values.length == 0) {
            return java.util.OptionalDouble.empty();
        }
        int reached = 0;
        for (double v : values) {
            reached += v >= threshold ? 1 : 0;
        }
        return java.util.OptionalDouble.of(reached / (double) values.length);
    }

    /** The finite statistic values of the resamples, sorted. */
    private static double[] resampled(int rows, int blockLength, ToDoubleFunction<int[]> statistic,
            int resamples, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[resamples];
        int n = 0;
        int[] sample = new int[rows];
        for (int b = 0; b < resamples; b++) {
            int starts = rows - blockLength + 1;
            for (int i = 0; i < rows; ) {
                int start = random.nextInt(starts);
                for (int k = 0; k < blockLength && i < rows; k++) {
                    sample[i++] = start + k;
                }
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
