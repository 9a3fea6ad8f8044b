package fr.territoires.ia.forecasting;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Level forecasts with prediction intervals: for each issue date and each horizon, a point
 * forecast and an interval meant to contain the observed value with the stated coverage.
 *
 * <p>Instances are immutable and safe for concurrent use.
 *
 * @param rows forecasts by issue date, then horizon
 * @param skipped issue dates whose features could not be built, in order
 * @param coverage nominal coverage of the intervals, in {@code (0, 1)}
 * @since 0.1.0
 */
public record Forecast(List<Row> rows, List<LocalDate> skipped, double coverage) {

    /**
     * One forecast.
     *
     * <p>Instances are immutable and safe for concurrent use.
     *
     * @param date issue date, with data up to that day
     * @param horizon days ahead, {@code >= 1}; the target date is {@code date + horizon}
     * @param forecast point forecast, in the series' unit
     * @param lower lower bound of the interval, {@code <= forecast}
     * @param upper upper bound of the interval, {@code >= forecast}
     * @since 0.1.0
     */
    public record Row(LocalDate date, int horizon, double forecast, double lower, double upper) {

        /**
         * Validates the row.
         *
         * @param date issue date
         * @param horizon days ahead
         * @param forecast point forecast
         * @param lower lower bound
         * @param upper upper bound
         * @throws NullPointerException when {@code date} is null
         * @throws IllegalArgumentException when {@code horizon < 1}, a value is not finite or
         *     the bounds do not surround the forecast
         */
        public Row {
            Objects.requireNonNull(date, "date");
            if (horizon < 1) {
                throw new IllegalArgumentException("horizon must be >= 1, was " + horizon);
            }
            if (!Double.isFinite(forecast) || !Double.isFinite(lower) || !Double.isFinite(upper)) {
                throw new IllegalArgumentException("forecast, lower and upper must be finite, was "
                        + forecast + ", " + lower + ", " + upper);
            }
            if (lower > forecast || upper < forecast) {
                throw new IllegalArgumentException("lower <= forecast <= upper must hold, was "
                        + lower + ", " + forecast + ", " + upper);
            }
        }

        /**
         * Returns the date the forecast is for.
         *
         * @return {@code date + horizon} days
         */
        public LocalDate target() {
            return date.plusDays(horizon);
        }
    }

    /**
     * Validates and copies the lists.
     *
     * @param rows forecasts
     * @param skipped skipped dates
     * @param coverage nominal coverage
     * @throws NullPointerException when a list or an element is null
     * @throws IllegalArgumentException when the coverage is outside {@code (0, 1)}
     */
    public Forecast {
        rows = List.copyOf(Objects.requireNonNull(rows, "rows"));
        skipped = List.copyOf(Objects.requireNonNull(skipped, "skipped"));
        if (!(coverage > 0.0 && coverage < 1.0)) {
            throw new IllegalArgumentException("coverage must be in (0, 1), was " + coverage);
        }
    }

    /**
     * Returns the rows of one horizon, in date order.
     *
     * @param horizon days ahead
     * @return the rows with that horizon (empty when none)
     */
    public List<Row> atHorizon(int horizon) {
        return rows.stream().filter(r -> r.horizon() == horizon).toList();
    }
}
