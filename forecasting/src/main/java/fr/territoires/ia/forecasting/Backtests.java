package fr.territoires.ia.forecasting;

import fr.territoires.ia.core.TimeSeries;
import fr.territoires.ia.core.metrics.BinaryMetrics;
import fr.territoires.ia.core.metrics.RegressionMetrics;
import fr.territoires.ia.core.trust.Bootstrap;
import fr.territoires.ia.core.trust.ModelCard;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Scores forecasts against what happened: ranking, calibration and event-level metrics for
 * exceedance forecasts, errors and interval coverage for level forecasts, each beside the
 * persistence rule on the same dates. Evaluation is time-ordered: it reads the observed
 * series only to build the outcome of each forecast date.
 *
 * <p>Event-level metrics: an episode is a run of consecutive days above the threshold (a
 * missing day ends a run). It counts as caught when an alert was raised on at least one of the
 * {@code h} days before its first day (so at least one day ahead). A false alert is an alert on
 * a date whose outcome is negative. Rates per year use the number of evaluated dates / 365.25.
 *
 * <p>Instances are immutable and safe for concurrent use (the class has none; its methods are
 * stateless).
 *
 * @since 0.1.0
 */
public final class Backtests {

    private Backtests() {
    }

    /**
     * Metrics of an exceedance forecast over the dates whose outcome is known.
     *
     * <p>Instances are immutable and safe for concurrent use.
     *
     * @param dates number of evaluated dates
     * @param positives dates whose outcome is an exceedance
     * @param averagePrecision average precision of the probabilities, NaN without positives
     * @param rocAuc ROC-AUC of the probabilities, NaN without both classes
     * @param brier Brier score of the probabilities
     * @param climatologyBrier Brier score of the constant base rate of the evaluated dates
     * @param persistenceAveragePrecision average precision of today's value used as the score
     * @param episodes exceedance episodes starting inside the evaluated range
     * @param episodesCaught episodes with an alert one to {@code h} days before they start
     * @param falseAlertsPerYear false alerts per year
     * @param alerts number of alerts
     * @param coverage share of the dates with a known outcome and a value of the day that were
     *     forecast (the others were skipped), in {@code [0, 1]}
     * @since 0.1.0
     */
    public record ExceedanceReport(int dates, int positives, double averagePrecision,
            double rocAuc, double brier, double climatologyBrier,
            double persistenceAveragePrecision, int episodes, int episodesCaught,
            double falseAlertsPerYear, int alerts, double coverage) {

        /**
         * Returns the share of episodes caught at least one day ahead.
         *
         * @return the event-level recall in {@code [0, 1]}, NaN without episodes
         */
        public double eventRecall() {
            return episodes == 0 ? Double.NaN : episodesCaught / (double) episodes;
        }
    }

    /**
     * Scores an exceedance forecast against the observed series, on the forecast dates whose
     * outcome and value of the day are known.
     *
     * @param forecast the forecast to score
     * @param observed the observed daily series (at least over the forecast dates and the
     *     {@code horizon} days after)
     * @param threshold the level to exceed, as at fitting time
     * @param horizon days ahead, as at fitting time, {@code >= 1}
     * @return the report
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when {@code horizon < 1}, no forecast date has a known
     *     outcome, or the series has two values on one date
     */
    public static ExceedanceReport evaluate(ExceedanceForecast forecast, TimeSeries observed,
            double threshold, int horizon) {
        Objects.requireNonNull(forecast, "forecast");
        Objects.requireNonNull(observed, "observed");
        return evaluate(Map.of(observed.name(), forecast), List.of(observed), threshold,
                horizon);
    }

