package fr.territoires.ia.examples;

import fr.territoires.ia.core.calendar.CalendarFeatures;
import fr.territoires.ia.core.calendar.FrenchCalendar;
import fr.territoires.ia.core.calendar.PublicHoliday;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Use case: daily water demand, library attendance and traffic follow the French calendar. The
 * example lists the public holidays of 2026, the bridge days ("ponts") they create, and the
 * calendar features a demand forecaster receives for the week of Ascension.
 */
public final class HolidayCalendarExample {

    private HolidayCalendarExample() {
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        System.out.println(run());
    }

    static String run() {
        FrenchCalendar calendar = FrenchCalendar.metropolitan();
        StringBuilder out = new StringBuilder();
        List<PublicHoliday> holidays = calendar.publicHolidays(2026);
        out.append("  ").append(holidays.size()).append(" public holidays in 2026: ");
        List<String> names = new ArrayList<>();
        for (PublicHoliday h : holidays) {
            names.add(h.date().getDayOfMonth() + " " + h.date().getMonth().getDisplayName(TextStyle.SHORT, Locale.FRENCH)
                    + " " + h.nameFr());
        }
        out.append(String.join(", ", names)).append('\n');
        List<String> bridges = new ArrayList<>();
        for (LocalDate d = LocalDate.of(2026, 1, 1); d.getYear() == 2026; d = d.plusDays(1)) {
            if (calendar.isBridgeDay(d)) {
                bridges.add(d.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.FRENCH) + " " + d);
            }
        }
        out.append("  bridge days: ").append(String.join(", ", bridges)).append('\n');
        out.append("  features for the week of Ascension (").append(String.join(", ", CalendarFeatures.names()))
                .append("):\n");
        for (LocalDate d = LocalDate.of(2026, 5, 11); d.isBefore(LocalDate.of(2026, 5, 18)); d = d.plusDays(1)) {
            CalendarFeatures f = calendar.features(d);
            out.append(String.format(Locale.ROOT, "    %s %-9s holiday=%-5b bridge=%-5b weekend=%-5b next holiday in %d d%n",
                    d, d.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.FRENCH), f.publicHoliday(),
                    f.bridgeDay(), f.weekend(), f.daysToNextHoliday()));
        }
        return out.toString().stripTrailing();
    }
}
