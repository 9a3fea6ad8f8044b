package fr.territoires.ia.core.synthetic;

import fr.territoires.ia.core.TimeSeries;
import fr.territoires.ia.core.calendar.FrenchCalendar;
import fr.territoires.ia.core.internal.Checks;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Simulates the hourly flow of a district water meter (the "sectorisation" meters a water
 * utility reads every hour), with the structure of real data: a daily cycle with a morning and an
 * evening peak and a low night flow, quieter weekends and public holidays, multiplicative noise,
 * missing readings, and optionally a leak that adds a constant flow from a given hour on.
 *
 * <p>Units: litres per hour (L/h); timestamps every hour, in UTC, with the calendar read in
 * Europe/Paris. A leak shows, as in the field, as a night flow that stops returning to its usual
 * level (the minimum night flow is what leak detection watches).
 *
 * <pre>{@code
 * TimeSeries flow = WaterMeterSimulator.simulate(WaterMeterSimulator.Options.defaults()
 *         .withLeak(24 * 30, 150.0));
 * }</pre>
 *
 * <p>Instances are immutable and safe for concurrent use (the class has none; each call draws
 * from its own generator seeded from the options).
 *
 * @since 0.1.0
 */
public final class WaterMeterSimulator {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    /** Relative demand per local hour of day, before scaling to mean 1: night trough, two peaks. */
    private static final double[] DAILY = {
        0.35, 0.28, 0.25, 0.25, 0.30, 0.50, 1.05, 1.65, 1.55, 1.25, 1.10, 1.15,
        1.30, 1.20, 1.00, 0.95, 1.05, 1.30, 1.60, 1.70, 1.45, 1.10, 0.75, 0.50
    };

    private static final double DAILY_MEAN = java.util.Arrays.stream(DAILY).average().orElseThrow();

    /**
     * Options of the simulator.
     *
     * @param start first hour (UTC), truncated to the hour
     * @param hours number of hourly readings, at least 1
     * @param meanFlow mean flow over a working day, L/h, positive
     * @param noise standard deviation of the multiplicative noise, in {@code [0, 1)}
     * @param weekendFactor demand on Saturdays, Sundays and public holidays relative to working
     *     days, positive
     * @param missingRate probability that a reading is missing (kept as NaN), in {@code [0, 1)}
     * @param leakStartHour index of the first hour with a leak, or -1 for none
     * @param leakFlow flow added by the leak, L/h, at least 0
     * @param seed seed of the random generator
     * @since 0.1.0
     */
    public record Options(Instant start, int hours, double meanFlow, double noise, double weekendFactor,
            double missingRate, int leakStartHour, double leakFlow, long seed) {

        /**
         * Validates the options.
         *
         * @param start first hour
         * @param hours number of readings
         * @param meanFlow mean flow, L/h
         * @param noise noise standard deviation
         * @param weekendFactor weekend and holiday factor
         * @param missingRate missing-reading probability
         * @param leakStartHour first leaking hour, or -1
         * @param leakFlow leak flow, L/h
         * @param seed generator seed
         */
        public Options {
            Objects.requireNonNull(start, "start");
            Checks.atLeast(hours, 1, "hours");
            Checks.positive(meanFlow, "meanFlow");
            if (!(noise >= 0 && noise < 1)) {
                throw new IllegalArgumentException("noise must be in [0, 1), was " + noise);
            }
            Checks.positive(weekendFactor, "weekendFactor");
            if (!(missingRate >= 0 && missingRate < 1)) {
                throw new IllegalArgumentException("missingRate must be in [0, 1), was " + missingRate);
            }
            if (leakStartHour < -1) {
                throw new IllegalArgumentException("leakStartHour must be >= -1, was " + leakStartHour);
            }
            if (!(leakFlow >= 0) || Double.isInfinite(leakFlow)) {
                throw new IllegalArgumentException("leakFlow must be finite and >= 0, was " + leakFlow);
            }
        }

        /**
         * Returns the defaults: eight weeks from Monday 2026-03-02 00:00 Paris time, 400 L/h mean
         * flow, 8 % noise, weekends at 80 %, 0.5 % missing readings, no leak, seed 42.
         *
         * @return the default options
         */
        public static Options defaults() {
            return new Options(Instant.parse("2026-03-01T23:00:00Z"), 24 * 7 * 8, 400, 0.08, 0.8, 0.005, -1, 0,
                    42L);
        }

        /**
         * Returns these options with another length.
         *
         * @param newHours number of hourly readings
         * @return new options
         */
        public Options withHours(int newHours) {
            return new Options(start, newHours, meanFlow, noise, weekendFactor, missingRate, leakStartHour,
                    leakFlow, seed);
        }

        /**
         * Returns these options with a leak.
         *
         * @param fromHour index of the first leaking hour
         * @param flow flow added by the leak, L/h
         * @return new options
         */
        public Options withLeak(int fromHour, double flow) {
            return new Options(start, hours, meanFlow, noise, weekendFactor, missingRate, fromHour, flow, seed);
        }

        /**
         * Returns these options with another missing-reading rate.
         *
         * @param rate probability of a missing reading
         * @return new options
         */
        public Options withMissingRate(double rate) {
            return new Options(start, hours, meanFlow, noise, weekendFactor, rate, leakStartHour, leakFlow, seed);
        }

        /**
         * Returns these options with another seed.
         *
         * @param newSeed generator seed
         * @return new options
         */
        public Options withSeed(long newSeed) {
            return new Options(start, hours, meanFlow, noise, weekendFactor, missingRate, leakStartHour, leakFlow,
                    newSeed);
        }
    }

