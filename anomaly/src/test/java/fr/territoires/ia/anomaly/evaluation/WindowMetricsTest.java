package fr.territoires.ia.anomaly.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowMetricsTest {

    private static final long MINUTE = 60_000L;

    private static long[] minutes(int n) {
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            t[i] = i * MINUTE;
        }
        return t;
    }

    private static NabWindow rows(int from, int to) {
        return new NabWindow(Instant.ofEpochMilli(from * MINUTE), Instant.ofEpochMilli(to * MINUTE));
    }

    @Test
    void of_oneOfTwoWindowsDetected_givesHalfRecallAndLatency() {
        boolean[] alarms = new boolean[100];
        alarms[42] = true; // window 40..49, 2 min after its start
        alarms[45] = true; // same window: counted once
        alarms[90] = true; // false alarm
        WindowMetrics m = WindowMetrics.of(minutes(100), alarms, List.of(rows(40, 49), rows(70, 79)));
        assertEquals(new WindowMetrics(2, 1, 1, List.of(Duration.ofMinutes(2))), m);
        assertEquals(0.5, m.recall().getAsDouble(), 0.0); // 1 / 2
        assertEquals(0.5, m.precision().getAsDouble(), 0.0); // 1 / (1 + 1)
        assertEquals(Duration.ofMinutes(2), m.meanLatency().orElseThrow());
    }

    @Test
    void of_noAlarmsNoWindows_givesEmptyRatios() {
        WindowMetrics m = WindowMetrics.of(minutes(10), new boolean[10], List.of());
        assertTrue(m.recall().isEmpty());
        assertTrue(m.precision().isEmpty());
        assertTrue(m.meanLatency().isEmpty());
    }

    @Test
    void of_twoDetectedWindows_averagesLatencies() {
        boolean[] alarms = new boolean[100];
        alarms[40] = true; // latency 0
        alarms[74] = true; // latency 4 min
        WindowMetrics m = WindowMetrics.of(minutes(100), alarms, List.of(rows(40, 49), rows(70, 79)));
        assertEquals(1.0, m.recall().getAsDouble(), 0.0);
        assertEquals(1.0, m.precision().getAsDouble(), 0.0);
        assertEquals(Duration.ofMinutes(2), m.meanLatency().orElseThrow()); // (0 + 4) / 2
    }

    @Test
    void constructor_badValues_throwWithNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new WindowMetrics(1, 2, 0, List.of()));
        assertEquals("detectedWindows must be in [0, 1], was 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new WindowMetrics(1, 1, 0, List.of()));
        assertEquals("latencies must have size 1 (detectedWindows), was 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new WindowMetrics(1, 1, 0, List.of(Duration.ofSeconds(-1))));
        assertEquals("latencies[0] must be >= 0, was PT-1S", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> WindowMetrics.of(minutes(3), new boolean[4], List.of()));
        assertEquals("alarms must have length 3 (epochMillis), was 4", e.getMessage());
    }
}
