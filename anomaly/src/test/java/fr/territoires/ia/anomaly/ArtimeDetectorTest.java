package fr.territoires.ia.anomaly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ArtimeDetectorTest {

    private static final long STEP = 300_000L;

    /** A daily-like cycle of 96 points with a little noise, seeded. */
    private static double[] periodic(int n, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 50 + 30 * Math.sin(2 * Math.PI * i / 96.0) + r.nextGaussian();
        }
        return x;
    }

    private static ArtimeDetector detector(int probation) {
        return ArtimeDetector.create(ArtimeDetector.Options.defaults().withRange(0, 100)
                .withProbationaryPoints(probation));
    }

    private static double[] run(ArtimeDetector d, double[] x) {
        double[] s = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            s[i] = d.update(i * STEP, x[i]);
        }
        return s;
    }

    @Test
    void haar_matchesTheReferenceLayoutAndSigns() {
        double[] y = ArtimeDetector.haar(new double[] {1, 2, 3, 4, 5, 6, 7, 8});
        double c = 1 / Math.sqrt(2);
        // [approximation, coarsest detail, 2 details, 4 details]; detail = c*(second - first)
        assertEquals(36 / Math.sqrt(8), y[0], 1e-12);
        assertEquals((26 - 10) / Math.sqrt(8), y[1], 1e-12);
        assertEquals(2.0, y[2], 1e-12);
        assertEquals(2.0, y[3], 1e-12);
        for (int k = 4; k < 8; k++) {
            assertEquals(c, y[k], 1e-12);
        }
    }

    @Test
    void novelPlateauAfterRegularStretch_raisesTheScoreAndAnAlarm() {
        double[] x = periodic(3000, 1);
        for (int i = 2500; i < 2512; i++) {
            x[i] = 98; // a plateau never seen at this phase of the cycle
        }
        ArtimeDetector d = detector(750);
        double before = 0;
        double during = 0;
        int alarms = 0;
        for (int i = 0; i < 2540; i++) {
            double s = d.update(i * STEP, x[i]);
            if (i >= 1500 && i < 2500) {
                before = Math.max(before, s);
            } else if (i >= 2500) {
                during = Math.max(during, s);
                if (d.alarm()) {
                    alarms++;
                    assertTrue(d.reason().startsWith("unpredicted pattern"), d.reason());
                    assertTrue(d.reasonFr().startsWith("motif imprévu"), d.reasonFr());
                }
            }
        }
        assertTrue(during >= 0.317486, "score on the plateau " + during);
        assertTrue(during > before, "plateau " + during + " vs regular stretch " + before);
        assertTrue(alarms >= 1, "an alarm on the plateau");
    }

    @Test
    void constantSeries_noAlarm() {
        double[] x = new double[3000];
        java.util.Arrays.fill(x, 42.0);
        ArtimeDetector d = detector(750);
        for (int i = 0; i < x.length; i++) {
            d.update(i * STEP, x[i]);
            assertFalse(d.alarm(), "alarm at " + i);
            assertEquals("", d.reason());
            assertEquals("", d.reasonFr());
        }
    }

    @Test
    void perfectlyPeriodicSeries_noAlarmAfterLearning() {
        double[] x = new double[4000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % 96) < 48 ? 20.0 : 80.0; // square wave, as NAB's art_daily_perfect_square_wave
        }
        double[] s = run(detector(750), x);
        for (int i = 1500; i < x.length; i++) {
            assertTrue(s[i] < 0.317486, "score " + s[i] + " at " + i);
        }
    }

    @Test
    void nan_scoresZeroAndLeavesTheStateUntouched() {
        double[] x = periodic(2000, 3);
        ArtimeDetector a = detector(750);
        ArtimeDetector b = detector(750);
        for (int i = 0; i < x.length; i++) {
            double sa = a.update(i * STEP, x[i]);
            if (i % 50 == 7) {
                assertEquals(0.0, b.update(i * STEP, Double.NaN));
                assertFalse(b.alarm());
                assertTrue(Double.isNaN(b.expected()) && Double.isNaN(b.lower()) && Double.isNaN(b.upper()));
            }
            assertEquals(sa, b.update(i * STEP, x[i]), 0.0, "point " + i);
        }
        assertEquals(a.categoryCount(), b.categoryCount());
    }

    @Test
    void determinism_twoRunsSameScores() {
        double[] x = periodic(3000, 5);
        x[2200] = 99;
        assertArrayEquals(run(detector(750), x), run(detector(750), x), 0.0);
    }

    @Test
    void outOfRangeValues_areClampedNotFatal() {
        double[] x = periodic(2000, 9);
        x[1800] = 1e6;
        x[1801] = -1e6;
        double[] s = run(detector(750), x);
        for (double v : s) {
            assertTrue(v >= 0 && v <= 1, "score " + v);
        }
    }

    @Test
    void categoryCap_boundsMemoryAndStillScores() {
        Random r = new Random(11);
        double[] x = new double[6000];
        for (int i = 0; i < x.length; i++) {
            x[i] = 100 * r.nextDouble(); // white noise: many categories
        }
        ArtimeDetector free = detector(300);
        run(free, x);
        assertTrue(free.categoryCount() > 40, "uncapped categories " + free.categoryCount());
        ArtimeDetector capped = ArtimeDetector.create(ArtimeDetector.Options.defaults().withRange(0, 100)
                .withProbationaryPoints(300).withMaxCategories(40).withMaxAnomalyHistory(5));
        double[] s = run(capped, x);
        assertEquals(40, capped.categoryCount());
        long alarms = java.util.Arrays.stream(s).filter(v -> v >= 0.317486).count();
        assertTrue(alarms > 0, "the capped detector still raises alarms on noise");
    }

    @Test
    void options_validation() {
        ArtimeDetector.Options o = ArtimeDetector.Options.defaults();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ArtimeDetector.create(o));
        assertTrue(e.getMessage().contains("withRange"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> o.withRange(5, 1));
        assertThrows(IllegalArgumentException.class, () -> o.withRange(0, Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> o.withThreshold(0));
        assertThrows(IllegalArgumentException.class, () -> o.withThreshold(1.5));
        assertThrows(IllegalArgumentException.class, () -> o.withWindow(6));
        assertThrows(IllegalArgumentException.class, () -> o.withLevels(1));
        assertThrows(IllegalArgumentException.class, () -> o.withChomp(-0.1));
        assertThrows(IllegalArgumentException.class, () -> o.withInitialRho(1.1));
        assertThrows(IllegalArgumentException.class, () -> o.withMaxCategories(1));
        assertThrows(IllegalArgumentException.class, () -> o.withMaxAnomalyHistory(0));
        assertThrows(IllegalArgumentException.class, () -> o.withProbationaryPoints(1));
        assertThrows(IllegalArgumentException.class,
                () -> ArtimeDetector.create(o.withRange(0, 1).withProbationaryPoints(10)));
        assertEquals(750, o.probationaryPoints());
        assertEquals(0.317486, o.threshold());
        assertEquals(7, ArtimeDetector.create(o.withRange(0, 1)).downsamplingStep());
        assertEquals(1, ArtimeDetector.create(o.withRange(0, 1).withProbationaryPoints(200)).downsamplingStep());
    }
}
