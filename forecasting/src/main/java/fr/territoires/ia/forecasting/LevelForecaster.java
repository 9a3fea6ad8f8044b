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
 * Forecasts the level of a daily series, or of every series of a network with one model, 1 to
 * {@code H} days ahead with prediction intervals: the entry point of regular forecasting.
 *
 * <p>Method. Direct multi-horizon: one Tribuo SGD linear model (Huber loss, standardised
 * inputs) per horizon {@code h}, predicting the change from the latest value to {@code y(d+h)},
 * on each series' own scale (its training mean and standard deviation), from the features of
 * {@link NetworkFeatures} on day {@code d} (a missing lag filled by the nearest later reading;
 * the network's median level and rise for a network; what is still missing imputed by the
 * training mean with a missing indicator). A date is forecast when a value is known within the
 * last {@code H} days. Intervals come from normalised split-conformal
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
            double q, Imputer imputer) {
    }

    /**
     * Training means of the features, and a missing indicator for each feature missing on some
     * training row: what the linear models read instead of NaN.
     */
    private record Imputer(double[] mean, int[] indicator, int width) {

        static Imputer fit(double[][] x) {
            int p = x.length == 0 ? 0 : x[0].length;
            double[] mean = new double[p];
            int[] indicator = new int[p];
            int width = p;
            for (int j = 0; j < p; j++) {
                double s = 0;
                int c = 0;
                for (double[] r : x) {
                    if (!Double.isNaN(r[j])) {
                        s += r[j];
                        c++;
                    }
                }
                mean[j] = c == 0 ? 0 : s / c;
                indicator[j] = c < x.length ? width++ : -1;
            }
            return new Imputer(mean, indicator, width);
        }

        double[] apply(double[] row) {
            double[] out = new double[width];
            for (int j = 0; j < mean.length; j++) {
                boolean miss = Double.isNaN(row[j]);
                out[j] = miss ? mean[j] : row[j];
                if (indicator[j] >= 0) {
                    out[indicator[j]] = miss ? 1 : 0;
                }
            }
            return out;
        }

        double[][] apply(double[][] rows) {
            double[][] out = new double[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                out[i] = apply(rows[i]);
            }
            return out;
        }

        List<String> names(List<String> base) {
            List<String> out = new ArrayList<>(base);
            for (int j = 0; j < mean.length; j++) {
                if (indicator[j] >= 0) {
                    out.add("missing_" + base.get(j));
                }
            }
            return out;
        }
    }

    private final Options options;
    private final List<Horizon> horizons;
    private final int lag0;
    private final int covariateCount;
    private final List<Integer> riseColumns;
    private final ModelCard card;
    private final boolean networkFeatures;
    private final long trainUntil;
    /** Scales of the fitted series, by name (never exposed; arrays never written). */
    private final Map<String, double[]> scales;

    private LevelForecaster(Options options, List<Horizon> horizons, int lag0, int covariateCount,
            List<Integer> riseColumns, ModelCard card, boolean networkFeatures, long trainUntil,
            Map<String, double[]> scales) {
        this.options = options;
        this.horizons = List.copyOf(horizons);
        this.lag0 = lag0;
        this.covariateCount = covariateCount;
        this.riseColumns = List.copyOf(riseColumns);
        this.card = card;
        this.networkFeatures = networkFeatures;
        this.trainUntil = trainUntil;
        this.scales = scales;
    }

    /**
     * Fits one model per horizon and its conformal intervals on the dates up to
     * {@code trainUntil}; the same as {@link #fitNetwork} with a network of one.
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
        return fitNetwork(List.of(series), covariates, trainUntil, options);
    }

    /**
     * Fits one model per horizon for a network of series (the gauges of a basin, the stations
     * of a network), each series on its own scale, with one set of conformal intervals scaled
     * back to each series' unit, on the dates up to {@code trainUntil}.
     *
     * @param network the daily series (at least one), distinct names; NaN = missing
     * @param covariates other daily series shared by the network (may be empty)
     * @param trainUntil last date whose value may be read
     * @param options settings
     * @return the fitted forecaster
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when the network is empty, two series share a name, a
     *     series has two values on one date or an infinite value, or the training or
     *     calibration period has fewer than 30 usable dates for some horizon
     */
    public static LevelForecaster fitNetwork(List<TimeSeries> network, List<TimeSeries> covariates,
            LocalDate trainUntil, Options options) {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(covariates, "covariates");
        Objects.requireNonNull(trainUntil, "trainUntil");
        Objects.requireNonNull(options, "options");
        long last = trainUntil.toEpochDay();
        boolean net = network.size() > 1;
        NetworkFeatures nf = new NetworkFeatures(network, covariates, options.features(),
                options.maxHorizon(), Double.NaN, last, last, net, NetworkFeatures.Scaling.MEAN_SD,
                NetworkFeatures.Gaps.NEAREST, Map.of());
        List<String> names = nf.names();
        int lag0 = nf.lag0Index();
        List<Integer> riseCols = new ArrayList<>();
        for (int j = 0; j < names.size(); j++) {
            if (names.get(j).startsWith("rise")) {
                riseCols.add(j);
            }
        }
        // Every row with a recent value: series, day, features.
        List<Integer> rs = new ArrayList<>();
        List<Long> rd = new ArrayList<>();
        List<double[]> rx = new ArrayList<>();
        double[] buf = new double[names.size()];
        NetworkFeatures.State state = nf.state(nf.firstDay(), Math.min(nf.lastDay(), last - 1));
        for (int s = 0; s < nf.seriesCount(); s++) {
            DailyGrid g = nf.grid(s);
            for (long d = g.isEmpty() ? 1 : g.firstDay(); d <= Math.min(g.lastDay(), last - 1); d++) {
                if (nf.row(s, d, state, buf)) {
                    rs.add(s);
                    rd.add(d);
                    rx.add(buf.clone());
                }
            }
        }
        if (rx.isEmpty()) {
            throw new IllegalArgumentException("series must have values on or before "
                    + trainUntil + ", was none");
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
            for (int i = 0; i < rx.size(); i++) {
                long d = rd.get(i);
                double target = nf.scaledValue(rs.get(i), d + h);
                if (Double.isNaN(target) || d + h > last) {
                    continue;
                }
                double[] x = rx.get(i);
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
            Imputer early = Imputer.fit(xA);
            Horizon fitted = fitHorizon(early.apply(xA), yA, early.names(names), riseCols, options, h,
                    early);
            double[][] iB = early.apply(xB);
            double[] pB = fitted.point().predict(iB);
            double[] sB = exp(fitted.size().predict(withAbs(iB, riseCols)));
            double[] ratio = new double[yB.length];
            for (int i = 0; i < ratio.length; i++) {
                ratio[i] = Math.abs(yB[i] - pB[i]) / Math.max(sB[i], fitted.floor());
            }
            Arrays.sort(ratio);
            int n = ratio.length;
            int k = (int) Math.ceil((n + 1) * options.coverage()) - 1;
            double q = ratio[Math.min(n - 1, Math.max(0, k))];
            double[][] xAll = concat(xA, xB);
            double[] yAll = concat(yA, yB);
            Imputer imputer = Imputer.fit(xAll);
            Horizon full = fitHorizon(imputer.apply(xAll), yAll, imputer.names(names), riseCols,
                    options, h, imputer);
            hs.add(new Horizon(full.point(), full.size(), full.floor(), q, imputer));
            qs.put("conformal quantile h=" + h, Double.toString(q));
            trainRows = Math.max(trainRows, xAll.length);
        }
        String label = network.size() == 1 ? network.get(0).name()
                : network.size() + " series (" + String.join(", ", network.stream().limit(12)
                        .map(TimeSeries::name).toList()) + (network.size() > 12 ? ", ..." : "") + ")";
        Map<String, String> opts = new LinkedHashMap<>();
        opts.put("maxHorizon", Integer.toString(options.maxHorizon()));
        opts.put("coverage", Double.toString(options.coverage()));
        opts.put("validationYears", Integer.toString(options.validationYears()));
        opts.put("epochs", Integer.toString(options.epochs()));
        opts.put("features", options.features().toString());
        opts.put("networkFeatures", Boolean.toString(net));
        opts.putAll(qs);
        ModelCard card = ModelCard.builder("LevelForecaster " + label)
                .algorithm("direct multi-horizon Tribuo SGD linear regression (Huber loss) with "
                        + "normalised split-conformal intervals")
                .description("Level of " + label + " 1 to " + options.maxHorizon()
                        + " day(s) ahead with " + Math.round(options.coverage() * 100)
                        + " % intervals" + (net ? "; one model for the whole network" : "") + ".")
                .seed(options.seed())
                .options(opts)
                .provenance(Provenances.reproducible(hs.get(0).point().provenance()))
                .trainingData(new ModelCard.DataSummary(label, "up to " + trainUntil,
                        trainRows, ExceedanceCards.ordered("covariates", Integer.toString(covariates.size()),
                                "series", Integer.toString(network.size()))))
                .caveats(List.of("Interval coverage holds on average over periods like the "
                                + "calibration years; it is not guaranteed for every day.",
                        "A date is forecast when a value is known within the last "
                                + options.maxHorizon() + " day(s); missing lags are filled by the "
                                + "nearest later reading, dates with nothing that recent are "
                                + "reported as skipped."))
                .build();
        return new LevelForecaster(options, hs, lag0, covariates.size(), riseCols, card, net, last,
                nf.scales());
    }

    private static Horizon fitHorizon(double[][] x, double[] y, List<String> names,
            List<Integer> riseCols, Options options, int h, Imputer imputer) {
        List<String> sizeNames = new ArrayList<>(names);
        for (int j : riseCols) {
            sizeNames.add("abs_" + names.get(j));
        }
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
        return new Horizon(point, size, floor, 0.0, imputer);
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
     * series; a date is forecast when a value is known within the last {@code H} days, other
     * dates are listed as skipped. For a forecaster fitted on a network, pass the whole network
     * to {@link #forecastNetwork} instead.
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
        Objects.requireNonNull(series, "series");
        return forecastNetwork(List.of(series), covariates, from).get(series.name());
    }

    /**
     * Forecasts every series of a network (see {@link #forecast}) with the fitted models; a
     * fitted series keeps the scale of its training values, a series never seen is scaled by
     * its own values up to the end of training (its first 30 values when it has fewer by then).
     *
     * @param network the daily series, distinct names, in the units of fitting
     * @param covariates covariate series, as many as at fitting time, in the same order
     * @param from first issue date
     * @return one forecast per series, by name, in the order given
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when the network is empty, two series share a name, the
     *     number of covariates differs from fitting time, or a series has two values on one
     *     date or an infinite value
     */
    public Map<String, Forecast> forecastNetwork(List<TimeSeries> network,
            List<TimeSeries> covariates, LocalDate from) {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(covariates, "covariates");
        Objects.requireNonNull(from, "from");
        if (covariates.size() != covariateCount) {
            throw new IllegalArgumentException("covariates must number " + covariateCount
                    + " as at fitting time, was " + covariates.size());
        }
        NetworkFeatures nf = new NetworkFeatures(network, covariates, options.features(),
                options.maxHorizon(), Double.NaN, trainUntil, Long.MAX_VALUE, networkFeatures,
                NetworkFeatures.Scaling.MEAN_SD, NetworkFeatures.Gaps.NEAREST, scales);
        NetworkFeatures.State state = nf.state(from.toEpochDay(), nf.lastDay());
        Map<String, Forecast> out = new LinkedHashMap<>();
        double[] buf = new double[nf.names().size()];
        for (int s = 0; s < nf.seriesCount(); s++) {
            DailyGrid g = nf.grid(s);
            double spread = nf.spread(s);
            List<LocalDate> dates = new ArrayList<>();
            List<double[]> xs = new ArrayList<>();
            List<Double> latest = new ArrayList<>();
            List<LocalDate> skipped = new ArrayList<>();
            for (long d = from.toEpochDay(); !g.isEmpty() && d <= g.lastDay(); d++) {
                LocalDate date = LocalDate.ofEpochDay(d);
                if (nf.row(s, d, state, buf)) {
                    dates.add(date);
                    xs.add(buf.clone());
                    latest.add(nf.latest(s, d));
                } else {
                    skipped.add(date);
                }
            }
            double[][] x = xs.toArray(new double[0][]);
            double[][] point = new double[horizons.size()][];
            double[][] size = new double[horizons.size()][];
            for (int h = 0; h < horizons.size() && x.length > 0; h++) {
                double[][] imputed = horizons.get(h).imputer().apply(x);
                point[h] = horizons.get(h).point().predict(imputed);
                size[h] = exp(horizons.get(h).size().predict(withAbs(imputed, riseColumns)));
            }
            List<Forecast.Row> rows = new ArrayList<>(x.length * horizons.size());
            for (int i = 0; i < x.length; i++) {
                for (int h = 0; h < horizons.size(); h++) {
                    Horizon m = horizons.get(h);
                    double f = latest.get(i) + point[h][i] * spread;
                    double half = m.q() * Math.max(size[h][i], m.floor()) * spread;
                    rows.add(new Forecast.Row(dates.get(i), h + 1, f, f - half, f + half));
                }
            }
            out.put(nf.seriesName(s), new Forecast(rows, skipped, options.coverage()));
        }
        return out;
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
