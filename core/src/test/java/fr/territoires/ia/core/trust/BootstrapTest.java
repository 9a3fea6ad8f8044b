package fr.territoires.ia.core.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class BootstrapTest {

    private static final double[] VALUES = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

    private static final ToDoubleFunction<int[]> MEAN = idx -> {
        double s = 0;
        for (int i : idx) {
            s += VALUES[i];
        }
        return s / idx.length;
    };

    @Test
    void quantile_fourValues_interpolatesLinearly() {
        // type 7: h = (4 - 1) * 0.25 = 0.75 -> 1 + 0.75 * (2 - 1) = 1.75
        assertEquals(1.75, fr.territoires.ia.core.metrics.Quantiles.ofSorted(new double[] {1, 2, 3, 4}, 0.25), 1e-12);
        // h = 3 * 0.975 = 2.925 -> 3 + 0.925 * 1 = 3.925
        assertEquals(3.925, fr.territoires.ia.core.metrics.Quantiles.ofSorted(new double[] {1, 2, 3, 4}, 0.975), 1e-12);
        assertEquals(4, fr.territoires.ia.core.metrics.Quantiles.ofSorted(new double[] {1, 2, 3, 4}, 1.0), 1e-12);
    }

    @Test
    void metric_meanOfOneToTen_valueIsMeanAndIntervalAroundIt() {
        ModelCard.Metric m = Bootstrap.metric("mean", "mean of values", 10, MEAN, 7L);
        // (1 + ... + 10) / 10 = 5.5
        assertEquals(5.5, m.value(), 1e-12);
        assertTrue(m.hasInterval());
        // standard error of the mean = sd / sqrt(n) = 2.87 / 3.16 ~ 0.91: 95% interval ~ 5.5 +- 1.8
        assertTrue(m.lower() > 3.0 && m.lower() < 5.0, "lower " + m.lower());
        assertTrue(m.upper() > 6.0 && m.upper() < 8.0, "upper " + m.upper());
        assertTrue(m.description().startsWith("mean of values; 95% percentile bootstrap interval, 1000 resamples of 10 rows, seed 7"),
                m.description());
    }

    @Test
    void metric_sameSeed_sameInterval() {
        ModelCard.Metric a = Bootstrap.metric("mean", "", 10, MEAN, 200, 0.9, 3L);
        ModelCard.Metric b = Bootstrap.metric("mean", "", 10, MEAN, 200, 0.9, 3L);
        assertEquals(a, b);
        assertTrue(a.description().startsWith("90% percentile"), a.description());
    }

    @Test
    void metric_oneRow_degenerateInterval() {
        // every resample is {0}: the statistic is always VALUES[0] = 1
        ModelCard.Metric m = Bootstrap.metric("mean", "", 1, MEAN, 50, 0.95, 1L);
        assertEquals(1.0, m.lower(), 0);
        assertEquals(1.0, m.upper(), 0);
    }

    @Test
    void metric_undefinedOnEveryResample_noInterval() {
        int[] calls = {0};
        ToDoubleFunction<int[]> firstOnly = idx -> calls[0]++ == 0 ? 0.5 : Double.NaN;
        ModelCard.Metric m = Bootstrap.metric("recall", "", 5, firstOnly, 20, 0.95, 1L);
        assertEquals(0.5, m.value(), 0);
        assertFalse(m.hasInterval());
        assertTrue(m.description().contains("undefined on every resample"));
    }

    @Test
    void metric_badArguments_throwWithValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Bootstrap.metric("m", "", 0, MEAN, 10, 0.95, 1L));
        assertEquals("rows must be >= 1, was 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Bootstrap.metric("m", "", 3, MEAN, 1, 0.95, 1L));
        assertEquals("resamples must be >= 2, was 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Bootstrap.metric("m", "", 3, MEAN, 10, 1.0, 1L));
        assertEquals("confidence must be in (0, 1), was 1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Bootstrap.metric("m", "", 3, idx -> Double.NaN, 10, 0.5, 1L));
        assertEquals("value of metric m on all rows must be finite, was NaN", e.getMessage());
        assertThrows(NullPointerException.class, () -> Bootstrap.metric("m", "", 3, null, 1L));
    }

    @Test
    void blockMetric_blockLengthOne_sameIntervalAsIndependentBootstrap() {
        ModelCard.Metric iid = Bootstrap.metric("mean", "", 10, MEAN, 300, 0.9, 5L);
        ModelCard.Metric block = Bootstrap.blockMetric("mean", "", 10, 1, MEAN, 300, 0.9, 5L);
        assertEquals(iid.lower(), block.lower(), 0.0);
        assertEquals(iid.upper(), block.upper(), 0.0);
    }

    @Test
    void blockMetric_resamples_areRunsOfConsecutiveRowsWithinRange() {
        int[] seen = new int[1];
        Bootstrap.blockMetric("check", "", 10, 4, idx -> {
            if (idx.length == 10 && idx[0] == 0 && idx[9] == 9 && idx[5] == 5) {
                return 0; // the point value on all rows, in order
            }
            // blocks of 4 start at 0, 4 and 8 (the last one cut to 2 rows) and run on by 1
            for (int i = 0; i < idx.length; i++) {
                assertTrue(idx[i] >= 0 && idx[i] < 10, "index " + idx[i]);
                if (i % 4 != 0) {
                    assertEquals(idx[i - 1] + 1, idx[i]);
                } else {
                    assertTrue(idx[i] <= 6, "a block of 4 starts at most at 10 - 4 = 6, was " + idx[i]);
                }
            }
            seen[0]++;
            return 0;
        }, 20, 0.9, 1L);
        assertEquals(20, seen[0]);
    }

    @Test
    void blockMetric_autocorrelatedSeries_widerIntervalThanIndependent() {
        // AR(1) with phi = 0.9: the variance of the mean is (1 + phi) / (1 - phi) = 19 times the
        // independent one, so the independent bootstrap interval is far too narrow.
        int n = 2000;
        double[] x = new double[n];
        java.util.SplittableRandom r = new java.util.SplittableRandom(11);
        for (int i = 1; i < n; i++) {
            x[i] = 0.9 * x[i - 1] + (r.nextDouble() - 0.5);
        }
        ToDoubleFunction<int[]> mean = idx -> {
            double s = 0;
            for (int i : idx) {
                s += x[i];
            }
            return s / idx.length;
        };
        ModelCard.Metric iid = Bootstrap.metric("mean", "", n, mean, 300, 0.95, 2L);
        ModelCard.Metric block = Bootstrap.blockMetric("mean", "", n, mean, 2L);
        double ratio = (block.upper() - block.lower()) / (iid.upper() - iid.lower());
        assertTrue(ratio > 2, "block / independent width " + ratio);
        assertEquals(13, Bootstrap.defaultBlockLength(n)); // cbrt(2000) = 12.6
        assertTrue(block.description().contains("moving-block bootstrap (blocks of 13 consecutive rows)"),
                block.description());
    }

    @Test
    void blockMetric_badBlockLength_throwsWithValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Bootstrap.blockMetric("m", "", 3, 4, MEAN, 10, 0.95, 1L));
        assertEquals("blockLength must be in [1, 3], was 4", e.getMessage());
        assertEquals(1, Bootstrap.defaultBlockLength(1));
        assertEquals(10, Bootstrap.defaultBlockLength(1000));
    }

    @Test
    void byGroup_twoGroups_metricPerGroupWithIntervalAndUndefinedLeftOut() {
        // rows 0..4 in group "a" (values 1..5), rows 5..9 in "b" (values 6..10)
        java.util.List<String> groups = java.util.List.of("a", "a", "a", "a", "a", "b", "b", "b", "b", "b");
        java.util.Map<String, ToDoubleFunction<int[]>> metrics = new java.util.LinkedHashMap<>();
        metrics.put("mean", MEAN);
        // defined only where a value above 8 exists
        metrics.put("share above 8", idx -> {
            int above = 0;
            for (int i : idx) {
                above += VALUES[i] > 8 ? 1 : 0;
            }
            return above == 0 ? Double.NaN : above / (double) idx.length;
        });
        java.util.List<ModelCard.QuantitativeAnalysis> q = Bootstrap.byGroup("half", groups, metrics, false, 200, 3L);
        assertEquals(2, q.size());
        assertEquals("a", q.get(0).group());
        // group a: mean (1 + ... + 5) / 5 = 3; share above 8 undefined, left out
        assertEquals(1, q.get(0).metrics().size());
        assertEquals(3.0, q.get(0).metrics().get(0).value(), 1e-12);
        assertTrue(q.get(0).metrics().get(0).lower() >= 1 && q.get(0).metrics().get(0).upper() <= 5);
        // group b: mean 8, share above 8 = 2 / 5
        assertEquals(8.0, q.get(1).metrics().get(0).value(), 1e-12);
        assertEquals(0.4, q.get(1).metrics().get(1).value(), 1e-12);
        assertTrue(q.get(1).metrics().get(0).lower() >= 6, "resamples stay within the group's rows");
        assertTrue(q.get(1).metrics().get(0).description().startsWith("5 rows of half b; 95% percentile bootstrap"),
                q.get(1).metrics().get(0).description());
        java.util.List<ModelCard.QuantitativeAnalysis> blocks = Bootstrap.byGroup("half", groups, metrics, true, 200, 3L);
        assertTrue(blocks.get(1).metrics().get(0).description().contains("moving-block bootstrap (blocks of 2"),
                blocks.get(1).metrics().get(0).description());
        assertThrows(IllegalArgumentException.class, () -> Bootstrap.byGroup(" ", groups, metrics, false, 200, 3L));
    }

    @Test
    void shareAtLeast_meanAboveThresholds_shareFollowsTheDistance() {
        // The mean of 1..10 is 5.5; its resamples spread about +-1.8 around it.
        assertEquals(1.0, Bootstrap.shareAtLeast(10, 1, MEAN, 1.0, 200, 4L).getAsDouble(), 0.0);
        assertEquals(0.0, Bootstrap.shareAtLeast(10, 1, MEAN, 10.5, 200, 4L).getAsDouble(), 0.0);
        double half = Bootstrap.shareAtLeast(10, 1, MEAN, 5.5, 400, 4L).getAsDouble();
        assertTrue(half > 0.35 && half < 0.65, "share at the mean " + half);
        // Same seed and blocks: the very resamples of blockMetric.
        java.util.List<Double> seen = new java.util.ArrayList<>();
        Bootstrap.shareAtLeast(10, 3, idx -> {
            seen.add(MEAN.applyAsDouble(idx));
            return 0;
        }, 0, 20, 9L);
        java.util.List<Double> again = new java.util.ArrayList<>();
        Bootstrap.blockMetric("m", "", 10, 3, idx -> {
            again.add(MEAN.applyAsDouble(idx));
            return 0;
        }, 20, 0.9, 9L);
        assertEquals(seen, again.subList(1, again.size())); // blockMetric first computes on all rows
        assertTrue(Bootstrap.shareAtLeast(10, 1, idx -> Double.NaN, 0, 20, 1L).isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Bootstrap.shareAtLeast(10, 11, MEAN, 0, 20, 1L));
        assertEquals("blockLength must be in [1, 10], was 11", e.getMessage());
    }
}
