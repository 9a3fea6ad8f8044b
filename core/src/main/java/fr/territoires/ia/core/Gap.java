package fr.territoires.ia.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A stretch of time with no row, between two consecutive rows further apart than expected.
 *
 * <p>Instances are immutable and safe for concurrent use.
 *
 * @param index zero-based index of the first row after the gap
 * @param from timestamp of the last row before the gap
 * @param to timestamp of the first row after the gap
 * @param missingSteps number of regular steps that would fit inside the gap, at least 1
 * @since 0.1.0
 */
public record Gap(int index, Instant from, Instant to, long missingSteps) {

    /**
     * Validates the components.
     *
     * @param index index of the first row after the gap, at least 1
     * @param from last timestamp before the gap
     * @param to first timestamp after the gap, after {@code from}
     * @param missingSteps regular steps missing, at least 1
     */
    public Gap {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (index < 1) {
            throw new IllegalArgumentException("index must be >= 1, was " + index);
        }
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("to must be after from, was " + to + " <= " + from);
        }
        if (missingSteps < 1) {
            throw new IllegalArgumentException("missingSteps must be >= 1, was " + missingSteps);
        }
    }

    /**
     * Returns the time between the two rows around the gap.
     *
     * @return {@code to - from}, positive
     */
    public Duration length() {
        return Duration.between(from, to);
    }
}
