package fr.territoires.ia.forecasting;

import fr.territoires.ia.core.TimeSeries;
import fr.territoires.ia.core.trust.ModelCard;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Forecasts the level of a daily series 1 to {@code H} days ahead with prediction intervals:
 * the entry point of regular forecasting.
 *
 * <p>Method. Direct multi-horizon: one Tribuo SGD linear model (Huber loss, standardised
 * inputs) per horizon {@code h}, predicting the change {@code y(d+h) - y(d)} from the
 * {@link Features} of day {@code d}. Intervals come from normalised split-conformal
 * calibration (Papadopoulos, Proedrou, Vovk and Gammerman, "Inductive confidence machines for
 * regression", ECML 2002; Lei, G'Sell, Rinaldo, Tibshirani and Wasserman, "Distribution-free
 * predictive inference for regression", JASA 2018): a second linear model predicts the size of
 * the error {@code |residual|} (from the features and the absolute rises); on the last
 * {@code validationYears} years (a backtest: models fitted on the earlier years only), the
 * quantile {@code q} of {@code |residual| / predicted size} at level
 * {@code ceil((n+1) coverage) / n} is taken, and the interval is
 * {@code forecast +- q * predicted size}. Plain split-conformal intervals (a constant width)
 * under-cover high-flow days; scaling by the predicted error size fixes it. Both models are
 * then refitted on the whole training period. Only dates up to {@code trainUntil} are read.
 *
 * <p>Units are those of the series. Issue dates whose features cannot be built are skipped
 * and reported.
 *
 * <p>Instances are immutable and safe for concurrent use.
 *
 * @since 0.1.0
 */
public final class LevelForecaster {

    /**
     * Settings of {@link #fit}.
     *
     * <p>Instances are immutable and safe for concurrent use.
     *
     * @param maxHorizon largest horizon {@code H} in days, in {@code [1, 60]}
     * @param coverage nominal coverage of the intervals, in {@code (0, 1)}
     * @param validationYears years at the end of the training period used for the conformal
     *     calibration, in {@code [1, 50]}
     * @param epochs SGD passes over the training data, in {@code [1, 100]}
     * @param features features to build (must contain lag 0)
     * @param seed seed of every random choice
     * @since 0.1.0
     */
    public record Options(int maxHorizon, double coverage, int validationYears, int epochs,
            FeatureSpec features, long seed) {

        /**
         * Validates the settings.
         *
         * @param maxHorizon largest horizon
         * @param coverage nominal coverage
         * @param validationYears calibration years
         * @param epochs SGD epochs
         * @param features feature specification
         * @param seed seed
         * @throws NullPointerException when {@code features} is null
         * @throws IllegalArgumentException when a value is out of range or lag 0 is missing
         */
        public Options {
            if (maxHorizon < 1 || maxHorizon > 60) {
                throw new IllegalArgumentException("maxHorizon must be in [1, 60], was "
                        + maxHorizon);
            }
            if (!(coverage > 0.0 && coverage < 1.0)) {
                throw new IllegalArgumentException("coverage must be in (0, 1), was " + coverage);
            }
            if (validationYears < 1 || validationYears > 50) {
                throw new IllegalArgumentException("validationYears must be in [1, 50], was "
                        + validationYears);
            }
            if (epochs < 1 || epochs > 100) {
                throw new IllegalArgumentException("epochs must be in [1, 100], was " + epochs);
            }
            Objects.requireNonNull(features, "features");
            if (!features.lags().contains(0)) {
                throw new IllegalArgumentException("features.lags must contain 0, was "
                        + features.lags());
            }
        }

        /**
         * Returns the default settings: 90 % intervals, 10 calibration years, 5 epochs,
         * {@link FeatureSpec#defaults()}, seed 42.
         *
         * @param maxHorizon largest horizon in days, in {@code [1, 60]}
         * @return the settings
         * @throws IllegalArgumentException when out of range
         */
        public static Options defaults(int maxHorizon) {
            return new Options(maxHorizon, 0.9, 10, 5, FeatureSpec.defaults(), 42L);
        }

        /**
         * Returns a copy with another nominal coverage.
         *
         * @param newCoverage coverage in {@code (0, 1)}
         * @return the new settings
         * @throws IllegalArgumentException when out of range
         */
        public Options withCoverage(double newCoverage) {
            return new Options(maxHorizon, newCoverage, validationYears, epochs, features, seed);
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
            return new Options(maxHorizon, coverage, validationYears, epochs, spec, seed);
        }

        /**
         * Returns a copy with another number of calibration years.
         *
         * @param years calibration years in {@code [1, 50]}
         * @return the new settings
         * @throws IllegalArgumentException when out of range
         */
        public Options withValidationYears(int years) {
            return new Options(maxHorizon, coverage, years, epochs, features, seed);
        }

        /**
         * Returns a copy with another seed.
         *
         * @param newSeed the seed
         * @return the new settings
         */
        public Options withSeed(long newSeed) {
            return new Options(maxHorizon, coverage, validationYears, epochs, features, newSeed);
        }
    }

    /** Models of one horizon. */
    private record Horizon(TribuoFits.Regression point, TribuoFits.Regression size, double floor,
            double q) {
    }

    private final Options options;
    private final List<Horizon> horizons;
    private final int lag0;
    private final int covariateCount;
    private final List<Integer> riseColumns;
    private final ModelCard card;

    private LevelForecaster(Options options, List<Horizon> horizons, int lag0, int covariateCount,
            List<Integer> riseColumns, ModelCard card) {
        this.options = options;
        this.horizons = List.copyOf(horizons);
        this.lag0 = lag0;
        this.covariateCount = covariateCount;
        this.riseColumns = List.copyOf(riseColumns);
        this.card = card;
    }

    /**
     * Fits one model per horizon and its conformal intervals on the dates up to
     * {@code trainUntil}.
     *
     * @param series the daily series, at most one value per local date; NaN = missing
     * @param covariates other daily series used as features by date (may be empty)
     * @param trainUntil last date whose value may be read
     * @param options settings
     * @return the fitted forecaster
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when a series has two values on one date or an
     *     infinite value, or the training or calibration period has fewer than 30 usable dates
     *     for some horizon
     */
    public static LevelForecaster fit(TimeSeries series, List<TimeSeries> covariates,
            LocalDate trainUntil, Options options) {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(covariates, "covariates");
        Objects.requireNonNull(trainUntil, "trainUntil");
        Objects.requireNonNull(options, "options");
        long last = trainUntil.toEpochDay();
        Features.Inputs in = Features.Inputs.of(series, covariates).until(last);
        if (in.series().isEmpty()) {
            throw new IllegalArgumentException("series must have values on or before "
                    + trainUntil + ", was none");
        }
        FeatureMatrix fm = Features.build(in, options.features(), in.series().firstDay(), last - 1);
        List<String> names = fm.names();
        int lag0 = names.indexOf("lag0");
        List<Integer> riseCols = new ArrayList<>();
        for (int j = 0; j < names.size(); j++) {
            if (names.get(j).startsWith("rise")) {
                riseCols.add(j);
            }
        }
        List<String> sizeNames = new ArrayList<>(names);
        for (int j : riseCols) {
            sizeNames.add("abs_" + names.get(j));
        }
        long valStart = trainUntil.minusYears(options.validationYears()).plusDays(1).toEpochDay();
        List<Horizon> hs = new ArrayList<>();
        Map<String, String> qs = new LinkedHashMap<>();
        int trainRows = 0;
        for (int h = 1; h <= options.maxHorizon(); h++) {
            List<double[]> xa = new ArrayList<>();
            List<Double> ya = new ArrayList<>();
            List<double[]> xb = new ArrayList<>();
            List<Double> yb = new ArrayList<>();
            for (int i = 0; i < fm.size(); i++) {
                long d = fm.dates().get(i).toEpochDay();
                double target = in.series().at(d + h);
                if (Double.isNaN(target) || d + h > last) {
                    continue;
                }
                double[] x = fm.rowsUnsafe()[i];
                double delta = target - x[lag0];
                if (d + h < valStart) {
                    xa.add(x);
                    ya.add(delta);
                } else if (d >= valStart) {
                    xb.add(x);
                    yb.add(delta);
                }
            }
            if (xa.size() < 30 || xb.size() < 30) {
                throw new IllegalArgumentException("training and calibration periods must have "
                        + "at least 30 usable dates each at horizon " + h + ", was " + xa.size()
                        + " and " + xb.size());
            }
            double[][] xA = xa.toArray(new double[0][]);
            double[] yA = unbox(ya);
            double[][] xB = xb.toArray(new double[0][]);
            double[] yB = unbox(yb);
            Horizon early = fitHorizon(xA, yA, names, sizeNames, riseCols, options, h);
            double[] pB = early.point().predict(xB);
            double[] sB = exp(early.size().predict(withAbs(xB, riseCols)));
            double[] ratio = new double[yB.length];
            for (int i = 0; i < ratio.length; i++) {
                ratio[i] = Math.abs(yB[i] - pB[i]) / Math.max(sB[i], early.floor());
            }
            Arrays.sort(ratio);
            int n = ratio.length;
            int k = (int) Math.ceil((n + 1) * options.coverage()) - 1;
            double q = ratio[Math.min(n - 1, Math.max(0, k))];
            double[][] xAll = concat(xA, xB);
            double[] yAll = concat(yA, yB);
            Horizon full = fitHorizon(xAll, yAll, names, sizeNames, riseCols, options, h);
            hs.add(new Horizon(full.point(), full.size(), full.floor(), q));
            qs.put("conformal quantile h=" + h, Double.toString(q));
            trainRows = Math.max(trainRows, xAll.length);
        }
        Map<String, String> opts = new LinkedHashMap<>();
        opts.put("maxHorizon", Integer.toString(options.maxHorizon()));
        opts.put("coverage", Double.toString(options.coverage()));
        opts.put("validationYears", Integer.toString(options.validationYears()));
        opts.put("epochs", Integer.toString(options.epochs()));
        opts.put("features", options.features().toString());
        opts.putAll(qs);
        ModelCard card = ModelCard.builder("LevelForecaster " + series.name())
                .algorithm("direct multi-horizon Tribuo SGD linear regression (Huber loss) with "
                        + "normalised split-conformal intervals")
                .description("Level of " + series.name() + " 1 to " + options.maxHorizon()
                        + " day(s) ahead with " + Math.round(options.coverage() * 100)
                        + " % intervals.")
                .seed(options.seed())
                .options(opts)
                .provenance(Provenances.reproducible(hs.get(0).point().provenance()))
                .trainingData(new ModelCard.DataSummary(series.name(), "up to " + trainUntil,
                        trainRows, Map.of("covariates", Integer.toString(covariates.size()))))
                .caveats(List.of("Interval coverage holds on average over periods like the "
                                + "calibration years; it is not guaranteed for every day.",
                        "Issue dates with a missing required lag are skipped."))
                .build();
        return new LevelForecaster(options, hs, lag0, covariates.size(), riseCols, card);
    }

    private static Horizon fitHorizon(double[][] x, double[] y, List<String> names,
            List<String> sizeNames, List<Integer> riseCols, Options options, int h) {
        TribuoFits.Regression point = TribuoFits.linearRegression(x, y, names, true,
                options.epochs(), options.seed() + h);
        double[] p = point.predict(x);
        double[] abs = new double[y.length];
        double mean = 0.0;
        for (int i = 0; i < abs.length; i++) {
            abs[i] = Math.abs(y[i] - p[i]);
            mean += abs[i];
        }
        mean /= Math.max(1, abs.length);
        double floor = Math.max(1e-9, 0.1 * mean);
        double[] logAbs = new double[abs.length];
        for (int i = 0; i < abs.length; i++) {
            logAbs[i] = Math.log(abs[i] + floor);
        }
        TribuoFits.Regression size = TribuoFits.linearRegression(withAbs(x, riseCols), logAbs,
                sizeNames, false, options.epochs(), options.seed() + 1000 + h);
        return new Horizon(point, size, floor, 0.0);
    }

    private static double[] exp(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.exp(Math.min(50.0, v[i]));
        }
        return out;
    }

    private static double[][] withAbs(double[][] x, List<Integer> riseCols) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            double[] r = Arrays.copyOf(x[i], x[i].length + riseCols.size());
            for (int k = 0; k < riseCols.size(); k++) {
                r[x[i].length + k] = Math.abs(x[i][riseCols.get(k)]);
            }
            out[i] = r;
        }
        return out;
    }

    private static double[] unbox(List<Double> v) {
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = v.get(i);
        }
        return out;
    }

    private static double[][] concat(double[][] a, double[][] b) {
        double[][] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /**
     * Forecasts every horizon from every issue date from {@code from} to the last date of the
     * series whose features exist.
     *
     * @param series the daily series (the fitted one, possibly extended with newer values)
     * @param covariates covariate series, as many as at fitting time, in the same order
     * @param from first issue date
     * @return forecasts by date then horizon, with the skipped dates; empty when {@code from}
     *     is after the last date of the series
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when the number of covariates differs from fitting
     *     time, or a series has two values on one date or an infinite value
     */
    public Forecast forecast(TimeSeries series, List<TimeSeries> covariates, LocalDate from) {
        java.util.Optional<FeatureMatrix> built = Features.forForecast(series, covariates,
                covariateCount, options.features(), from);
        if (built.isEmpty()) {
            return new Forecast(List.of(), List.of(), options.coverage());
        }
        FeatureMatrix fm = built.get();
        double[][] x = fm.rowsUnsafe();
        double[][] xs = withAbs(x, riseColumns);
        double[][] point = new double[horizons.size()][];
        double[][] size = new double[horizons.size()][];
        for (int h = 0; h < horizons.size(); h++) {
            point[h] = horizons.get(h).point().predict(x);
            size[h] = exp(horizons.get(h).size().predict(xs));
        }
        List<Forecast.Row> rows = new ArrayList<>(x.length * horizons.size());
        for (int i = 0; i < x.length; i++) {
            for (int h = 0; h < horizons.size(); h++) {
                Horizon m = horizons.get(h);
                double f = x[i][lag0] + point[h][i];
                double half = m.q() * Math.max(size[h][i], m.floor());
                rows.add(new Forecast.Row(fm.dates().get(i), h + 1, f, f - half, f + half));
            }
        }
        return new Forecast(rows, fm.skipped(), options.coverage());
    }

    /**
     * Returns the model card: options, conformal quantiles per horizon, provenance, caveats.
     *
     * @return the card
     */
    public ModelCard card() {
        return card;
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
