package fr.territoires.ia.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.territoires.ia.core.TimeSeries;
import fr.territoires.ia.core.synthetic.WaterMeterSimulator;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BaselineDetectorTest {

    private static final long MINUTE = 60_000L;

    /** Runs a detector over a series and returns the indices of its alarms. */
    private static List<Integer> alarms(BaselineDetector d, TimeSeries s) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            d.update(s.epochMilli(i), s.value(i));
            if (d.alarm()) {
                out.add(i);
            }
        }
        return out;
    }

    private static double[] noise(int n, long seed, double mean, double sd) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = mean + sd * (r.nextDouble() + r.nextDouble() + r.nextDouble() - 1.5) * 2;
        }
        return v;
    }

    @Test
    void update_nightFlowLeak_alarmsSoonAfterLeakStartsWithReason() {
        int leakStart = 24 * 35;
        TimeSeries flow = WaterMeterSimulator.simulate(WaterMeterSimulator.Options.defaults().withLeak(leakStart, 150));
        BaselineDetector d = BaselineDetector.create(BaselineDetector.Options.defaults());
        List<Integer> alarms = new ArrayList<>();
        String reason = "";
        for (int i = 0; i < flow.size(); i++) {
            d.update(flow.epochMilli(i), flow.value(i));
            if (d.alarm()) {
                alarms.add(i);
                if (i >= leakStart && reason.isEmpty()) {
                    reason = d.reason();
                }
            }
        }
        int first = alarms.stream().filter(i -> i >= leakStart).findFirst().orElseThrow();
        assertTrue(first - leakStart <= 24, "leak found within a day, after " + (first - leakStart) + " h");
        assertTrue(reason.startsWith("expected "), reason);
        assertTrue(reason.contains("observed "), reason);
        long before = alarms.stream().filter(i -> i < leakStart).count();
        assertTrue(before <= 3, "false alarms before the leak: " + before);
    }

    @Test
    void update_spikeInNoise_alarmsAtSpikeOnly() {
        double[] v = noise(2000, 3, 100, 5);
        v[1500] = 180;
        TimeSeries s = TimeSeries.regular("x", java.time.Instant.parse("2024-01-01T00:00:00Z"),
                java.time.Duration.ofMinutes(5), v, ZoneOffset.UTC);
        List<Integer> a = alarms(BaselineDetector.create(BaselineDetector.Options.defaults().withZone(ZoneOffset.UTC)), s);
        assertTrue(a.contains(1500), a.toString());
        assertTrue(a.size() <= 3, a.toString());
    }

    @Test
    void update_stuckSensor_flatlineReported() {
        double[] v = noise(3000, 5, 50, 4);
        for (int i = 2000; i < 3000; i++) {
            v[i] = 50.0; // stuck at the usual level: only the flatline test can see it
        }
        TimeSeries s = TimeSeries.regular("x", java.time.Instant.parse("2024-01-01T00:00:00Z"),
                java.time.Duration.ofMinutes(5), v, ZoneOffset.UTC);
        BaselineDetector d = BaselineDetector.create(BaselineDetector.Options.defaults().withZone(ZoneOffset.UTC));
        String reason = "";
        String raison = "";
        int at = -1;
        for (int i = 0; i < s.size(); i++) {
            d.update(s.epochMilli(i), s.value(i));
            if (d.alarm() && i >= 2000 && at < 0) {
                at = i;
                reason = d.reason();
                raison = d.reasonFr();
            }
        }
        assertTrue(at >= 2000 && at <= 2000 + 48, "flatline alarm at " + at);
        assertTrue(reason.contains("value unchanged since"), reason);
        // The same facts in French, with a decimal comma: "attendu 50,0 ± ..., observé 50,0 ; valeur
        // inchangée depuis ... (n relevés : capteur bloqué ou en panne ?)".
        assertTrue(raison.startsWith("attendu 5"), raison);
        assertTrue(raison.contains(", observé 50,0"), raison);
        assertTrue(raison.contains(" ; valeur inchangée depuis "), raison);
        assertTrue(raison.endsWith(" relevés : capteur bloqué ou en panne ?)"), raison);
        assertEquals(reason.chars().filter(c -> c == ';').count(), raison.chars().filter(c -> c == ';').count());
    }

    @Test
    void update_missingValue_scoresZeroAndLeavesStateUntouched() {
        BaselineDetector a = BaselineDetector.create(BaselineDetector.Options.defaults().withZone(ZoneOffset.UTC));
        BaselineDetector b = BaselineDetector.create(BaselineDetector.Options.defaults().withZone(ZoneOffset.UTC));
        double[] v = noise(500, 9, 10, 1);
        for (int i = 0; i < v.length; i++) {
            long t = i * 5 * MINUTE;
            double sa = a.update(t, v[i]);
            if (i == 250) {
                assertEquals(0.0, b.update(t, Double.NaN));
                assertFalse(b.alarm());
                assertTrue(Double.isNaN(b.expected()));
                assertEquals("missing value", b.reason());
                assertEquals("valeur manquante", b.reasonFr());
            }
            double sb = b.update(t, v[i]);
            assertEquals(sa, sb, 1e-12, "point " + i);
            assertEquals(a.expected(), b.expected(), 1e-12);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void update_scoresInUnitInterval_andDeterministic(long seed) {
        double[] v = noise(3000, seed, 0, 1);
        BaselineDetector a = BaselineDetector.create(BaselineDetector.Options.defaults());
        BaselineDetector b = BaselineDetector.create(BaselineDetector.Options.defaults());
        for (int i = 0; i < v.length; i++) {
            double s = a.update(i * MINUTE, v[i]);
            assertTrue(s >= 0 && s <= 1, "score " + s);
            assertEquals(s, b.update(i * MINUTE, v[i]));
            if (i > 0) {
                assertTrue(a.lower() <= a.expected() && a.expected() <= a.upper());
            } else {
                assertTrue(Double.isNaN(a.expected()), "nothing learnt before the first point");
            }
        }
    }

    @Test
    void update_irregularStepsAndGap_timestampsDriveTheStep() {
        BaselineDetector d = BaselineDetector.create(BaselineDetector.Options.defaults().withZone(ZoneOffset.UTC));
        double[] v = noise(1200, 11, 20, 1);
        long t = 0;
        int alarms = 0;
        for (int i = 0; i < v.length; i++) {
            t += (i == 600 ? 600 : (i % 7 == 0 ? 7 : 5)) * MINUTE; // irregular steps and a 10-hour gap
            d.update(t, v[i]);
            alarms += d.alarm() ? 1 : 0;
        }
        assertTrue(alarms <= 2, "alarms on noise with a gap: " + alarms);
    }

    @Test
    void options_invalid_throwWithRule() {
        var o = BaselineDetector.Options.defaults();
        var e = assertThrows(IllegalArgumentException.class, () -> o.withMemorySteps(5));
        assertEquals("memorySteps must be >= 10, was 5", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> o.withComponents(true, false, false, false));
        assertThrows(IllegalArgumentException.class, () -> o.withAlarmRule(1.5, 4, 10));
        assertThrows(NullPointerException.class, () -> BaselineDetector.create(null));
    }
}
