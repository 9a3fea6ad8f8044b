package fr.territoires.ia.core.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalendarValuesTest {

    @Test
    void dateRange_endBeforeStart_throwsWithBothDates() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DateRange(LocalDate.of(2025, 3, 2), LocalDate.of(2025, 3, 1)));
        assertEquals("endInclusive must be >= start 2025-03-02, was 2025-03-01", e.getMessage());
    }

    @Test
    void dateRange_singleDay_containsOnlyThatDay() {
        DateRange range = new DateRange(LocalDate.of(2025, 3, 2), LocalDate.of(2025, 3, 2));
        assertTrue(range.contains(LocalDate.of(2025, 3, 2)));
        assertFalse(range.contains(LocalDate.of(2025, 3, 1)));
        assertFalse(range.contains(LocalDate.of(2025, 3, 3)));
    }

    @Test
    void dateRange_nulls_throwNamed() {
        LocalDate day = LocalDate.of(2025, 3, 2);
        assertEquals("start", assertThrows(NullPointerException.class,
                () -> new DateRange(null, day)).getMessage());
        assertEquals("endInclusive", assertThrows(NullPointerException.class,
                () -> new DateRange(day, null)).getMessage());
        assertEquals("date", assertThrows(NullPointerException.class,
                () -> new DateRange(day, day).contains(null)).getMessage());
    }

    @Test
    void publicHoliday_blankOrNull_throwsNamed() {
        LocalDate day = LocalDate.of(2025, 1, 1);
        assertEquals("date", assertThrows(NullPointerException.class,
                () -> new PublicHoliday(null, "a", "b")).getMessage());
        assertEquals("nameFr", assertThrows(NullPointerException.class,
                () -> new PublicHoliday(day, null, "b")).getMessage());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PublicHoliday(day, "a", " "));
        assertEquals("nameEn must not be blank, was \" \"", e.getMessage());
    }

    @Test
    void calendarFeatures_namesMatchArrayOrderAndLength() {
        assertEquals(List.of("dayOfWeek", "weekend", "publicHoliday", "bridgeDay", "schoolFree",
                "dayOfYearSin", "dayOfYearCos", "daysToNextHoliday", "daysSincePreviousHoliday"),
                CalendarFeatures.names());
        CalendarFeatures f = new CalendarFeatures(1, false, true, false, true, 0.5, -0.25, 0, 0);
        assertEquals(CalendarFeatures.names().size(), f.toArray().length);
        assertEquals(1.0, f.toArray()[0]);
        assertEquals(1.0, f.toArray()[2]);
        assertEquals(-0.25, f.toArray()[6]);
    }

    @Test
    void calendarFeatures_toArray_returnsFreshCopy() {
        CalendarFeatures f = new CalendarFeatures(1, false, true, false, true, 0.0, 1.0, 0, 0);
        double[] first = f.toArray();
        first[0] = 99.0;
        assertNotSame(first, f.toArray());
        assertEquals(1.0, f.toArray()[0]);
    }

    @Test
    void calendarFeatures_badValues_throwWithValue() {
        assertEquals("dayOfWeek must be in [1, 7], was 8", assertThrows(
                IllegalArgumentException.class,
                () -> new CalendarFeatures(8, false, false, false, false, 0, 1, 0, 0))
                .getMessage());
        assertEquals("dayOfYearSin must be in [-1.0, 1.0], was 1.5", assertThrows(
                IllegalArgumentException.class,
                () -> new CalendarFeatures(1, false, false, false, false, 1.5, 1, 0, 0))
                .getMessage());
        assertEquals("daysToNextHoliday must be >= 0, was -1", assertThrows(
                IllegalArgumentException.class,
                () -> new CalendarFeatures(1, false, false, false, false, 0, 1, -1, 0))
                .getMessage());
        assertEquals("daysSincePreviousHoliday must be >= 0, was -3", assertThrows(
                IllegalArgumentException.class,
                () -> new CalendarFeatures(1, false, false, false, false, 0, 1, 0, -3))
                .getMessage());
    }
}
