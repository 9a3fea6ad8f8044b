package fr.territoires.ia.anomaly;

import java.time.Instant;
import java.util.Objects;

/**
 * One scored point of a stream.
 *
 * <p>Score convention, library-wide: higher is more anomalous, in {@code [0, 1]}. The expected
 * value and the band are in the unit of the input (litres per hour, vehicles per hour, °C...);
 * they are {@code NaN} while the detector is still learning, and for a missing input value.
 *
 * <p>Instances are immutable and safe for concurrent use.
 *
 * @param timestamp the point's timestamp
 * @param value the observed value, {@code NaN} when missing
 * @param score anomaly score in {@code [0, 1]}, 0 for a missing value
 * @param alarm whether the detector raised an alarm at this point
 * @param expected the value the detector expected
 * @param lower lower end of the normal band
 * @param upper upper end of the normal band
 * @param reason plain-language explanation, such as
 *     {@code "expected 120 ± 15 for Tuesday 03:00, observed 480"}; empty when nothing is notable
 * @since 0.1.0
 */
public record AnomalyScore(Instant timestamp, double value, double score, boolean alarm, double expected,
        double lower, double upper, String reason) {

    /**
     * Validates the components.
     *
     * @param timestamp timestamp
     * @param value observed value
     * @param score score in [0, 1]
     * @param alarm alarm flag
     * @param expected expected value
     * @param lower band lower end
     * @param upper band upper end
     * @param reason explanation
     */
    public AnomalyScore {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(reason, "reason");
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be in [0, 1], was " + score);
        }
    }

    /**
     * Tells whether the observed value was missing.
     *
     * @return {@code true} when {@link #value()} is {@code NaN}
     */
    public boolean missing() {
        return Double.isNaN(value);
    }
}
