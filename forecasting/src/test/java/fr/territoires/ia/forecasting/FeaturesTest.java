package fr.territoires.ia.forecasting;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.territoires.ia.core.TimeSeries;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeaturesTest {

    private static long day(LocalDate d) {
        return d.toEpochDay() * 86_400_000L;
    }

    /** 1, 2, 4, 5 March 2023 with values 10, 20, 40, 50: 3 March is absent. */
    private static TimeSeries gappy() {
        LocalDate m1 = LocalDate.of(2023, 3, 1);
        long[] t = {day(m1), day(m1.plusDays(1)), day(m1.plusDays(3)), day(m1.plusDays(4))};
        return TimeSeries.of("s", t, new double[] {10, 20, 40, 50}, ZoneOffset.UTC);
    }

    private static final FeatureSpec SPEC = new FeatureSpec(List.of(0, 1), List.of(1), List.of(2),
            false, List.of(0));

    @Test
    void build_gapInSeries_lagsByDateAndSkipsUnbuildableDates() {
        FeatureMatrix m = Features.build(gappy(), List.of(), SPEC, LocalDate.of(2023, 3, 1),
                LocalDate.of(2023, 3, 5));
        assertEquals(List.of("lag0", "lag1", "rise1", "mean2", "max2"), m.names());
        // 1 March: lag1 = 28 Feb absent; 3 March: lag0 absent; 4 March: lag1 = 3 March absent
        assertEquals(List.of(LocalDate.of(2023, 3, 1), LocalDate.of(2023, 3, 3),
                LocalDate.of(2023, 3, 4)), m.skipped());
        assertEquals(List.of(LocalDate.of(2023, 3, 2), LocalDate.of(2023, 3, 5)), m.dates());
        // 2 March: lag0 20, lag1 10, rise 20-10 = 10, mean (20+10)/2 = 15, max 20
        assertArrayEquals(new double[] {20, 10, 10, 15, 20}, m.row(0), 0.0);
        // 5 March: lag0 50, lag1 40 (not 20, the previous row), rise 10, mean 45, max 50
        assertArrayEquals(new double[] {50, 40, 10, 45, 50}, m.row(1), 0.0);
    }

    @Test
    void build_rollingWindowHalfMissing_usesPresentDays() {
        FeatureSpec spec = new FeatureSpec(List.of(0), List.of(), List.of(4), false, List.of());
        FeatureMatrix m = Features.build(gappy(), List.of(), spec, LocalDate.of(2023, 3, 4),
                LocalDate.of(2023, 3, 5));
        // 4 March: window 1..4 March has 10, 20, 40 (3 present >= 2): mean 70/3, max 40
        assertEquals(70.0 / 3, m.value(0, "mean4"), 1e-12);
        assertEquals(40.0, m.value(0, "max4"), 0.0);
        // 5 March: window 2..5 March has 20, 40, 50: mean 110/3, max 50
        assertEquals(110.0 / 3, m.value(1, "mean4"), 1e-12);
    }

    @Test
    void build_calendarAndCovariate_holidayFlagAndCovariateByDate() {
        LocalDate bastille = LocalDate.of(2023, 7, 14); // a Friday and a public holiday
        long[] t = {day(bastille.minusDays(1)), day(bastille)};
        TimeSeries s = TimeSeries.of("s", t, new double[] {1, 2}, ZoneOffset.UTC);
        TimeSeries cov = TimeSeries.of("rain mm", new long[] {day(bastille)}, new double[] {7},
                ZoneOffset.UTC);
        FeatureSpec spec = new FeatureSpec(List.of(0), List.of(), List.of(), true, List.of(0));
        FeatureMatrix m = Features.build(s, List.of(cov), spec, bastille.minusDays(1), bastille);
        assertEquals(List.of(bastille.minusDays(1)), m.skipped()); // covariate absent on 13 July
        assertEquals(1.0, m.value(0, "holiday"), 0.0);
        assertEquals(1.0, m.value(0, "dow_4"), 0.0); // Friday = Monday + 4
        assertEquals(0.0, m.value(0, "dow_3"), 0.0);
        assertEquals(7.0, m.value(0, "cov0_rain_mm_lag0"), 0.0);
        // day of year 195: angle 2 pi 194 / 365.25
        assertEquals(Math.sin(2 * Math.PI * 194 / 365.25), m.value(0, "doy_sin"), 1e-12);
    }

    @Test
    void build_duplicateDay_throwsWithDate() {
        long t0 = day(LocalDate.of(2023, 3, 1));
        TimeSeries s = TimeSeries.of("s", new long[] {t0, t0 + 3_600_000L}, new double[] {1, 2},
                ZoneOffset.UTC);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Features.build(s, List.of(), SPEC, LocalDate.of(2023, 3, 1),
                        LocalDate.of(2023, 3, 2)));
        assertTrue(e.getMessage().contains("2023-03-01"), e.getMessage());
    }

    @Test
    void featureSpec_negativeLag_throwsWithIndexAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FeatureSpec.defaults().withLags(List.of(0, -2)));
        assertEquals("lags[1] must be in [0, 3660], was -2", e.getMessage());
    }

    @Test
    void row_returnsCopy_matrixUnchanged() {
        FeatureMatrix m = Features.build(gappy(), List.of(), SPEC, LocalDate.of(2023, 3, 2),
                LocalDate.of(2023, 3, 2));
        m.row(0)[0] = 99;
        assertEquals(20.0, m.row(0)[0], 0.0);
    }
}
