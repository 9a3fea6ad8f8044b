package fr.territoires.ia.anomaly;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The result of scoring a multivariate series: per row an anomaly score in {@code [0, 1]}
 * (higher is more anomalous), an alarm flag and the columns that deviate most.
 *
 * <p>Column contributions are signed robust z-scores (see {@link ColumnContribution}), ranked by
 * absolute value, ties in column order. A missing cell was replaced by the training median for
 * scoring: it contributes 0 and is listed by {@link #missingColumns(int)}. Arrays are copied on
 * the way out; no accessor exposes internal state. Two results are equal when columns, scores,
 * alarms, contributions and missing cells are all equal.
 *
 * <p>Instances are immutable and safe for concurrent use.
 *
 * @since 0.1.0
 */
public final class MultivariateScores {

    /** Number of columns returned by {@link #topColumns(int)}. */
    public static final int DEFAULT_TOP = 3;

    /** Columns whose |z| reaches this value are named in {@link #reason(int)} (after the first). */
    private static final double REASON_MIN_Z = 2.0;

    private final List<String> columns;
    private final double[] scores;
    private final boolean[] alarms;
    private final double[] z;
    private final boolean[] missing;

    /** Takes ownership of the arrays; {@code z} and {@code missing} are row-major, rows x columns. */
    MultivariateScores(List<String> columns, double[] scores, boolean[] alarms, double[] z, boolean[] missing) {
        this.columns = List.copyOf(columns);
        this.scores = scores;
        this.alarms = alarms;
        this.z = z;
        this.missing = missing;
    }

    /**
     * Returns the number of scored rows.
     *
     * @return the number of rows, possibly 0
     */
    public int size() {
        return scores.length;
    }

    /**
     * Returns the column names, in the order of the scored series.
     *
     * @return an unmodifiable list
     */
    public List<String> columns() {
        return columns;
    }

    /**
     * Returns the anomaly score of one row.
     *
     * @param row row index
     * @return the score in {@code [0, 1]}, higher is more anomalous
     * @throws IndexOutOfBoundsException when {@code row} is out of range
     */
    public double score(int row) {
        Objects.checkIndex(row, scores.length);
        return scores[row];
    }

    /**
     * Returns whether one row raises an alarm under the detector's rule.
     *
     * @param row row index
     * @return {@code true} when the score is strictly above the detector's threshold
     * @throws IndexOutOfBoundsException when {@code row} is out of range
     */
    public boolean alarm(int row) {
        Objects.checkIndex(row, alarms.length);
        return alarms[row];
    }

    /**
     * Returns all scores.
     *
     * @return a copy, one score per row
     */
    public double[] scores() {
        return scores.clone();
    }

    /**
     * Returns all alarm flags.
     *
     * @return a copy, one flag per row
     */
    public boolean[] alarms() {
        return alarms.clone();
    }

    /**
     * Returns the number of rows that raise an alarm.
     *
     * @return the count
     */
    public int alarmCount() {
        int n = 0;
        for (boolean a : alarms) {
            if (a) {
                n++;
            }
        }
        return n;
    }

    /**
     * Returns the {@value #DEFAULT_TOP} columns of one row that deviate most (fewer when the series
     * has fewer columns).
     *
     * @param row row index
     * @return contributions ranked by decreasing absolute value
     * @throws IndexOutOfBoundsException when {@code row} is out of range
     */
    public List<ColumnContribution> topColumns(int row) {
        return topColumns(row, DEFAULT_TOP);
    }

    /**
     * Returns the {@code k} columns of one row that deviate most (all columns when {@code k} is
     * larger than their number).
     *
     * @param row row index
     * @param k number of columns wanted, at least 1
     * @return contributions ranked by decreasing absolute value, ties in column order
     * @throws IndexOutOfBoundsException when {@code row} is out of range
     * @throws IllegalArgumentException when {@code k < 1}
     */
    public List<ColumnContribution> topColumns(int row, int k) {
        Objects.checkIndex(row, scores.length);
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, was " + k);
        }
        int p = columns.size();
        Integer[] order = new Integer[p];
        for (int c = 0; c < p; c++) {
            order[c] = c;
        }
        int base = row * p;
        // Stable sort: equal |z| keep column order.
        Arrays.sort(order, (a, b) -> Double.compare(Math.abs(z[base + b]), Math.abs(z[base + a])));
        int m = Math.min(k, p);
        List<ColumnContribution> out = new ArrayList<>(m);
        for (int i = 0; i < m; i++) {
            out.add(new ColumnContribution(columns.get(order[i]), z[base + order[i]]));
        }
        return List.copyOf(out);
    }

    /**
     * Returns the columns of one row whose cell was missing and replaced by the training median.
     *
     * @param row row index
     * @return column names in column order, empty when the row was complete
     * @throws IndexOutOfBoundsException when {@code row} is out of range
     */
    public List<String> missingColumns(int row) {
        Objects.checkIndex(row, scores.length);
        int p = columns.size();
        List<String> out = new ArrayList<>();
        for (int c = 0; c < p; c++) {
            if (missing[row * p + c]) {
                out.add(columns.get(c));
            }
        }
        return List.copyOf(out);
    }

    /**
     * Explains one row in words: the column that deviates most, then up to two more whose
     * deviation reaches 2σ, each with its signed distance from normal, then the missing cells.
     *
     * <p>Example: {@code "Pressure 6.2σ above normal, Volume Flow RateRMS 4.1σ below normal"};
     * with a missing cell, {@code "...; missing: Current (median used)"}.
     *
     * @param row row index
     * @return the explanation, never empty
     * @throws IndexOutOfBoundsException when {@code row} is out of range
     */
    public String reason(int row) {
        List<ColumnContribution> top = topColumns(row, DEFAULT_TOP);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < top.size(); i++) {
            ColumnContribution c = top.get(i);
            if (i > 0 && Math.abs(c.contribution()) < REASON_MIN_Z) {
                break;
            }
            if (i > 0) {
                sb.append(", ");
            }
            double v = c.contribution();
            sb.append(c.column()).append(' ')
                    .append(String.format(Locale.ROOT, "%.1f", Math.abs(v)))
                    .append(v >= 0 ? "σ above normal" : "σ below normal");
        }
        List<String> miss = missingColumns(row);
        if (!miss.isEmpty()) {
            sb.append("; missing: ").append(String.join(", ", miss)).append(" (median used)");
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MultivariateScores m
                && columns.equals(m.columns)
                && Arrays.equals(scores, m.scores)
                && Arrays.equals(alarms, m.alarms)
                && Arrays.equals(z, m.z)
                && Arrays.equals(missing, m.missing);
    }

    @Override
    public int hashCode() {
        return Objects.hash(columns, Arrays.hashCode(scores), Arrays.hashCode(alarms), Arrays.hashCode(z),
                Arrays.hashCode(missing));
    }

    @Override
    public String toString() {
        return "MultivariateScores[" + scores.length + " rows, " + columns.size() + " columns, " + alarmCount()
                + " alarms]";
    }
}
