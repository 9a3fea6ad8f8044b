package fr.territoires.ia.core.metrics;

import java.util.Objects;

/**
 * Error metrics for numeric forecasts: mean absolute error, root mean squared error, bias, mean
 * absolute scaled error (MASE) and prediction-interval coverage and width.
 *
 * <p>Values are compared index by index and keep the unit of the data (for example cubic metres
 * for a water meter) except {@link #mase} and {@link #intervalCoverage}, which have no unit.
 * {@link #mase} follows R. J. Hyndman and A. B. Koehler, "Another look at measures of forecast
 * accuracy", International Journal of Forecasting 22(4), 2006,
 * doi:10.1016/j.ijforecast.2006.03.001: the MAE of the forecast divided by the in-sample MAE of
 * the seasonal naive forecast {@code y_t = y_{t-m}}. A MASE below 1 beats that naive forecast.
 *
 * <p>Edge cases: metrics never drop data silently. An empty array, arrays of different lengths or
 * a NaN or infinite value is rejected with the offending index and value; the caller filters
 * missing values explicitly. The only exception is the in-sample series of {@link #mase}, where a
 * pair {@code (y_t, y_{t-m})} with a NaN is skipped in the scale, because history often has gaps.
 *
 * <p>Instances are immutable and safe for concurrent use.
 *
 * @since 0.1.0
 */
public final class RegressionMetrics {

    private RegressionMetrics() {
    }

    /**
     * Returns the mean absolute error {@code mean |predicted - actual|}.
     *
     * @param actual observed values, finite, not empty
     * @param predicted forecasts aligned with {@code actual}, finite
     * @return the MAE, {@code >= 0}, in the unit of the data
     * @throws NullPointerException when an array is null
     * @throws IllegalArgumentException when {@code actual} is empty, the lengths differ or a
     *     value is not finite
     */
    public static double mae(double[] actual, double[] predicted) {
        checkPair(actual, predicted);
        double sum = 0.0;
        for (int i = 0; i < actual.length; i++) {
            sum += Math.abs(predicted[i] - actual[i]);
        }
        return sum / actual.length;
    }

    /**
     * Returns the root mean squared error {@code sqrt(mean (predicted - actual)^2)}.
     *
     * @param actual observed values, finite, not empty
     * @param predicted forecasts aligned with {@code actual}, finite
     * @return the RMSE, {@code >= 0}, in the unit of the data; at least the MAE
     * @throws NullPointerException when an array is null
     * @throws IllegalArgumentException when {@code actual} is empty, the lengths differ or a
     *     value is not finite
     */
    public static double rmse(double[] actual, double[] predicted) {
        checkPair(actual, predicted);
        double sum = 0.0;
        for (int i = 0; i < actual.length; i++) {
            double d = predicted[i] - actual[i];
            sum += d * d;
        }
        return Math.sqrt(sum / actual.length);
    }

    /**
     * Returns the mean error (bias) {@code mean (predicted - actual)}.
     *
     * @param actual observed values, finite, not empty
     * @param predicted forecasts aligned with {@code actual}, finite
     * @return the bias in the unit of the data: positive when forecasts are too high on average,
     *     negative when too low
     * @throws NullPointerException when an array is null
     * @throws IllegalArgumentException when {@code actual} is empty, the lengths differ or a
     *     value is not finite
     */
    public static double meanError(double[] actual, double[] predicted) {
        checkPair(actual, predicted);
        double sum = 0.0;
        for (int i = 0; i < actual.length; i++) {
            sum += predicted[i] - actual[i];
        }
        return sum / actual.length;
    }

