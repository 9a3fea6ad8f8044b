package fr.territoires.ia.anomaly.evaluation;

/**
 * The NAB score of one data file, with NAB's row counts.
 *
 * <p>The counts are per row, as the NAB code reports them, over the rows after the probationary
 * period only: a true positive is an alarm row inside a window, a false negative a row inside a
 * window without alarm, a false positive an alarm row outside every window and a true negative a
 * row outside every window without alarm. So {@code truePositives + falseNegatives} is the number
 * of counted rows inside windows, not a number of windows. The score itself counts each window
 * once (see {@link NabScorer}).
 *
 * <p>Instances are immutable and safe for concurrent use.
 *
 * @param score raw NAB score of the file, finite; unbounded, higher is better
 * @param truePositives alarm rows inside windows, {@code >= 0}
 * @param falsePositives alarm rows outside windows, {@code >= 0}
 * @param falseNegatives rows inside windows without alarm, {@code >= 0}
 * @param trueNegatives rows outside windows without alarm, {@code >= 0}
 * @param counted rows after the probationary period, the sum of the four counts
 * @param windows windows that enter the score (those with at least one row after the
 *     probationary period), {@code >= 0}
 * @since 0.1.0
 */
public record NabFileScore(double score, int truePositives, int falsePositives, int falseNegatives,
        int trueNegatives, int counted, int windows) {

    /**
     * Validates the score.
     *
     * @param score raw score, finite
     * @param truePositives true-positive rows, {@code >= 0}
     * @param falsePositives false-positive rows, {@code >= 0}
     * @param falseNegatives false-negative rows, {@code >= 0}
     * @param trueNegatives true-negative rows, {@code >= 0}
     * @param counted counted rows, equal to the sum of the four counts
     * @param windows scored windows, {@code >= 0}
     * @throws IllegalArgumentException when {@code score} is not finite, a count is negative or
     *     {@code counted} differs from the sum of the four counts
     */
    public NabFileScore {
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException("score must be finite, was " + score);
        }
        nonNegative(truePositives, "truePositives");
        nonNegative(falsePositives, "falsePositives");
        nonNegative(falseNegatives, "falseNegatives");
        nonNegative(trueNegatives, "trueNegatives");
        nonNegative(windows, "windows");
        long sum = (long) truePositives + falsePositives + falseNegatives + trueNegatives;
        if (counted != sum) {
            throw new IllegalArgumentException(
                    "counted must be truePositives + falsePositives + falseNegatives + trueNegatives ("
                            + sum + "), was " + counted);
        }
    }

    private static void nonNegative(int value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, was " + value);
        }
    }
}
