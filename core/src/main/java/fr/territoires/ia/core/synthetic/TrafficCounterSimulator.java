package fr.territoires.ia.core.synthetic;

import fr.territoires.ia.core.TimeSeries;
import fr.territoires.ia.core.internal.Checks;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Simulates a road traffic loop counter: vehicles counted every 15 minutes, with morning and
 * evening rush hours on working days, lighter weekends, Poisson counting noise, and optionally a
 * fault from a given reading on: the counter freezes (repeats its last count) or dies (reports 0).
 *
 * <p>Units: vehicles per 15 minutes; timestamps every 15 minutes in UTC, calendar in
 * Europe/Paris.
 *
 * <p>Instances are immutable and safe for concurrent use (the class has none; each call draws
 * from its own generator seeded from the options).
 *
 * @since 0.1.0
 */
public final class TrafficCounterSimulator {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final long QUARTER = 15 * 60_000L;

    /** Kind of counter fault. */
    public enum Fault {
        /** No fault. */
        NONE,
        /** The counter repeats its last count (a frozen or stuck sensor). */
        FREEZE,
        /** The counter reports zero (a dead loop). */
        DEAD
    }

    /**
     * Options of the simulator.
     *
     * @param start first reading (UTC), truncated to the quarter hour
     * @param readings number of 15-minute readings, at least 1
     * @param peak mean count in the busiest quarter hour of a working day, positive
     * @param fault kind of fault
     * @param faultStart index of the first faulty reading (ignored without fault), at least 0
     * @param seed generator seed
     * @since 0.1.0
     */
    public record Options(Instant start, int readings, double peak, Fault fault, int faultStart, long seed) {

        /**
         * Validates the options.
         *
         * @param start first reading
         * @param readings number of readings
         * @param peak peak mean count
         * @param fault fault kind
         * @param faultStart first faulty reading
         * @param seed seed
         */
        public Options {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(fault, "fault");
            Checks.atLeast(readings, 1, "readings");
            Checks.positive(peak, "peak");
            Checks.atLeast(faultStart, 0, "faultStart");
        }

        /**
         * Returns the defaults: four weeks of readings from Monday 2026-03-02 00:00 Paris time, a
         * peak of 180 vehicles per quarter hour, no fault, seed 7.
         *
         * @return the default options
         */
        public static Options defaults() {
            return new Options(Instant.parse("2026-03-01T23:00:00Z"), 4 * 7 * 96, 180, Fault.NONE, 0, 7L);
        }

        /**
         * Returns these options with a fault.
         *
         * @param kind fault kind
         * @param fromReading index of the first faulty reading
         * @return new options
         */
        public Options withFault(Fault kind, int fromReading) {
            return new Options(start, readings, peak, kind, fromReading, seed);
        }
    }

    private TrafficCounterSimulator() {
    }

    /**
     * Simulates one counter.
     *
     * @param options simulator options
     * @return counts per quarter hour, named {@code vehicles}, zone Europe/Paris
     */
    public static TimeSeries simulate(Options options) {
        Checks.notNull(options, "options");
        SplittableRandom random = new SplittableRandom(options.seed());
        long start = options.start().toEpochMilli() / QUARTER * QUARTER;
        long[] t = new long[options.readings()];
        double[] v = new double[options.readings()];
        for (int i = 0; i < v.length; i++) {
            t[i] = start + i * QUARTER;
            ZonedDateTime local = ZonedDateTime.ofInstant(Instant.ofEpochMilli(t[i]), PARIS);
            double hour = local.getHour() + local.getMinute() / 60.0;
            boolean weekend = local.getDayOfWeek().getValue() >= 6;
            double shape = weekend
                    ? 0.05 + 0.55 * bump(hour, 14.5, 3.5)
                    : 0.04 + bump(hour, 8.25, 1.2) + 0.9 * bump(hour, 17.75, 1.5) + 0.45 * bump(hour, 12.5, 2.5);
            double count = poisson(random, options.peak() * shape);
            boolean faulty = options.fault() != Fault.NONE && i >= options.faultStart();
            if (faulty && options.fault() == Fault.FREEZE) {
                count = i == 0 ? count : v[i - 1];
            } else if (faulty && options.fault() == Fault.DEAD) {
                count = 0;
            }
            v[i] = count;
        }
        return TimeSeries.of("vehicles", t, v, PARIS);
    }

    private static double bump(double x, double centre, double width) {
        double d = (x - centre) / width;
        return Math.exp(-0.5 * d * d);
    }

    private static double poisson(SplittableRandom random, double mean) {
        if (mean > 30) {
            double u1 = 1.0 - random.nextDouble();
            double u2 = random.nextDouble();
            double g = Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
            return Math.max(0, Math.round(mean + Math.sqrt(mean) * g));
        }
        double l = Math.exp(-mean);
        double p = 1.0;
        int k = 0;
        do {
            k++;
            p *= random.nextDouble();
        } while (p > l);
        return k - 1;
    }
}