    /**
     * Returns the mean absolute scaled error: {@link #mae} divided by the in-sample MAE of the
     * seasonal naive forecast, {@code mean |y_t - y_{t-m}|} over the training series with
     * {@code m = seasonality} (Hyndman and Koehler 2006).
     *
     * <p>Pairs {@code (y_t, y_{t-m})} of {@code inSample} in which either value is NaN are
     * skipped when computing the scale (gaps in history); infinite values are rejected.
     *
     * @param actual observed values over the evaluation period, finite, not empty
     * @param predicted forecasts aligned with {@code actual}, finite
     * @param inSample training series, in time order, finite or NaN
     * @param seasonality season length {@code m} in time steps ({@code 1} for the plain naive
     *     forecast, {@code 7} for daily data with a weekly cycle), {@code >= 1}
     * @return the MASE, {@code >= 0}, without unit
     * @throws NullPointerException when an array is null
     * @throws IllegalArgumentException when {@code actual} is empty, the lengths of
     *     {@code actual} and {@code predicted} differ, a value is not finite, {@code seasonality}
     *     is below 1, {@code inSample} has no pair without NaN {@code seasonality} steps apart, or
     *     the scale is 0 (the in-sample series repeats itself exactly at that lag)
     */
    public static double mase(double[] actual, double[] predicted, double[] inSample,
            int seasonality) {
        checkPair(actual, predicted);
        Objects.requireNonNull(inSample, "inSample");
        if (seasonality < 1) {
            throw new IllegalArgumentException("seasonality must be >= 1, was " + seasonality);
        }
        for (int i = 0; i < inSample.length; i++) {
            if (Double.isInfinite(inSample[i])) {
                throw new IllegalArgumentException(
                        "inSample[" + i + "] must be finite or NaN, was " + inSample[i]);
            }
        }
        double sum = 0.0;
        long pairs = 0;
        for (int t = seasonality; t < inSample.length; t++) {
            double d = inSample[t] - inSample[t - seasonality];
            if (!Double.isNaN(d)) {
                sum += Math.abs(d);
                pairs++;
            }
        }
        if (pairs == 0) {
            throw new IllegalArgumentException("inSample must have at least one pair of "
                    + "non-NaN values at lag " + seasonality + ", was none among "
                    + inSample.length + " values");
        }
        double scale = sum / pairs;
        if (scale == 0.0) {
            throw new IllegalArgumentException("inSample seasonal naive MAE (lag " + seasonality
                    + ") must be > 0, was 0.0");
        }
        return mae(actual, predicted) / scale;
    }

    /**
     * Returns the share of observed values inside their prediction interval,
     * {@code lower[i] <= actual[i] <= upper[i]} (bounds included).
     *
     * @param actual observed values, finite, not empty
     * @param lower lower bounds aligned with {@code actual}, finite
     * @param upper upper bounds aligned with {@code actual}, finite, {@code >= lower}
     * @return the coverage in {@code [0, 1]}, to compare with the nominal level of the intervals
     * @throws NullPointerException when an array is null
     * @throws IllegalArgumentException when {@code actual} is empty, the lengths differ, a value
     *     is not finite or {@code lower[i] > upper[i]} at some index
     */
    public static double intervalCoverage(double[] actual, double[] lower, double[] upper) {
        checkPair(actual, lower, "lower");
        checkPair(actual, upper, "upper");
        checkBounds(lower, upper);
        long inside = 0;
        for (int i = 0; i < actual.length; i++) {
            if (lower[i] <= actual[i] && actual[i] <= upper[i]) {
                inside++;
            }
        }
        return (double) inside / actual.length;
    }

    /**
     * Returns the mean width {@code mean (upper - lower)} of prediction intervals.
     *
     * @param lower lower bounds, finite, not empty
     * @param upper upper bounds aligned with {@code lower}, finite, {@code >= lower}
     * @return the mean width, {@code >= 0}, in the unit of the data
     * @throws NullPointerException when an array is null
     * @throws IllegalArgumentException when {@code lower} is empty, the lengths differ, a value
     *     is not finite or {@code lower[i] > upper[i]} at some index
     */
    public static double meanIntervalWidth(double[] lower, double[] upper) {
        checkPair(lower, upper, "lower", "upper");
        checkBounds(lower, upper);
        double sum = 0.0;
        for (int i = 0; i < lower.length; i++) {
            sum += upper[i] - lower[i];
        }
        return sum / lower.length;
    }

    private static void checkBounds(double[] lower, double[] upper) {
        for (int i = 0; i < lower.length; i++) {
            if (lower[i] > upper[i]) {
                throw new IllegalArgumentException("lower[" + i + "] must be <= upper[" + i
                        + "] (" + upper[i] + "), was " + lower[i]);
            }
        }
    }

    private static void checkPair(double[] actual, double[] predicted) {
        checkPair(actual, predicted, "actual", "predicted");
    }

    private static void checkPair(double[] actual, double[] other, String otherName) {
        checkPair(actual, other, "actual", otherName);
    }

    private static void checkPair(double[] first, double[] second, String firstName,
            String secondName) {
        Objects.requireNonNull(first, firstName);
        Objects.requireNonNull(second, secondName);
        if (first.length == 0) {
            throw new IllegalArgumentException(firstName + " must not be empty");
        }
        if (second.length != first.length) {
            throw new IllegalArgumentException(secondName + " must have the length of "
                    + firstName + " (" + first.length + "), was " + second.length);
        }
        checkFinite(first, firstName);
        checkFinite(second, secondName);
    }

    private static void checkFinite(double[] values, String name) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(
                        name + "[" + i + "] must be finite, was " + values[i]);
            }
        }
    }
}
