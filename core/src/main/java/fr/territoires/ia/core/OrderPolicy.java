package fr.territoires.ia.core;

/**
 * What a reader does with a row whose timestamp is not after the previous row's (a duplicate, or
 * a step back in time).
 *
 * <p>Real feeds hold such rows: daylight-saving duplicates, clocks reset, late deliveries. The
 * library never drops or reorders a row silently; the caller chooses one of two explicit
 * policies.
 *
 * <p>Instances are immutable and safe for concurrent use.
 *
 * @since 0.1.0
 */
public enum OrderPolicy {
    /**
     * Fail with an {@link IllegalArgumentException} naming the file, the line and both
     * timestamps. The default, and what model building needs.
     */
    REJECT,
    /**
     * Keep every row in arrival order and report each one that is not after its predecessor
     * ({@link TimeSeries#orderViolations()}). What streaming detection uses: a live detector sees
     * rows in the order they arrive.
     */
    KEEP_ARRIVAL_ORDER
}
