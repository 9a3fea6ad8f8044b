package fr.territoires.ia.forecasting;

import fr.territoires.ia.core.TimeSeries;
import fr.territoires.ia.core.metrics.BinaryMetrics;
import fr.territoires.ia.core.metrics.RegressionMetrics;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

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
        return evaluate(java.util.Map.of(observed.name(), forecast), List.of(observed), threshold,
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
    public static ExceedanceReport evaluate(java.util.Map<String, ExceedanceForecast> forecasts,
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
            ExceedanceForecast forecast = forecasts.get(series.name());
            if (forecast == null) {
                throw new IllegalArgumentException("forecasts must hold series " + series.name()
                        + ", was absent");
            }
            DailyGrid y = DailyGrid.of(series, "observed");
            List<ExceedanceForecast.Row> rows = forecast.rows();
            java.util.Set<Long> alertDays = new java.util.HashSet<>();
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            for (ExceedanceForecast.Row r : rows) {
                long d = r.date().toEpochDay();
                if (Double.isNaN(ExceedanceRows.label(y, d, horizon, threshold))
                        || Double.isNaN(y.at(d))) {
                    continue;
                }
                boolean a = ExceedanceRows.label(y, d, horizon, threshold) > 0.5;
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
