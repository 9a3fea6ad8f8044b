package fr.territoires.ia.forecasting;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.territoires.ia.core.TimeSeries;
import fr.territoires.ia.forecasting.synthetic.PollutionSimulator;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The features row by row: lags by date, gaps, windows, calendar, covariates, scales, network. */
class NetworkFeaturesTest {

    private static final long OPEN = Long.MAX_VALUE;

    private static long millis(LocalDate d) {
        return d.toEpochDay() * 86_400_000L;
    }

    private static long day(int month, int dayOfMonth) {
        return LocalDate.of(2023, month, dayOfMonth).toEpochDay();
    }

    /** 1, 2, 4, 5 March 2023 with values 10, 20, 40, 50: 3 March is absent. */
    private static TimeSeries gappy() {
        LocalDate m1 = LocalDate.of(2023, 3, 1);
        long[] t = {millis(m1), millis(m1.plusDays(1)), millis(m1.plusDays(3)), millis(m1.plusDays(4))};
        return TimeSeries.of("s", t, new double[] {10, 20, 40, 50}, ZoneOffset.UTC);
    }

    private static final FeatureSpec SPEC = new FeatureSpec(List.of(0, 1), List.of(1), List.of(2),
            false, List.of(0));

    private static NetworkFeatures raw(List<TimeSeries> series, List<TimeSeries> cov, FeatureSpec spec,
            int horizon, NetworkFeatures.Gaps gaps) {
        return new NetworkFeatures(series, cov, spec, horizon, Double.NaN, OPEN, OPEN, false,
                NetworkFeatures.Scaling.RAW, gaps, Map.of());
    }

    private static double[] row(NetworkFeatures nf, int s, long d) {
        double[] out = new double[nf.names().size()];
        assertTrue(nf.row(s, d, out), "a row on day " + LocalDate.ofEpochDay(d));
        return out;
    }

    @Test
    void row_gapInSeries_lagsByDateMissingLeftNaNOrNearestLaterReading() {
        NetworkFeatures nf = raw(List.of(gappy()), List.of(), SPEC, 1, NetworkFeatures.Gaps.INDICATOR);
        assertEquals(List.of("lag0", "age", "lag1", "rise1", "mean2", "max2"),
                List.of(nf.names().get(0), nf.names().get(2), nf.names().get(1), nf.names().get(3),
                        nf.names().get(4), nf.names().get(5)));
        // 2 March: lag0 20, lag1 10, age 0, rise 20 - 10, mean (20 + 10) / 2, max 20
        assertArrayEquals(new double[] {20, 10, 0, 10, 15, 20}, row(nf, 0, day(3, 2)), 0.0);
        // 3 March: nothing known within a horizon of one day: no row
        assertFalse(nf.row(0, day(3, 3), new double[nf.names().size()]));
        // 4 March: lag1 (3 March) missing, left NaN with its rise; the window uses the day present
        assertArrayEquals(new double[] {40, Double.NaN, 0, Double.NaN, 40, 40}, row(nf, 0, day(3, 4)), 0.0);
        // 5 March: lag1 is 4 March's 40, not the previous row's 20
        assertArrayEquals(new double[] {50, 40, 0, 10, 45, 50}, row(nf, 0, day(3, 5)), 0.0);

        NetworkFeatures nearest = raw(List.of(gappy()), List.of(), SPEC, 1, NetworkFeatures.Gaps.NEAREST);
        // 4 March: the missing lag takes the nearest later reading (4 March itself): rise 0
        assertArrayEquals(new double[] {40, 40, 0, 0, 40, 40}, row(nearest, 0, day(3, 4)), 0.0);
    }

    @Test
    void row_horizonTwo_latestValueWithinTheHorizonAndItsAge() {
        NetworkFeatures nf = raw(List.of(gappy()), List.of(), SPEC, 2, NetworkFeatures.Gaps.NEAREST);
        // 3 March: the latest value is 2 March's 20, one day old; lag1 is 2 March too
        assertArrayEquals(new double[] {20, 20, 1, 0, 20, 20}, row(nf, 0, day(3, 3)), 0.0);
        assertEquals(20.0, nf.latest(0, day(3, 3)), 0.0);
        assertTrue(Double.isNaN(nf.latest(0, day(3, 8))));
    }

