package fr.territoires.ia.forecasting.synthetic;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.SplittableRandom;

/** What the daily simulators share: argument checks, timestamps and Gaussian draws. */
final class DailySimulation {

    private DailySimulation() {
    }

    /** Checks the common arguments; {@code eventsName} names the events-a-year argument. */
    static void check(LocalDate start, int days, String eventsName, double eventsPerYear, double missingRate) {
        Objects.requireNonNull(start, "start");
        if (days < 1 || days > 100_000) {
            throw new IllegalArgumentException("days must be in [1, 100000], was " + days);
        }
        if (!(eventsPerYear >= 0.0 && eventsPerYear <= 50.0)) {
            throw new IllegalArgumentException(eventsName + " must be in [0, 50], was " + eventsPerYear);
        }
        if (!(missingRate >= 0.0 && missingRate <= 0.5)) {
            throw new IllegalArgumentException("missingRate must be in [0, 0.5], was " + missingRate);
        }
    }

    /** Midnight UTC of a date, in epoch milliseconds. */
    static long midnightUtc(LocalDate d) {
        return d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    /** A standard normal draw (Box-Muller). */
    static double gaussian(SplittableRandom rng) {
        double u = 1.0 - rng.nextDouble();
        double w = rng.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * w);
    }
}
