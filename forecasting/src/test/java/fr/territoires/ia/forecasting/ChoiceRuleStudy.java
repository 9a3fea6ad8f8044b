package fr.territoires.ia.forecasting;

import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.territoires.ia.core.TimeSeries;
import fr.territoires.ia.core.metrics.BinaryMetrics;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A study of the choice rule of {@link RollingOrigin} itself, on training years only (run with
 * {@code -Dstudy=true}). It was prompted by a transfer check ({@link TransferChecksTest}): on the
 * Pont-Neuf record trained 1946-1975, the logistic regression's mean average precision over the
 * origins is 1.17 times persistence's but it wins only 3 of 7 origins, so the rule keeps
 * persistence, while on an older record of the same gauge a plain logistic regression is known
 * to reach 1.40 times persistence. With a handful of exceedance days in most years, which
 * candidate "wins" one origin is close to a coin toss, and the majority condition may discard a
 * clear gain. Its protocol was written and committed before it was run:
 * <ul>
 *   <li>rules: R0, the current rule (mean AP at least 1.05 times persistence's <i>and</i> more
 *       than half of the scored origins won); R1, the margin alone (mean AP at least 1.05 times
 *       persistence's), one condition fewer. Both keep persistence with fewer than two scored
 *       origins;</li>
 *   <li>splits, all inside the training periods of the shared tests (no test year of
 *       {@link GaronneExceedanceTest} or {@link Pm10ExceedanceTest} is read): the Garonne at
 *       Pont-Neuf, 2500 mm within 3 days, trained up to 31 December of Y and tested on the next
 *       ten years (to 2004 at most), Y in 1965, 1970, 1975, 1980, 1985, 1990 and 1994; the ten
 *       PM10 stations of {@link Pm10ExceedanceTest}, and all 47 stations as one network, above
 *       50 µg/m³ tomorrow, trained up to Y and tested on the years after it to 2006, Y in 2002
 *       and 2003. Each split fits with the settings of the {@code forecast-events} runner
 *       (recommended yearly origins);</li>
 *   <li>figure: on each split's test years, the average precision of the candidate a rule
 *       chooses over persistence's, on the same rows (the dates with a feature row and a known
 *       outcome); the logistic regression is the one refitted on the whole training period, as
 *       the forecaster does. A rule's score is the geometric mean over the three data sets of
 *       the geometric mean over their splits;</li>
 *   <li>choice: R1 replaces R0 only if its score is at least 1 % higher. Otherwise R0 stays,
 *       and the study is the record of why.</li>
 * </ul>
 */
@EnabledIfSystemProperty(named = "study", matches = "true")
class ChoiceRuleStudy {

    /** One split's outcome: the origin decision, and each candidate's test AP ratio. */
    private record Split(String name, RollingOrigin.Decision decision, double logisticRatio) {

        /** The former rule (the margin and more than half of the scored origins won). */
        boolean r0() {
            return r1() && 2 * decision.wins() > decision.scored();
        }

        /** The margin alone, the rule of {@link RollingOrigin} since this study. */
        boolean r1() {
            return decision.scored() >= RollingOrigin.MIN_ORIGINS
                    && decision.complex() >= RollingOrigin.MARGIN * decision.simpler();
        }
    }