    @Test
    void row_rollingWindowWithMissingDays_meanAndMaxOfTheDaysPresent() {
        FeatureSpec spec = new FeatureSpec(List.of(0), List.of(), List.of(4), false, List.of());
        NetworkFeatures nf = raw(List.of(gappy()), List.of(), spec, 1, NetworkFeatures.Gaps.NEAREST);
        int mean = nf.names().indexOf("mean4");
        int max = nf.names().indexOf("max4");
        // 4 March: window 1..4 March holds 10, 20, 40
        assertEquals(70.0 / 3, row(nf, 0, day(3, 4))[mean], 1e-12);
        assertEquals(40.0, row(nf, 0, day(3, 4))[max], 0.0);
        // 5 March: window 2..5 March holds 20, 40, 50
        assertEquals(110.0 / 3, row(nf, 0, day(3, 5))[mean], 1e-12);
    }

    @Test
    void row_calendarAndCovariate_holidayFlagAndCovariateByDateNaNWhenAbsent() {
        LocalDate bastille = LocalDate.of(2023, 7, 14); // a Friday and a public holiday
        TimeSeries s = TimeSeries.of("s", new long[] {millis(bastille.minusDays(1)), millis(bastille)},
                new double[] {1, 2}, ZoneOffset.UTC);
        TimeSeries cov = TimeSeries.of("rain_mm", new long[] {millis(bastille)}, new double[] {7}, ZoneOffset.UTC);
        FeatureSpec spec = new FeatureSpec(List.of(0), List.of(), List.of(), true, List.of(0));
        NetworkFeatures nf = raw(List.of(s), List.of(cov), spec, 1, NetworkFeatures.Gaps.NEAREST);
        List<String> n = nf.names();
        double[] r = row(nf, 0, bastille.toEpochDay());
        assertEquals(1.0, r[n.indexOf("holiday")], 0.0);
        assertEquals(1.0, r[n.indexOf("dow_4")], 0.0); // Friday = Monday + 4
        assertEquals(0.0, r[n.indexOf("dow_3")], 0.0);
        assertEquals(7.0, r[n.indexOf("cov0_rain_mm_lag0")], 0.0);
        // day of year 195: angle 2 pi 194 / 365.25
        assertEquals(Math.sin(2 * Math.PI * 194 / 365.25), r[n.indexOf("doy_sin")], 1e-12);
        // 13 July: the covariate is absent, the row is still built with it missing
        double[] before = row(nf, 0, bastille.minusDays(1).toEpochDay());
        assertTrue(Double.isNaN(before[n.indexOf("cov0_rain_mm_lag0")]));
        assertEquals(0.0, before[n.indexOf("holiday")], 0.0);
    }

    @Test
    void scales_meanAndSd_rowsOnTheSeriesScaleAndBackInUnit() {
        int days = 40;
        long[] t = new long[days];
        double[] v = new double[days];
        for (int i = 0; i < days; i++) {
            t[i] = millis(LocalDate.of(2023, 1, 1).plusDays(i));
            v[i] = 100 + 3 * i;
        }
        TimeSeries s = TimeSeries.of("gauge", t, v, ZoneOffset.UTC);
        long trainUntil = LocalDate.of(2023, 2, 9).toEpochDay(); // all 40 days
        NetworkFeatures nf = new NetworkFeatures(List.of(s), List.of(), SPEC, 1, 250.0, trainUntil, OPEN, false);
        double mean = 100 + 3 * 19.5;
        double sd = 3 * Math.sqrt((days * days - 1) / 12.0);
        double[] scale = nf.scales().get("gauge");
        assertEquals(mean, scale[0], 1e-9);
        assertEquals(sd, scale[1], 1e-9);
        long d = LocalDate.of(2023, 1, 11).toEpochDay(); // value 130
        double[] r = row(nf, 0, d);
        assertEquals((130 - mean) / sd, r[0], 1e-12);
        assertEquals((250 - mean) / sd, r[nf.names().indexOf("to_threshold")], 1e-12);
        double[] unit = nf.inUnit(0, r);
        assertEquals(130.0, unit[0], 1e-9);
        assertEquals(127.0, unit[1], 1e-9); // lag1
        assertEquals(3.0, unit[nf.names().indexOf("rise1")], 1e-9);
        assertEquals(250.0, unit[nf.names().indexOf("to_threshold")], 1e-9);
    }

