package fr.territoires.ia.forecasting.synthetic;

import fr.territoires.ia.core.TimeSeries;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.SplittableRandom;

/**
 * Simulates the daily maximum level of a river, in millimetres above the gauge zero: a seasonal
 * base flow (high in winter and spring, low in late summer), rare flood peaks with a rising limb
 * of a few days and an exponential recession, measurement noise and missing days.
 *
 * <p>The structure imitates the Garonne at Toulouse (median about 700 mm, rare peaks above
 * 2500 mm): base {@code 700 + 300 cos(2 pi (doy - 45) / 365.25)}; on average
 * {@code floodsPerYear} floods a year, each rising linearly over 2 to 4 days to a peak
 * {@code 600 + Exp(mean 900)} mm above the base, then decaying by a factor 0.7 a day; Gaussian
 * noise of standard deviation 15 mm; each day missing with probability {@code missingRate}
 * (NaN). Timestamps are midnight UTC. The same arguments give the same series.
 *
 * <p>Instances are immutable and safe for concurrent use (the class has none; its methods are
 * stateless).
 *
 * @since 0.1.0
 */
public final class RiverSimulator {

    private RiverSimulator() {
    }

    /**
     * Simulates a river level series.
     *
     * @param start first date
     * @param days number of days, in {@code [1, 100000]}
     * @param floodsPerYear mean number of floods a year, in {@code [0, 50]}
     * @param missingRate probability that a day is missing, in {@code [0, 0.5]}
     * @param seed seed of the random generator
     * @return the series named {@code "river"}, one value per day (NaN when missing)
     * @throws NullPointerException when {@code start} is null
     * @throws IllegalArgumentException when a value is out of range
     */
    public static TimeSeries simulate(LocalDate start, int days, double floodsPerYear,
            double missingRate, long seed) {
        DailySimulation.check(start, days, "floodsPerYear", floodsPerYear, missingRate);
        SplittableRandom rng = new SplittableRandom(seed);
        long[] t = new long[days];
        double[] v = new double[days];
        double flood = 0.0;
        double target = 0.0;
        int rising = 0;
        double step = 0.0;
        double pFlood = floodsPerYear / 365.25;
        for (int i = 0; i < days; i++) {
            LocalDate d = start.plusDays(i);
            t[i] = DailySimulation.midnightUtc(d);
            double base = 700.0 + 300.0 * Math.cos(2 * Math.PI * (d.getDayOfYear() - 45) / 365.25);
            if (rising == 0 && rng.nextDouble() < pFlood) {
                rising = 2 + rng.nextInt(3);
                target = 600.0 - 900.0 * Math.log(1.0 - rng.nextDouble());
                step = Math.max(0.0, target - flood) / rising;
            }
            if (rising > 0) {
                flood += step;
                rising--;
            } else {
                flood *= 0.7;
            }
            double noise = 15.0 * DailySimulation.gaussian(rng);
            double level = Math.max(0.0, base + flood + noise);
            v[i] = rng.nextDouble() < missingRate ? Double.NaN : level;
        }
        return TimeSeries.of("river", t, v, ZoneOffset.UTC);
    }
}
