package fr.territoires.ia.core;

import fr.territoires.ia.core.internal.Checks;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A univariate time series: timestamps and values on primitive arrays, immutable.
 *
 * <p>Timestamps are instants (epoch milliseconds, UTC); the series also carries the time zone in
 * which its local calendar is read (day of week, time of day, public holidays), Europe/Paris
 * unless stated. Values are in the unit of the source (litres per hour, µg/m³, mm...), which the
 * series does not interpret.
 *
 * <p>Nothing is dropped or reordered: a missing value is kept as {@code NaN} and counted
 * ({@link #missingCount()}); irregular steps and gaps are allowed and reported ({@link #step()},
 * {@link #gaps()}); rows whose timestamp is not after the previous one are kept in arrival order
 * and listed ({@link #orderViolations()}) — readers reject them unless told to keep them (see
 * {@link OrderPolicy}).
 *
 * <p>Edge cases: an empty series is allowed (size 0, no step, no gaps); a single row has no step.
 *
 * <p>Instances are immutable and safe for concurrent use.
 *
 * @since 0.1.0
 */
public final class TimeSeries {

    private final String name;
    private final ZoneId zone;
    private final Timeline timeline;
    private final double[] values;
    private final int missing;

    TimeSeries(String name, ZoneId zone, Timeline timeline, double[] values) {
        this.name = name;
        this.zone = zone;
        this.timeline = timeline;
        this.values = values;
        int m = 0;
        for (double v : values) {
            if (Double.isNaN(v)) {
                m++;
            }
        }
        this.missing = m;
    }

    /**
     * Creates a series from epoch-millisecond timestamps and values (both copied). Rows whose
     * timestamp is not after the previous one are kept and reported by {@link #orderViolations()}.
     *
     * @param name name of the series (a meter, a gauge, a column)
     * @param epochMillis timestamps, milliseconds since 1970-01-01T00:00Z
     * @param values values, {@code NaN} for missing; infinities are rejected
     * @param zone time zone of the local calendar
     * @return the series
     * @throws IllegalArgumentException when the lengths differ or a value is infinite
     */
    public static TimeSeries of(String name, long[] epochMillis, double[] values, ZoneId zone) {
        Checks.notNull(name, "name");
        Checks.notNull(epochMillis, "epochMillis");
        Checks.notNull(values, "values");
        Checks.notNull(zone, "zone");
        Checks.sameLength(values.length, epochMillis.length, "values");
        return new TimeSeries(name, zone, Timeline.owning(epochMillis.clone()), finiteOrNaN(values, "values"));
    }

    /**
     * Creates a series from instants and values (copied).
     *
     * @param name name of the series
     * @param timestamps timestamps
     * @param values values, {@code NaN} for missing
     * @param zone time zone of the local calendar
     * @return the series
     * @throws IllegalArgumentException when the lengths differ or a value is infinite
     */
    public static TimeSeries of(String name, List<Instant> timestamps, double[] values, ZoneId zone) {
        Checks.notNull(timestamps, "timestamps");
        long[] millis = new long[timestamps.size()];
        for (int i = 0; i < millis.length; i++) {
            millis[i] = Checks.notNull(timestamps.get(i), "timestamps[" + i + "]").toEpochMilli();
        }
        return of(name, millis, values, zone);
    }

    /**
     * Creates a series on a regular grid: row {@code i} is at {@code start + i * step}.
     *
     * @param name name of the series
     * @param start timestamp of the first row
     * @param step time between rows, positive
     * @param values values, {@code NaN} for missing
     * @param zone time zone of the local calendar
     * @return the series
     * @throws IllegalArgumentException when the step is not positive or a value is infinite
     */
    public static TimeSeries regular(String name, Instant start, Duration step, double[] values, ZoneId zone) {
        Checks.notNull(start, "start");
        Checks.notNull(step, "step");
        Checks.notNull(values, "values");
        if (step.isNegative() || step.isZero()) {
            throw new IllegalArgumentException("step must be positive, was " + step);
        }
        long s = start.toEpochMilli();
        long d = step.toMillis();
        long[] millis = new long[values.length];
        for (int i = 0; i < millis.length; i++) {
            millis[i] = s + i * d;
        }
        return of(name, millis, values, zone);
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
     * Returns the time zone of the series' local calendar.
     *
     * @return the zone
     */
    public ZoneId zone() {
        return zone;
    }

    /**
     * Returns the number of rows, missing values included.
     *
     * @return the number of rows
     */
    public int size() {
        return values.length;
    }

    /**
     * Returns the timestamp of a row.
     *
     * @param i row index
     * @return the timestamp
     * @throws IndexOutOfBoundsException when {@code i} is out of range
     */
    public Instant timestamp(int i) {
        return Instant.ofEpochMilli(timeline.millis(i));
    }

    /**
     * Returns the timestamp of a row in epoch milliseconds, without allocating.
     *
     * @param i row index
     * @return milliseconds since 1970-01-01T00:00Z
     * @throws IndexOutOfBoundsException when {@code i} is out of range
     */
    public long epochMilli(int i) {
        return timeline.millis(i);
    }

    /**
     * Returns the local date and time of a row in the series' zone.
     *
     * @param i row index
     * @return the local date-time
     * @throws IndexOutOfBoundsException when {@code i} is out of range
     */
    public LocalDateTime localDateTime(int i) {
        return LocalDateTime.ofInstant(timestamp(i), zone);
    }

    /**
     * Returns the value of a row.
     *
     * @param i row index
     * @return the value, {@code NaN} when missing
     * @throws IndexOutOfBoundsException when {@code i} is out of range
     */
    public double value(int i) {
        return values[i];
    }

    /**
     * Returns a copy of the values.
     *
     * @return the values, {@code NaN} for missing
     */
    public double[] values() {
        return values.clone();
    }

    /**
     * Returns a copy of the timestamps in epoch milliseconds.
     *
     * @return the timestamps
     */
    public long[] epochMillis() {
        return timeline.copy();
    }

    /**
     * Tells whether a row's value is missing.
     *
     * @param i row index
     * @return {@code true} when the value is {@code NaN}
     * @throws IndexOutOfBoundsException when {@code i} is out of range
     */
    public boolean isMissing(int i) {
        return Double.isNaN(values[i]);
    }

    /**
     * Returns the number of missing values (empty cells or {@code NaN} in the source).
     *
     * @return the count, in {@code [0, size()]}
     */
    public int missingCount() {
        return missing;
    }

    /**
     * Returns the usual time between rows: the most frequent positive difference between
     * consecutive timestamps (the smallest of them on a tie).
     *
     * @return the step, or empty when fewer than two rows are in increasing order
     */
    public Optional<Duration> step() {
        return timeline.step();
    }

    /**
     * Returns the gaps: consecutive rows at least two steps apart, so that one or more regular
     * rows are absent between them.
     *
     * @return the gaps in row order, empty when there is no step
     */
    public List<Gap> gaps() {
        return timeline.gaps(0);
    }

    /**
     * Returns the gaps at least {@code minimum} long (and at least two steps).
     *
     * @param minimum shortest gap to report
     * @return the gaps in row order
     */
    public List<Gap> gaps(Duration minimum) {
        Checks.notNull(minimum, "minimum");
        return timeline.gaps(minimum.toMillis());
    }

    /**
     * Returns the rows whose timestamp is not after the previous row's (duplicates and steps
     * back), with their source line when the series was read from a file.
     *
     * @return the violations in row order, empty for a strictly increasing series
     */
    public List<OrderViolation> orderViolations() {
        return timeline.violations();
    }

    /**
     * Tells whether every timestamp is after the previous one.
     *
     * @return {@code true} when there is no order violation
     */
    public boolean isStrictlyIncreasing() {
        return timeline.violations().isEmpty();
    }

    /**
     * Returns rows {@code from} (inclusive) to {@code to} (exclusive) as a new series.
     *
     * @param from first row, inclusive
     * @param to last row, exclusive
     * @return the slice
     * @throws IndexOutOfBoundsException when the range is invalid
     */
    public TimeSeries slice(int from, int to) {
        Objects.checkFromToIndex(from, to, values.length);
        return new TimeSeries(name, zone, timeline.slice(from, to), Arrays.copyOfRange(values, from, to));
    }

    /**
     * Returns a series with the same timestamps and other values.
     *
     * @param newValues values, same length as this series, {@code NaN} for missing
     * @return the new series
     * @throws IllegalArgumentException when the length differs or a value is infinite
     */
    public TimeSeries withValues(double[] newValues) {
        Checks.notNull(newValues, "newValues");
        Checks.sameLength(newValues.length, values.length, "newValues");
        return new TimeSeries(name, zone, timeline, finiteOrNaN(newValues, "newValues"));
    }

    /** Copies values, rejecting infinities (NaN marks a missing value and is kept). */
    static double[] finiteOrNaN(double[] values, String name) {
        double[] copy = values.clone();
        for (int i = 0; i < copy.length; i++) {
            if (Double.isInfinite(copy[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] must be finite or NaN, was " + copy[i]);
            }
        }
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimeSeries t
                && name.equals(t.name)
                && zone.equals(t.zone)
                && timeline.sameAs(t.timeline)
                && Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, zone, timeline.hash(), Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("TimeSeries[").append(name).append(", ").append(size())
                .append(" rows");
        if (size() > 0) {
            sb.append(", ").append(timestamp(0)).append(" .. ").append(timestamp(size() - 1));
        }
        step().ifPresent(s -> sb.append(", step ").append(s));
        sb.append(", ").append(missing).append(" missing, ").append(gaps().size()).append(" gaps, ")
                .append(timeline.violations().size()).append(" order violations, zone ").append(zone)
                .append(']');
        return sb.toString();
    }
}
