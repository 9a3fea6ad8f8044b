package fr.territoires.ia.core;

import fr.territoires.ia.core.internal.Checks;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Several value columns aligned on one set of timestamps, such as the pump, valve, flow and
 * pressure sensors of a water network: immutable, stored column by column on primitive arrays.
 *
 * <p>Units are those of each source column; timestamps are instants (UTC) and the series carries
 * the zone of its local calendar, as {@link TimeSeries} does. Missing cells are kept as
 * {@code NaN} and counted per column; order violations, steps and gaps are reported as for a
 * univariate series.
 *
 * <p>Edge cases: no rows is allowed; at least one column is required; column names are unique.
 *
 * <p>Instances are immutable and safe for concurrent use.
 *
 * @since 0.1.0
 */
public final class MultivariateTimeSeries {

    private final String name;
    private final ZoneId zone;
    private final Timeline timeline;
    private final List<String> columns;
    private final double[][] data;

    MultivariateTimeSeries(String name, ZoneId zone, Timeline timeline, List<String> columns, double[][] data) {
        this.name = name;
        this.zone = zone;
        this.timeline = timeline;
        this.columns = List.copyOf(columns);
        this.data = data;
    }

    /**
     * Creates a multivariate series from timestamps and columns of values (all copied).
     *
     * @param name name of the series (a site, a test bed)
     * @param columns column names, unique, not empty
     * @param epochMillis timestamps, milliseconds since 1970-01-01T00:00Z
     * @param values one array per column, each as long as {@code epochMillis}; {@code NaN} for missing
     * @param zone time zone of the local calendar
     * @return the series
     * @throws IllegalArgumentException when names repeat, counts or lengths differ, or a value is
     *     infinite
     */
    public static MultivariateTimeSeries of(String name, List<String> columns, long[] epochMillis,
            double[][] values, ZoneId zone) {
        Checks.notNull(name, "name");
        Checks.notEmpty(columns, "columns");
        Checks.notNull(epochMillis, "epochMillis");
        Checks.notNull(values, "values");
        Checks.notNull(zone, "zone");
        Set<String> seen = new HashSet<>();
        for (String c : columns) {
            Checks.notNull(c, "column name");
            if (!seen.add(c)) {
                throw new IllegalArgumentException("columns must be unique, was \"" + c + "\" twice");
            }
        }
        Checks.sameLength(values.length, columns.size(), "values (one array per column)");
        double[][] copy = new double[values.length][];
        for (int c = 0; c < values.length; c++) {
            Checks.notNull(values[c], "values[" + c + "]");
            Checks.sameLength(values[c].length, epochMillis.length, "values[" + c + "]");
            copy[c] = TimeSeries.finiteOrNaN(values[c], "values[" + c + "]");
        }
        return new MultivariateTimeSeries(name, zone, Timeline.owning(epochMillis.clone()), columns, copy);
    }

    /**
     * Returns the name of the series.
     *
     * @return the name, possibly empty
     */
    public String name() {
        return name;
    }

    /**
     * Returns the time zone of the local calendar.
     *
     * @return the zone
     */
    public ZoneId zone() {
        return zone;
    }

    /**
     * Returns the column names in order.
     *
     * @return an unmodifiable list
     */
    public List<String> columns() {
        return columns;
    }

    /**
     * Returns the number of columns.
     *
     * @return at least 1
     */
    public int columnCount() {
        return columns.size();
    }

    /**
     * Returns the number of rows.
     *
     * @return the number of rows
     */
    public int size() {
        return timeline.size();
    }