    @Test
    void study() {
        List<Split> garonne = new ArrayList<>();
        TimeSeries pontNeuf = ForecastingData.garonne("O200004001");
        for (int y : new int[] {1965, 1970, 1975, 1980, 1985, 1990, 1994}) {
            garonne.add(split("Garonne train<=" + y, List.of(pontNeuf), 2500, 3, y,
                    Math.min(y + 10, 2004)));
        }
        List<Split> ten = new ArrayList<>();
        List<Split> all = new ArrayList<>();
        List<TimeSeries> tenSeries = ForecastingData.pm10(Pm10ExceedanceTest.STATIONS);
        List<TimeSeries> allSeries = ForecastingData.pm10(ForecastingData.pm10Stations());
        for (int y : new int[] {2002, 2003}) {
            ten.add(split("PM10x10 train<=" + y, tenSeries, 50, 1, y, 2006));
            all.add(split("PM10x47 train<=" + y, allSeries, 50, 1, y, 2006));
        }
        double r0 = Math.cbrt(score(garonne, true) * score(ten, true) * score(all, true));
        double r1 = Math.cbrt(score(garonne, false) * score(ten, false) * score(all, false));
        System.out.printf("choice-rule study: R0 garonne %.4f pm10x10 %.4f pm10x47 %.4f score %.4f;"
                        + " R1 garonne %.4f pm10x10 %.4f pm10x47 %.4f score %.4f; R1 replaces R0: %s%n",
                score(garonne, true), score(ten, true), score(all, true), r0, score(garonne, false),
                score(ten, false), score(all, false), r1, r1 >= 1.01 * r0);
        assertTrue(r0 > 0 && r1 > 0);
    }

    /** Geometric mean over the splits of the chosen candidate's test AP over persistence's. */
    private static double score(List<Split> splits, boolean r0) {
        double s = 0;
        for (Split x : splits) {
            boolean logistic = r0 ? x.r0() : x.r1();
            s += Math.log(logistic ? x.logisticRatio() : 1.0);
        }
        return Math.exp(s / splits.size());
    }

    private static Split split(String name, List<TimeSeries> full, double t, int h, int trainYear,
            int testEndYear) {
        LocalDate trainUntil = LocalDate.of(trainYear, 12, 31);
        long testEnd = LocalDate.of(testEndYear, 12, 31).toEpochDay();
        List<TimeSeries> network = new ArrayList<>();
        for (TimeSeries s : full) {
            network.add(TransferChecksTest.until(s, LocalDate.of(testEndYear, 12, 31)));
        }
        ExceedanceForecaster.Options options = ExceedanceForecaster.Options.defaults(t, h)
                .withValidationYears(ExceedanceForecaster.Options.recommendedValidationYears(
                        network, trainUntil));
        RollingOrigin.Validation v = RollingOrigin.validate(network, List.of(), options, trainUntil,
                ExceedanceForecaster.SCALING, ExceedanceForecaster.GAPS);
        long last = trainUntil.toEpochDay();
        boolean net = network.size() > 1;
        NetworkFeatures train = new NetworkFeatures(network, List.of(), options.features(), h, t,
                last, last, net, ExceedanceForecaster.SCALING, ExceedanceForecaster.GAPS, Map.of());
        ExceedanceRows rows = ExceedanceRows.of(train, t, h, Long.MIN_VALUE, last - h);
        RidgeLogistic model = RidgeLogistic.fit(rows.x(), rows.y());
        NetworkFeatures forecast = new NetworkFeatures(network, List.of(), options.features(), h,
                t, last, Long.MAX_VALUE, net, ExceedanceForecaster.SCALING,
                ExceedanceForecaster.GAPS, train.scales());
        ExceedanceRows test = ExceedanceRows.of(forecast, t, h, last + 1, testEnd);
        double[] ls = new double[test.size()];
        for (int i = 0; i < ls.length; i++) {
            ls[i] = model.logOdds(test.x()[i]);
        }
        double ratio = BinaryMetrics.averagePrecision(test.y(), ls)
                / BinaryMetrics.averagePrecision(test.y(), test.persistence());
        Split s = new Split(name, v.decision(), ratio);
        System.out.printf("  %s: origins persistence %.3f logistic %.3f (%.3f x), %d of %d won; R0 %s,"
                        + " R1 %s; test rows %d, positives %d, logistic/persistence %.3f%n", name,
                v.decision().simpler(), v.decision().complex(),
                v.decision().complex() / v.decision().simpler(), v.decision().wins(),
                v.decision().scored(), s.r0() ? "logistic" : "persistence",
                s.r1() ? "logistic" : "persistence", test.size(), test.positives(), ratio);
        return s;
    }
}
