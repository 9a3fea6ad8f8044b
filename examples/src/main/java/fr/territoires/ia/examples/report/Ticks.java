package fr.territoires.ia.examples.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Axis ticks: "nice" values (1, 2 or 5 times a power of ten) for numbers, and round instants
 * (minutes, hours, days, weeks, months, years in the zone) for times.
 *
 * <p>Instances are immutable and safe for concurrent use (the class has none).
 */
final class Ticks {

    private static final long MINUTE = 60_000L;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;
    private static final long[] STEPS = {MINUTE, 5 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 3 * HOUR, 6 * HOUR,
        12 * HOUR, DAY, 2 * DAY, 7 * DAY, 14 * DAY};

    private Ticks() {
    }

    /** A nice step near {@code range / count}. */
    static double step(double range, int count) {
        double raw = range / Math.max(1, count);
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / p;
        return (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * p;
    }

    /** The range widened to multiples of the nice step. */
    static double[] niceRange(double lo, double hi, int count) {
        double st = step(hi - lo, count);
        return new double[] {Math.floor(lo / st) * st, Math.ceil(hi / st) * st};
    }

    /** Nice values within [lo, hi]. */
    static List<Double> nice(double lo, double hi, int count) {
        double st = step(hi - lo, count);
        List<Double> out = new ArrayList<>();
        for (double v = Math.ceil(lo / st - 1e-9) * st; v <= hi + st * 1e-9; v += st) {
            out.add(Math.abs(v) < st * 1e-9 ? 0.0 : v);
        }
        return out;
    }

    /** A tick label with enough decimals for the range. */
    static String label(double v, double range, Lang lang) {
        double st = step(range, 5);
        int decimals = (int) Math.max(0, Math.min(6, -Math.floor(Math.log10(st))));
        return lang.num(v, decimals);
    }

    /** Round instants within [from, to], about {@code count} of them. */
    static List<Long> times(long from, long to, ZoneId zone, int count) {
        long range = Math.max(1, to - from);
        List<Long> out = new ArrayList<>();
        for (long st : STEPS) {
            if (range / st <= count) {
                ZonedDateTime z = Instant.ofEpochMilli(from).atZone(zone);
                z = st >= DAY ? z.truncatedTo(ChronoUnit.DAYS) : z.truncatedTo(ChronoUnit.HOURS);
                if (st >= 7 * DAY) {
                    z = z.minusDays(z.getDayOfWeek().getValue() - 1L);
                }
                Duration d = Duration.ofMillis(st);
                while (z.toInstant().toEpochMilli() <= to) {
                    long t = z.toInstant().toEpochMilli();
                    if (t >= from && (st < HOUR || st >= DAY || z.getHour() % (st / HOUR) == 0)
                            && (st >= HOUR || z.getMinute() % (st / MINUTE) == 0)) {
                        out.add(t);
                    }
                    z = st >= DAY ? z.plusDays(st / DAY) : z.plus(d);
                }
                return out;
            }
        }
        // Months: 1, 2, 3, 6 or 12.
        for (int months : new int[] {1, 2, 3, 6, 12, 24, 60}) {
            if (range / (30 * DAY * months) <= count) {
                ZonedDateTime z = Instant.ofEpochMilli(from).atZone(zone).truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
                while (z.toInstant().toEpochMilli() <= to) {
                    if (z.toInstant().toEpochMilli() >= from && (z.getMonthValue() - 1) % Math.min(12, months) == 0
                            && (months <= 12 || z.getYear() % (months / 12) == 0)) {
                        out.add(z.toInstant().toEpochMilli());
                    }
                    z = z.plusMonths(1);
                }
                return out;
            }
        }
        return out;
    }

    /** The format of the time tick labels: time of day when ticks fall within days. */
    static DateTimeFormatter timeFormat(List<Long> ticks, ZoneId zone, Lang lang) {
        long step = ticks.size() > 1 ? ticks.get(1) - ticks.get(0) : DAY;
        if (step < DAY) {
            return DateTimeFormatter.ofPattern(lang == Lang.FR ? "dd/MM HH:mm" : "MM-dd HH:mm").withZone(zone);
        }
        if (step < 28 * DAY) {
            return DateTimeFormatter.ofPattern(lang == Lang.FR ? "dd/MM/yy" : "yyyy-MM-dd").withZone(zone);
        }
        return DateTimeFormatter.ofPattern(lang == Lang.FR ? "MM/yyyy" : "yyyy-MM").withZone(zone);
    }
}