    /**
     * Returns the index of a column.
     *
     * @param column column name
     * @return its index
     * @throws IllegalArgumentException when there is no such column
     */
    public int columnIndex(String column) {
        Checks.notNull(column, "column");
        int i = columns.indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException("column must be one of " + columns + ", was \"" + column + "\"");
        }
        return i;
    }

    /**
     * Returns the timestamp of a row.
     *
     * @param row row index
     * @return the timestamp
     * @throws IndexOutOfBoundsException when {@code row} is out of range
     */
    public Instant timestamp(int row) {
        return Instant.ofEpochMilli(timeline.millis(row));
    }

    /**
     * Returns the timestamp of a row in epoch milliseconds, without allocating.
     *
     * @param row row index
     * @return milliseconds since 1970-01-01T00:00Z
     * @throws IndexOutOfBoundsException when {@code row} is out of range
     */
    public long epochMilli(int row) {
        return timeline.millis(row);
    }

    /**
     * Returns one cell.
     *
     * @param row row index
     * @param column column index
     * @return the value, {@code NaN} when missing
     * @throws IndexOutOfBoundsException when an index is out of range
     */
    public double value(int row, int column) {
        return data[column][row];
    }

    /**
     * Copies one row into {@code into}, without allocating.
     *
     * @param row row index
     * @param into array of length {@link #columnCount()} receiving the values
     * @return {@code into}
     * @throws IndexOutOfBoundsException when {@code row} is out of range
     * @throws IllegalArgumentException when {@code into} has the wrong length
     */
    public double[] row(int row, double[] into) {
        Checks.sameLength(into.length, data.length, "into");
        Objects.checkIndex(row, size());
        for (int c = 0; c < data.length; c++) {
            into[c] = data[c][row];
        }
        return into;
    }

    /**
     * Returns one column as a univariate series with the same timestamps.
     *
     * @param column column name
     * @return the column's series, named after the column
     * @throws IllegalArgumentException when there is no such column
     */
    public TimeSeries column(String column) {
        return column(columnIndex(column));
    }

    /**
     * Returns one column as a univariate series with the same timestamps.
     *
     * @param column column index
     * @return the column's series, named after the column
     * @throws IndexOutOfBoundsException when {@code column} is out of range
     */
    public TimeSeries column(int column) {
        Objects.checkIndex(column, data.length);
        return new TimeSeries(columns.get(column), zone, timeline, data[column].clone());
    }

    /**
     * Returns the number of missing cells in one column.
     *
     * @param column column index
     * @return the count
     * @throws IndexOutOfBoundsException when {@code column} is out of range
     */
    public int missingCount(int column) {
        int m = 0;
        for (double v : data[column]) {
            if (Double.isNaN(v)) {
                m++;
            }
        }
        return m;
    }

    /**
     * Returns the number of missing cells over all columns.
     *
     * @return the count
     */
    public int missingCount() {
        int m = 0;
        for (int c = 0; c < data.length; c++) {
            m += missingCount(c);
        }
        return m;
    }

    /**
     * Returns the usual time between rows (see {@link TimeSeries#step()}).
     *
     * @return the step, or empty when fewer than two rows are in increasing order
     */
    public Optional<Duration> step() {
        return timeline.step();
    }

    /**
     * Returns the gaps (see {@link TimeSeries#gaps()}).
     *
     * @return the gaps in row order
     */
    public List<Gap> gaps() {
        return timeline.gaps(0);
    }

    /**
     * Returns the rows whose timestamp is not after the previous row's.
     *
     * @return the violations in row order
     */
    public List<OrderViolation> orderViolations() {
        return timeline.violations();
    }

    /**
     * Returns rows {@code from} (inclusive) to {@code to} (exclusive) as a new series.
     *
     * @param from first row, inclusive
     * @param to last row, exclusive
     * @return the slice
     * @throws IndexOutOfBoundsException when the range is invalid
     */
    public MultivariateTimeSeries slice(int from, int to) {
        Objects.checkFromToIndex(from, to, size());
        double[][] part = new double[data.length][];
        for (int c = 0; c < data.length; c++) {
            part[c] = Arrays.copyOfRange(data[c], from, to);
        }
        return new MultivariateTimeSeries(name, zone, timeline.slice(from, to), columns, part);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MultivariateTimeSeries m
                && name.equals(m.name)
                && zone.equals(m.zone)
                && columns.equals(m.columns)
                && timeline.sameAs(m.timeline)
                && Arrays.deepEquals(data, m.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, zone, columns, timeline.hash(), Arrays.deepHashCode(data));
    }

    @Override
    public String toString() {
        return "MultivariateTimeSeries[" + name + ", " + size() + " rows x " + columns.size() + " columns "
                + columns + ", " + missingCount() + " missing, " + gaps().size() + " gaps, "
                + timeline.violations().size() + " order violations, zone " + zone + "]";
    }
}