    @Test
    void row_twoSeries_networkMedianAndRiseOfTheScaledValues() {
        TimeSeries a = gappy();
        TimeSeries b = TimeSeries.of("t", new long[] {millis(LocalDate.of(2023, 3, 4)),
            millis(LocalDate.of(2023, 3, 5))}, new double[] {1, 4}, ZoneOffset.UTC);
        NetworkFeatures nf = new NetworkFeatures(List.of(a, b), List.of(), SPEC, 1, Double.NaN, OPEN, OPEN, true,
                NetworkFeatures.Scaling.RAW, NetworkFeatures.Gaps.NEAREST, Map.of());
        int median = nf.names().indexOf("network_median");
        int rise = nf.names().indexOf("network_rise1");
        double[] r = row(nf, 1, day(3, 5));
        assertEquals((50 + 4) / 2.0, r[median], 0.0);
        assertEquals((10 + 3) / 2.0, r[rise], 0.0);
        // 2 March: only the first series has a value, and its rise
        double[] early = row(nf, 0, day(3, 2));
        assertEquals(20.0, early[median], 0.0);
        assertEquals(10.0, early[rise], 0.0);
    }

    @Test
    void row_withNetworkState_sameRowsBitForBitInsideAndOutsideItsRange() {
        List<TimeSeries> network = new java.util.ArrayList<>();
        for (int k = 0; k < 6; k++) {
            TimeSeries s = PollutionSimulator.simulate(LocalDate.of(2022, 1, 1), 400, 6.0, 0.1, k);
            long[] t = new long[s.size()];
            for (int i = 0; i < t.length; i++) {
                t[i] = s.timestamp(i).toEpochMilli();
            }
            network.add(TimeSeries.of("s" + k, t, s.values(), ZoneOffset.UTC));
        }
        NetworkFeatures nf = new NetworkFeatures(network, List.of(), FeatureSpec.defaults(), 2, 50.0,
                day(6, 30), OPEN, true, NetworkFeatures.Scaling.MEAN_SD, NetworkFeatures.Gaps.NEAREST,
                Map.of());
        long from = nf.firstDay() + 40;
        long to = nf.lastDay() - 40;
        NetworkFeatures.State state = nf.state(from, to);
        assertEquals(to - from + 1, state.median().length);
        double[] a = new double[nf.names().size()];
        double[] b = new double[nf.names().size()];
        int rows = 0;
        for (int s = 0; s < nf.seriesCount(); s++) {
            // also the days before and after the state's range, where the row computes the state itself
            for (long d = nf.firstDay(); d <= nf.lastDay(); d++) {
                boolean ra = nf.row(s, d, a);
                assertEquals(ra, nf.row(s, d, state, b), "series " + s + " day " + d);
                if (ra) {
                    assertArrayEquals(a, b, 0.0, "series " + s + " day " + d);
                    rows++;
                }
            }
        }
        assertTrue(rows > 2000, "rows compared: " + rows);
        assertNull(raw(List.of(gappy()), List.of(), SPEC, 1, NetworkFeatures.Gaps.NEAREST)
                .state(day(3, 1), day(3, 5)), "no network features, no state");
    }

    @Test
    void constructor_duplicateDayOrName_throwsNamingIt() {
        long t0 = millis(LocalDate.of(2023, 3, 1));
        TimeSeries twice = TimeSeries.of("s", new long[] {t0, t0 + 3_600_000L}, new double[] {1, 2}, ZoneOffset.UTC);
        IllegalArgumentException day = assertThrows(IllegalArgumentException.class,
                () -> raw(List.of(twice), List.of(), SPEC, 1, NetworkFeatures.Gaps.NEAREST));
        assertTrue(day.getMessage().contains("2023-03-01"), day.getMessage());
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class,
                () -> raw(List.of(gappy(), gappy()), List.of(), SPEC, 1, NetworkFeatures.Gaps.NEAREST));
        assertTrue(name.getMessage().contains("\"s\" twice"), name.getMessage());
    }

    @Test
    void featureSpec_negativeLag_throwsWithIndexAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FeatureSpec.defaults().withLags(List.of(0, -2)));
        assertEquals("lags[1] must be in [0, 3660], was -2", e.getMessage());
    }
}
