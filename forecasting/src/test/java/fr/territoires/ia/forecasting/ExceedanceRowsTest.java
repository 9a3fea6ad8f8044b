package fr.territoires.ia.forecasting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.territoires.ia.core.TimeSeries;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ExceedanceRowsTest {

    private static DailyGrid grid(double... values) {
        long[] t = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            t[i] = LocalDate.of(2020, 1, 1).plusDays(i).atStartOfDay(ZoneOffset.UTC).toInstant()
                    .toEpochMilli();
        }
        return DailyGrid.of(TimeSeries.of("s", t, values, ZoneOffset.UTC), "s");
    }

    @Test
    void label_exceedanceKnownDespiteAMissingDayNonExceedanceOnlyWhenAllPresent() {
        DailyGrid g = grid(1, 2, Double.NaN, 9, 1, 1, 1);
        long d0 = g.firstDay();
        assertEquals(1.0, ExceedanceRows.label(g, d0, 3, 5));        // day 3 = 9 > 5
        assertTrue(Double.isNaN(ExceedanceRows.label(g, d0, 2, 5)));  // 2, then missing
        assertEquals(0.0, ExceedanceRows.label(g, d0, 1, 5));        // 2, present
        assertEquals(0.0, ExceedanceRows.label(g, d0 + 3, 3, 5));    // 1, 1, 1
        assertEquals(0.0, ExceedanceRows.label(g, d0 + 3, 3, 1));    // equal is not above
        assertTrue(Double.isNaN(ExceedanceRows.label(g, d0 + 5, 3, 5)));  // past the end
    }
}
