package fr.territoires.ia.core.calendar;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A closed range of civil dates, both ends included, such as one school-holiday period.
 *
 * <p>A single-day range has {@code start.equals(endInclusive)}. School holidays published by the
 * Ministry of Education start after classes on a given day and resume on another; callers give
 * here the first and last days without classes.
 *
 * <p>Instances are immutable and safe for concurrent use.
 *
 * @param start first day of the range, included
 * @param endInclusive last day of the range, included; not before {@code start}
 * @since 0.1.0
 */
public record DateRange(LocalDate start, LocalDate endInclusive) {

    /**
     * Validates the components.
     *
     * @param start first day of the range, included
     * @param endInclusive last day of the range, included; not before {@code start}
     * @throws NullPointerException when a component is null
     * @throws IllegalArgumentException when {@code endInclusive} is before {@code start}
     */
    public DateRange {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(endInclusive, "endInclusive");
        if (endInclusive.isBefore(start)) {
            throw new IllegalArgumentException(
                    "endInclusive must be >= start " + start + ", was " + endInclusive);
        }
    }

    /**
     * Tells whether a date lies in this range, both ends included.
     *
     * @param date date to test
     * @return {@code true} when {@code start <= date <= endInclusive}
     * @throws NullPointerException when {@code date} is null
     */
    public boolean contains(LocalDate date) {
        Objects.requireNonNull(date, "date");
        return !date.isBefore(start) && !date.isAfter(endInclusive);
    }
}
