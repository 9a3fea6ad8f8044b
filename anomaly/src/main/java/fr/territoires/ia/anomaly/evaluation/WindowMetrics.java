package fr.territoires.ia.anomaly.evaluation;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Window-level precision, recall and detection latency of a detector's alarms: simpler
 * companions of the NAB score.
 *
 * <p>A window is detected when at least one alarm falls inside it (ends included); its latency is
 * the time from the window's start to its first alarm. Windows are
 * mapped to rows as {@link NabScorer} does. Every alarm row outside all windows is a
 * false alarm. Recall is {@code detectedWindows / windows}; precision is
 * {@code detectedWindows / (detectedWindows + falseAlarms)}, so several alarms in one window count
 * once but each false alarm counts. Unlike {@link NabScorer}, no probationary period is applied:
 * clear the first {@link NabScorer#probationaryLength(int)} alarms first to match NAB.
 *
 * <p>Edge cases: recall is empty when there is no window; precision is empty when there is no
 * alarm at all; the mean latency is empty when no window is detected.
 *
 * <p>Instances are immutable and safe for concurrent use.
 *
 * @param windows number of windows, {@code >= 0}
 * @param detectedWindows windows holding at least one alarm, in {@code [0, windows]}
 * @param falseAlarms alarm rows outside every window, {@code >= 0}
 * @param latencies for each detected window in time order, the duration from its start to its
 *     first alarm, non-negative; {@code detectedWindows} elements
 * @since 0.1.0
 */
public record WindowMetrics(int windows, int detectedWindows, int falseAlarms, List<Duration> latencies) {

    /**
     * Validates and copies the metrics.
     *
     * @param windows number of windows, {@code >= 0}
     * @param detectedWindows detected windows, in {@code [0, windows]}
     * @param falseAlarms false alarms, {@code >= 0}
     * @param latencies one non-negative latency per detected window
     * @throws NullPointerException when {@code latencies} or one of its elements is null
     * @throws IllegalArgumentException when a count is out of range, the number of latencies
     *     differs from {@code detectedWindows} or a latency is negative
     */
    public WindowMetrics {
        if (windows < 0) {
            throw new IllegalArgumentException("windows must be >= 0, was " + windows);
        }
        if (detectedWindows < 0 || detectedWindows > windows) {
            throw new IllegalArgumentException(
                    "detectedWindows must be in [0, " + windows + "], was " + detectedWindows);
        }
        if (falseAlarms < 0) {
            throw new IllegalArgumentException("falseAlarms must be >= 0, was " + falseAlarms);
        }
        latencies = List.copyOf(Objects.requireNonNull(latencies, "latencies"));
        if (latencies.size() != detectedWindows) {
            throw new IllegalArgumentException(
                    "latencies must have size " + detectedWindows + " (detectedWindows), was " + latencies.size());
        }
        for (int i = 0; i < latencies.size(); i++) {
            if (latencies.get(i).isNegative()) {
                throw new IllegalArgumentException("latencies[" + i + "] must be >= 0, was " + latencies.get(i));
            }
        }
    }

    /**
     * Computes the metrics of alarms against windows.
     *
     * @param epochMillis timestamps of the rows in arrival order, milliseconds since
     *     1970-01-01T00:00Z, at least one
     * @param alarms whether the detector raised an alarm at each row, same length
     * @param windows anomaly windows, sorted, not overlapping, each containing at least one
     *     timestamp; may be empty
     * @return the metrics
     * @throws NullPointerException when an argument or a window is null
     * @throws IllegalArgumentException on the same inputs as
     *     {@link NabScorer#score(long[], boolean[], List, NabProfile)}
     */
    public static WindowMetrics of(long[] epochMillis, boolean[] alarms, List<NabWindow> windows) {
        int[][] bounds = NabScorer.checkAndLocate(epochMillis, alarms, windows);
        int[] left = bounds[0];
        int[] right = bounds[1];
        int inWindows = 0;
        int alarmCount = 0;
        for (boolean a : alarms) {
            if (a) {
                alarmCount++;
            }
        }
        List<Duration> latencies = new java.util.ArrayList<>();
        for (int k = 0; k < left.length; k++) {
            boolean found = false;
            for (int i = left[k]; i <= right[k]; i++) {
                if (alarms[i]) {
                    inWindows++;
                    if (!found) {
                        found = true;
                        latencies.add(Duration.ofMillis(epochMillis[i] - windows.get(k).start().toEpochMilli()));
                    }
                }
            }
        }
        return new WindowMetrics(left.length, latencies.size(), alarmCount - inWindows, latencies);
    }

    /**
     * Returns the share of windows detected.
     *
     * @return {@code detectedWindows / windows} in {@code [0, 1]}, or empty when there is no window
     */
    public OptionalDouble recall() {
        return windows == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) detectedWindows / windows);
    }

    /**
     * Returns the share of detections that hit a window, each window counted once.
     *
     * @return {@code detectedWindows / (detectedWindows + falseAlarms)} in {@code [0, 1]}, or empty
     *     when there is no alarm
     */
    public OptionalDouble precision() {
        int denominator = detectedWindows + falseAlarms;
        return denominator == 0 ? OptionalDouble.empty()
                : OptionalDouble.of((double) detectedWindows / denominator);
    }

    /**
     * Returns the mean detection latency over detected windows, truncated to the millisecond.
     *
     * @return the mean latency, or empty when no window is detected
     */
    public Optional<Duration> meanLatency() {
        if (latencies.isEmpty()) {
            return Optional.empty();
        }
        long total = 0;
        for (Duration d : latencies) {
            total += d.toMillis();
        }
        return Optional.of(Duration.ofMillis(total / latencies.size()));
    }
}
