package fr.territoires.ia.forecasting.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.territoires.ia.core.TimeSeries;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PollutionSimulatorTest {

    private static final LocalDate START = LocalDate.of(2000, 1, 1);
    private static final int DAYS = 20 * 365 + 5;

    @Test
    void simulate_sameSeed_sameSeries_otherSeed_otherSeries() {
        TimeSeries a = PollutionSimulator.simulate(START, DAYS, 4, 0.02, 7L);
        TimeSeries b = PollutionSimulator.simulate(START, DAYS, 4, 0.02, 7L);
        TimeSeries c = PollutionSimulator.simulate(START, DAYS, 4, 0.02, 8L);
        assertArrayEquals(a.values(), b.values());
        assertFalse(Arrays.equals(a.values(), c.values()));
        assertEquals("pm10", a.name());
        assertEquals(DAYS, a.size());
        assertEquals(START, LocalDate.ofInstant(a.timestamp(0), ZoneOffset.UTC));
        assertEquals(START.plusDays(DAYS - 1), LocalDate.ofInstant(a.timestamp(DAYS - 1),
                ZoneOffset.UTC));
    }

    @Test
    void simulate_twentyYears_positiveMicrogramsWinterHighWeekendLow() {
        TimeSeries s = PollutionSimulator.simulate(START, DAYS, 4, 0.0, 1L);
        double[] v = s.values();
        double winter = 0;
        double summer = 0;
        double weekday = 0;
        double sunday = 0;
        int nw = 0;
        int ns = 0;
        int nd = 0;
        int nsu = 0;
        for (int i = 0; i < v.length; i++) {
            assertTrue(v[i] > 0 && v[i] < 500, "value " + v[i] + " at " + i);
            LocalDate d = START.plusDays(i);
            if (d.getMonth() == Month.JANUARY) {
                winter += v[i];
                nw++;
            } else if (d.getMonth() == Month.JULY) {
                summer += v[i];
                ns++;
            }
            if (d.getDayOfWeek() == DayOfWeek.SUNDAY) {
                sunday += v[i];
                nsu++;
            } else if (d.getDayOfWeek() != DayOfWeek.SATURDAY) {
                weekday += v[i];
                nd++;
            }
        }
        double[] sorted = v.clone();
        Arrays.sort(sorted);
        double median = sorted[v.length / 2];
        System.out.printf("PollutionSimulator: median %.1f, January %.1f, July %.1f, weekday %.1f,"
                + " Sunday %.1f%n", median, winter / nw, summer / ns, weekday / nd, sunday / nsu);
        // Seasonal median 20 (1 +- 0.3): January near 26, July near 14, before noise and episodes.
        assertTrue(median > 12 && median < 30, "median " + median);
        assertTrue(winter / nw > 1.4 * (summer / ns), "January " + winter / nw + " July "
                + summer / ns);
        assertTrue(weekday / nd > 1.05 * (sunday / nsu), "weekday " + weekday / nd + " Sunday "
                + sunday / nsu);
    }

    @Test
    void simulate_fourEpisodesAYear_multiDayRunsAbove50() {
        TimeSeries s = PollutionSimulator.simulate(START, DAYS, 4, 0.0, 2L);
        double[] v = s.values();
        int above = 0;
        int runs = 0;
        int run = 0;
        for (double x : v) {
            if (x > 50) {
                above++;
                run++;
            } else {
                runs += run >= 3 ? 1 : 0;
                run = 0;
            }
        }
        double share = above / (double) v.length;
        System.out.printf("PollutionSimulator: %.2f %% of days above 50, %d runs of 3+ days%n",
                100 * share, runs);
        // About 80 episodes of 3 to 7 days in 20 years; most reach 50 on 3 days or more.
        assertTrue(runs >= 40 && runs <= 120, "runs " + runs);
        assertTrue(share > 0.01 && share < 0.08, "share above 50 " + share);
        TimeSeries none = PollutionSimulator.simulate(START, DAYS, 0, 0.0, 2L);
        long noEpisodeRuns = Arrays.stream(none.values()).filter(x -> x > 50).count();
        assertTrue(noEpisodeRuns < above / 2, "days above 50 without episodes " + noEpisodeRuns);
    }

    @Test
    void simulate_missingRate_missingShareNear() {
        TimeSeries s = PollutionSimulator.simulate(START, DAYS, 4, 0.1, 3L);
        long missing = Arrays.stream(s.values()).filter(Double::isNaN).count();
        // 7305 days x 0.1 = 730 expected, binomial sd about 26.
        assertTrue(missing > 630 && missing < 830, "missing " + missing);
    }

    @Test
    void simulate_badArguments_throwWithValue() {
        assertEquals("days must be in [1, 100000], was 0", assertThrows(
                IllegalArgumentException.class,
                () -> PollutionSimulator.simulate(START, 0, 4, 0, 1L)).getMessage());
        assertEquals("episodesPerYear must be in [0, 50], was -1.0", assertThrows(
                IllegalArgumentException.class,
                () -> PollutionSimulator.simulate(START, 10, -1, 0, 1L)).getMessage());
        assertEquals("missingRate must be in [0, 0.5], was 0.6", assertThrows(
                IllegalArgumentException.class,
                () -> PollutionSimulator.simulate(START, 10, 4, 0.6, 1L)).getMessage());
        assertThrows(NullPointerException.class,
                () -> PollutionSimulator.simulate(null, 10, 4, 0, 1L));
    }
}
