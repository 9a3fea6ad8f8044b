/**
 * The French calendar as forecasting features: public holidays, bridge days, weekends and
 * school-free days, for series such as daily water demand, attendance or traffic.
 *
 * <p>Entry point: {@link fr.territoires.ia.core.calendar.FrenchCalendar}, with
 * {@code metropolitan()} (the 11 public holidays of Code du travail art. L3133-1) and
 * {@code alsaceMoselle()} (plus Good Friday and 26 December, Code du travail art. L3134-13).
 * School holidays, which differ by zone and are published yearly by the Ministry of Education,
 * are supplied by the caller as {@link fr.territoires.ia.core.calendar.DateRange} periods.
 * {@code FrenchCalendar.features(date)} returns a
 * {@link fr.territoires.ia.core.calendar.CalendarFeatures} of 9 numbers: ISO day of week
 * (1 = Monday to 7 = Sunday), four 0/1 flags, an annual sine/cosine pair in [-1, 1] and two day
 * counts to and from the nearest public holidays ({@code >= 0}, 0 on a holiday).
 * {@link fr.territoires.ia.core.calendar.PublicHoliday} values give French and English names.
 *
 * <p>The current rules are applied to every supported year (1583 to 9999); see
 * {@code FrenchCalendar} for historical caveats.
 *
 * <p>Time zone: every date is a civil date in France ({@link java.time.LocalDate}). Convert an
 * instant first with the {@code Europe/Paris} zone, for example
 * {@code instant.atZone(ZoneId.of("Europe/Paris")).toLocalDate()}; overseas departments and
 * territories have other zones and other holidays, which this package does not cover.
 */
@NullMarked
package fr.territoires.ia.core.calendar;

import org.jspecify.annotations.NullMarked;
