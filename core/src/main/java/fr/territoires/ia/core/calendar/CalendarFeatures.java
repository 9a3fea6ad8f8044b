package fr.territoires.ia.core.calendar;

import fr.territoires.ia.core.internal.Checks;
import java.util.List;

/**
 * Calendar features of one civil date, ready to feed a forecasting model.
 *
 * <p>Booleans become {@code 1.0} (true) or {@code 0.0} (false) in {@link #toArray()}. The annual
 * harmonic places 1 January at angle 0 ({@code dayOfYearSin = 0}, {@code dayOfYearCos = 1}) and
 * uses the length of the date's own year (365 or 366 days), so the angle is
 * {@code 2π(dayOfYear − 1) / lengthOfYear} radians. Day counts are in whole days and are 0 on a
 * public holiday.
 *
 * <p>Instances are immutable and safe for concurrent use.
 *
 * @param dayOfWeek ISO day of week, 1 = Monday to 7 = Sunday
 * @param weekend whether the date is a Saturday or a Sunday
 * @param publicHoliday whether the date is a public holiday
 * @param bridgeDay whether the date is a bridge day ("pont")
 * @param schoolFree whether there is no school that day (weekend, public holiday or school
 *     holidays given to the calendar)
 * @param dayOfYearSin sine of the annual angle, in [-1, 1]
 * @param dayOfYearCos cosine of the annual angle, in [-1, 1]
 * @param daysToNextHoliday days from the date to the next public holiday, {@code >= 0}
 * @param daysSincePreviousHoliday days from the previous public holiday to the date,
 *     {@code >= 0}
 * @since 0.1.0
 */
public record CalendarFeatures(
        int dayOfWeek,
        boolean weekend,
        boolean publicHoliday,
        boolean bridgeDay,
        boolean schoolFree,
        double dayOfYearSin,
        double dayOfYearCos,
        int daysToNextHoliday,
        int daysSincePreviousHoliday) {

    private static final List<String> NAMES = List.of(
            "dayOfWeek",
            "weekend",
            "publicHoliday",
            "bridgeDay",
            "schoolFree",
            "dayOfYearSin",
            "dayOfYearCos",
            "daysToNextHoliday",
            "daysSincePreviousHoliday");

    /**
     * Validates the components.
     *
     * @param dayOfWeek ISO day of week, 1 = Monday to 7 = Sunday
     * @param weekend whether the date is a Saturday or a Sunday
     * @param publicHoliday whether the date is a public holiday
     * @param bridgeDay whether the date is a bridge day
     * @param schoolFree whether there is no school that day
     * @param dayOfYearSin sine of the annual angle, in [-1, 1]
     * @param dayOfYearCos cosine of the annual angle, in [-1, 1]
     * @param daysToNextHoliday days to the next public holiday, {@code >= 0}
     * @param daysSincePreviousHoliday days since the previous public holiday, {@code >= 0}
     * @throws IllegalArgumentException when {@code dayOfWeek} is outside [1, 7], a harmonic is
     *     outside [-1, 1] or NaN, or a day count is negative
     */
    public CalendarFeatures {
        if (dayOfWeek < 1 || dayOfWeek > 7) {
            throw new IllegalArgumentException("dayOfWeek must be in [1, 7], was " + dayOfWeek);
        }
        Checks.inClosed(dayOfYearSin, -1.0, 1.0, "dayOfYearSin");
        Checks.inClosed(dayOfYearCos, -1.0, 1.0, "dayOfYearCos");
        Checks.atLeast(daysToNextHoliday, 0, "daysToNextHoliday");
        Checks.atLeast(daysSincePreviousHoliday, 0, "daysSincePreviousHoliday");
    }

    /**
     * Returns the features as numbers, in the order of {@link #names()}; booleans are
     * {@code 1.0} or {@code 0.0}.
     *
     * @return a new array of length 9 on each call
     */
    public double[] toArray() {
        return new double[] {
            dayOfWeek,
            weekend ? 1.0 : 0.0,
            publicHoliday ? 1.0 : 0.0,
            bridgeDay ? 1.0 : 0.0,
            schoolFree ? 1.0 : 0.0,
            dayOfYearSin,
            dayOfYearCos,
            daysToNextHoliday,
            daysSincePreviousHoliday
        };
    }

    /**
     * Returns the feature names in the order of {@link #toArray()}, which is also the order of
     * the record components.
     *
     * @return an unmodifiable list of 9 names
     */
    public static List<String> names() {
        return NAMES;
    }
}
