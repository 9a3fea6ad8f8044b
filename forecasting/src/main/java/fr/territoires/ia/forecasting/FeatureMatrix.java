package fr.territoires.ia.forecasting;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The features of a daily series, one row per date whose features could be built, plus the
 * dates that were skipped because a required value was missing.
 *
 * <p>Rows are in date order. Accessors copy: changing a returned array does not change the
 * matrix. Two matrices are equal when their dates, names, values and skipped dates are equal.
 *
 * <p>Instances are immutable and safe for concurrent use.
 *
 * @since 0.1.0
 */
public final class FeatureMatrix {

    private final List<LocalDate> dates;
    private final List<String> names;
    private final double[][] rows;
    private final List<LocalDate> skipped;

    FeatureMatrix(List<LocalDate> dates, List<String> names, double[][] rows,
            List<LocalDate> skipped) {
        this.dates = List.copyOf(dates);
        this.names = List.copyOf(names);
        this.rows = rows;
        this.skipped = List.copyOf(skipped);
    }

    /**
     * Returns the dates of the rows, in order.
     *
     * @return the dates, one per row
     */
    public List<LocalDate> dates() {
        return dates;
    }

    /**
     * Returns the feature names, one per column, in order (see {@link FeatureSpec}).
     *
     * @return the column names
     */
    public List<String> names() {
        return names;
    }

    /**
     * Returns the number of rows.
     *
     * @return the number of dates with features, {@code >= 0}
     */
    public int size() {
        return rows.length;
    }

    /**
     * Returns a copy of one row.
     *
     * @param i row index in {@code [0, size())}
     * @return the feature values of row {@code i}, in the order of {@link #names()}
     * @throws IndexOutOfBoundsException when {@code i} is out of range
     */
    public double[] row(int i) {
        Objects.checkIndex(i, rows.length);
        return rows[i].clone();
    }

    /**
     * Returns one value.
     *
     * @param i row index in {@code [0, size())}
     * @param name feature name, one of {@link #names()}
     * @return the value of that feature on row {@code i}
     * @throws IndexOutOfBoundsException when {@code i} is out of range
     * @throws IllegalArgumentException when the name is unknown
     */
    public double value(int i, String name) {
        Objects.checkIndex(i, rows.length);
        int j = names.indexOf(name);
        if (j < 0) {
            throw new IllegalArgumentException("name must be one of " + names + ", was " + name);
        }
        return rows[i][j];
    }

    /**
     * Returns the dates in the requested range whose features could not be built, in order.
     *
     * @return the skipped dates
     */
    public List<LocalDate> skipped() {
        return skipped;
    }

    /** Internal access without copy. */
    double[][] rowsUnsafe() {
        return rows;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof FeatureMatrix other)) {
            return false;
        }
        return dates.equals(other.dates) && names.equals(other.names)
                && Arrays.deepEquals(rows, other.rows) && skipped.equals(other.skipped);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dates, names, Arrays.deepHashCode(rows), skipped);
    }

    @Override
    public String toString() {
        return "FeatureMatrix[rows=" + rows.length + ", columns=" + names.size() + ", skipped="
                + skipped.size() + "]";
    }
}
