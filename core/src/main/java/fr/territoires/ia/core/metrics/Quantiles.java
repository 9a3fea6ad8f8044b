package fr.territoires.ia.core.metrics;

import java.util.Arrays;
import java.util.Objects;

/**
 * Empirical quantiles with linear interpolation between order statistics (Hyndman and Fan's
 * type 7, R's default and NumPy's {@code linear}): the quantile {@code q} of {@code n} sorted
 * values is at position {@code q (n - 1)}, interpolated between its two neighbours.
 *
 * <p>Reference: R. J. Hyndman and Y. Fan, "Sample Quantiles in Statistical Packages", The
 * American Statistician 50(4), 1996, doi:10.2307/2684934.
 *
 * <p>Instances are immutable and safe for concurrent use (the class has none).
 *
 * @since 0.1.0
 */
public final class Quantiles {

    private Quantiles() {
    }

    /**
     * Returns the type-7 quantile of values in any order (they are copied, not sorted in place).
     *
     * @param values the values, not empty, no {@code NaN}
     * @param q the probability, in {@code [0, 1]}
     * @return the quantile, in the unit of the values
     * @throws NullPointerException when {@code values} is null
     * @throws IllegalArgumentException when {@code values} is empty, holds a {@code NaN} or
     *     {@code q} is outside {@code [0, 1]}
     */
    public static double of(double[] values, double q) {
        Objects.requireNonNull(values, "values");
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        if (sorted.length > 0 && Double.isNaN(sorted[sorted.length - 1])) {
            throw new IllegalArgumentException("values must not contain NaN, was NaN at some index");
        }
        return ofSorted(sorted, q);
    }

    /**
     * Returns the type-7 quantile of values already sorted in increasing order (not checked).
     *
     * @param sorted the values, sorted, not empty
     * @param q the probability, in {@code [0, 1]}
     * @return the quantile
     * @throws NullPointerException when {@code sorted} is null
     * @throws IllegalArgumentException when {@code sorted} is empty or {@code q} is outside
     *     {@code [0, 1]}
     */
    public static double ofSorted(double[] sorted, double q) {
        Objects.requireNonNull(sorted, "sorted");
        if (sorted.length == 0) {
            throw new IllegalArgumentException("values must not be empty");
        }
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("q must be in [0, 1], was " + q);
        }
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