    /**
     * Scores the forecasts of a network, pooled over its series: one ranking of every
     * station-day (average precision, ROC-AUC, Brier, persistence's average precision on the
     * same station-days), episodes and alerts summed over the series, false alerts per year and
     * series.
     *
     * @param forecasts one forecast per series, by series name
     * @param observed the observed daily series, each named as its forecast
     * @param threshold the level to exceed, as at fitting time
     * @param horizon days ahead, as at fitting time, {@code >= 1}
     * @return the pooled report
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when {@code horizon < 1}, a series has no forecast, no
     *     forecast date has a known outcome, or a series has two values on one date
     */
    public static ExceedanceReport evaluate(Map<String, ExceedanceForecast> forecasts,
            List<TimeSeries> observed, double threshold, int horizon) {
        Objects.requireNonNull(forecasts, "forecasts");
        Objects.requireNonNull(observed, "observed");
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be >= 1, was " + horizon);
        }
        List<Boolean> actualL = new ArrayList<>();
        List<Double> pL = new ArrayList<>();
        List<Double> todayL = new ArrayList<>();
        int positives = 0;
        int falseAlerts = 0;
        int alerts = 0;
        int episodes = 0;
        int caught = 0;
        int eligible = 0;
        int total = 0;
        for (TimeSeries series : observed) {
            ExceedanceForecast forecast = forecastOf(forecasts, series);
            DailyGrid y = DailyGrid.of(series, "observed");
            List<ExceedanceForecast.Row> rows = forecast.rows();
            java.util.Set<Long> alertDays = new java.util.HashSet<>();
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            for (ExceedanceForecast.Row r : rows) {
                long d = r.date().toEpochDay();
                double label = ExceedanceRows.label(y, d, horizon, threshold);
                if (Double.isNaN(label) || Double.isNaN(y.at(d))) {
                    continue;
                }
                boolean a = label > 0.5;
                actualL.add(a);
                pL.add(r.probability());
                todayL.add(y.at(d));
                positives += a ? 1 : 0;
                first = Math.min(first, d);
                last = Math.max(last, d);
                if (r.alert()) {
                    alerts++;
                    alertDays.add(d);
                    falseAlerts += a ? 0 : 1;
                }
                eligible++;
                total++;
            }
            for (java.time.LocalDate skipped : forecast.skipped()) {
                long d = skipped.toEpochDay();
                if (!Double.isNaN(ExceedanceRows.label(y, d, horizon, threshold))
                        && !Double.isNaN(y.at(d))) {
                    total++;
                }
            }
            for (long d = first + 1; first != Long.MAX_VALUE && d <= last + 1; d++) {
                double v = y.at(d);
                double prev = y.at(d - 1);
                if (v > threshold && !(prev > threshold)) {
                    episodes++;
                    for (long a = d - horizon; a <= d - 1; a++) {
                        if (alertDays.contains(a)) {
                            caught++;
                            break;
                        }
                    }
                }
            }
        }
        int n = actualL.size();
        if (n == 0) {
            throw new IllegalArgumentException("forecasts must have a date with a known outcome, "
                    + "was none");
        }
        boolean[] actual = new boolean[n];
        double[] p = new double[n];
        double[] today = new double[n];
        for (int k = 0; k < n; k++) {
            actual[k] = actualL.get(k);
            p[k] = pL.get(k);
            today[k] = todayL.get(k);
        }
        boolean both = positives > 0 && positives < n;
        return new ExceedanceReport(n, positives, BinaryMetrics.averagePrecision(actual, p),
                both ? BinaryMetrics.rocAuc(actual, p) : Double.NaN,
                BinaryMetrics.brierScore(actual, p), BinaryMetrics.climatologyBrier(actual),
                BinaryMetrics.averagePrecision(actual, today), episodes, caught,
                falseAlerts / (n / 365.25), alerts, eligible / (double) Math.max(1, total));
    }

    /**
     * The skill of a network's exceedance forecasts over persistence, {@code AP(forecast) /
     * AP(persistence)} pooled over the station-days that {@link #evaluate(Map, List, double, int)}
     * scores, with its 95 % paired moving-block bootstrap interval over dates: each resample
     * draws {@value Bootstrap#DEFAULT_RESAMPLES} times blocks of consecutive dates
     * ({@link Bootstrap#defaultBlockLength(int)} of the number of dates), takes every series'
     * rows of the drawn dates for both scores alike, and computes the ratio; resamples without
     * an exceedance are left out. Resampling whole dates keeps the episodes that strike several
     * stations at once together, and blocks keep an episode's days together (H. R. Künsch,
     * Annals of Statistics 17(3), 1989). An interval that holds 1 says the test period cannot
     * tell the forecast from persistence.
     *
     * @param forecasts one forecast per series, by series name
     * @param observed the observed daily series, each named as its forecast
     * @param threshold the level to exceed, as at fitting time
     * @param horizon days ahead, as at fitting time, {@code >= 1}
     * @param seed seed of the resampling (same seed, same interval)
     * @return the ratio as a card metric named {@code "AP / persistence AP"}, with its interval
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException as {@link #evaluate(Map, List, double, int)}, or when the
     *     scored dates hold no exceedance
     */
    public static ModelCard.Metric averagePrecisionRatio(Map<String, ExceedanceForecast> forecasts,
            List<TimeSeries> observed, double threshold, int horizon, long seed) {
        Objects.requireNonNull(forecasts, "forecasts");
        Objects.requireNonNull(observed, "observed");
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be >= 1, was " + horizon);
        }
        // Rows grouped by date: actual, probability and the value of the day.
        TreeMap<Long, List<double[]>> byDate = new TreeMap<>();
        for (TimeSeries series : observed) {
            ExceedanceForecast forecast = forecastOf(forecasts, series);
            DailyGrid y = DailyGrid.of(series, "observed");
            for (ExceedanceForecast.Row r : forecast.rows()) {
                long d = r.date().toEpochDay();
                double label = ExceedanceRows.label(y, d, horizon, threshold);
                if (Double.isNaN(label) || Double.isNaN(y.at(d))) {
                    continue;
                }
                byDate.computeIfAbsent(d, k -> new ArrayList<>())
                        .add(new double[] {label, r.probability(), y.at(d)});
            }
        }
        if (byDate.isEmpty()) {
            throw new IllegalArgumentException("forecasts must have a date with a known outcome, "
                    + "was none");
        }
        List<List<double[]>> dates = new ArrayList<>(byDate.values());
        java.util.function.ToDoubleFunction<int[]> ratio = idx -> {
            int n = 0;
            for (int i : idx) {
                n += dates.get(i).size();
            }
            boolean[] a = new boolean[n];
            double[] p = new double[n];
            double[] today = new double[n];
            int k = 0;
            for (int i : idx) {
                for (double[] row : dates.get(i)) {
                    a[k] = row[0] > 0.5;
                    p[k] = row[1];
                    today[k] = row[2];
                    k++;
                }
            }
            double pers = BinaryMetrics.averagePrecision(a, today);
            return pers > 0 ? BinaryMetrics.averagePrecision(a, p) / pers : Double.NaN;
        };
        int[] all = new int[dates.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        if (Double.isNaN(ratio.applyAsDouble(all))) {
            throw new IllegalArgumentException("forecasts must have an exceedance among the "
                    + "scored dates, was none");
        }
        return Bootstrap.blockMetric("AP / persistence AP", "average precision of the "
                + "probabilities over that of the value of the day, pooled over series and dates",
                dates.size(), ratio, seed);
    }

    private static ExceedanceForecast forecastOf(Map<String, ExceedanceForecast> forecasts,
            TimeSeries series) {
        ExceedanceForecast forecast = forecasts.get(series.name());
        if (forecast == null) {
            throw new IllegalArgumentException("forecasts must hold series " + series.name()
                    + ", was absent");
        }
        return forecast;
    }

    /**
     * Metrics of level forecasts at one horizon.
     *
     * <p>Instances are immutable and safe for concurrent use.
     *
     * @param horizon days ahead
     * @param count number of evaluated forecasts
     * @param mae mean absolute error, in the series' unit
     * @param rmse root mean squared error, in the series' unit
     * @param mase MAE divided by the in-sample MAE of the one-step naive forecast over the
     *     observed values before the first evaluated date (NaN when not computable)
     * @param coverage share of observed values inside their interval
     * @param persistenceMae MAE of persistence (today's value) on the same forecasts
     * @since 0.1.0
     */
    public record LevelReport(int horizon, int count, double mae, double rmse, double mase,
            double coverage, double persistenceMae) {
    }

    /**
     * Scores level forecasts against the observed series, per horizon, on the forecasts whose
     * target value is observed and at least {@code minTargetLevel} (use negative infinity for
     * all; a level such as 1500 mm gives the high-flow days).
     *
     * @param forecast the forecast to score
     * @param observed the observed daily series
     * @param minTargetLevel keep only targets whose observed value is strictly above this
     * @return one report per horizon with at least one forecast kept, by horizon
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when the series has two values on one date
     */
    public static List<LevelReport> evaluate(Forecast forecast, TimeSeries observed,
            double minTargetLevel) {
        return evaluate(forecast, observed, minTargetLevel, false);
    }

    /**
     * Scores level forecasts per horizon on the forecasts issued on a day whose observed level
     * is strictly above {@code minIssueLevel} (and whose target is observed): how reliable the
     * intervals are when the river is already high, which is what a forecaster on duty sees
     * when deciding. A level such as 1500 mm gives the forecasts issued on high-flow days.
     *
     * @param forecast the forecast to score
     * @param observed the observed daily series
     * @param minIssueLevel keep only forecasts issued on a day whose level is above this
     * @return one report per horizon with at least one forecast kept, by horizon
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when the series has two values on one date
     */
    public static List<LevelReport> evaluateByIssueLevel(Forecast forecast, TimeSeries observed,
            double minIssueLevel) {
        return evaluate(forecast, observed, minIssueLevel, true);
    }

    private static List<LevelReport> evaluate(Forecast forecast, TimeSeries observed,
            double minLevel, boolean onIssueDay) {
        Objects.requireNonNull(forecast, "forecast");
        Objects.requireNonNull(observed, "observed");
        DailyGrid y = DailyGrid.of(observed, "observed");
        int maxH = 0;
        long firstOrigin = Long.MAX_VALUE;
        for (Forecast.Row r : forecast.rows()) {
            maxH = Math.max(maxH, r.horizon());
            firstOrigin = Math.min(firstOrigin, r.date().toEpochDay());
        }
        List<LevelReport> out = new ArrayList<>();
        for (int h = 1; h <= maxH; h++) {
            List<double[]> kept = new ArrayList<>();
            for (Forecast.Row r : forecast.rows()) {
                if (r.horizon() != h) {
                    continue;
                }
                long d = r.date().toEpochDay();
                double actual = y.at(d + h);
                double today = y.at(d);
                if (!Double.isNaN(actual) && !Double.isNaN(today) && (onIssueDay ? today : actual) > minLevel) {
                    kept.add(new double[] {actual, r.forecast(), r.lower(), r.upper(), today});
                }
            }
            if (kept.isEmpty()) {
                continue;
            }
            int n = kept.size();
            double[] a = new double[n];
            double[] f = new double[n];
            double[] lo = new double[n];
            double[] hi = new double[n];
            double[] t = new double[n];
            for (int i = 0; i < n; i++) {
                double[] k = kept.get(i);
                a[i] = k[0];
                f[i] = k[1];
                lo[i] = k[2];
                hi[i] = k[3];
                t[i] = k[4];
            }
            double mase = Double.NaN;
            if (firstOrigin != Long.MAX_VALUE && firstOrigin - 1 >= y.firstDay()) {
                int len = (int) Math.min(Integer.MAX_VALUE - 8, firstOrigin - y.firstDay());
                double[] in = new double[len];
                for (int i = 0; i < len; i++) {
                    in[i] = y.at(y.firstDay() + i);
                }
                try {
                    mase = RegressionMetrics.mase(a, f, in, 1);
                } catch (IllegalArgumentException e) {
                    mase = Double.NaN;
                }
            }
            out.add(new LevelReport(h, n, RegressionMetrics.mae(a, f),
                    RegressionMetrics.rmse(a, f), mase,
                    RegressionMetrics.intervalCoverage(a, lo, hi), RegressionMetrics.mae(a, t)));
        }
        return out;
    }

    /**
     * Returns the dates from {@code from} to {@code to} in steps of {@code stepDays}: the
     * origins of a rolling-origin backtest, where the model for each origin is fitted with
     * {@code trainUntil = origin - 1 day} and scored on {@code [origin, next origin)}.
     *
     * @param from first origin
     * @param to last possible origin, inclusive
     * @param stepDays days between origins, {@code >= 1}
     * @return the origins in increasing order
     * @throws NullPointerException when a date is null
     * @throws IllegalArgumentException when {@code stepDays < 1} or {@code to} is before
     *     {@code from}
     */
    public static List<LocalDate> rollingOrigins(LocalDate from, LocalDate to, int stepDays) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (stepDays < 1) {
            throw new IllegalArgumentException("stepDays must be >= 1, was " + stepDays);
        }
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to must be on or after " + from + ", was " + to);
        }
        List<LocalDate> out = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(stepDays)) {
            out.add(d);
        }
        return out;
    }
}
