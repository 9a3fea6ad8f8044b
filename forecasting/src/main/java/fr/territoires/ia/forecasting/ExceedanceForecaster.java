package fr.territoires.ia.forecasting;

import fr.territoires.ia.core.TimeSeries;
import fr.territoires.ia.core.metrics.BinaryMetrics;
import fr.territoires.ia.core.trust.Explanation;
import fr.territoires.ia.core.trust.ModelCard;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Forecasts the probability that a daily series exceeds a threshold within the next {@code h}
 * days, {@code P(max(y[d+1 .. d+h]) > T)}, and raises alerts: the entry point of rare-event
 * forecasting.
 *
 * <p>Method. Features come from {@link Features} ({@link FeatureSpec}: lags, rises, rolling
 * means and maxima, calendar, covariates), all by date. Candidates are a logistic regression
 * (Tribuo SGD, log loss), shallow XGBoost classifiers without heavy class weights (depth 2 or
 * 3, a modest weight on positives as one candidate), the persistence rule (today's value) and
 * blends of each model with the persistence score in logit space (weights 0.25, 0.5, 0.75).
 * The last {@code validationYears} years before {@code trainUntil} are cut into
 * {@code folds} consecutive blocks; for each block, every candidate is trained on the dates
 * before it (labels ending before the block) and scores the block, time-ordered only. The
 * candidate with the highest average precision on these out-of-sample scores is chosen, but
 * the persistence rule is kept unless a model beats it by 5 % on the whole validation period,
 * by 5 % in every block, and by 5 % in at least 90 % of 200 moving-block bootstrap resamples
 * of the validation dates (blocks of 30 days, seeded): today's value is often the strongest
 * predictor, the best of many candidates is optimistic on the data that chose it, and a small
 * or one-block gain does not survive a new period. The probability calibration (isotonic with
 * a tie-break by the raw score, or Platt) of a model is fitted on its out-of-sample scores,
 * which are later than the data each score's model was trained on; the persistence rule has no
 * fitted model that could overfit, so its calibration is fitted on every training date, which
 * averages over more years and regimes than the validation years alone. The alert threshold
 * is chosen on the calibrated validation probabilities as the lowest that reaches
 * {@code targetPrecision} with at most {@code maxFalseAlertsPerYear} false alerts per year (the
 * best F1 when none does). The chosen candidate is then refitted on the whole
 * training period. Only dates up to {@code trainUntil} are read: values after it never change
 * the fitted model.
 *
 * <p>Units are those of the series; dates are local dates of the series' zone. Dates whose
 * label is unknown (a missing day in the horizon and no exceedance among the days present) are
 * left out of training and validation.
 *
 * <p>Instances are immutable and safe for concurrent use.
 *
 * @since 0.1.0
 */
public final class ExceedanceForecaster {

    /**
     * Probability calibration method.
     *
     * @since 0.1.0
     */
    public enum Calibration {
        /** Isotonic regression (pool-adjacent-violators) with a tie-break by the raw score. */
        ISOTONIC,
        /** Platt scaling: a logistic curve on the raw score. */
        PLATT
    }

    /**
     * Settings of {@link #fit}.
     *
     * <p>Instances are immutable and safe for concurrent use.
     *
     * @param threshold the level {@code T} to exceed, finite, in the series' unit
     * @param horizon the number of days ahead {@code h}, in {@code [1, 60]}
     * @param validationYears years at the end of the training period used for validation,
     *     in {@code [1, 50]}
     * @param folds consecutive validation blocks (rolling origin), in {@code [1, 10]}
     * @param targetPrecision precision the alert rule must reach on validation, in
     *     {@code (0, 1]}
     * @param maxFalseAlertsPerYear false alerts per year allowed on validation, {@code > 0}
     *     (positive infinity for no limit)
     * @param calibration calibration method
     * @param features features to build
     * @param seed seed of every random choice
     * @since 0.1.0
     */
    public record Options(double threshold, int horizon, int validationYears, int folds,
            double targetPrecision, double maxFalseAlertsPerYear, Calibration calibration,
            FeatureSpec features, long seed) {

        /**
         * Validates the settings.
         *
         * @param threshold threshold
         * @param horizon horizon in days
         * @param validationYears validation years
         * @param folds validation blocks
         * @param targetPrecision target precision
         * @param maxFalseAlertsPerYear maximum false alerts per year
         * @param calibration calibration method
         * @param features feature specification
         * @param seed seed
         * @throws NullPointerException when {@code calibration} or {@code features} is null
         * @throws IllegalArgumentException when a value is out of range
         */
        public Options {
            if (!Double.isFinite(threshold)) {
                throw new IllegalArgumentException("threshold must be finite, was " + threshold);
            }
            if (horizon < 1 || horizon > 60) {
                throw new IllegalArgumentException("horizon must be in [1, 60], was " + horizon);
            }
            if (validationYears < 1 || validationYears > 50) {
                throw new IllegalArgumentException("validationYears must be in [1, 50], was "
                        + validationYears);
            }
            if (folds < 1 || folds > 10) {
                throw new IllegalArgumentException("folds must be in [1, 10], was " + folds);
            }
            if (!(targetPrecision > 0.0 && targetPrecision <= 1.0)) {
                throw new IllegalArgumentException("targetPrecision must be in (0, 1], was "
                        + targetPrecision);
            }
            if (!(maxFalseAlertsPerYear > 0.0)) {
                throw new IllegalArgumentException("maxFalseAlertsPerYear must be > 0, was "
                        + maxFalseAlertsPerYear);
            }
            Objects.requireNonNull(calibration, "calibration");
            Objects.requireNonNull(features, "features");
        }

        /**
         * Returns the default settings for a threshold and a horizon: 10 validation years in 2
         * blocks, target precision 0.4, no limit on false alerts, isotonic calibration,
         * {@link FeatureSpec#defaults()}, seed 42.
         *
         * @param threshold the level to exceed
         * @param horizon days ahead, in {@code [1, 60]}
         * @return the settings
         * @throws IllegalArgumentException when a value is out of range
         */
        public static Options defaults(double threshold, int horizon) {
            return new Options(threshold, horizon, 10, 2, 0.4, Double.POSITIVE_INFINITY,
                    Calibration.ISOTONIC, FeatureSpec.defaults(), 42L);
        }

        /**
         * Returns the number of validation years recommended for a record: half the whole years
         * from the first observed value of {@code series} to {@code trainUntil}, in
         * {@code [1, 10]} (10 for a record of 20 years or more). Rare events need as many
         * validation events as possible, both to choose between candidates and to calibrate;
         * the models of the first validation block are still trained on the other half.
         *
         * <pre>{@code
         * var o = Options.defaults(50, 1)
         *         .withValidationYears(Options.recommendedValidationYears(series, trainUntil));
         * }</pre>
         *
         * @param series the daily series; NaN = missing
         * @param trainUntil last date used for fitting
         * @return validation years, in {@code [1, 10]}
         * @throws NullPointerException when an argument is null
         * @throws IllegalArgumentException when no value is observed before {@code trainUntil}
         */
        public static int recommendedValidationYears(TimeSeries series, LocalDate trainUntil) {
            Objects.requireNonNull(series, "series");
            Objects.requireNonNull(trainUntil, "trainUntil");
            LocalDate first = null;
            for (int i = 0; i < series.size() && first == null; i++) {
                if (!Double.isNaN(series.value(i))) {
                    first = series.localDateTime(i).toLocalDate();
                }
            }
            if (first == null || !first.isBefore(trainUntil)) {
                throw new IllegalArgumentException("series must have an observed value before "
                        + trainUntil + ", was " + (first == null ? "none" : "first on " + first));
            }
            long years = java.time.temporal.ChronoUnit.DAYS.between(first, trainUntil) / 365;
            return (int) Math.max(1, Math.min(10, years / 2));
        }

        /**
         * Returns a copy with another number of validation years.
         *
         * @param years validation years, in {@code [1, 50]}
         * @return the new settings
         * @throws IllegalArgumentException when out of range
         */
        public Options withValidationYears(int years) {
            return new Options(threshold, horizon, years, folds, targetPrecision,
                    maxFalseAlertsPerYear, calibration, features, seed);
        }

        /**
         * Returns a copy with another alert rule.
         *
         * @param precision target precision, in {@code (0, 1]}
         * @param falseAlertsPerYear maximum false alerts per year, {@code > 0}
         * @return the new settings
         * @throws IllegalArgumentException when out of range
         */
        public Options withAlertRule(double precision, double falseAlertsPerYear) {
            return new Options(threshold, horizon, validationYears, folds, precision,
                    falseAlertsPerYear, calibration, features, seed);
        }

        /**
         * Returns a copy with another calibration method.
         *
         * @param method the method
         * @return the new settings
         * @throws NullPointerException when {@code method} is null
         */
        public Options withCalibration(Calibration method) {
            return new Options(threshold, horizon, validationYears, folds, targetPrecision,
                    maxFalseAlertsPerYear, method, features, seed);
        }

        /**
         * Returns a copy with other features.
         *
         * @param spec the features
         * @return the new settings
         * @throws NullPointerException when {@code spec} is null
         */
        public Options withFeatures(FeatureSpec spec) {
            return new Options(threshold, horizon, validationYears, folds, targetPrecision,
                    maxFalseAlertsPerYear, calibration, spec, seed);
        }

        /**
         * Returns a copy with another seed.
         *
         * @param newSeed the seed
         * @return the new settings
         */
        public Options withSeed(long newSeed) {
            return new Options(threshold, horizon, validationYears, folds, targetPrecision,
                    maxFalseAlertsPerYear, calibration, features, newSeed);
        }
    }

    private static final double[] BLEND_WEIGHTS = {0.25, 0.5, 0.75};
    private static final int LOGISTIC_EPOCHS = 5;
    /** A model replaces the persistence rule only when its validation AP is 5 % higher. */
    private static final double PERSISTENCE_MARGIN = 1.05;
    /** Moving-block bootstrap of the validation dates: resamples, block length, share won. */
    private static final int BOOTSTRAP_RESAMPLES = 200;
    private static final int BOOTSTRAP_BLOCK = 30;
    private static final double BOOTSTRAP_SHARE = 0.9;

    /** A model configuration. */
    private record Config(String name, int kind, int depth, int trees, double weight) {
        static final int PERSISTENCE = 0;
        static final int LOGISTIC = 1;
        static final int XGBOOST = 2;
    }

    /** A fitted raw scorer: model (if any) + persistence logit. */
    private record Scorer(Config config, TribuoFits.@org.jspecify.annotations.Nullable Classifier model,
            Calibrator persistence, double blend) {

        double[] score(double[][] x, int lag0) {
            double[] out = new double[x.length];
            double[] p = model == null ? new double[0] : model.predict(x);
            for (int i = 0; i < x.length; i++) {
                double pers = logit(persistence.apply(x[i][lag0]));
                if (model == null) {
                    out[i] = pers;
                } else {
                    double m = logit(p[i]);
                    out[i] = blend * m + (1.0 - blend) * pers;
                }
            }
            return out;
        }

        /**
         * The raw score of one row (before calibration) as a base value plus one contribution
         * per feature: the model's log-odds contributions times the blend weight, and the
         * persistence log-odds, relative to its training mean, credited to today's value.
         */
        Explanation explain(double[] row, List<String> names, int lag0, double reference) {
            int p = names.size();
            double[] c = new double[p + 1];
            double value = 0;
            if (model != null) {
                double[] mc = model.logOddsContributions(row).orElseThrow(() -> new IllegalStateException(
                        "the chosen model has no additive decomposition"));
                for (int j = 0; j <= p; j++) {
                    c[j] = blend * mc[j];
                }
                value = blend * model.logOdds(row);
            }
            double pers = logit(persistence.apply(row[lag0]));
            c[lag0] += (1.0 - blend) * (pers - reference);
            c[p] += (1.0 - blend) * reference;
            value += (1.0 - blend) * pers;
            return Explanation.of(EXPLAINED, EXPLAINED_FR, names, row, c, value);
        }
    }

    private static final String EXPLAINED = "log-odds of exceedance before calibration";
    private static final String EXPLAINED_FR = "log-cote de dépassement avant calibration";

    private final Options options;
    private final Scorer scorer;
    private final Calibrator calibrator;
    private final double alertThreshold;
    private final int lag0;
    private final int covariateCount;
    private final String chosen;
    private final ModelCard card;
    /** Mean persistence log-odds over the training rows: the persistence part's base value. */
    private final double persistenceReference;

    private ExceedanceForecaster(Options options, Scorer scorer, Calibrator calibrator,
            double alertThreshold, int lag0, int covariateCount, String chosen, ModelCard card,
            double persistenceReference) {
        this.persistenceReference = persistenceReference;
        this.options = options;
        this.scorer = scorer;
        this.calibrator = calibrator;
        this.alertThreshold = alertThreshold;
        this.lag0 = lag0;
        this.covariateCount = covariateCount;
        this.chosen = chosen;
        this.card = card;
    }

    static double logit(double p) {
        double q = Math.min(1.0 - 1e-7, Math.max(1e-7, p));
        return Math.log(q / (1.0 - q));
    }

    /** Label of date d: 1, 0, or NaN when unknown. */
    static double label(DailyGrid y, long d, int h, double threshold) {
        boolean missing = false;
        for (int k = 1; k <= h; k++) {
            double v = y.at(d + k);
            if (Double.isNaN(v)) {
                missing = true;
            } else if (v > threshold) {
                return 1.0;
            }
        }
        return missing ? Double.NaN : 0.0;
    }

    /** Rows with known labels. */
    private record Labelled(long[] days, double[][] x, boolean[] y) {

        Labelled select(long fromDay, long toDay) {
            List<Integer> keep = new ArrayList<>();
            for (int i = 0; i < days.length; i++) {
                if (days[i] >= fromDay && days[i] <= toDay) {
                    keep.add(i);
                }
            }
            long[] d = new long[keep.size()];
            double[][] xs = new double[keep.size()][];
            boolean[] ys = new boolean[keep.size()];
            for (int k = 0; k < d.length; k++) {
                int i = keep.get(k);
                d[k] = days[i];
                xs[k] = x[i];
                ys[k] = y[i];
            }
            return new Labelled(d, xs, ys);
        }

        int positives() {
            int n = 0;
            for (boolean b : y) {
                n += b ? 1 : 0;
            }
            return n;
        }
    }

    /**
     * Fits the forecaster on the dates up to {@code trainUntil} (see the class description).
     *
     * @param series the daily series, at most one value per local date; NaN = missing
     * @param covariates other daily series used as features by date (may be empty)
     * @param trainUntil last date whose value may be read; later values are ignored
     * @param options settings
     * @return the fitted forecaster
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when a series has two values on one date or an
     *     infinite value, {@link FeatureSpec#lags()} lacks lag 0, or the training period has
     *     no exceedance or no non-exceedance (when only a validation fold or the validation
     *     years lack one, calibrated persistence is used and the card says why)
     */
    public static ExceedanceForecaster fit(TimeSeries series, List<TimeSeries> covariates,
            LocalDate trainUntil, Options options) {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(covariates, "covariates");
        Objects.requireNonNull(trainUntil, "trainUntil");
        Objects.requireNonNull(options, "options");
        FeatureSpec spec = options.features();
        int lag0 = spec.lags().indexOf(0);
        if (lag0 < 0) {
            throw new IllegalArgumentException("features.lags must contain 0, was "
                    + spec.lags());
        }
        long lastDay = trainUntil.toEpochDay();
        Features.Inputs in = Features.Inputs.of(series, covariates).until(lastDay);
        if (in.series().isEmpty()) {
            throw new IllegalArgumentException("series must have values on or before "
                    + trainUntil + ", was none");
        }
        int h = options.horizon();
        FeatureMatrix fm = Features.build(in, spec, in.series().firstDay(), lastDay - h);
        Labelled all = labelled(in.series(), fm, h, options.threshold());
        List<String> names = fm.names();

        long valStart = trainUntil.minusYears(options.validationYears()).plusDays(1).toEpochDay();
        int folds = options.folds();
        long span = lastDay - h - valStart + 1;
        if (span < folds) {
            throw new IllegalArgumentException("validationYears must leave at least one day per "
                    + "fold, was " + options.validationYears());
        }
        List<Config> configs = List.of(
                new Config("logistic regression (Tribuo SGD, log loss)", Config.LOGISTIC, 0, 0, 1),
                new Config("XGBoost depth 2, 100 trees, unweighted", Config.XGBOOST, 2, 100, 1),
                new Config("XGBoost depth 3, 150 trees, unweighted", Config.XGBOOST, 3, 150, 1),
                new Config("XGBoost depth 2, 100 trees, positives weighted 3", Config.XGBOOST, 2,
                        100, 3));
        int nCand = 1 + configs.size() * (1 + BLEND_WEIGHTS.length);
        List<double[]> oof = new ArrayList<>();
        for (int c = 0; c < nCand; c++) {
            oof.add(new double[0]);
        }
        List<Boolean> oofY = new ArrayList<>();
        long[] oofDays = new long[0];
        int[] foldEnds = new int[folds];
        // Candidates can only be compared when every fold's training data and the validation
        // period hold both classes; otherwise (rare events absent from a period) the forecaster
        // falls back on calibrated persistence and says so in its card, rather than failing.
        Optional<String> notComparable = comparability(all, valStart, span, folds, h);
        for (int f = 0; f < folds && notComparable.isEmpty(); f++) {
            long bStart = valStart + span * f / folds;
            long bEnd = valStart + span * (f + 1) / folds - 1;
            Labelled train = all.select(Long.MIN_VALUE, bStart - 1 - h);
            Labelled block = all.select(bStart, bEnd);
            for (boolean b : block.y()) {
                oofY.add(b);
            }
            oofDays = concat(oofDays, block.days());
            foldEnds[f] = oofDays.length;
            Calibrator pers = persistenceCalibrator(train, lag0);
            int c = 0;
            oof.set(c, concat(oof.get(c), new Scorer(new Config("persistence", 0, 0, 0, 0), null,
                    pers, 0.0).score(block.x(), lag0)));
            c++;
            for (Config cfg : configs) {
                TribuoFits.Classifier model = train(cfg, train, names, options.seed());
                double[] p = model.predict(block.x());
                double[] pb = new double[p.length];
                for (int i = 0; i < p.length; i++) {
                    pb[i] = logit(p[i]);
                }
                oof.set(c, concat(oof.get(c), pb));
                c++;
                for (double w : BLEND_WEIGHTS) {
                    double[] s = new double[p.length];
                    for (int i = 0; i < p.length; i++) {
                        s[i] = w * pb[i] + (1 - w) * logit(pers.apply(block.x()[i][lag0]));
                    }
                    oof.set(c, concat(oof.get(c), s));
                    c++;
                }
            }
        }
        boolean[] vy = notComparable.isPresent() ? all.select(valStart, Long.MAX_VALUE).y()
                : new boolean[oofY.size()];
        for (int i = 0; i < oofY.size(); i++) {
            vy[i] = oofY.get(i);
        }
        int best = 0;
        double bestAp = -1;
        double[] aps = new double[nCand];
        java.util.Arrays.fill(aps, Double.NaN);
        for (int c = 0; c < nCand && notComparable.isEmpty(); c++) {
            aps[c] = BinaryMetrics.averagePrecision(vy, oof.get(c));
            if (aps[c] > bestAp + 1e-12
                    && (c == 0 || beatsInEveryFold(oof.get(c), oof.get(0), vy, foldEnds))) {
                bestAp = aps[c];
                best = c;
            }
        }
        if (!(aps[best] >= PERSISTENCE_MARGIN * aps[0])) {
            best = 0;
        }
        if (best != 0 && !beatsInResamples(oof.get(best), oof.get(0), vy, options.seed())) {
            best = 0;
        }
        Config chosenConfig;
        double blend;
        String chosenName;
        if (best == 0) {
            chosenConfig = new Config("persistence", Config.PERSISTENCE, 0, 0, 0);
            blend = 0.0;
            chosenName = "persistence (today's value, calibrated)";
        } else {
            int k = best - 1;
            chosenConfig = configs.get(k / (1 + BLEND_WEIGHTS.length));
            int b = k % (1 + BLEND_WEIGHTS.length);
            blend = b == 0 ? 1.0 : BLEND_WEIGHTS[b - 1];
            chosenName = b == 0 ? chosenConfig.name()
                    : chosenConfig.name() + " blended with persistence (model weight " + blend
                            + ")";
        }
        // Refit on the whole training period.
        checkClasses(all, "training period");
        Calibrator pers = persistenceCalibrator(all, lag0);
        TribuoFits.Classifier finalModel = chosenConfig.kind() == Config.PERSISTENCE ? null
                : train(chosenConfig, all, names, options.seed());
        Scorer scorer = new Scorer(chosenConfig, finalModel, pers, blend);

        double[] vs;
        Calibrator cal;
        if (best == 0) {
            // The persistence score has no fitted model that could overfit: calibrate it on
            // every training date rather than on the validation years only.
            double[] s = scorer.score(all.x(), lag0);
            cal = options.calibration() == Calibration.ISOTONIC
                    ? Calibrator.isotonic(s, all.y()) : Calibrator.platt(s, all.y());
            vs = scorer.score(all.select(valStart, Long.MAX_VALUE).x(), lag0);
        } else {
            vs = oof.get(best);
            cal = options.calibration() == Calibration.ISOTONIC
                    ? Calibrator.isotonic(vs, vy) : Calibrator.platt(vs, vy);
        }
        double[] vp = cal.apply(vs);
        double years = vy.length / 365.25;
        double threshold = chooseThreshold(vp, vy, years, options);

        double reference = 0;
        for (double[] r : all.x()) {
            reference += logit(pers.apply(r[lag0])) / all.x().length;
        }
        // Global importance: mean absolute contribution to the raw score on the training rows.
        List<Explanation> explained = new ArrayList<>(all.x().length);
        for (double[] r : all.x()) {
            explained.add(scorer.explain(r, names, lag0, reference));
        }
        ModelCard.Builder built = card(series, options, trainUntil, all, chosenName, aps, vy, vs, vp,
                cal, threshold, finalModel, configs, in).toBuilder()
                .featureImportance(Explanation.importance(explained));
        if (notComparable.isPresent()) {
            List<String> caveats = new ArrayList<>(built.build().caveats());
            caveats.add(0, "No candidate model could be validated (" + notComparable.get()
                    + "): calibrated persistence is used; refit when the record holds more events.");
            built.caveats(caveats);
        }
        ModelCard card = built.build();
        return new ExceedanceForecaster(options, scorer, cal, threshold, lag0,
                covariates.size(), chosenName, card, reference);
    }

    /**
     * Why candidates cannot be compared on validation, if so: a fold whose training dates, or a
     * validation period whose dates, lack exceedances or non-exceedances.
     */
    private static Optional<String> comparability(Labelled all, long valStart, long span, int folds,
            int h) {
        for (int f = 0; f < folds; f++) {
            long bStart = valStart + span * f / folds;
            Labelled train = all.select(Long.MIN_VALUE, bStart - 1 - h);
            int pos = train.positives();
            if (pos == 0 || pos == train.y().length) {
                return Optional.of("the training dates before " + LocalDate.ofEpochDay(bStart) + " hold "
                        + pos + " exceedances among " + train.y().length);
            }
        }
        Labelled validation = all.select(valStart, Long.MAX_VALUE);
        int pos = validation.positives();
        if (pos == 0 || pos == validation.y().length) {
            return Optional.of("the validation dates from " + LocalDate.ofEpochDay(valStart) + " hold "
                    + pos + " exceedances among " + validation.y().length);
        }
        return Optional.empty();
    }

    /**
     * Whether a candidate's average precision reaches {@code PERSISTENCE_MARGIN} times that of
     * persistence in every validation block that holds both classes.
     */
    private static boolean beatsInEveryFold(double[] candidate, double[] persistence,
            boolean[] y, int[] foldEnds) {
        int start = 0;
        for (int end : foldEnds) {
            boolean[] fy = java.util.Arrays.copyOfRange(y, start, end);
            int pos = 0;
            for (boolean b : fy) {
                pos += b ? 1 : 0;
            }
            if (pos > 0 && pos < fy.length) {
                double c = BinaryMetrics.averagePrecision(fy,
                        java.util.Arrays.copyOfRange(candidate, start, end));
                double p = BinaryMetrics.averagePrecision(fy,
                        java.util.Arrays.copyOfRange(persistence, start, end));
                if (c < PERSISTENCE_MARGIN * p) {
                    return false;
                }
            }
            start = end;
        }
        return true;
    }

    /**
     * Whether a candidate's average precision reaches {@code PERSISTENCE_MARGIN} times that of
     * persistence in at least {@code BOOTSTRAP_SHARE} of moving-block bootstrap resamples of the
     * validation dates (blocks of {@code BOOTSTRAP_BLOCK} consecutive rows keep the episodes
     * whole). Resamples without both classes are not counted.
     */
    private static boolean beatsInResamples(double[] candidate, double[] persistence,
            boolean[] y, long seed) {
        int n = y.length;
        // The candidate's average precision minus the margin times persistence's, on the
        // resampled dates.
        java.util.function.ToDoubleFunction<int[]> gain = idx -> {
            boolean[] ry = new boolean[idx.length];
            double[] rc = new double[idx.length];
            double[] rp = new double[idx.length];
            int pos = 0;
            for (int k = 0; k < idx.length; k++) {
                ry[k] = y[idx[k]];
                rc[k] = candidate[idx[k]];
                rp[k] = persistence[idx[k]];
                pos += ry[k] ? 1 : 0;
            }
            if (pos == 0 || pos == idx.length) {
                return Double.NaN;
            }
            return BinaryMetrics.averagePrecision(ry, rc)
                    - PERSISTENCE_MARGIN * BinaryMetrics.averagePrecision(ry, rp);
        };
        java.util.OptionalDouble share = fr.territoires.ia.core.trust.Bootstrap.shareAtLeast(n,
                Math.min(BOOTSTRAP_BLOCK, n), gain, 0.0, BOOTSTRAP_RESAMPLES, seed);
        return share.isPresent() && share.getAsDouble() >= BOOTSTRAP_SHARE;
    }

    private static ModelCard card(TimeSeries series, Options options, LocalDate trainUntil,
            Labelled all, String chosenName, double[] aps, boolean[] vy, double[] vs, double[] vp,
            Calibrator cal, double threshold, TribuoFits.@org.jspecify.annotations.Nullable Classifier model,
            List<Config> configs, Features.Inputs in) {
        Map<String, String> opts = new LinkedHashMap<>();
        opts.put("threshold", Double.toString(options.threshold()));
        opts.put("horizon", Integer.toString(options.horizon()));
        opts.put("validationYears", Integer.toString(options.validationYears()));
        opts.put("folds", Integer.toString(options.folds()));
        opts.put("targetPrecision", Double.toString(options.targetPrecision()));
        opts.put("maxFalseAlertsPerYear", Double.toString(options.maxFalseAlertsPerYear()));
        opts.put("calibration", cal.describe());
        opts.put("features", options.features().toString());
        opts.put("chosenModel", chosenName);
        opts.put("alertThreshold", Double.toString(threshold));
        ModelCard.Builder b = ModelCard.builder("ExceedanceForecaster " + series.name())
                .algorithm(chosenName)
                .description("Probability that " + series.name() + " exceeds "
                        + options.threshold() + " within " + options.horizon()
                        + " day(s), calibrated, with an alert rule chosen on validation.")
                .seed(options.seed())
                .options(opts)
                .provenance(model == null ? Map.of() : Provenances.reproducible(model.provenance()))
                .intendedUse(new ModelCard.IntendedUse(
                        "Early warning of threshold exceedances (flood levels, pollution peaks).",
                        List.of("local authorities", "risk managers"),
                        List.of("sole basis for evacuation decisions",
                                "series other than the one it was fitted on")));
        b.addMetric(metric("validation average precision", aps.length == 0 ? 0 : maxOf(aps),
                "out-of-sample average precision of the chosen candidate on the validation years"));
        b.addMetric(metric("validation average precision (persistence)", aps[0],
                "today's value as the score"));
        b.addMetric(metric("validation Brier score", BinaryMetrics.brierScore(vy, vp),
                "in-sample for the calibration (fitted on the same validation scores)"));
        b.addMetric(metric("validation climatology Brier", BinaryMetrics.climatologyBrier(vy),
                "constant base rate"));
        b.addMetric(metric("alert threshold", threshold, "probability at which alerts fire"));
        for (int c = 1; c < aps.length; c += 1 + BLEND_WEIGHTS.length) {
            b.addMetric(metric("validation AP: " + configs.get((c - 1) / (1 + BLEND_WEIGHTS.length))
                    .name(), aps[c], "candidate alone"));
        }
        b.trainingData(new ModelCard.DataSummary(series.name(),
                "up to " + trainUntil + " (labels end by then)", all.days().length,
                Map.of("positives", Integer.toString(all.positives()),
                        "covariates", Integer.toString(in.covariates().size()))));
        b.caveats(List.of("Probabilities are calibrated on the validation years; a change of "
                        + "gauge, regime or climate breaks the calibration.",
                "Dates with a missing value among the required lags are not forecast (reported "
                        + "as skipped)."));
        return b.build();
    }

    private static double maxOf(double[] a) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : a) {
            if (!Double.isNaN(v)) {
                m = Math.max(m, v);
            }
        }
        return m;
    }

    private static ModelCard.Metric metric(String name, double value, String description) {
        return ModelCard.Metric.of(name, Double.isFinite(value) ? value : 0.0,
                Double.isFinite(value) ? description : description + " (undefined, shown as 0)");
    }

    static double chooseThreshold(double[] p, boolean[] y, double years, Options options) {
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < p.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (i, j) -> Double.compare(p[j], p[i]));
        int positives = 0;
        for (boolean b : y) {
            positives += b ? 1 : 0;
        }
        int tp = 0;
        int fp = 0;
        double ruleThreshold = Double.NaN;
        double bestF1 = -1;
        double f1Threshold = 1.0;
        for (int k = 0; k < order.length; k++) {
            int i = order[k];
            if (y[i]) {
                tp++;
            } else {
                fp++;
            }
            if (k + 1 < order.length && p[order[k + 1]] == p[i]) {
                continue;
            }
            double precision = tp / (double) (tp + fp);
            double recall = positives == 0 ? 0 : tp / (double) positives;
            if (tp > 0 && precision >= options.targetPrecision()
                    && fp / Math.max(years, 1e-9) <= options.maxFalseAlertsPerYear()) {
                ruleThreshold = p[i];
            }
            double f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
            if (f1 > bestF1) {
                bestF1 = f1;
                f1Threshold = p[i];
            }
        }
        return Double.isNaN(ruleThreshold) ? f1Threshold : ruleThreshold;
    }

    private static Calibrator persistenceCalibrator(Labelled train, int lag0) {
        double[] s = new double[train.x().length];
        for (int i = 0; i < s.length; i++) {
            s[i] = train.x()[i][lag0];
        }
        return Calibrator.platt(s, train.y());
    }

    private static TribuoFits.Classifier train(Config cfg, Labelled data, List<String> names,
            long seed) {
        if (cfg.kind() == Config.LOGISTIC) {
            return TribuoFits.logistic(data.x(), data.y(), names, LOGISTIC_EPOCHS, seed);
        }
        return TribuoFits.xgboost(data.x(), data.y(), names, cfg.trees(), cfg.depth(),
                cfg.weight(), seed);
    }

    private static void checkClasses(Labelled data, String what) {
        int pos = data.positives();
        if (pos == 0 || pos == data.y().length) {
            throw new IllegalArgumentException(what + " must contain both exceedances and "
                    + "non-exceedances, was " + pos + " exceedances among " + data.y().length
                    + " dates");
        }
    }

    private static Labelled labelled(DailyGrid y, FeatureMatrix fm, int h, double threshold) {
        List<LocalDate> dates = fm.dates();
        double[][] rows = fm.rowsUnsafe();
        List<Integer> keep = new ArrayList<>();
        double[] labels = new double[dates.size()];
        for (int i = 0; i < dates.size(); i++) {
            labels[i] = label(y, dates.get(i).toEpochDay(), h, threshold);
            if (!Double.isNaN(labels[i])) {
                keep.add(i);
            }
        }
        long[] d = new long[keep.size()];
        double[][] x = new double[keep.size()][];
        boolean[] yy = new boolean[keep.size()];
        for (int k = 0; k < d.length; k++) {
            int i = keep.get(k);
            d[k] = dates.get(i).toEpochDay();
            x[k] = rows[i];
            yy[k] = labels[i] > 0.5;
        }
        return new Labelled(d, x, yy);
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static long[] concat(long[] a, long[] b) {
        long[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /**
     * Forecasts every date from {@code from} to the last date of {@code series} whose features
     * exist, in date order; dates whose features cannot be built are listed as skipped.
     *
     * @param series the daily series (the fitted one, possibly extended with newer values)
     * @param covariates covariate series, as many as at fitting time, in the same order
     * @param from first issue date
     * @return the probabilities, alerts and skipped dates; no rows when {@code from} is after
     *     the last date of the series
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when the number of covariates differs from fitting
     *     time, or a series has two values on one date or an infinite value
     */
    public ExceedanceForecast forecast(TimeSeries series, List<TimeSeries> covariates,
            LocalDate from) {
        Optional<FeatureMatrix> built = Features.forForecast(series, covariates, covariateCount,
                options.features(), from);
        if (built.isEmpty()) {
            return new ExceedanceForecast(List.of(), List.of(), alertThreshold);
        }
        FeatureMatrix fm = built.get();
        double[] raw = scorer.score(fm.rowsUnsafe(), lag0);
        List<ExceedanceForecast.Row> rows = new ArrayList<>(raw.length);
        for (int i = 0; i < raw.length; i++) {
            double p = calibrator.apply(raw[i]);
            rows.add(new ExceedanceForecast.Row(fm.dates().get(i), p, p >= alertThreshold));
        }
        return new ExceedanceForecast(rows, fm.skipped(), alertThreshold);
    }

    /**
     * Explains the forecasts from {@code from} on, one explanation per row of
     * {@link #forecast(TimeSeries, List, LocalDate)} with the same arguments, in the same order.
     *
     * <p>The explained value is the raw score before calibration, in log-odds: the chosen
     * model's log-odds of exceedance (Saabas contributions for gradient-boosted trees, see
     * {@link Explanation}) times its blend weight, plus the persistence rule's log-odds times one
     * minus the weight, credited to today's value relative to its training mean. The calibrated
     * probability is an increasing function of this score, so a positive contribution raises
     * the probability. Feature names are those of {@link FeatureSpec}; {@link
     * FeatureSpec#label(String, boolean)} gives readable names. The same figures, averaged in
     * absolute value over the training rows, are the card's feature importance.
     *
     * @param series the daily series (the fitted one, possibly extended with newer values)
     * @param covariates covariate series, as many as at fitting time, in the same order
     * @param from first issue date
     * @return one explanation per forecast row; empty when there is none
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException as {@link #forecast(TimeSeries, List, LocalDate)}
     * @throws IllegalStateException when the chosen model has no additive decomposition
     */
    public List<Explanation> explain(TimeSeries series, List<TimeSeries> covariates, LocalDate from) {
        Optional<FeatureMatrix> fm = Features.forForecast(series, covariates, covariateCount,
                options.features(), from);
        if (fm.isEmpty()) {
            return List.of();
        }
        double[][] rows = fm.get().rowsUnsafe();
        List<Explanation> out = new ArrayList<>(rows.length);
        for (double[] r : rows) {
            out.add(scorer.explain(r, fm.get().names(), lag0, persistenceReference));
        }
        return List.copyOf(out);
    }

    /**
     * Returns the model card: chosen model, options, validation metrics of every candidate,
     * training data and caveats.
     *
     * @return the card
     */
    public ModelCard card() {
        return card;
    }

    /**
     * Returns the name of the candidate chosen on validation.
     *
     * @return a readable name such as {@code "logistic regression (Tribuo SGD, log loss)"}
     */
    public String chosenModel() {
        return chosen;
    }

    /**
     * Returns the alert threshold chosen on validation.
     *
     * @return the probability at or above which an alert is raised, in {@code [0, 1]}
     */
    public double alertThreshold() {
        return alertThreshold;
    }

    /**
     * Returns the settings this forecaster was fitted with.
     *
     * @return the options
     */
    public Options options() {
        return options;
    }
}
