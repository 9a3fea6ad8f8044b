package fr.territoires.ia.anomaly;

import java.time.Instant;

/**
 * A detector fed one point at a time, in arrival order, that scores each point before seeing the
 * next: what runs on a live meter or sensor feed.
 *
 * <p>{@link #update(long, double)} costs O(1) time and allocates nothing; the details of the
 * last point (expected value, band, alarm, reason) are read afterwards. The point's timestamp
 * matters, not its index: steps may be irregular and gaps happen. A {@code NaN} value is a
 * missing reading: it scores 0, raises no alarm and leaves the state untouched.
 *
 * <p>Not thread-safe: confine each instance to one thread (one detector per stream).
 *
 * @since 0.1.0
 */
public interface StreamingDetector {

    /**
     * Scores one point and learns from it.
     *
     * @param epochMilli timestamp, milliseconds since 1970-01-01T00:00Z
     * @param value observed value, {@code NaN} when missing
     * @return the anomaly score in {@code [0, 1]}, higher is more anomalous
     */
    double update(long epochMilli, double value);

    /**
     * Tells whether the last point raised an alarm.
     *
     * @return the alarm flag of the last point
     */
    boolean alarm();

    /**
     * Returns the value expected for the last point.
     *
     * @return the expected value, {@code NaN} while learning
     */
    double expected();

    /**
     * Returns the lower end of the normal band for the last point.
     *
     * @return the lower end, {@code NaN} while learning
     */
    double lower();

    /**
     * Returns the upper end of the normal band for the last point.
     *
     * @return the upper end, {@code NaN} while learning
     */
    double upper();

    /**
     * Explains the last point in plain language (allocates: call it for alarms, not every point).
     *
     * @return the reason, empty when nothing is notable
     */
    String reason();

    /**
     * Scores one point and returns it with its details (allocates one record).
     *
     * @param epochMilli timestamp, milliseconds since 1970-01-01T00:00Z
     * @param value observed value, {@code NaN} when missing
     * @return the scored point
     */
    default AnomalyScore score(long epochMilli, double value) {
        double s = update(epochMilli, value);
        return new AnomalyScore(Instant.ofEpochMilli(epochMilli), value, s, alarm(), expected(), lower(), upper(),
                reason());
    }
}
