package fr.territoires.ia.anomaly.evaluation;

import java.time.Instant;
import java.util.Objects;

/**
 * A labelled anomaly window: the closed time interval {@code [start, end]} in which an alarm
 * counts as a detection of the anomaly.
 *
 * <p>NAB centres each window on a labelled anomaly and gives it a width of 10 % of the file
 * length divided by the number of anomalies (Lavin &amp; Ahmad, ICMLA 2015,
 * doi:10.1109/ICMLA.2015.141). Both ends are inclusive; a window may be a single instant.
 *
 * <p>Instances are immutable and safe for concurrent use.
 *
 * @param start first instant of the window, inclusive
 * @param end last instant of the window, inclusive, not before {@code start}
 * @since 0.1.0
 */
public record NabWindow(Instant start, Instant end) {

    /**
     * Validates the window.
     *
     * @param start first instant, inclusive
     * @param end last instant, inclusive
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when {@code end} is before {@code start}
     */
    public NabWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("end must be >= start (" + start + "), was " + end);
        }
    }

    /**
     * Tells whether an instant lies in the window, ends included.
     *
     * @param epochMilli instant in milliseconds since 1970-01-01T00:00Z
     * @return whether {@code start <= epochMilli <= end}
     */
    public boolean contains(long epochMilli) {
        return epochMilli >= start.toEpochMilli() && epochMilli <= end.toEpochMilli();
    }
}
