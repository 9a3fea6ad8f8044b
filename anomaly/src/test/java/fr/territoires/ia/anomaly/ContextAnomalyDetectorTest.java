package fr.territoires.ia.anomaly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** CAD OSE on small series, and the CPython details its reproduction rests on. */
class ContextAnomalyDetectorTest {

    private static ContextAnomalyDetector detector(double min, double max) {
        return ContextAnomalyDetector.create(ContextAnomalyDetector.Options.defaults().withRange(min, max)
                .withProbationaryPoints(100));
    }

    private static double[] run(ContextAnomalyDetector d, double[] x) {
        double[] s = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            s[i] = d.update(i * 60_000L, x[i]);
        }
        return s;
    }

    @Test
    void tupleHash_isCpythonsTupleHash() {
        // CPython 2.7 (and 3 before 3.8), 64 bits: hash(()) and hash((1, 2)).
        assertEquals(3527539L, ContextAnomalyDetector.tupleHash(new long[0]));
        assertEquals(3713081631934410656L, ContextAnomalyDetector.tupleHash(new long[] {1, 2}));
        assertEquals(ContextAnomalyDetector.tupleHash(new long[] {-2}), ContextAnomalyDetector.tupleHash(new long[] {-1}));
    }

    @Test
    void pyIntDict_iteratesInCpython27SlotOrder() {
        ContextAnomalyDetector.PyIntDict d = new ContextAnomalyDetector.PyIntDict();
        d.put(40, 1);
        d.put(8, 2);
        d.put(0, 3);
        List<Integer> keys = new ArrayList<>();
        for (int k = 0; k < d.slotCount(); k++) {
            if (d.occupied(k)) {
                keys.add(d.key(k));
            }
        }
        // {40: 1, 8: 2, 0: 3}.keys() in CPython 2.7: 40 in slot 0, 8 probes to slot 1, 0 to slot 6.
        assertEquals(List.of(40, 8, 0), keys);
        assertEquals(2, d.get(8));
        assertEquals(-1, d.get(16));
        for (int i = 100; i < 110; i++) {
            d.put(i, i);
        }
        assertEquals(13, java.util.stream.IntStream.range(0, d.slotCount()).filter(d::occupied).count());
        assertEquals(105, d.get(105));
    }

    @Test
    void novelPattern_afterRegularStretch_scoresHigh() {
        double[] x = new double[1200];
        for (int i = 0; i < x.length; i++) {
            x[i] = i % 4 < 2 ? 10 : 90; // a square wave
        }
        for (int i = 1000; i < 1010; i++) {
            x[i] = 50; // a value never seen, held
        }
        double[] s = run(detector(0, 100), x);
        double before = 0;
        for (int i = 500; i < 1000; i++) {
            before = Math.max(before, s[i]);
        }
        double at = 0;
        for (int i = 1000; i < 1010; i++) {
            at = Math.max(at, s[i]);
        }
        assertTrue(before < 0.5, "learnt square wave, max score " + before);
        assertTrue(at >= ContextAnomalyDetector.PUBLISHED_STANDARD_THRESHOLD, "novel value, max score " + at);
    }

    @Test
    void constantSeries_noAlarmAfterLearning() {
        double[] x = new double[600];
        java.util.Arrays.fill(x, 7.0);
        ContextAnomalyDetector d = detector(7, 7);
        double[] s = run(d, x);
        for (int i = 50; i < x.length; i++) {
            assertTrue(s[i] < ContextAnomalyDetector.PUBLISHED_STANDARD_THRESHOLD, "score at " + i + ": " + s[i]);
        }
    }

    @Test
    void restPeriod_silencesTheScoresAfterAHighOne() {
        double[] x = new SplittableRandom(3).doubles(400, 0, 100).toArray();
        double[] s = run(detector(0, 100), x);
        // The first 20 scores (rest period 100 / 5) are 0: the reference's history starts at 1.
        for (int i = 0; i < 20; i++) {
            assertEquals(0.0, s[i], "score " + i);
        }
        assertTrue(java.util.Arrays.stream(s).anyMatch(v -> v > 0));
    }

    @Test
    void missingValues_leaveTheStateUntouched_andRunsAreDeterministic() {
        double[] x = new SplittableRandom(4).doubles(500, 0, 100).toArray();
        double[] a = run(detector(0, 100), x);
        ContextAnomalyDetector d = detector(0, 100);
        double[] b = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            if (i % 50 == 3) {
                assertEquals(0.0, d.update(0, Double.NaN));
                assertFalse(d.alarm());
            }
            b[i] = d.update(i * 60_000L, x[i]);
        }
        assertArrayEquals(a, b);
        assertArrayEquals(a, run(detector(0, 100), x));
    }

    @Test
    void contextCap_holdsAndTheDetectorKeepsScoring() {
        double[] x = new SplittableRandom(5).doubles(800, 0, 100).toArray();
        ContextAnomalyDetector free = detector(0, 100);
        run(free, x);
        assertTrue(free.contextCount() > 300, "contexts " + free.contextCount());
        assertFalse(free.capped());
        ContextAnomalyDetector capped = ContextAnomalyDetector.create(ContextAnomalyDetector.Options.defaults()
                .withRange(0, 100).withProbationaryPoints(100).withMaxContexts(200));
        double[] s = run(capped, x);
        assertEquals(200, capped.contextCount());
        assertTrue(capped.capped());
        assertTrue(java.util.Arrays.stream(s, 400, 800).anyMatch(v -> v > 0), "still scoring at the cap");
    }

    @Test
    void options_rejectBadValues_andARangeIsRequired() {
        ContextAnomalyDetector.Options o = ContextAnomalyDetector.Options.defaults();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ContextAnomalyDetector.create(o));
        assertTrue(e.getMessage().contains("withRange"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> o.withRange(3, 2));
        assertThrows(IllegalArgumentException.class, () -> o.withThreshold(0));
        assertThrows(IllegalArgumentException.class, () -> o.withProbationaryPoints(-1));
        assertThrows(IllegalArgumentException.class, () -> o.withMaxContexts(0));
        assertEquals(Double.NaN, detector(0, 1).expected());
    }
}
