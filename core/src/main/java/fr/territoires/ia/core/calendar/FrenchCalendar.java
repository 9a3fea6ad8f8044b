package fr.territoires.ia.core.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The French calendar of public holidays, bridge days, weekends and school-free days, used as
 * forecasting features (water demand, attendance and traffic follow it).
 *
 * <p>Two sets of rules are available. {@link #metropolitan()} has the 11 public holidays of
 * Code du travail art. L3133-1: 1 January (Jour de l'an), Easter Monday (Lundi de Pâques),
 * 1 May (Fête du Travail), 8 May (Victoire 1945), Ascension (Easter + 39 days), Whit Monday
 * (Lundi de Pentecôte, Easter + 50 days), 14 July (Fête nationale), 15 August (Assomption),
 * 1 November (Toussaint), 11 November (Armistice 1918) and 25 December (Noël).
 * {@link #alsaceMoselle()} adds the two local holidays of Bas-Rhin, Haut-Rhin and Moselle
 * (Code du travail art. L3134-13): Good Friday (Vendredi saint, Easter − 2 days) and
 * 26 December (Saint-Étienne). Easter Sunday is computed by the anonymous Gregorian algorithm
 * (Meeus/Jones/Butcher), see {@link #easterSunday(int)}.
 *
 * <p>The current rules are applied to every supported year (1583 to 9999); the calendar is not
 * a history of French law. Known differences with the past: 8 May was not a public holiday from
 * 1960 to 1981 (it was removed in 1959 and restored in 1981), nor before 1953; 14 July dates
 * from 1880 and 11 November from 1922. Whit Monday is, since 2005, the "journée de solidarité"
 * worked in many employers and public bodies, but it remains a public holiday in law and is
 * returned as one here: callers for whom it is a working day should add their own feature.
 * In Alsace-Moselle the law grants Good Friday only in communes with a Protestant temple or a
 * mixed church; it is applied here to the whole area, as is common practice.
 *
 * <p>Coinciding holidays: Ascension can fall on 1 May (2008) or 8 May (1997). Such a date is
 * one {@link PublicHoliday} whose names are joined with {@code " / "}, for example
 * {@code "Fête du Travail / Ascension"}, so {@link #publicHolidays(int)} has unique dates and
 * returns 10 entries instead of 11 (12 instead of 13 in Alsace-Moselle) in those years.
 *
 * <p>Bridge day ("pont"): a Monday that is not a public holiday followed by a Tuesday public
 * holiday, or a Friday that is not a public holiday preceded by a Thursday public holiday.
 * School holidays differ by zone (A, B, C) and are published each year by the Ministry of
 * Education, so they are not computed: give them with {@link #withSchoolHolidays(List)}.
 *
 * <p>Dates are civil dates in France; convert an instant with the {@code Europe/Paris} zone
 * first. Methods that need holidays accept years 1583 to 9999 and otherwise throw
 * {@link IllegalArgumentException}; {@link #isWeekend(LocalDate)} accepts any date. Holiday
 * lists are computed on each call (a few dozen operations); nothing is cached.
 *
 * <pre>{@code
 * FrenchCalendar calendar = FrenchCalendar.metropolitan()
 *         .withSchoolHolidays(List.of(new DateRange(LocalDate.of(2025, 10, 18),
 *                 LocalDate.of(2025, 11, 2))));
 * CalendarFeatures f = calendar.features(LocalDate.of(2025, 5, 30)); // f.bridgeDay() == true
 * }</pre>
 *
 * <p>Instances are immutable and safe for concurrent use.
 *
 * @since 0.1.0
 */
public final class FrenchCalendar {

    /** Smallest supported year: the first full year of the Gregorian calendar. */
    public static final int MIN_YEAR = 1583;

    /** Largest supported year. */
    public static final int MAX_YEAR = 9999;

    /** Separator between the names of holidays falling on the same date. */
    public static final String NAME_SEPARATOR = " / ";

    private static final Rule[] METROPOLITAN_RULES = {
        Rule.NEW_YEAR, Rule.EASTER_MONDAY, Rule.LABOUR_DAY, Rule.VICTORY_1945, Rule.ASCENSION,
        Rule.WHIT_MONDAY, Rule.NATIONAL_DAY, Rule.ASSUMPTION, Rule.ALL_SAINTS, Rule.ARMISTICE,
        Rule.CHRISTMAS
    };

    private static final Rule[] ALSACE_MOSELLE_RULES = {
        Rule.NEW_YEAR, Rule.GOOD_FRIDAY, Rule.EASTER_MONDAY, Rule.LABOUR_DAY, Rule.VICTORY_1945,
        Rule.ASCENSION, Rule.WHIT_MONDAY, Rule.NATIONAL_DAY, Rule.ASSUMPTION, Rule.ALL_SAINTS,
        Rule.ARMISTICE, Rule.CHRISTMAS, Rule.SAINT_STEPHEN
    };

    private static final FrenchCalendar METROPOLITAN =
            new FrenchCalendar("metropolitan", METROPOLITAN_RULES, List.of());

    private static final FrenchCalendar ALSACE_MOSELLE =
            new FrenchCalendar("alsace-moselle", ALSACE_MOSELLE_RULES, List.of());

    private final String region;
    private final Rule[] rules;
    private final List<DateRange> schoolHolidays;

    private FrenchCalendar(String region, Rule[] rules, List<DateRange> schoolHolidays) {
        this.region = region;
        this.rules = rules;
        this.schoolHolidays = schoolHolidays;
    }

    /**
     * Returns the calendar of metropolitan France (11 public holidays, Code du travail
     * art. L3133-1), without school holidays.
     *
     * @return the metropolitan calendar
     */
    public static FrenchCalendar metropolitan() {
        return METROPOLITAN;
    }

    /**
     * Returns the calendar of Alsace-Moselle (Bas-Rhin, Haut-Rhin, Moselle): the 11 holidays of
     * metropolitan France plus Good Friday and 26 December (Code du travail art. L3134-13),
     * without school holidays.
     *
     * @return the Alsace-Moselle calendar
     */
    public static FrenchCalendar alsaceMoselle() {
        return ALSACE_MOSELLE;
    }

    /**
     * Returns a calendar with the same public holidays and exactly the given school-holiday
     * periods, replacing any periods of this calendar. Periods may overlap and may be in any
     * order; an empty list removes all school holidays.
     *
     * @param periods school-holiday periods, each with both ends included
     * @return a new calendar; this one is unchanged
     * @throws NullPointerException when {@code periods} or one of its elements is null
     */
    public FrenchCalendar withSchoolHolidays(List<DateRange> periods) {
        Objects.requireNonNull(periods, "periods");
        List<DateRange> copy = new ArrayList<>(periods.size());
        for (int i = 0; i < periods.size(); i++) {
            copy.add(Objects.requireNonNull(periods.get(i), "periods[" + i + "]"));
        }
        return new FrenchCalendar(region, rules, List.copyOf(copy));
    }

    /**
     * Returns the school-holiday periods of this calendar, in the order given.
     *
     * @return an unmodifiable list, empty for {@link #metropolitan()} and
     *     {@link #alsaceMoselle()}
     */
    public List<DateRange> schoolHolidays() {
        return schoolHolidays;
    }

    /**
     * Computes Easter Sunday of the Gregorian calendar by the anonymous algorithm (published in
     * Nature, 1876; given by J. Meeus, <i>Astronomical Algorithms</i>, 2nd ed., 1998, ch. 8,
     * and by Butcher's <i>Ecclesiastical Calendar</i>, 1876). Results range from 22 March to
     * 25 April.
     *
     * @param year Gregorian year, in [1583, 9999]
     * @return the date of Easter Sunday
     * @throws IllegalArgumentException when {@code year} is outside [1583, 9999]
     */
    public static LocalDate easterSunday(int year) {
        checkYear(year, "year");
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, day);
    }

    /**
     * Returns the public holidays of a year, sorted by date, one entry per date (coinciding
     * holidays are joined, see the class description).
     *
     * @param year Gregorian year, in [1583, 9999]
     * @return an unmodifiable list of 11 holidays (13 in Alsace-Moselle), one fewer in years
     *     where Ascension falls on 1 or 8 May
     * @throws IllegalArgumentException when {@code year} is outside [1583, 9999]
     */
    public List<PublicHoliday> publicHolidays(int year) {
        LocalDate easter = easterSunday(year);
        Map<LocalDate, List<Rule>> byDate = new TreeMap<>();
        for (Rule rule : rules) {
            byDate.computeIfAbsent(rule.dateIn(year, easter), k -> new ArrayList<>()).add(rule);
        }
        List<PublicHoliday> holidays = new ArrayList<>(byDate.size());
        for (Map.Entry<LocalDate, List<Rule>> entry : byDate.entrySet()) {
            holidays.add(merge(entry.getKey(), entry.getValue()));
        }
        return List.copyOf(holidays);
    }

    /**
     * Tells whether a date is a public holiday. Computes Easter at most once and allocates
     * nothing else.
     *
     * @param date civil date in France, year in [1583, 9999]
     * @return {@code true} on a public holiday of this calendar
     * @throws NullPointerException when {@code date} is null
     * @throws IllegalArgumentException when the year of {@code date} is outside [1583, 9999]
     */
    public boolean isPublicHoliday(LocalDate date) {
        Objects.requireNonNull(date, "date");
        int year = checkYear(date.getYear(), "date.year");
        int month = date.getMonthValue();
        int day = date.getDayOfMonth();
        // Easter-based holidays fall between 20 March and 14 June: skip Easter outside.
        long offset = month >= 3 && month <= 6
                ? date.toEpochDay() - easterSunday(year).toEpochDay()
                : Long.MIN_VALUE;
        for (Rule rule : rules) {
            if (rule.matches(month, day, offset)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns the public holiday on a date, if any; coinciding holidays come as one entry with
     * joined names.
     *
     * @param date civil date in France, year in [1583, 9999]
     * @return the holiday, or an empty optional on other days
     * @throws NullPointerException when {@code date} is null
     * @throws IllegalArgumentException when the year of {@code date} is outside [1583, 9999]
     */
    public Optional<PublicHoliday> holiday(LocalDate date) {
        Objects.requireNonNull(date, "date");
        int year = checkYear(date.getYear(), "date.year");
        LocalDate easter = easterSunday(year);
        List<Rule> matching = new ArrayList<>(2);
        for (Rule rule : rules) {
            if (rule.dateIn(year, easter).equals(date)) {
                matching.add(rule);
            }
        }
        return matching.isEmpty() ? Optional.empty() : Optional.of(merge(date, matching));
    }

    /**
     * Tells whether a date falls on a Saturday or a Sunday. Accepts any year.
     *
     * @param date civil date in France
     * @return {@code true} on Saturday and Sunday
     * @throws NullPointerException when {@code date} is null
     */
    public boolean isWeekend(LocalDate date) {
        Objects.requireNonNull(date, "date");
        DayOfWeek dow = date.getDayOfWeek();
        return dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
    }

    /**
     * Tells whether a date is a bridge day ("pont"): a Monday that is not a public holiday
     * before a Tuesday public holiday, or a Friday that is not a public holiday after a
     * Thursday public holiday. For example Friday 30 May 2025 (after Ascension) and Monday
     * 13 July 2026 (before 14 July, a Tuesday). In Alsace-Moselle, Friday 26 December after a
     * Thursday Christmas is a holiday, hence not a bridge day.
     *
     * @param date civil date in France, year in [1583, 9999]
     * @return {@code true} on a bridge day
     * @throws NullPointerException when {@code date} is null
     * @throws IllegalArgumentException when the year of {@code date}, or of the neighbouring
     *     day checked, is outside [1583, 9999]
     */
    public boolean isBridgeDay(LocalDate date) {
        Objects.requireNonNull(date, "date");
        checkYear(date.getYear(), "date.year");
        DayOfWeek dow = date.getDayOfWeek();
        if (dow == DayOfWeek.MONDAY) {
            return !isPublicHoliday(date) && isPublicHoliday(date.plusDays(1));
        }
        if (dow == DayOfWeek.FRIDAY) {
            return !isPublicHoliday(date) && isPublicHoliday(date.minusDays(1));
        }
        return false;
    }

    /**
     * Tells whether there is no school on a date: a weekend, a public holiday, or a day inside
     * one of the school-holiday periods of this calendar.
     *
     * @param date civil date in France, year in [1583, 9999]
     * @return {@code true} on a school-free day
     * @throws NullPointerException when {@code date} is null
     * @throws IllegalArgumentException when the year of {@code date} is outside [1583, 9999]
     */
    public boolean isSchoolFree(LocalDate date) {
        Objects.requireNonNull(date, "date");
        checkYear(date.getYear(), "date.year");
        return isWeekend(date) || isPublicHoliday(date) || inSchoolHolidays(date);
    }

    /**
     * Returns the number of days from a date to the next public holiday, 0 when the date is a
     * holiday. After the last holiday of a year the next one is 1 January of the following
     * year (also for 9999, giving a date in year 10000).
     *
     * @param date civil date in France, year in [1583, 9999]
     * @return days to the next holiday, in [0, 115] (the longest gap runs from 1 January
     *     to an Easter Monday on 26 April of a leap year, first in 3784)
     * @throws NullPointerException when {@code date} is null
     * @throws IllegalArgumentException when the year of {@code date} is outside [1583, 9999]
     */
    public int daysToNextHoliday(LocalDate date) {
        Objects.requireNonNull(date, "date");
        int year = checkYear(date.getYear(), "date.year");
        for (PublicHoliday h : publicHolidays(year)) {
            if (!h.date().isBefore(date)) {
                return (int) (h.date().toEpochDay() - date.toEpochDay());
            }
        }
        return (int) (LocalDate.of(year + 1, 1, 1).toEpochDay() - date.toEpochDay());
    }

    /**
     * Returns the number of days from the previous public holiday to a date, 0 when the date
     * is a holiday. The previous holiday is always in the same year, since 1 January is one.
     *
     * @param date civil date in France, year in [1583, 9999]
     * @return days since the previous holiday, in [0, 115] (the longest gap runs from 1 January
     *     to an Easter Monday on 26 April of a leap year, first in 3784)
     * @throws NullPointerException when {@code date} is null
     * @throws IllegalArgumentException when the year of {@code date} is outside [1583, 9999]
     */
    public int daysSincePreviousHoliday(LocalDate date) {
        Objects.requireNonNull(date, "date");
        int year = checkYear(date.getYear(), "date.year");
        List<PublicHoliday> holidays = publicHolidays(year);
        for (int i = holidays.size() - 1; i >= 0; i--) {
            LocalDate h = holidays.get(i).date();
            if (!h.isAfter(date)) {
                return (int) (date.toEpochDay() - h.toEpochDay());
            }
        }
        throw new AssertionError("1 January is always a public holiday");
    }

    /**
     * Returns all calendar features of a date.
     *
     * @param date civil date in France, year in [1583, 9999]
     * @return the features; see {@link CalendarFeatures} for their meaning and order
     * @throws NullPointerException when {@code date} is null
     * @throws IllegalArgumentException when the year of {@code date} is outside [1583, 9999]
     */
    public CalendarFeatures features(LocalDate date) {
        Objects.requireNonNull(date, "date");
        checkYear(date.getYear(), "date.year");
        double angle = 2.0 * Math.PI * (date.getDayOfYear() - 1) / date.lengthOfYear();
        return new CalendarFeatures(
                date.getDayOfWeek().getValue(),
                isWeekend(date),
                isPublicHoliday(date),
                isBridgeDay(date),
                isSchoolFree(date),
                Math.sin(angle),
                Math.cos(angle),
                daysToNextHoliday(date),
                daysSincePreviousHoliday(date));
    }

    /**
     * Compares the rules and school holidays of two calendars.
     *
     * @param other object to compare with
     * @return {@code true} when {@code other} is a calendar with the same holiday rules and the
     *     same school-holiday list
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof FrenchCalendar that
                && region.equals(that.region)
                && schoolHolidays.equals(that.schoolHolidays);
    }

    /**
     * Returns a hash code consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return Objects.hash(region, schoolHolidays);
    }

    /**
     * Describes the calendar.
     *
     * @return for example {@code "FrenchCalendar[metropolitan, schoolHolidays=2]"}
     */
    @Override
    public String toString() {
        return "FrenchCalendar[" + region + ", schoolHolidays=" + schoolHolidays.size() + "]";
    }

    private boolean inSchoolHolidays(LocalDate date) {
        for (DateRange range : schoolHolidays) {
            if (range.contains(date)) {
                return true;
            }
        }
        return false;
    }

    private static int checkYear(int year, String name) {
        if (year < MIN_YEAR || year > MAX_YEAR) {
            throw new IllegalArgumentException(
                    name + " must be in [" + MIN_YEAR + ", " + MAX_YEAR + "], was " + year);
        }
        return year;
    }

    private static PublicHoliday merge(LocalDate date, List<Rule> rules) {
        if (rules.size() == 1) {
            Rule rule = rules.get(0);
            return new PublicHoliday(date, rule.nameFr, rule.nameEn);
        }
        List<String> fr = new ArrayList<>(rules.size());
        List<String> en = new ArrayList<>(rules.size());
        for (Rule rule : rules) {
            fr.add(rule.nameFr);
            en.add(rule.nameEn);
        }
        return new PublicHoliday(
                date, String.join(NAME_SEPARATOR, fr), String.join(NAME_SEPARATOR, en));
    }

    /** One holiday rule: a fixed month and day, or an offset in days from Easter Sunday. */
    private enum Rule {
        NEW_YEAR(1, 1, 0, "Jour de l'an", "New Year's Day"),
        GOOD_FRIDAY(0, 0, -2, "Vendredi saint", "Good Friday"),
        EASTER_MONDAY(0, 0, 1, "Lundi de Pâques", "Easter Monday"),
        LABOUR_DAY(5, 1, 0, "Fête du Travail", "Labour Day"),
        VICTORY_1945(5, 8, 0, "Victoire 1945", "Victory in Europe Day"),
        ASCENSION(0, 0, 39, "Ascension", "Ascension Day"),
        WHIT_MONDAY(0, 0, 50, "Lundi de Pentecôte", "Whit Monday"),
        NATIONAL_DAY(7, 14, 0, "Fête nationale", "Bastille Day"),
        ASSUMPTION(8, 15, 0, "Assomption", "Assumption Day"),
        ALL_SAINTS(11, 1, 0, "Toussaint", "All Saints' Day"),
        ARMISTICE(11, 11, 0, "Armistice 1918", "Armistice Day"),
        CHRISTMAS(12, 25, 0, "Noël", "Christmas Day"),
        SAINT_STEPHEN(12, 26, 0, "Saint-Étienne", "St Stephen's Day");

        /** Month 1..12 of a fixed-date rule; 0 for an Easter-based rule. */
        private final int month;
        private final int day;
        private final int easterOffset;
        private final String nameFr;
        private final String nameEn;

        Rule(int month, int day, int easterOffset, String nameFr, String nameEn) {
            this.month = month;
            this.day = day;
            this.easterOffset = easterOffset;
            this.nameFr = nameFr;
            this.nameEn = nameEn;
        }

        LocalDate dateIn(int year, LocalDate easter) {
            return month == 0 ? easter.plusDays(easterOffset) : LocalDate.of(year, month, day);
        }

        boolean matches(int m, int d, long offsetFromEaster) {
            return month == 0 ? offsetFromEaster == easterOffset : month == m && day == d;
        }
    }
}
