package fr.territoires.ia.anomaly.evaluation;

import fr.territoires.ia.core.internal.Checks;

/**
 * A NAB application profile: the weights that the NAB score gives to true positives, false
 * positives and false negatives.
 *
 * <p>The three published profiles of the Numenta Anomaly Benchmark (Lavin &amp; Ahmad, ICMLA 2015,
 * doi:10.1109/ICMLA.2015.141) are {@link #standard()} (TP 1, FP 0.11, FN 1),
 * {@link #rewardLowFp()} (FP 0.22) and {@link #rewardLowFn()} (FN 2). True negatives carry no
 * weight in the NAB score. Weights are unitless.
 *
 * <p>Instances are immutable and safe for concurrent use.
 *
 * @param name profile name, such as {@code standard}; not blank
 * @param tpWeight weight of a detected window (reward of a detection at the window's start),
 *     finite and {@code >= 0}
 * @param fpWeight weight of a false positive far from any window, finite and {@code >= 0}
 * @param fnWeight cost of a missed window, finite and {@code >= 0}
 * @since 0.1.0
 */
public record NabProfile(String name, double tpWeight, double fpWeight, double fnWeight) {

    /**
     * Validates the profile.
     *
     * @param name profile name, not blank
     * @param tpWeight true-positive weight, finite and {@code >= 0}
     * @param fpWeight false-positive weight, finite and {@code >= 0}
     * @param fnWeight false-negative weight, finite and {@code >= 0}
     * @throws NullPointerException when {@code name} is null
     * @throws IllegalArgumentException when {@code name} is blank or a weight is negative, NaN or
     *     infinite
     */
    public NabProfile {
        Checks.notBlank(name, "name");
        nonNegative(tpWeight, "tpWeight");
        nonNegative(fpWeight, "fpWeight");
        nonNegative(fnWeight, "fnWeight");
    }

    /**
     * Returns NAB's {@code standard} profile: TP 1, FP 0.11, FN 1.
     *
     * @return the standard profile
     */
    public static NabProfile standard() {
        return new NabProfile("standard", 1.0, 0.11, 1.0);
    }

    /**
     * Returns NAB's {@code reward_low_FP_rate} profile: TP 1, FP 0.22, FN 1.
     *
     * @return the profile that penalises false positives twice as much
     */
    public static NabProfile rewardLowFp() {
        return new NabProfile("reward_low_FP_rate", 1.0, 0.22, 1.0);
    }

    /**
     * Returns NAB's {@code reward_low_FN_rate} profile: TP 1, FP 0.11, FN 2.
     *
     * @return the profile that penalises missed windows twice as much
     */
    public static NabProfile rewardLowFn() {
        return new NabProfile("reward_low_FN_rate", 1.0, 0.11, 2.0);
    }

    private static void nonNegative(double value, String name) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, was " + value);
        }
    }
}
