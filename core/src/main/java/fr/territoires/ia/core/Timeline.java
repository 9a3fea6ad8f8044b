package fr.territoires.ia.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The timestamps of a series, on a primitive array of epoch milliseconds, with what is derived
 * from them once at construction: the usual step and the rows not after their predecessor.
 * Shared by {@link TimeSeries} and {@link MultivariateTimeSeries}.
 *
 * <p>Instances are immutable and safe for concurrent use.
 */
final class Timeline {

    private final long[] millis;
    private final long stepMillis;
    private final List<OrderViolation> violations;

    private Timeline(long[] millis, List<OrderViolation> violations) {
        this.millis = millis;
        this.stepMillis = modalStep(millis);
        this.violations = List.copyOf(violations);
    }

    /** Builds a timeline owning {@code millis} (not copied), finding order violations itself. */
    static Timeline owning(long[] millis) {
        List<OrderViolation> found = new ArrayList<>();
        for (int i = 1; i < millis.length; i++) {
            if (millis[i] <= millis[i - 1]) {
                found.add(new OrderViolation(i, 0, Instant.ofEpochMilli(millis[i]),
                        Instant.ofEpochMilli(millis[i - 1])));
            }
        }
        return new Timeline(millis, found);
    }

    /** Builds a timeline owning {@code millis}, with violations already located in a source. */
    static Timeline owning(long[] millis, List<OrderViolation> violations) {
        return new Timeline(millis, violations);
    }

    int size() {
        return millis.length;
    }

    long millis(int i) {
        return millis[i];
    }

    long[] copy() {
        return millis.clone();
    }

    long[] raw() {
        return millis;
    }

    List<OrderViolation> violations() {
        return violations;
    }

    Timeline slice(int from, int to) {
        long[] part = Arrays.copyOfRange(millis, from, to);
        List<OrderViolation> kept = new ArrayList<>();
        for (OrderViolation v : violations) {
            if (v.index() > from && v.index() < to) {
                kept.add(new OrderViolation(v.index() - from, v.line(), v.timestamp(), v.previous()));
            }
        }
        return new Timeline(part, kept);
    }

    Optional<Duration> step() {
        return stepMillis > 0 ? Optional.of(Duration.ofMillis(stepMillis)) : Optional.empty();
    }

    List<Gap> gaps(long minimumMillis) {
        if (stepMillis <= 0) {
            return List.of();
        }
        List<Gap> gaps = new ArrayList<>();
        for (int i = 1; i < millis.length; i++) {
            long diff = millis[i] - millis[i - 1];
            if (diff >= minimumMillis && diff >= 2 * stepMillis) {
                long missing = Math.max(1, Math.round((double) diff / stepMillis) - 1);
                gaps.add(new Gap(i, Instant.ofEpochMilli(millis[i - 1]), Instant.ofEpochMilli(millis[i]),
                        missing));
            }
        }
        return gaps;
    }

    /** The most frequent positive difference between consecutive timestamps (smallest on ties). */
    private static long modalStep(long[] millis) {
        if (millis.length < 2) {
            return 0;
        }
        long[] diffs = new long[millis.length - 1];
        int n = 0;
        for (int i = 1; i < millis.length; i++) {
            long d = millis[i] - millis[i - 1];
            if (d > 0) {
                diffs[n++] = d;
            }
        }
        if (n == 0) {
            return 0;
        }
        Arrays.sort(diffs, 0, n);
        long best = diffs[0];
        int bestCount = 0;
        int run = 0;
        for (int i = 0; i < n; i++) {
            run = (i > 0 && diffs[i] == diffs[i - 1]) ? run + 1 : 1;
            if (run > bestCount) {
                bestCount = run;
                best = diffs[i];
            }
        }
        return best;
    }

    boolean sameAs(Timeline other) {
        return Arrays.equals(millis, other.millis);
    }

    int hash() {
        return Arrays.hashCode(millis);
    }
}
