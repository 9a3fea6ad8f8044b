package fr.territoires.ia.anomaly;

import java.util.Objects;

/**
 * How far one column of a scored row lies from its training median, used to explain an alarm.
 *
 * <p>The contribution is the row's robust z-score in that column: (value - training median)
 * divided by the training scale (1.4826 times the median absolute deviation, with the fallbacks
 * listed in {@link IsolationForestDetector}), in robust standard deviations ("σ"). It is positive
 * above the median and negative below; columns are ranked by its absolute value. A missing cell
 * contributes 0.
 *
 * <p>Instances are immutable and safe for concurrent use.
 *
 * @param column column name, as in the scored series
 * @param contribution signed robust z-score of the cell, finite
 * @since 0.1.0
 */
public record ColumnContribution(String column, double contribution) {

    /**
     * Validates the contribution.
     *
     * @param column column name
     * @param contribution signed robust z-score, finite
     * @throws NullPointerException when {@code column} is null
     * @throws IllegalArgumentException when {@code contribution} is not finite
     */
    public ColumnContribution {
        Objects.requireNonNull(column, "column");
        if (!Double.isFinite(contribution)) {
            throw new IllegalArgumentException("contribution must be finite, was " + contribution);
        }
    }
}