    private WaterMeterSimulator() {
    }

    /**
     * Simulates one meter.
     *
     * @param options simulator options
     * @return hourly flows in L/h, named {@code flow_lph}, zone Europe/Paris
     */
    public static TimeSeries simulate(Options options) {
        Checks.notNull(options, "options");
        SplittableRandom random = new SplittableRandom(options.seed());
        FrenchCalendar calendar = FrenchCalendar.metropolitan();
        long start = options.start().toEpochMilli() / 3_600_000L * 3_600_000L;
        long[] millis = new long[options.hours()];
        double[] flow = new double[options.hours()];
        for (int i = 0; i < flow.length; i++) {
            millis[i] = start + i * 3_600_000L;
            LocalDateTime local = ZonedDateTime.ofInstant(Instant.ofEpochMilli(millis[i]), PARIS).toLocalDateTime();
            boolean quiet = calendar.isWeekend(local.toLocalDate()) || calendar.isPublicHoliday(local.toLocalDate());
            double expected = options.meanFlow() * dailyProfile(local.getHour()) * (quiet ? options.weekendFactor() : 1.0);
            double v = expected * Math.max(0.0, 1.0 + options.noise() * gaussian(random));
            if (options.leakStartHour() >= 0 && i >= options.leakStartHour()) {
                v += options.leakFlow();
            }
            boolean missing = random.nextDouble() < options.missingRate();
            flow[i] = missing ? Double.NaN : Math.round(v * 10.0) / 10.0;
        }
        return TimeSeries.of("flow_lph", millis, flow, PARIS);
    }

    /**
     * Returns the expected flow pattern used by the simulator for a local hour on a working day,
     * relative to the mean (for documentation and tests).
     *
     * @param hourOfDay local hour, 0 to 23
     * @return the relative demand, mean 1 over the day
     * @throws IllegalArgumentException when the hour is out of range
     */
    public static double dailyProfile(int hourOfDay) {
        if (hourOfDay < 0 || hourOfDay > 23) {
            throw new IllegalArgumentException("hourOfDay must be in [0, 23], was " + hourOfDay);
        }
        return DAILY[hourOfDay] / DAILY_MEAN;
    }

    private static double gaussian(SplittableRandom random) {
        // Box–Muller; one value per call keeps the generator stateless between calls.
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }
}
