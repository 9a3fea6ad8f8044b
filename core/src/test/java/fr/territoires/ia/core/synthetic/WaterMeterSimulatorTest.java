package fr.territoires.ia.core.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.territoires.ia.core.TimeSeries;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class WaterMeterSimulatorTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 42})
    void simulate_sameSeed_sameSeries(long seed) {
        var o = WaterMeterSimulator.Options.defaults().withSeed(seed);
        assertEquals(WaterMeterSimulator.simulate(o), WaterMeterSimulator.simulate(o));
        assertNotEquals(WaterMeterSimulator.simulate(o), WaterMeterSimulator.simulate(o.withSeed(seed + 1)));
    }

    @Test
    void simulate_defaults_hourlyRegularWithFewMissing() {
        TimeSeries s = WaterMeterSimulator.simulate(WaterMeterSimulator.Options.defaults());
        assertEquals(24 * 7 * 8, s.size());
        assertEquals(Duration.ofHours(1), s.step().orElseThrow());
        assertTrue(s.gaps().isEmpty());
        // 0.5 % of 1344 readings is about 7; a binomial draw stays well inside [1, 20].
        assertTrue(s.missingCount() >= 1 && s.missingCount() <= 20, "missing " + s.missingCount());
    }

    @Test
    void simulate_leak_raisesMinimumNightFlowByLeakFlow() {
        var o = WaterMeterSimulator.Options.defaults().withMissingRate(0).withLeak(24 * 28, 150);
        TimeSeries leak = WaterMeterSimulator.simulate(o);
        TimeSeries none = WaterMeterSimulator.simulate(o.withLeak(-1, 0));
        for (int i = 0; i < leak.size(); i++) {
            double expected = i >= 24 * 28 ? 150.0 : 0.0;
            assertEquals(expected, leak.value(i) - none.value(i), 0.11, "hour " + i);
        }
    }

    @Test
    void simulate_workingDayMeanNearMeanFlow() {
        var o = WaterMeterSimulator.Options.defaults().withMissingRate(0);
        TimeSeries s = WaterMeterSimulator.simulate(o);
        // First day is Monday 2026-03-02 (not a holiday): 24 hours averaging about 400 L/h.
        double sum = 0;
        for (int i = 0; i < 24; i++) {
            sum += s.value(i);
        }
        assertEquals(400, sum / 24, 400 * 0.05);
        assertEquals(1.0, java.util.stream.IntStream.range(0, 24)
                .mapToDouble(WaterMeterSimulator::dailyProfile).average().orElseThrow(), 1e-12);
    }

    @Test
    void options_invalid_throwWithRule() {
        var d = WaterMeterSimulator.Options.defaults();
        var e = assertThrows(IllegalArgumentException.class, () -> d.withHours(0));
        assertEquals("hours must be >= 1, was 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> d.withMissingRate(1.0));
        assertThrows(IllegalArgumentException.class, () -> d.withLeak(-2, 10));
        assertThrows(IllegalArgumentException.class, () -> WaterMeterSimulator.dailyProfile(24));
    }
}
