package fr.territoires.ia.core.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FrenchCalendarTest {

    private static final FrenchCalendar METRO = FrenchCalendar.metropolitan();
    private static final FrenchCalendar ALSACE = FrenchCalendar.alsaceMoselle();

    private static LocalDate d(int year, int month, int day) {
        return LocalDate.of(year, month, day);
    }

    // Published Easter dates (Gregorian). 1818 and 2285 are the earliest possible date (22 March),
    // 2038 the latest possible (25 April).
    @ParameterizedTest
    @CsvSource({
        "2000, 2000-04-23",
        "2008, 2008-03-23",
        "2011, 2011-04-24",
        "2019, 2019-04-21",
        "2024, 2024-03-31",
        "2025, 2025-04-20",
        "2026, 2026-04-05",
        "2038, 2038-04-25",
        "1818, 1818-03-22",
        "2285, 2285-03-22",
        "1583, 1583-04-10"
    })
    void easterSunday_knownYears_matchesPublishedDates(int year, LocalDate expected) {
        assertEquals(expected, FrenchCalendar.easterSunday(year));
    }

    @Test
    void easterSunday_everySupportedYear_agreesWithGaussLichtenbergAndIsSundayInRange() {
        for (int year = FrenchCalendar.MIN_YEAR; year <= FrenchCalendar.MAX_YEAR; year++) {
            LocalDate easter = FrenchCalendar.easterSunday(year);
            assertEquals(gaussLichtenberg(year), easter, "year " + year);
            assertEquals(DayOfWeek.SUNDAY, easter.getDayOfWeek(), "year " + year);
            assertFalse(easter.isBefore(d(year, 3, 22)), "year " + year);
            assertFalse(easter.isAfter(d(year, 4, 25)), "year " + year);
        }
    }

    /** Gauss's Easter algorithm in Lichtenberg's form (1997): an independent implementation. */
    private static LocalDate gaussLichtenberg(int x) {
        int k = x / 100;
        int m = 15 + (3 * k + 3) / 4 - (8 * k + 13) / 25;
        int s = 2 - (3 * k + 3) / 4;
        int a = x % 19;
        int dd = (19 * a + m) % 30;
        int r = (dd + a / 11) / 29;
        int og = 21 + dd - r;
        int sz = 7 - (x + x / 4 + s) % 7;
        int oe = 7 - (og - sz) % 7;
        int os = og + oe; // day of March, > 31 means April
        return d(x, 3, 1).plusDays(os - 1);
    }

    @ParameterizedTest
    @CsvSource({"1200", "1582", "10000", "-1"})
    void easterSunday_yearOutOfRange_throwsWithYear(int year) {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> FrenchCalendar.easterSunday(year));
        assertEquals("year must be in [1583, 9999], was " + year, e.getMessage());
    }

    @Test
    void publicHolidays_metropolitan2024_elevenHolidaysInDateOrder() {
        // Easter 2024 = 31 Mar: Monday 1 Apr, Ascension 31 Mar + 39 = 9 May,
        // Whit Monday 31 Mar + 50 = 20 May.
        List<LocalDate> expected = List.of(
                d(2024, 1, 1), d(2024, 4, 1), d(2024, 5, 1), d(2024, 5, 8), d(2024, 5, 9),
                d(2024, 5, 20), d(2024, 7, 14), d(2024, 8, 15), d(2024, 11, 1), d(2024, 11, 11),
                d(2024, 12, 25));
        List<PublicHoliday> holidays = METRO.publicHolidays(2024);
        assertEquals(expected, dates(holidays));
        assertEquals(new PublicHoliday(d(2024, 4, 1), "Lundi de Pâques", "Easter Monday"),
                holidays.get(1));
        assertEquals(new PublicHoliday(d(2024, 5, 9), "Ascension", "Ascension Day"),
                holidays.get(4));
        assertEquals(new PublicHoliday(d(2024, 5, 20), "Lundi de Pentecôte", "Whit Monday"),
                holidays.get(5));
        assertEquals(List.of("Jour de l'an", "Lundi de Pâques", "Fête du Travail",
                "Victoire 1945", "Ascension", "Lundi de Pentecôte", "Fête nationale",
                "Assomption", "Toussaint", "Armistice 1918", "Noël"),
                holidays.stream().map(PublicHoliday::nameFr).toList());
    }

    @Test
    void publicHolidays_metropolitan2025_movableFeastsFromEaster20April() {
        // Easter 20 Apr: Monday 21 Apr; 20 Apr + 39 = 29 May; 20 Apr + 50 = 9 Jun.
        assertEquals(List.of(
                d(2025, 1, 1), d(2025, 4, 21), d(2025, 5, 1), d(2025, 5, 8), d(2025, 5, 29),
                d(2025, 6, 9), d(2025, 7, 14), d(2025, 8, 15), d(2025, 11, 1), d(2025, 11, 11),
                d(2025, 12, 25)), dates(METRO.publicHolidays(2025)));
    }

    @Test
    void publicHolidays_metropolitan2026_movableFeastsFromEaster5April() {
        // Easter 5 Apr: Monday 6 Apr; 5 Apr + 39 = 14 May; 5 Apr + 50 = 25 May.
        assertEquals(List.of(
                d(2026, 1, 1), d(2026, 4, 6), d(2026, 5, 1), d(2026, 5, 8), d(2026, 5, 14),
                d(2026, 5, 25), d(2026, 7, 14), d(2026, 8, 15), d(2026, 11, 1), d(2026, 11, 11),
                d(2026, 12, 25)), dates(METRO.publicHolidays(2026)));
    }

    @Test
    void publicHolidays_alsaceMoselle2025_addsGoodFridayAndSaintStephen() {
        List<PublicHoliday> holidays = ALSACE.publicHolidays(2025);
        assertEquals(13, holidays.size());
        // Good Friday = Easter 20 Apr - 2 = 18 Apr.
        assertEquals(new PublicHoliday(d(2025, 4, 18), "Vendredi saint", "Good Friday"),
                holidays.get(1));
        assertEquals(new PublicHoliday(d(2025, 12, 26), "Saint-Étienne", "St Stephen's Day"),
                holidays.get(12));
        assertEquals(11, METRO.publicHolidays(2025).size());
        assertFalse(METRO.isPublicHoliday(d(2025, 4, 18)));
        assertFalse(METRO.isPublicHoliday(d(2025, 12, 26)));
        assertTrue(ALSACE.isPublicHoliday(d(2025, 4, 18)));
        assertTrue(ALSACE.isPublicHoliday(d(2025, 12, 26)));
    }

    @Test
    void publicHolidays_2008AscensionOnFirstMay_oneEntryWithJoinedNames() {
        // Easter 2008 = 23 Mar; 23 Mar + 39 days = 1 May: Fête du Travail and Ascension coincide.
        List<PublicHoliday> holidays = METRO.publicHolidays(2008);
        assertEquals(10, holidays.size());
        assertEquals(10, new HashSet<>(dates(holidays)).size());
        PublicHoliday mayDay = new PublicHoliday(d(2008, 5, 1),
                "Fête du Travail / Ascension", "Labour Day / Ascension Day");
        assertTrue(holidays.contains(mayDay));
        assertEquals(Optional.of(mayDay), METRO.holiday(d(2008, 5, 1)));
        assertTrue(METRO.isPublicHoliday(d(2008, 5, 1)));
        assertEquals(12, ALSACE.publicHolidays(2008).size());
    }

    @Test
    void publicHolidays_1997AscensionOnEighthMay_joinedInRuleOrder() {
        // Easter 1997 = 30 Mar; 30 Mar + 39 days = 8 May.
        assertEquals(d(1997, 3, 30), FrenchCalendar.easterSunday(1997));
        assertEquals(Optional.of(new PublicHoliday(d(1997, 5, 8),
                        "Victoire 1945 / Ascension", "Victory in Europe Day / Ascension Day")),
                METRO.holiday(d(1997, 5, 8)));
    }

    @Test
    void publicHolidays_everyYear_uniqueSortedDatesMatchingIsPublicHoliday() {
        for (int year = 1990; year <= 2060; year++) {
            for (FrenchCalendar calendar : List.of(METRO, ALSACE)) {
                List<LocalDate> dates = dates(calendar.publicHolidays(year));
                List<LocalDate> sorted = new ArrayList<>(new HashSet<>(dates));
                sorted.sort(null);
                assertEquals(sorted, dates, "year " + year);
                int count = 0;
                for (LocalDate day = d(year, 1, 1); day.getYear() == year; day = day.plusDays(1)) {
                    boolean holiday = calendar.isPublicHoliday(day);
                    assertEquals(holiday, dates.contains(day), day.toString());
                    assertEquals(holiday, calendar.holiday(day).isPresent(), day.toString());
                    count += holiday ? 1 : 0;
                }
                assertEquals(dates.size(), count, "year " + year);
            }
        }
    }

    @Test
    void holiday_ordinaryDay_empty() {
        assertEquals(Optional.empty(), METRO.holiday(d(2025, 3, 12)));
        assertEquals(
                Optional.of(new PublicHoliday(d(2025, 7, 14), "Fête nationale", "Bastille Day")),
                METRO.holiday(d(2025, 7, 14)));
    }

    @Test
    void isWeekend_saturdaySundayOnly() {
        // 5 Apr 2025 is a Saturday, 6 Apr a Sunday, 7 Apr a Monday, 4 Apr a Friday.
        assertTrue(METRO.isWeekend(d(2025, 4, 5)));
        assertTrue(METRO.isWeekend(d(2025, 4, 6)));
        assertFalse(METRO.isWeekend(d(2025, 4, 7)));
        assertFalse(METRO.isWeekend(d(2025, 4, 4)));
        // Any year is accepted: no holiday rules are needed.
        assertTrue(METRO.isWeekend(d(1200, 1, 1).with(DayOfWeek.SUNDAY)));
    }

    @Test
    void isBridgeDay_fridayAfterAscension2025_true() {
        // Ascension 2025 = Thursday 29 May, so Friday 30 May is a bridge day.
        assertEquals(DayOfWeek.THURSDAY, d(2025, 5, 29).getDayOfWeek());
        assertTrue(METRO.isBridgeDay(d(2025, 5, 30)));
        assertFalse(METRO.isBridgeDay(d(2025, 5, 29)));
        assertFalse(METRO.isBridgeDay(d(2025, 5, 26)));
    }

    @Test
    void isBridgeDay_mondayBefore14July2026Tuesday_true() {
        assertEquals(DayOfWeek.TUESDAY, d(2026, 7, 14).getDayOfWeek());
        assertTrue(METRO.isBridgeDay(d(2026, 7, 13)));
        assertFalse(METRO.isBridgeDay(d(2026, 7, 14)));
        assertFalse(METRO.isBridgeDay(d(2026, 7, 17)));
    }

    @Test
    void isBridgeDay_15August2025OnFriday_noBridge() {
        // 15 Aug 2025 is a Friday: the holiday itself is not a bridge, neither Thursday 14 Aug
        // nor Monday 18 Aug.
        assertEquals(DayOfWeek.FRIDAY, d(2025, 8, 15).getDayOfWeek());
        assertFalse(METRO.isBridgeDay(d(2025, 8, 15)));
        assertFalse(METRO.isBridgeDay(d(2025, 8, 14)));
        assertFalse(METRO.isBridgeDay(d(2025, 8, 18)));
    }

    @Test
    void isBridgeDay_fridayAfterThursdayChristmas_bridgeOnlyOutsideAlsaceMoselle() {
        // 25 Dec 2025 is a Thursday; 26 Dec is itself a holiday in Alsace-Moselle.
        assertEquals(DayOfWeek.THURSDAY, d(2025, 12, 25).getDayOfWeek());
        assertTrue(METRO.isBridgeDay(d(2025, 12, 26)));
        assertFalse(ALSACE.isBridgeDay(d(2025, 12, 26)));
    }

    @Test
    void isBridgeDay_acrossNewYear_usesNextYearHoliday() {
        // 1 Jan 2030 is a Tuesday: Monday 31 Dec 2029 is a bridge; 1 Jan 2026 is a Thursday:
        // Friday 2 Jan 2026 is a bridge.
        assertEquals(DayOfWeek.TUESDAY, d(2030, 1, 1).getDayOfWeek());
        assertTrue(METRO.isBridgeDay(d(2029, 12, 31)));
        assertTrue(METRO.isBridgeDay(d(2026, 1, 2)));
    }

    @Test
    void isBridgeDay_easterMondayBeforeOrdinaryTuesday_false() {
        assertFalse(METRO.isBridgeDay(d(2025, 4, 21)));
        assertFalse(METRO.isBridgeDay(d(2025, 4, 14)));
    }

    @Test
    void isSchoolFree_userPeriod_weekendsHolidaysAndPeriodDays() {
        // Toussaint school holidays 2025 (all zones): Saturday 18 Oct to Sunday 2 Nov.
        FrenchCalendar calendar = METRO.withSchoolHolidays(
                List.of(new DateRange(d(2025, 10, 18), d(2025, 11, 2))));
        LocalDate wednesdayInPeriod = d(2025, 10, 22);
        assertTrue(calendar.isSchoolFree(wednesdayInPeriod));
        assertFalse(METRO.isSchoolFree(wednesdayInPeriod));
        assertTrue(calendar.isSchoolFree(d(2025, 10, 18))); // first day included
        assertTrue(calendar.isSchoolFree(d(2025, 11, 2))); // last day included
        assertFalse(calendar.isSchoolFree(d(2025, 11, 3))); // Monday, back to school
        assertTrue(calendar.isSchoolFree(d(2025, 11, 8))); // Saturday
        assertTrue(calendar.isSchoolFree(d(2025, 11, 11))); // Tuesday, Armistice
        assertFalse(calendar.isSchoolFree(d(2025, 11, 10))); // bridge day, but school is open
        assertEquals(1, calendar.schoolHolidays().size());
        assertEquals(List.of(), METRO.schoolHolidays());
    }

    @Test
    void withSchoolHolidays_replacesPreviousPeriodsAndKeepsRules() {
        FrenchCalendar first = ALSACE.withSchoolHolidays(
                List.of(new DateRange(d(2025, 10, 18), d(2025, 11, 2))));
        FrenchCalendar second = first.withSchoolHolidays(
                List.of(new DateRange(d(2025, 12, 20), d(2026, 1, 4))));
        assertFalse(second.isSchoolFree(d(2025, 10, 22)));
        assertTrue(second.isSchoolFree(d(2025, 12, 22)));
        assertTrue(second.isPublicHoliday(d(2025, 12, 26)));
        assertEquals(ALSACE, second.withSchoolHolidays(List.of()));
        assertNotEquals(METRO, ALSACE);
        assertNotEquals(ALSACE, first);
        assertEquals(first, ALSACE.withSchoolHolidays(
                List.of(new DateRange(d(2025, 10, 18), d(2025, 11, 2)))));
        assertEquals(first.hashCode(), ALSACE.withSchoolHolidays(
                List.of(new DateRange(d(2025, 10, 18), d(2025, 11, 2)))).hashCode());
        assertEquals("FrenchCalendar[alsace-moselle, schoolHolidays=1]", first.toString());
    }

    @Test
    void withSchoolHolidays_nullElement_throwsWithIndex() {
        List<DateRange> periods = Arrays.asList(new DateRange(d(2025, 1, 1), d(2025, 1, 2)), null);
        NullPointerException e = assertThrows(
                NullPointerException.class, () -> METRO.withSchoolHolidays(periods));
        assertEquals("periods[1]", e.getMessage());
        assertThrows(NullPointerException.class, () -> METRO.withSchoolHolidays(null));
    }

    @Test
    void daysToNextAndSince_aroundChristmasAndNewYear_countWholeDays() {
        // Saturday 20 Dec 2025: next = 25 Dec (5 days); previous = 11 Nov (19 + 20 = 39 days).
        assertEquals(5, METRO.daysToNextHoliday(d(2025, 12, 20)));
        assertEquals(39, METRO.daysSincePreviousHoliday(d(2025, 12, 20)));
        // On Christmas both are 0.
        assertEquals(0, METRO.daysToNextHoliday(d(2025, 12, 25)));
        assertEquals(0, METRO.daysSincePreviousHoliday(d(2025, 12, 25)));
        // 26 Dec: metropolitan next = 1 Jan 2026 (6 days), previous = 25 Dec (1 day);
        // Alsace-Moselle: 26 Dec is a holiday.
        assertEquals(6, METRO.daysToNextHoliday(d(2025, 12, 26)));
        assertEquals(1, METRO.daysSincePreviousHoliday(d(2025, 12, 26)));
        assertEquals(0, ALSACE.daysToNextHoliday(d(2025, 12, 26)));
        assertEquals(0, ALSACE.daysSincePreviousHoliday(d(2025, 12, 26)));
        // 31 Dec 2025: 1 day to 1 Jan 2026, 6 days since 25 Dec.
        assertEquals(1, METRO.daysToNextHoliday(d(2025, 12, 31)));
        assertEquals(6, METRO.daysSincePreviousHoliday(d(2025, 12, 31)));
        assertEquals(5, ALSACE.daysSincePreviousHoliday(d(2025, 12, 31)));
        // 2 Jan 2026: 1 day since 1 Jan; next = Easter Monday 6 Apr: 29 + 28 + 31 + 6 = 94.
        assertEquals(1, METRO.daysSincePreviousHoliday(d(2026, 1, 2)));
        assertEquals(94, METRO.daysToNextHoliday(d(2026, 1, 2)));
        // Last supported year: next holiday is 1 Jan 10000, 6 days after 26 Dec 9999.
        assertEquals(6, METRO.daysToNextHoliday(d(9999, 12, 26)));
    }

    @Test
    void daysToNextAndSince_allSupportedYears_withinDocumentedRange() {
        // Longest gap: 1 Jan to Easter Monday 26 Apr (Easter 25 Apr) in a leap year:
        // 31 + 29 + 31 + 25 = 116 days, so at most 115 days from 2 Jan or to 25 Apr. The first
        // leap year with Easter on 25 Apr is 3784 (2038 is not a leap year: 115 - 1 = 114).
        int maxTo = 0;
        int maxSince = 0;
        for (int year = FrenchCalendar.MIN_YEAR; year <= FrenchCalendar.MAX_YEAR; year++) {
            if (!FrenchCalendar.easterSunday(year).equals(d(year, 4, 25))
                    && !FrenchCalendar.easterSunday(year).equals(d(year, 4, 24))
                    && year % 50 != 0) {
                continue;
            }
            for (LocalDate day = d(year, 1, 1); day.getYear() == year; day = day.plusDays(1)) {
                maxTo = Math.max(maxTo, METRO.daysToNextHoliday(day));
                maxSince = Math.max(maxSince, METRO.daysSincePreviousHoliday(day));
            }
        }
        assertEquals(115, maxTo);
        assertEquals(115, maxSince);
        assertEquals(114, METRO.daysToNextHoliday(d(2038, 1, 2)));
        assertEquals(115, METRO.daysToNextHoliday(d(3784, 1, 2)));
    }

    @Test
    void features_fridayAfterAscension2025_allValues() {
        FrenchCalendar calendar = METRO.withSchoolHolidays(
                List.of(new DateRange(d(2025, 10, 18), d(2025, 11, 2))));
        CalendarFeatures f = calendar.features(d(2025, 5, 30));
        // Day of year: 31 + 28 + 31 + 30 + 30 = 150, angle 2π * 149 / 365.
        double angle = 2 * Math.PI * 149 / 365;
        // Next holiday Whit Monday 9 Jun (1 + 9 = 10 days); previous Ascension 29 May (1 day).
        assertEquals(new CalendarFeatures(5, false, false, true, false,
                Math.sin(angle), Math.cos(angle), 10, 1), f);
        // angle = π − 0.5767 rad (149/365 ≈ 0.408 of a turn): sin = sin(0.5767) ≈ 0.5452,
        // cos = −cos(0.5767) ≈ −0.8383.
        assertEquals(0.5452, f.dayOfYearSin(), 1e-4);
        assertEquals(-0.8383, f.dayOfYearCos(), 1e-4);
        assertEquals(
                List.of(5.0, 0.0, 0.0, 1.0, 0.0, f.dayOfYearSin(), f.dayOfYearCos(), 10.0, 1.0),
                boxed(f.toArray()));
    }

    @Test
    void features_firstJanuary_harmonicAtZeroAndHolidayFlags() {
        // 1 Jan 2025, a Wednesday: angle 0, sin 0, cos 1; next holiday is itself (0),
        // Easter Monday 21 Apr is later.
        CalendarFeatures f = METRO.features(d(2025, 1, 1));
        assertEquals(new CalendarFeatures(3, false, true, false, true, 0.0, 1.0, 0, 0), f);
    }

    @Test
    void features_secondJulyLeapYear_halfTurn() {
        // 2 Jul 2024: day 184 of 366, angle 2π * 183 / 366 = π: sin 0, cos -1.
        CalendarFeatures f = METRO.features(d(2024, 7, 2));
        assertEquals(0.0, f.dayOfYearSin(), 1e-12);
        assertEquals(-1.0, f.dayOfYearCos(), 1e-12);
        assertEquals(2, f.dayOfWeek()); // Tuesday
        assertEquals(12, f.daysToNextHoliday()); // 14 Jul
        assertEquals(43, f.daysSincePreviousHoliday()); // 20 May: 11 + 30 + 2
    }

    @Test
    void features_sunday_weekendAndSchoolFree() {
        CalendarFeatures f = METRO.features(d(2025, 3, 16));
        assertEquals(7, f.dayOfWeek());
        assertTrue(f.weekend());
        assertTrue(f.schoolFree());
        assertFalse(f.publicHoliday());
        assertFalse(f.bridgeDay());
    }

    @Test
    void dateMethods_yearOutOfRange_throwWithYear() {
        LocalDate old = d(1200, 5, 1);
        List<Consumer<LocalDate>> calls = List.of(
                METRO::isPublicHoliday, METRO::holiday, METRO::isBridgeDay, METRO::isSchoolFree,
                METRO::daysToNextHoliday, METRO::daysSincePreviousHoliday, METRO::features);
        for (Consumer<LocalDate> call : calls) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> call.accept(old));
            assertEquals("date.year must be in [1583, 9999], was 1200", e.getMessage());
        }
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> METRO.publicHolidays(1582));
        assertEquals("year must be in [1583, 9999], was 1582", e.getMessage());
    }

    @Test
    void dateMethods_nullDate_throwNamedNullPointer() {
        List<Consumer<LocalDate>> calls = List.of(
                METRO::isPublicHoliday, METRO::holiday, METRO::isBridgeDay, METRO::isSchoolFree,
                METRO::isWeekend, METRO::daysToNextHoliday, METRO::daysSincePreviousHoliday,
                METRO::features);
        for (Consumer<LocalDate> call : calls) {
            NullPointerException e =
                    assertThrows(NullPointerException.class, () -> call.accept(null));
            assertEquals("date", e.getMessage());
        }
    }

    @Test
    void publicHolidays_returnedList_isUnmodifiable() {
        List<PublicHoliday> holidays = METRO.publicHolidays(2025);
        assertThrows(UnsupportedOperationException.class, () -> holidays.remove(0));
    }

    private static List<LocalDate> dates(List<PublicHoliday> holidays) {
        return holidays.stream().map(PublicHoliday::date).toList();
    }

    private static List<Double> boxed(double[] values) {
        return Arrays.stream(values).boxed().toList();
    }
}
