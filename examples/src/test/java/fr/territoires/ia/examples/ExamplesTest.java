package fr.territoires.ia.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Smoke tests: each example's main body runs and says what it found. */
class ExamplesTest {

    @Test
    void meterDataQuality_refusesDuplicateThenReportsIt() {
        String s = MeterDataQualityExample.run();
        assertTrue(s.contains("is not after the previous one"), s);
        assertTrue(s.contains("1 row not after the previous one, kept in arrival order"), s);
        assertTrue(s.contains("(24 readings absent)"), s);
    }

    @Test
    void holidayCalendar_listsHolidaysAndAscensionBridge() {
        String s = HolidayCalendarExample.run();
        assertTrue(s.contains("11 public holidays in 2026"), s);
        assertTrue(s.contains("vendredi 2026-05-15"), s);
        assertTrue(s.contains("2026-05-14 jeudi     holiday=true"), s);
    }
}
