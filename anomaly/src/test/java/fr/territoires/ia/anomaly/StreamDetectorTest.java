package fr.territoires.ia.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.territoires.ia.core.TimeSeries;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The default streaming detector: alarm source, flatline test, baseline and learnt range. */
class StreamDetectorTest {

    private static final long HOUR = 3_600_000L;

    /** A daily cycle with noise, then (from {@code shiftAt}) a level 3 times higher. */
    static double[] cycle(int n, int shiftAt, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 100 + 40 * Math.sin(2 * Math.PI * i / 24.0) + 5 * r.nextGaussian() + (i >= shiftAt ? 200 : 0);
        }
        return x;
    }

    static StreamDetector.Options utc() {
        return StreamDetector.Options.defaults().withZone(ZoneOffset.UTC);
    }

    @Test
    void defaults_areTheProtocolsChoice() {
        StreamDetector.Options o = StreamDetector.Options.defaults();
        assertEquals(StreamDetector.Algorithm.ARTIME, o.algorithm());
        assertEquals(ArtimeDetector.PUBLISHED_STANDARD_THRESHOLD, o.threshold());
        assertTrue(o.flatline());
        assertTrue(Double.isNaN(o.min()));
        assertEquals(ContextAnomalyDetector.PUBLISHED_STANDARD_THRESHOLD,
                o.withAlgorithm(StreamDetector.Algorithm.CONTEXT).threshold());
    }

    @Test
    void levelShift_raisesAnAlarmWithTheBaselinesReason_noneBefore() {
        double[] x = cycle(3000, 2000, 1);
        StreamDetector d = StreamDetector.create(utc());
        int before = 0;
        int after = 0;
        String reason = "";
        for (int i = 0; i < x.length; i++) {
            d.update(i * HOUR, x[i]);
            if (d.alarm()) {
                if (i < 2000) {
                    before++;
                } else if (after++ == 0) {
                    reason = d.reason() + " | " + d.reasonFr();
                }
            }
        }
        assertTrue(after > 0, "the shift raises an alarm");
        assertTrue(before <= 2, "false alarms before the shift: " + before);
        assertTrue(reason.startsWith("unusual pattern for this stream (score "), reason);
        assertTrue(reason.contains("expected ") && reason.contains("observed "), reason);
        assertTrue(reason.contains("motif inhabituel pour ce flux (score ") && reason.contains("attendu "), reason);
    }

    @Test
    void noAlarmDuringProbation_andExpectedValuesFromTheBaseline() {
        double[] x = cycle(800, 10_000, 2);
        x[100] = 10_000; // a huge spike inside the probationary period
        StreamDetector d = StreamDetector.create(utc());
        for (int i = 0; i < 750; i++) {
            d.update(i * HOUR, x[i]);
            assertFalse(d.alarm(), "alarm during probation at " + i);
        }
        assertTrue(Math.abs(d.expected() - x[749]) < 60, "expected " + d.expected() + " for " + x[749]);
        assertTrue(d.lower() < d.expected() && d.expected() < d.upper());
    }

    @Test
    void learntRange_equalsTheGivenRangeOfTheProbationaryPoints() {
        double[] x = cycle(2500, 1800, 3);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < 750; i++) {
            lo = Math.min(lo, x[i]);
            hi = Math.max(hi, x[i]);
        }
        StreamDetector learnt = StreamDetector.create(utc());
        StreamDetector given = StreamDetector.create(utc().withRange(lo, hi));
        for (int i = 0; i < x.length; i++) {
            double a = learnt.update(i * HOUR, x[i]);
            double b = given.update(i * HOUR, x[i]);
            assertEquals(b, a, 0.0, "score at " + i);
            assertEquals(given.alarm(), learnt.alarm(), "alarm at " + i);
        }
    }

    @Test
    void stuckSensor_raisesTheFlatlineAlarmWithScoreOne() {
        double[] x = cycle(2000, 10_000, 4);
        for (int i = 1500; i < x.length; i++) {
            x[i] = 123.0;
        }
        StreamDetector d = StreamDetector.create(utc());
        boolean flat = false;
        for (int i = 0; i < x.length; i++) {
            double s = d.update(i * HOUR, x[i]);
            if (d.alarm() && d.reason().contains("value unchanged since")) {
                flat = true;
                assertEquals(1.0, s);
                assertTrue(i >= 1500 + 23, "flatline after at least 24 equal readings, at " + i);
                assertTrue(d.reasonFr().contains("valeur inchangée depuis"), d.reasonFr());
                break;
            }
        }
        assertTrue(flat, "the stuck sensor is reported");
        StreamDetector off = StreamDetector.create(utc().withFlatline(false));
        for (int i = 0; i < x.length; i++) {
            off.update(i * HOUR, x[i]);
            assertFalse(off.alarm() && off.reason().contains("value unchanged since"), "flatline off at " + i);
        }
    }

    @Test
    void missingValues_scoreZeroAndChangeNothing() {
        double[] x = cycle(2200, 1700, 5);
        StreamDetector plain = StreamDetector.create(utc().withRange(0, 400));
        StreamDetector holes = StreamDetector.create(utc().withRange(0, 400));
        List<Double> a = new ArrayList<>();
        List<Double> b = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            a.add(plain.update(i * HOUR, x[i]));
            if (i % 97 == 5) {
                assertEquals(0.0, holes.update(i * HOUR - HOUR / 2, Double.NaN));
                assertFalse(holes.alarm());
                assertEquals("missing value", holes.reason());
                assertEquals("valeur manquante", holes.reasonFr());
            }
            b.add(holes.update(i * HOUR, x[i]));
        }
        assertEquals(a, b, "a missing reading leaves the alarm source untouched");
    }

    @Test
    void fittedTo_takesTheRangeAndNabProbation() {
        long[] t = new long[1000];
        double[] v = new double[1000];
        for (int i = 0; i < t.length; i++) {
            t[i] = i * HOUR;
            v[i] = i == 10 ? Double.NaN : i % 50;
        }
        TimeSeries s = TimeSeries.of("flow", t, v, ZoneOffset.UTC);
        StreamDetector.Options o = utc().fittedTo(s);
        assertEquals(0.0, o.min());
        assertEquals(49.0, o.max());
        assertEquals(150, o.probationaryPoints());
        double[] all = new double[3];
        java.util.Arrays.fill(all, Double.NaN);
        TimeSeries empty = TimeSeries.of("flow", new long[] {0, HOUR, 2 * HOUR}, all, ZoneOffset.UTC);
        assertThrows(IllegalArgumentException.class, () -> utc().fittedTo(empty));
        assertTrue(Instant.ofEpochMilli(t[999]).isAfter(Instant.EPOCH));
    }

    @Test
    void options_rejectBadValues() {
        StreamDetector.Options o = utc();
        assertThrows(IllegalArgumentException.class, () -> o.withRange(5, 1));
        assertThrows(IllegalArgumentException.class, () -> o.withRange(Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> o.withThreshold(0));
        assertThrows(IllegalArgumentException.class, () -> o.withThreshold(1.5));
        assertThrows(IllegalArgumentException.class, () -> o.withProbationaryPoints(0));
        assertThrows(NullPointerException.class, () -> o.withZone(null));
    }
}
