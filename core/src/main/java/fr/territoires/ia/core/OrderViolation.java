package fr.territoires.ia.core;

import java.time.Instant;
import java.util.Objects;

/**
 * A row whose timestamp is not after the previous row's.
 *
 * <p>Instances are immutable and safe for concurrent use.
 *
 * @param index zero-based row index in the series
 * @param line one-based line in the source file, or 0 when the series was not read from a file
 * @param timestamp the row's timestamp
 * @param previous the previous row's timestamp
 * @since 0.1.0
 */
public record OrderViolation(int index, long line, Instant timestamp, Instant previous) {

    /**
     * Validates the components.
     *
     * @param index zero-based row index, at least 1
     * @param line one-based source line, or 0
     * @param timestamp the row's timestamp
     * @param previous the previous row's timestamp, not before {@code timestamp}
     */
    public OrderViolation {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(previous, "previous");
        if (index < 1) {
            throw new IllegalArgumentException("index must be >= 1, was " + index);
        }
        if (line < 0) {
            throw new IllegalArgumentException("line must be >= 0, was " + line);
        }
        if (timestamp.isAfter(previous)) {
            throw new IllegalArgumentException("timestamp must not be after previous, was "
                    + timestamp + " after " + previous);
        }
    }

    /**
     * Tells whether the row repeats the previous timestamp (rather than stepping back).
     *
     * @return {@code true} for a duplicate timestamp
     */
    public boolean duplicate() {
        return timestamp.equals(previous);
    }
}
