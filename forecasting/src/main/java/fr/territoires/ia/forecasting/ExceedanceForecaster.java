package fr.territoires.ia.forecasting;

import fr.territoires.ia.core.TimeSeries;
import fr.territoires.ia.core.trust.Explanation;
import fr.territoires.ia.core.trust.ModelCard;
import fr.territoires.ia.core.trust.ModelFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Forecasts the probability that a daily series exceeds a threshold within the next {@code h}
 * days, {@code P(max(y[d+1 .. d+h]) > T)}, and raises alerts: the entry point of rare-event
 * forecasting, for one series ({@link #fit}) or a network of series with one model
 * ({@link #fitNetwork}: the stations of an air-quality network, the gauges of a basin).
 *
 * <p>Method. Features come from {@link NetworkFeatures}: each series on its own scale (its
 * training mean and standard deviation), the latest value known within the horizon and its age,
 * lags, rises, windows, calendar, the threshold on the series' scale and, for a network, the
 * network's median level and rise of the day. Missing readings leave features missing; the
 * logistic regression imputes them and learns from a missing indicator ({@link RidgeLogistic}),
 * so a date is forecast whenever a value is known within the last {@code h} days; only dates
 * with nothing that recent are skipped. Two candidates, persistence (the latest value) and the
 * logistic regression, are compared by rolling-origin validation over yearly origins (each
 * origin scales the series on their values before it, as the deployed model on its training
 * period), and the
 * logistic regression replaces persistence only when its mean average precision over the
 * origins is clearly higher: the protocol, fixed before measuring, is in {@link RollingOrigin}. The chosen candidate's
 * out-of-origin scores, pooled over origins and series, fit one probability calibration
 * (isotonic with a tie-break by the raw score, or Platt), so that probabilities rank across the
 * series of a network, and the alert threshold: the lowest probability that reaches
 * {@code targetPrecision} with at most {@code maxFalseAlertsPerYear} false alerts per year (the
 * best F1 when none does). The candidate is then refitted on the whole training period. Only
 * dates up to {@code trainUntil} are read when fitting: values after it never change the model.
 *
 * <p>Units are those of the series (all series of a network in one unit, the threshold in it);
 * dates are local dates of the series' zone. Dates whose label is unknown (a missing day in the
 * horizon and no exceedance among the days present) are left out of training and validation.
 *
 * <p>Instances are immutable and safe for concurrent use.
 *
 * @since 0.1.0
 */
public final class ExceedanceForecaster {

    /** Model-file kind of a saved exceedance forecaster ({@link #toModelFile()}). */
    public static final String KIND = ExceedanceModelCodec.KIND;

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
     * Settings of {@link #fit} and {@link #fitNetwork}.
     *
     * <p>Instances are immutable and safe for concurrent use.
     *
     * @param threshold the level {@code T} to exceed, finite, in the series' unit
     * @param horizon the number of days ahead {@code h}, in {@code [1, 60]}
     * @param validationYears yearly origins of the rolling-origin validation: the last
     *     {@code validationYears} calendar years of the training period, in {@code [1, 50]}
     * @param targetPrecision precision the alert rule must reach on validation, in
     *     {@code (0, 1]}
     * @param maxFalseAlertsPerYear false alerts per year and series allowed on validation,
     *     {@code > 0} (positive infinity for no limit)
     * @param calibration calibration method
     * @param features features to build (must contain lag 0)
     * @since 0.1.0
     */
    public record Options(double threshold, int horizon, int validationYears,
            double targetPrecision, double maxFalseAlertsPerYear, Calibration calibration,
            FeatureSpec features) {

        /**
         * Validates the settings.
         *
         * @param threshold threshold
         * @param horizon horizon in days
         * @param validationYears validation years (yearly origins)
         * @param targetPrecision target precision
         * @param maxFalseAlertsPerYear maximum false alerts per year
         * @param calibration calibration method
         * @param features feature specification
         * @throws NullPointerException when {@code calibration} or {@code features} is null
         * @throws IllegalArgumentException when a value is out of range or lag 0 is missing
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
            if (!features.lags().contains(0)) {
                throw new IllegalArgumentException("features.lags must contain 0, was "
                        + features.lags());
            }
        }

        /**
         * Returns the default settings for a threshold and a horizon: 10 yearly origins, target
         * precision 0.4, no limit on false alerts, isotonic calibration,
         * {@link FeatureSpec#defaults()}.
         *
         * @param threshold the level to exceed
         * @param horizon days ahead, in {@code [1, 60]}
         * @return the settings
         * @throws IllegalArgumentException when a value is out of range
         */
        public static Options defaults(double threshold, int horizon) {
            return new Options(threshold, horizon, 10, 0.4, Double.POSITIVE_INFINITY,
                    Calibration.ISOTONIC, FeatureSpec.defaults());
        }

        /**
         * Returns the number of yearly origins recommended for a record: half the whole years
         * from the first observed value of {@code series} to {@code trainUntil}, in
         * {@code [1, 10]} (10 for a record of 20 years or more), so that the earliest origin's
         * models are still trained on half the record.
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
            return recommendedValidationYears(List.of(series), trainUntil);
        }

        /**
         * Returns the number of yearly origins recommended for a network: as
         * {@link #recommendedValidationYears(TimeSeries, LocalDate)} from the earliest observed
         * value of any series.
         *
         * @param network the daily series; NaN = missing
         * @param trainUntil last date used for fitting
         * @return validation years, in {@code [1, 10]}
         * @throws NullPointerException when an argument is null
         * @throws IllegalArgumentException when no value is observed before {@code trainUntil}
         */
        public static int recommendedValidationYears(List<TimeSeries> network,
                LocalDate trainUntil) {
            Objects.requireNonNull(network, "network");
            Objects.requireNonNull(trainUntil, "trainUntil");
            LocalDate first = null;
            for (TimeSeries series : network) {
                for (int i = 0; i < series.size(); i++) {
                    if (!Double.isNaN(series.value(i))) {
                        LocalDate d = series.localDateTime(i).toLocalDate();
                        first = first == null || d.isBefore(first) ? d : first;
                        break;
                    }
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
         * Returns a copy with another number of yearly origins.
         *
         * @param years validation years, in {@code [1, 50]}
         * @return the new settings
         * @throws IllegalArgumentException when out of range
         */
        public Options withValidationYears(int years) {
            return new Options(threshold, horizon, years, targetPrecision, maxFalseAlertsPerYear,
                    calibration, features);
        }

        /**
         * Returns a copy with another alert rule.
         *
         * @param precision target precision, in {@code (0, 1]}
         * @param falseAlertsPerYear maximum false alerts per year and series, {@code > 0}
         * @return the new settings
         * @throws IllegalArgumentException when out of range
         */
        public Options withAlertRule(double precision, double falseAlertsPerYear) {
            return new Options(threshold, horizon, validationYears, precision, falseAlertsPerYear,
                    calibration, features);
        }

        /**
         * Returns a copy with another calibration method.
         *
         * @param method the method
         * @return the new settings
         * @throws NullPointerException when {@code method} is null
         */
        public Options withCalibration(Calibration method) {
            return new Options(threshold, horizon, validationYears, targetPrecision,
                    maxFalseAlertsPerYear, method, features);
        }

        /**
         * Returns a copy with other features.
         *
         * @param spec the features (must contain lag 0)
         * @return the new settings
         * @throws NullPointerException when {@code spec} is null
         * @throws IllegalArgumentException when lag 0 is missing
         */
        public Options withFeatures(FeatureSpec spec) {
            return new Options(threshold, horizon, validationYears, targetPrecision,
                    maxFalseAlertsPerYear, calibration, spec);
        }
    }

    // Package-private, never written after construction: ExceedanceModelCodec reads them.
    final Options options;
    final @Nullable RidgeLogistic model;
    final Calibrator calibrator;
    final double alertThreshold;
    final int covariateCount;
    final boolean networkFeatures;
    final long trainUntil;
    final String chosen;
    final ModelCard card;
    final RollingOrigin.Decision decision;
    /** Mean calibrated log-odds of persistence over the training rows (its explanation's base). */
    final double persistenceReference;
    final NetworkFeatures.Scaling scaling;
    final NetworkFeatures.Gaps gaps;
    /** Scales of the fitted series, by name (never exposed; arrays never written). */
    final Map<String, double[]> scales;

    /** Assembles a forecaster; also used by {@link ExceedanceModelCodec} to read one back. */
    ExceedanceForecaster(Options options, @Nullable RidgeLogistic model,
            Calibrator calibrator, double alertThreshold, int covariateCount,
            boolean networkFeatures, long trainUntil, String chosen, ModelCard card,
            RollingOrigin.Decision decision, double persistenceReference,
            NetworkFeatures.Scaling scaling, NetworkFeatures.Gaps gaps,
            Map<String, double[]> scales) {
        this.scales = scales;
        this.scaling = scaling;
        this.gaps = gaps;
        this.options = options;
        this.model = model;
        this.calibrator = calibrator;
        this.alertThreshold = alertThreshold;
        this.covariateCount = covariateCount;
        this.networkFeatures = networkFeatures;
        this.trainUntil = trainUntil;
        this.chosen = chosen;
        this.card = card;
        this.decision = decision;
        this.persistenceReference = persistenceReference;
    }

    static double logit(double p) {
        double q = Math.min(1.0 - 1e-7, Math.max(1e-7, p));
        return Math.log(q / (1.0 - q));
    }

    /** Names of the two candidates, as the card and {@link #chosenModel()} give them. */
    static final String PERSISTENCE = "persistence (latest value, calibrated)";
    static final String LOGISTIC = "logistic regression (L2, C = 1)";

    /**
     * Fits the forecaster on one series, on the dates up to {@code trainUntil} (see the class
     * description); the same as {@link #fitNetwork} with a network of one.
     *
     * @param series the daily series, at most one value per local date; NaN = missing
     * @param covariates other daily series used as features by date (may be empty)
     * @param trainUntil last date whose value may be read; later values are ignored
     * @param options settings
     * @return the fitted forecaster
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when a series has two values on one date or an
     *     infinite value, or the training period has no exceedance or no non-exceedance
     */
    public static ExceedanceForecaster fit(TimeSeries series, List<TimeSeries> covariates,
            LocalDate trainUntil, Options options) {
        Objects.requireNonNull(series, "series");
        return fitNetwork(List.of(series), covariates, trainUntil, options);
    }

    /**
     * Fits one forecaster on a network of series, on the dates up to {@code trainUntil}: one
     * model, one calibration and one alert threshold shared by every series, each series on its
     * own scale (see the class description). A series with a short record borrows strength from
     * the others.
     *
     * <pre>{@code
     * ExceedanceForecaster f = ExceedanceForecaster.fitNetwork(stations, List.of(),
     *         LocalDate.of(2006, 12, 31), ExceedanceForecaster.Options.defaults(50, 1));
     * Map<String, ExceedanceForecast> tomorrow = f.forecastNetwork(stations, List.of(),
     *         LocalDate.of(2007, 1, 1));
     * }</pre>
     *
     * @param network the daily series (at least one), distinct names, in one unit; NaN = missing
     * @param covariates other daily series shared by the network (may be empty)
     * @param trainUntil last date whose value may be read; later values are ignored
     * @param options settings
     * @return the fitted forecaster
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when the network is empty, two series share a name, a
     *     series has two values on one date or an infinite value, or the training period has
     *     no exceedance or no non-exceedance
     */
    public static ExceedanceForecaster fitNetwork(List<TimeSeries> network,
            List<TimeSeries> covariates, LocalDate trainUntil, Options options) {
        return fitNetwork(network, covariates, trainUntil, options, SCALING, GAPS);
    }

    /** The per-series scaling, chosen by the design study described in the README. */
    static final NetworkFeatures.Scaling SCALING = NetworkFeatures.Scaling.MEAN_SD;
    /** How missing lags are filled, chosen by the design study described in the README. */
    static final NetworkFeatures.Gaps GAPS = NetworkFeatures.Gaps.NEAREST;

    static ExceedanceForecaster fitNetwork(List<TimeSeries> network, List<TimeSeries> covariates,
            LocalDate trainUntil, Options options, NetworkFeatures.Scaling scaling,
            NetworkFeatures.Gaps gaps) {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(covariates, "covariates");
        Objects.requireNonNull(trainUntil, "trainUntil");
        Objects.requireNonNull(options, "options");
        long last = trainUntil.toEpochDay();
        int h = options.horizon();
        boolean net = network.size() > 1;
        NetworkFeatures nf = new NetworkFeatures(network, covariates, options.features(), h,
                options.threshold(), last, last, net, scaling, gaps, Map.of());
        ExceedanceRows all = ExceedanceRows.of(nf, options.threshold(), h, Long.MIN_VALUE,
                last - h);
        if (all.size() == 0) {
            throw new IllegalArgumentException("series must have values on or before " + trainUntil
                    + " with a known outcome " + h + " day(s) later, was none");
        }
        if (!all.bothClasses()) {
            throw new IllegalArgumentException("training period must contain both exceedances and "
                    + "non-exceedances, was " + all.positives() + " exceedances among "
                    + all.size() + " dates");
        }
        RollingOrigin.Validation validation = RollingOrigin.validate(network, covariates, options,
                trainUntil, scaling, gaps);
        RollingOrigin.Decision decision = validation.decision();
        boolean logistic = decision.complexChosen();
        boolean[] vy = validation.pooledLabels();
        double[] vs = validation.pooledScores();
        RidgeLogistic finalModel = logistic ? RidgeLogistic.fit(all.x(), all.y()) : null;
        Calibrator cal;
        if (logistic) {
            cal = calibrate(options, vs, vy);
        } else {
            // Persistence has no fitted part that could overfit: calibrate it on every
            // training date, which averages over more years and regimes than the origins.
            cal = calibrate(options, all.persistence(), all.y());
        }
        boolean[] ty = vy;
        double[] tp;
        if (vy.length == 0 || !ExceedanceRows.bothClasses(vy)) {
            // No scored origin: the alert rule is chosen on the training dates themselves.
            ty = all.y();
            tp = cal.apply(all.persistence());
        } else {
            tp = cal.apply(vs);
        }
        double years = ty.length / 365.25 / Math.max(1, nf.seriesCount());
        double threshold = AlertThreshold.choose(tp, ty, years, options.targetPrecision(),
                options.maxFalseAlertsPerYear());
        double reference = 0;
        for (double p : all.persistence()) {
            reference += logit(cal.apply(p)) / all.persistence().length;
        }
        String chosenName = logistic ? LOGISTIC : PERSISTENCE;
        List<Explanation> explained = new ArrayList<>(all.x().length);
        for (int i = 0; i < all.x().length; i++) {
            explained.add(explainRow(finalModel, cal, reference, all.series()[i], all.x()[i],
                    all.persistence()[i], nf));
        }
        ModelCard card = ExceedanceCards.card(network, options, trainUntil, chosenName, decision,
                validation.years(), vy, tp, cal.describe(), threshold, all.size(),
                all.positives(), covariates.size(), net)
                .toBuilder().featureImportance(Explanation.importance(explained)).build();
        return new ExceedanceForecaster(options, finalModel, cal, threshold, covariates.size(),
                net, last, chosenName, card, decision, reference, scaling, gaps, nf.scales());
    }

    private static Calibrator calibrate(Options options, double[] s, boolean[] y) {
        return options.calibration() == Calibration.ISOTONIC ? Calibrator.isotonic(s, y)
                : Calibrator.platt(s, y);
    }

    /** The raw score of a row: the model's log-odds, or the latest value for persistence. */
    private double raw(double[] row, double latest) {
        return model == null ? latest : model.logOdds(row);
    }

    private Explanation explainRow(int series, double[] row, double latest, NetworkFeatures nf) {
        return explainRow(model, calibrator, persistenceReference, series, row, latest, nf);
    }

    /**
     * Explains one row: the logistic model's contributions, or for persistence the calibrated
     * latest value against the training dates' mean log-odds (what {@link #fitNetwork} uses for the
     * card's feature importance before the forecaster exists).
     */
    private static Explanation explainRow(@Nullable RidgeLogistic model, Calibrator calibrator,
            double persistenceReference, int series, double[] row, double latest, NetworkFeatures nf) {
        List<String> names = nf.names();
        double[] shown = nf.inUnit(series, row);
        if (model != null) {
            return Explanation.of("log-odds of exceedance before calibration",
                    "log-cote de dépassement avant calibration", names, shown,
                    model.contributions(row), model.logOdds(row));
        }
        double[] c = new double[names.size() + 1];
        double value = logit(calibrator.apply(latest));
        c[nf.lag0Index()] = value - persistenceReference;
        c[names.size()] = persistenceReference;
        return Explanation.of("log-odds of exceedance, calibrated persistence",
                "log-cote de dépassement, persistance calibrée", names, shown, c, value);
    }

    /**
     * Forecasts every date from {@code from} to the last date of {@code series}, in date order;
     * a date is forecast when a value is known within the last {@code horizon} days, other
     * dates are listed as skipped. For a forecaster fitted on a network, pass the whole network
     * to {@link #forecastNetwork} instead: the network features come from the series given.
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
        Objects.requireNonNull(series, "series");
        return forecastNetwork(List.of(series), covariates, from).get(series.name());
    }

    /**
     * Forecasts every series of a network from {@code from} to each series' last date (see
     * {@link #forecast}), with the fitted model, calibration and alert threshold. The series
     * may be others than those fitted (stations never seen): a fitted series keeps the scale of
     * its training values (so a feed of its last weeks gives the same probabilities as its whole
     * record), a series never seen is scaled by its own values up to the end of training (its
     * first 30 values when it has fewer by then).
     *
     * @param network the daily series, distinct names, in the unit of fitting
     * @param covariates covariate series, as many as at fitting time, in the same order
     * @param from first issue date
     * @return one forecast per series, by name, in the order given
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when the network is empty, two series share a name, the
     *     number of covariates differs from fitting time, or a series has two values on one
     *     date or an infinite value
     */
    public Map<String, ExceedanceForecast> forecastNetwork(List<TimeSeries> network,
            List<TimeSeries> covariates, LocalDate from) {
        NetworkFeatures nf = features(network, covariates, from);
        NetworkFeatures.State state = nf.state(from.toEpochDay(), nf.lastDay());
        Map<String, ExceedanceForecast> out = new LinkedHashMap<>();
        double[] buf = new double[nf.names().size()];
        for (int s = 0; s < nf.seriesCount(); s++) {
            DailyGrid g = nf.grid(s);
            List<ExceedanceForecast.Row> rows = new ArrayList<>();
            List<LocalDate> skipped = new ArrayList<>();
            for (long d = from.toEpochDay(); !g.isEmpty() && d <= g.lastDay(); d++) {
                if (nf.row(s, d, state, buf)) {
                    double p = calibrator.apply(raw(buf, nf.latest(s, d)));
                    rows.add(new ExceedanceForecast.Row(LocalDate.ofEpochDay(d), p,
                            p >= alertThreshold));
                } else {
                    skipped.add(LocalDate.ofEpochDay(d));
                }
            }
            out.put(nf.seriesName(s), new ExceedanceForecast(rows, skipped, alertThreshold));
        }
        return out;
    }

    private NetworkFeatures features(List<TimeSeries> network, List<TimeSeries> covariates,
            LocalDate from) {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(covariates, "covariates");
        Objects.requireNonNull(from, "from");
        if (covariates.size() != covariateCount) {
            throw new IllegalArgumentException("covariates must number " + covariateCount
                    + " as at fitting time, was " + covariates.size());
        }
        return new NetworkFeatures(network, covariates, options.features(), options.horizon(),
                options.threshold(), trainUntil, Long.MAX_VALUE, networkFeatures, scaling, gaps,
                scales);
    }

    /**
     * Explains the forecasts from {@code from} on, one explanation per row of
     * {@link #forecast(TimeSeries, List, LocalDate)} with the same arguments, in the same order.
     *
     * <p>For the logistic regression, the explained value is its log-odds before calibration,
     * one contribution per feature (its standardised value times its weight, plus its missing
     * indicator's part) and the intercept as base value; the calibrated probability is an
     * increasing function of it, so a positive contribution raises the probability. For
     * persistence, the calibrated log-odds, credited to today's value ({@code lag0}) relative
     * to its training mean. Feature names are those of {@link NetworkFeatures} (values on the
     * series' own scale); {@link FeatureSpec#label(String, boolean)} gives readable names. The
     * same figures, averaged in absolute value over the training rows, are the card's feature
     * importance.
     *
     * @param series the daily series (the fitted one, possibly extended with newer values)
     * @param covariates covariate series, as many as at fitting time, in the same order
     * @param from first issue date
     * @return one explanation per forecast row; empty when there is none
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException as {@link #forecast(TimeSeries, List, LocalDate)}
     */
    public List<Explanation> explain(TimeSeries series, List<TimeSeries> covariates, LocalDate from) {
        Objects.requireNonNull(series, "series");
        return explainNetwork(List.of(series), covariates, from).get(series.name());
    }

    /**
     * Explains the forecasts of a network, one list per series aligned with the rows of
     * {@link #forecastNetwork} with the same arguments (see
     * {@link #explain(TimeSeries, List, LocalDate)}).
     *
     * @param network the daily series, distinct names
     * @param covariates covariate series, as many as at fitting time, in the same order
     * @param from first issue date
     * @return one list of explanations per series, by name, in the order given
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException as {@link #forecastNetwork}
     */
    public Map<String, List<Explanation>> explainNetwork(List<TimeSeries> network,
            List<TimeSeries> covariates, LocalDate from) {
        NetworkFeatures nf = features(network, covariates, from);
        NetworkFeatures.State state = nf.state(from.toEpochDay(), nf.lastDay());
        Map<String, List<Explanation>> out = new LinkedHashMap<>();
        double[] buf = new double[nf.names().size()];
        for (int s = 0; s < nf.seriesCount(); s++) {
            DailyGrid g = nf.grid(s);
            List<Explanation> list = new ArrayList<>();
            for (long d = from.toEpochDay(); !g.isEmpty() && d <= g.lastDay(); d++) {
                if (nf.row(s, d, state, buf)) {
                    list.add(explainRow(s, buf.clone(), nf.latest(s, d), nf));
                }
            }
            out.put(nf.seriesName(s), List.copyOf(list));
        }
        return out;
    }

    /**
     * Returns the model card: chosen candidate, options, the rolling-origin figures of both
     * candidates, training data and caveats.
     *
     * @return the card
     */
    public ModelCard card() {
        return card;
    }

    /**
     * Returns the name of the candidate chosen by the rolling-origin protocol.
     *
     * @return {@code "persistence (latest value, calibrated)"} or
     *     {@code "logistic regression (L2, C = 1)"}
     */
    public String chosenModel() {
        return chosen;
    }

    /**
     * Returns the mean average precision over the scored yearly origins of persistence and of
     * the logistic regression, and the number of origins scored and won by the latter.
     *
     * @return {@code {persistence, logistic, scored origins, logistic wins}}; the means are NaN
     *     when no origin could be scored
     */
    public double[] validation() {
        return new double[] {decision.simpler(), decision.complex(), decision.scored(),
            decision.wins()};
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

    /**
     * Returns the number of covariate series {@link #forecastNetwork} expects, as at fitting.
     *
     * @return the covariate count, &ge; 0
     */
    public int covariateCount() {
        return covariateCount;
    }

    /**
     * Returns the number of days before an issue date that its forecast reads: the forecast of
     * date {@code d} depends on the values of every series (and covariate) on days
     * {@code d - lookBackDays() .. d} only, for the series whose scale was fixed at fitting
     * ({@link #fittedSeries()}). It is the largest of {@code horizon - 1} (the latest value
     * within the horizon), the lags, the rises, each window length minus one, 1 for a network
     * (yesterday's network rise) and the covariate lags when there are covariates. A time span
     * can thus be forecast in blocks, each given the values of its own dates and of the
     * {@code lookBackDays()} days before its start.
     *
     * @return the look-back in days, &ge; 0
     */
    public int lookBackDays() {
        int l = Math.max(options.horizon() - 1, options.features().maxLookBack());
        if (networkFeatures) {
            l = Math.max(l, 1);
        }
        if (covariateCount > 0) {
            for (int k : options.features().covariateLags()) {
                l = Math.max(l, k);
            }
        }
        return l;
    }

    /**
     * Returns the names of the series whose scale was fixed at fitting (the fitted series with
     * at least 30 values by the end of training). Any other series given to
     * {@link #forecastNetwork} is scaled from its own first values, so its forecasts depend on
     * how far back its record starts.
     *
     * @return the names, in fitting order; unmodifiable
     */
    public java.util.Set<String> fittedSeries() {
        return java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(scales.keySet()));
    }

    /**
     * Returns this forecaster as a {@link ModelFile} of kind {@value #KIND}: its card and a JSON
     * payload holding everything a forecast needs (options, per-series scales, the logistic
     * regression or persistence, the calibration, the alert threshold, the validation figures;
     * layout version 1, documented in the project's source, {@code ExceedanceModelCodec}). Saving
     * and reading back follow the contract of saved model kinds documented in {@link ModelFile}:
     * a forecaster read back forecasts bit for bit as this one.
     *
     * <pre>{@code
     * forecaster.save(Path.of("pm10-network.tiamodel"));
     * ExceedanceForecaster again = ExceedanceForecaster.load(Path.of("pm10-network.tiamodel"));
     * }</pre>
     *
     * @return the model file
     */
    public ModelFile toModelFile() {
        return ExceedanceModelCodec.write(this);
    }

    /**
     * Reads back a forecaster from a {@link ModelFile} written by {@link #toModelFile()}, as the
     * contract in {@link ModelFile} says.
     *
     * @param file a model file of kind {@value #KIND}
     * @return the forecaster, forecasting as the one written, with its card
     * @throws NullPointerException when {@code file} is null
     * @throws IllegalArgumentException when the file is not of this kind and layout (arrays of
     *     disagreeing lengths, among others); the message names the field
     */
    public static ExceedanceForecaster fromModelFile(ModelFile file) {
        return ExceedanceModelCodec.read(file);
    }

    /**
     * Saves this forecaster as a model file ({@link #toModelFile()}), atomically, as the contract
     * in {@link ModelFile} says.
     *
     * @param path file to create or replace; its folder must exist
     * @throws NullPointerException when {@code path} is null
     * @throws IOException when writing fails; the target is then unchanged
     */
    public void save(Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        toModelFile().save(path);
    }

    /**
     * Loads a forecaster saved by {@link #save(Path)}, as the contract in {@link ModelFile} says.
     *
     * @param path model file
     * @return the forecaster
     * @throws NullPointerException when {@code path} is null
     * @throws IOException when reading fails
     * @throws IllegalArgumentException when the file is not a valid model file of kind
     *     {@value #KIND}; the message starts with the file name
     */
    public static ExceedanceForecaster load(Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        return ModelFile.load(path, KIND, ExceedanceForecaster::fromModelFile);
    }
}
