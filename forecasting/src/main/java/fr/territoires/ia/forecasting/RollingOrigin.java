package fr.territoires.ia.forecasting;

import fr.territoires.ia.core.TimeSeries;
import fr.territoires.ia.core.metrics.BinaryMetrics;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The model-choice protocol of {@link ExceedanceForecaster}, fixed before any figure on the
 * shared series was measured, and the same for every series a user fits.
 *
 * <p><b>Candidates</b>, simplest first: (1) persistence, the latest known value of each series
 * as the score (no fitted part but its calibration); (2) a logistic regression with an L2
 * penalty {@code ½‖w‖²} on the sum of log-losses (scikit-learn's default {@code C = 1}),
 * intercept unpenalised, on standardised features ({@link RidgeLogistic}; what the features
 * leave missing is imputed by the training mean plus a missing indicator). Nothing else: a
 * boosted-tree candidate and blends with persistence were dropped, because each adds settings
 * and, on a record no one here had tuned on, the plain logistic regression did better than both.
 *
 * <p><b>Origins.</b> Each of the last {@code K} whole calendar years of the training period is
 * one origin ({@code K} = {@link ExceedanceForecaster.Options#validationYears()}). For the origin
 * year {@code Y}, each candidate is fitted on the dates whose label ends before 1 January of
 * {@code Y} and scores the dates of {@code Y} whose label ends by the end of training; nothing
 * later than an origin's fitting dates is seen by its model, and that includes each series'
 * scale: an origin's features put every series on the scale of its values before {@code Y}, as
 * the deployed model puts it on the scale of its values up to the end of training. (Until this
 * was mended, every origin used the scales of the whole training period, a leak of the origin
 * years into their own validation that can flatter the logistic regression on a network and
 * cannot flatter persistence. The mend is part of the protocol, kept whatever it does to the
 * figures; for one series it changes nothing, since the logistic regression standardises each
 * feature again.)
 *
 * <p><b>Ranking.</b> Average precision per origin, pooled over the series of a network; an
 * origin whose dates hold no event, or only events, is not scored. A candidate's figure is its
 * mean over the scored origins.
 *
 * <p><b>Rule.</b> The logistic regression replaces persistence only when it wins clearly over
 * the origins: its mean average precision over them is at least {@value #MARGIN} times
 * persistence's. With fewer than {@value #MIN_ORIGINS} scored origins there is no evidence, and
 * persistence is kept. (The rule first also asked the logistic regression to win more than half
 * of the scored origins. With a handful of exceedance days in most years, which candidate wins
 * one origin is close to a coin toss, and a study of the rule itself on splits inside the
 * training periods, its protocol committed before it ran, found the margin alone better:
 * {@code ChoiceRuleStudy} in the test sources, and the README. The number of origins won is
 * still reported.)
 *
 * <p>{@link #validate} runs the origins and applies the rule; {@link #decide} is the rule alone.
 *
 * <p>Instances are immutable and safe for concurrent use.
 */
final class RollingOrigin {

    /** Relative margin on the mean average precision the more complex candidate must reach. */
    static final double MARGIN = 1.05;
    /** Fewest scored origins to choose anything but the simplest candidate. */
    static final int MIN_ORIGINS = 2;

    private RollingOrigin() {
    }

    /**
     * The comparison of two candidates over the origins.
     *
     * @param simpler mean average precision of the simpler candidate over scored origins (NaN
     *     when none)
     * @param complex mean average precision of the more complex candidate (NaN when none)
     * @param scored origins scored
     * @param wins scored origins where the more complex candidate has the higher average
     *     precision
     * @param complexChosen whether the rule keeps the more complex candidate
     */
    record Decision(double simpler, double complex, int scored, int wins, boolean complexChosen) {
    }

    /**
     * The out-of-origin scores of both candidates and the decision.
     *
     * @param years the scored origin years (each with a fitted model and at least one date),
     *     in order
     * @param labels per origin year, the outcomes of its dates
     * @param persistence per origin year, persistence's scores (the latest value)
     * @param logistic per origin year, the logistic regression's log-odds
     * @param decision the rule applied to them
     */
    record Validation(List<Integer> years, List<boolean[]> labels, List<double[]> persistence,
            List<double[]> logistic, Decision decision) {

        /** The outcomes of every origin, concatenated in origin order. */
        boolean[] pooledLabels() {
            int n = 0;
            for (boolean[] a : labels) {
                n += a.length;
            }
            boolean[] out = new boolean[n];
            int k = 0;
            for (boolean[] a : labels) {
                System.arraycopy(a, 0, out, k, a.length);
                k += a.length;
            }
            return out;
        }

        /** The chosen candidate's scores of every origin, concatenated as {@link #pooledLabels}. */
        double[] pooledScores() {
            List<double[]> parts = decision.complexChosen() ? logistic : persistence;
            int n = 0;
            for (double[] a : parts) {
                n += a.length;
            }
            double[] out = new double[n];
            int k = 0;
            for (double[] a : parts) {
                System.arraycopy(a, 0, out, k, a.length);
                k += a.length;
            }
            return out;
        }
    }

    /**
     * Runs the protocol on a network: for each of the last {@code options.validationYears()}
     * calendar years of training, fits the logistic regression on the dates whose outcome is
     * known before the year starts (every series on the scale of its values before it) and scores
     * the year's dates whose outcome is known by {@code trainUntil}; then applies {@link #decide}.
     * An origin whose training dates lack an exceedance or a non-exceedance, or that has no date
     * to score, is skipped.
     *
     * @param network the series
     * @param covariates covariates shared by the network
     * @param options the forecaster's settings
     * @param trainUntil last date of training
     * @param scaling per-series scaling
     * @param gaps how missing lags are filled
     * @return the scores and the decision
     */
    static Validation validate(List<TimeSeries> network, List<TimeSeries> covariates,
            ExceedanceForecaster.Options options, LocalDate trainUntil,
            NetworkFeatures.Scaling scaling, NetworkFeatures.Gaps gaps) {
        long last = trainUntil.toEpochDay();
        int h = options.horizon();
        boolean net = network.size() > 1;
        int lastYear = trainUntil.getYear();
        List<Integer> years = new ArrayList<>();
        List<boolean[]> labels = new ArrayList<>();
        List<double[]> persistence = new ArrayList<>();
        List<double[]> logistic = new ArrayList<>();
        for (int year = lastYear - options.validationYears() + 1; year <= lastYear; year++) {
            long start = LocalDate.of(year, 1, 1).toEpochDay();
            long end = Math.min(LocalDate.of(year, 12, 31).toEpochDay(), last - h);
            // The origin's features: each series on the scale of its values before the origin.
            NetworkFeatures before = new NetworkFeatures(network, covariates, options.features(), h,
                    options.threshold(), start - 1, last, net, scaling, gaps, Map.of());
            ExceedanceRows rows = ExceedanceRows.of(before, options.threshold(), h, Long.MIN_VALUE,
                    end);
            ExceedanceRows train = rows.select(Long.MIN_VALUE, start - 1 - h);
            ExceedanceRows test = rows.select(start, end);
            if (!train.bothClasses() || test.size() == 0) {
                continue;
            }
            RidgeLogistic m = RidgeLogistic.fit(train.x(), train.y());
            double[] ls = new double[test.size()];
            for (int i = 0; i < ls.length; i++) {
                ls[i] = m.logOdds(test.x()[i]);
            }
            years.add(year);
            labels.add(test.y());
            persistence.add(test.persistence());
            logistic.add(ls);
        }
        return new Validation(List.copyOf(years), List.copyOf(labels), List.copyOf(persistence),
                List.copyOf(logistic), decide(labels, persistence, logistic));
    }

    /**
     * Applies the rule to the out-of-origin scores of two candidates.
     *
     * @param labels per origin, the outcomes of the scored dates
     * @param simpler per origin, the simpler candidate's scores, aligned with {@code labels}
     * @param complex per origin, the more complex candidate's scores
     * @return the decision
     * @throws IllegalArgumentException when the lists or arrays disagree in length
     */
    static Decision decide(List<boolean[]> labels, List<double[]> simpler, List<double[]> complex) {
        Objects.requireNonNull(labels, "labels");
        if (simpler.size() != labels.size() || complex.size() != labels.size()) {
            throw new IllegalArgumentException("one score array per origin is needed, was "
                    + labels.size() + " origins, " + simpler.size() + " and " + complex.size());
        }
        double sumSimple = 0;
        double sumComplex = 0;
        int scored = 0;
        int wins = 0;
        for (int o = 0; o < labels.size(); o++) {
            boolean[] y = labels.get(o);
            if (simpler.get(o).length != y.length || complex.get(o).length != y.length) {
                throw new IllegalArgumentException("origin " + o + ": scores and labels differ in "
                        + "length");
            }
            int pos = 0;
            for (boolean b : y) {
                pos += b ? 1 : 0;
            }
            if (pos == 0 || pos == y.length) {
                continue;
            }
            double a = BinaryMetrics.averagePrecision(y, simpler.get(o));
            double b = BinaryMetrics.averagePrecision(y, complex.get(o));
            sumSimple += a;
            sumComplex += b;
            scored++;
            wins += b > a ? 1 : 0;
        }
        double ms = scored == 0 ? Double.NaN : sumSimple / scored;
        double mc = scored == 0 ? Double.NaN : sumComplex / scored;
        boolean chosen = scored >= MIN_ORIGINS && mc >= MARGIN * ms;
        return new Decision(ms, mc, scored, wins, chosen);
    }
}
