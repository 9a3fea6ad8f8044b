package fr.territoires.ia.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeSeriesTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void of_copiesInputs_laterChangesDoNotLeak() {
        long[] t = {0, 1000, 2000};
        double[] v = {1, 2, 3};
        TimeSeries s = TimeSeries.of("m", t, v, ZoneOffset.UTC);
        t[0] = 99;
        v[0] = 99;
        assertEquals(0, s.epochMilli(0));
        assertEquals(1.0, s.value(0));
        s.values()[1] = 42;
        assertEquals(2.0, s.value(1));
    }

    @Test
    void of_lengthMismatchOrInfinity_throws() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> TimeSeries.of("m", new long[] {0, 1}, new double[] {1}, PARIS));
        assertEquals("values must have length 2, was 1", e.getMessage());
        var inf = assertThrows(IllegalArgumentException.class,
                () -> TimeSeries.of("m", new long[] {0}, new double[] {Double.POSITIVE_INFINITY}, PARIS));
        assertEquals("values[0] must be finite or NaN, was Infinity", inf.getMessage());
        assertThrows(NullPointerException.class, () -> TimeSeries.of("m", (long[]) null, new double[0], PARIS));
    }

    @Test
    void regular_hourlyGrid_stepAndLocalTime() {
        TimeSeries s = TimeSeries.regular("flow", Instant.parse("2024-06-03T22:00:00Z"), Duration.ofHours(1),
                new double[] {1, 2, Double.NaN, 4}, PARIS);
        assertEquals(Duration.ofHours(1), s.step().orElseThrow());
        assertEquals(1, s.missingCount());
        assertTrue(s.isMissing(2));
        // 22:00Z is midnight in Paris in June (UTC+2).
        assertEquals(LocalDateTime.parse("2024-06-04T00:00"), s.localDateTime(0));
        assertTrue(s.gaps().isEmpty());
    }

    @Test
    void step_modalDifference_ignoresRareIrregularSteps() {
        long m = 60_000;
        TimeSeries s = TimeSeries.of("x", new long[] {0, 5 * m, 10 * m, 15 * m, 22 * m, 60 * m},
                new double[6], ZoneOffset.UTC);
        assertEquals(Duration.ofMinutes(5), s.step().orElseThrow());
        // 22 -> 60 min is 38 min: round(38/5) - 1 = 7 missing five-minute rows.
        assertEquals(1, s.gaps().size());
        assertEquals(7, s.gaps().get(0).missingSteps());
    }

    @Test
    void orderViolations_fromArrays_indexedWithoutLine() {
        TimeSeries s = TimeSeries.of("x", new long[] {0, 10, 10, 5, 20}, new double[5], ZoneOffset.UTC);
        List<OrderViolation> v = s.orderViolations();
        assertEquals(2, v.size());
        assertEquals(2, v.get(0).index());
        assertTrue(v.get(0).duplicate());
        assertEquals(0, v.get(0).line());
        assertEquals(3, v.get(1).index());
        assertEquals(Instant.ofEpochMilli(10), v.get(1).previous());
    }

    @Test
    void slice_keepsViolationsInsideRangeReindexed() {
        TimeSeries s = TimeSeries.of("x", new long[] {0, 10, 5, 20, 15}, new double[] {0, 1, 2, 3, 4}, ZoneOffset.UTC);
        TimeSeries part = s.slice(1, 4);
        assertEquals(3, part.size());
        assertEquals(1.0, part.value(0));
        assertEquals(1, part.orderViolations().size());
        assertEquals(1, part.orderViolations().get(0).index());
        assertThrows(IndexOutOfBoundsException.class, () -> s.slice(3, 6));
    }

    @Test
    void equalsAndHashCode_byContent() {
        TimeSeries a = TimeSeries.of("x", new long[] {0, 1}, new double[] {1, Double.NaN}, ZoneOffset.UTC);
        TimeSeries b = TimeSeries.of("x", new long[] {0, 1}, new double[] {1, Double.NaN}, ZoneOffset.UTC);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, a.withValues(new double[] {1, 2}));
        assertNotEquals(a, TimeSeries.of("y", new long[] {0, 1}, new double[] {1, Double.NaN}, ZoneOffset.UTC));
        assertTrue(a.toString().contains("2 rows"), a.toString());
    }

    @Test
    void emptyAndSingleRow_noStepNoGaps() {
        TimeSeries empty = TimeSeries.of("e", new long[0], new double[0], PARIS);
        assertEquals(0, empty.size());
        assertTrue(empty.step().isEmpty());
        assertTrue(empty.gaps().isEmpty());
        TimeSeries one = TimeSeries.of("o", new long[] {5}, new double[] {1}, PARIS);
        assertTrue(one.step().isEmpty());
    }

    @Test
    void multivariate_columnsRowsAndValidation() {
        MultivariateTimeSeries m = MultivariateTimeSeries.of("pump", List.of("pressure", "flow"),
                new long[] {0, 1000, 2000}, new double[][] {{1, 2, 3}, {10, Double.NaN, 30}}, ZoneOffset.UTC);
        assertEquals(2, m.columnCount());
        assertEquals(30.0, m.value(2, 1));
        double[] row = m.row(1, new double[2]);
        assertEquals(2.0, row[0]);
        assertTrue(Double.isNaN(row[1]));
        TimeSeries flow = m.column("flow");
        assertEquals("flow", flow.name());
        assertEquals(1, flow.missingCount());
        assertEquals(1, m.missingCount());
        assertEquals(Duration.ofSeconds(1), m.step().orElseThrow());
        var e = assertThrows(IllegalArgumentException.class, () -> m.column("vibration"));
        assertEquals("column must be one of [pressure, flow], was \"vibration\"", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MultivariateTimeSeries.of("p", List.of("a", "a"),
                new long[] {0}, new double[][] {{1}, {2}}, ZoneOffset.UTC));
        assertThrows(IllegalArgumentException.class, () -> MultivariateTimeSeries.of("p", List.of("a"),
                new long[] {0, 1}, new double[][] {{1}}, ZoneOffset.UTC));
        assertEquals(m.slice(0, 2), MultivariateTimeSeries.of("pump", List.of("pressure", "flow"),
                new long[] {0, 1000}, new double[][] {{1, 2}, {10, Double.NaN}}, ZoneOffset.UTC));
    }
}
