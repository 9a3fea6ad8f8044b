package fr.territoires.ia.forecasting.synthetic;

import fr.territoires.ia.core.TimeSeries;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.SplittableRandom;

/**
 * Simulates the daily mean concentration of PM10 at a background station, in µg/m³: a seasonal
 * level (high in winter, low in summer), a weekly cycle (lower at weekends), autocorrelated
 * log-normal day-to-day variation, occasional pollution episodes of several days above the EU
 * daily limit value of 50 µg/m³ (mostly in winter) and missing days.
 *
 * <p>The structure imitates rural background PM10 in Germany (median about 20 µg/m³; with 4
 * episodes a year about 5 % of days are above 50 µg/m³, against about 2 % in the German rural
 * data of 1998-2009): seasonal median {@code 20 (1 + 0.3 cos(2 pi (doy - 15) / 365.25))};
 * weekly factor 1 on weekdays, 0.92 on Saturdays and 0.85 on Sundays; a log-scale AR(1) noise
 * {@code e[t] = 0.7 e[t-1] + 0.25 N(0, 1)} (stationary standard deviation 0.35); on average
 * {@code episodesPerYear} episodes a year, started with a probability proportional to
 * {@code 1 + cos(2 pi (doy - 15) / 365.25)} (none in mid-July), each lasting 3 to 7 days and
 * adding {@code 30 + Exp(mean 20)} µg/m³ on its days, half of it on its first and last days
 * (build-up and clearing); each day
 * missing with probability {@code missingRate} (NaN). Values are positive. Timestamps are
 * midnight UTC. The same arguments give the same series.
 *
 * <p>Instances are immutable and safe for concurrent use (the class has none; its methods are
 * stateless).
 *
 * @since 0.1.0
 */
public final class PollutionSimulator {

    private PollutionSimulator() {
    }

    /**
     * Simulates a daily PM10 series.
     *
     * @param start first date
     * @param days number of days, in {@code [1, 100000]}
     * @param episodesPerYear mean number of pollution episodes a year, in {@code [0, 50]}
     * @param missingRate probability that a day is missing, in {@code [0, 0.5]}
     * @param seed seed of the random generator
     * @return the series named {@code "pm10"}, in µg/m³, one value per day (NaN when missing)
     * @throws NullPointerException when {@code start} is null
     * @throws IllegalArgumentException when a value is out of range
     */
    public static TimeSeries simulate(LocalDate start, int days, double episodesPerYear,
            double missingRate, long seed) {
        DailySimulation.check(start, days, "episodesPerYear", episodesPerYear, missingRate);
        SplittableRandom rng = new SplittableRandom(seed);
        long[] t = new long[days];
        double[] v = new double[days];
        double noise = 0.35 * DailySimulation.gaussian(rng);
        int episodeLeft = 0;
        int episodeDay = 0;
        double episode = 0.0;
        double pEpisode = episodesPerYear / 365.25;
        for (int i = 0; i < days; i++) {
            LocalDate d = start.plusDays(i);
            t[i] = DailySimulation.midnightUtc(d);
            double season = Math.cos(2 * Math.PI * (d.getDayOfYear() - 15) / 365.25);
            double median = 20.0 * (1.0 + 0.3 * season) * weekly(d.getDayOfWeek());
            noise = 0.7 * noise + 0.25 * DailySimulation.gaussian(rng);
            if (episodeLeft == 0 && rng.nextDouble() < pEpisode * (1.0 + season)) {
                episodeLeft = 3 + rng.nextInt(5);
                episodeDay = 0;
                episode = 30.0 - 20.0 * Math.log(1.0 - rng.nextDouble());
            }
            double extra = 0.0;
            if (episodeLeft > 0) {
                extra = episodeLeft == 1 || episodeDay == 0 ? 0.5 * episode : episode;
                episodeLeft--;
                episodeDay++;
            }
            double level = median * Math.exp(noise) + extra;
            v[i] = rng.nextDouble() < missingRate ? Double.NaN : level;
        }
        return TimeSeries.of("pm10", t, v, ZoneOffset.UTC);
    }

    private static double weekly(DayOfWeek day) {
        return switch (day) {
            case SATURDAY -> 0.92;
            case SUNDAY -> 0.85;
            default -> 1.0;
        };
    }
}
