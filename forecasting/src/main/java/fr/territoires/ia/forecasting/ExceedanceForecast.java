package fr.territoires.ia.forecasting;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Calibrated exceedance probabilities, one row per forecast date, with the alert decided by the
 * rule chosen at fitting time, and the dates that could not be forecast.
 *
 * <p>Row {@code d} answers "will the maximum of the series over days {@code d+1 .. d+h} exceed
 * the threshold?", using data up to and including day {@code d}.
 *
 * <p>Instances are immutable and safe for concurrent use.
 *
 * @param rows one row per date whose features exist, in date order
 * @param skipped dates from the requested start whose features could not be built, in order
 * @param alertThreshold the probability at or above which an alert is raised, in {@code [0, 1]}
 * @since 0.1.0
 */
public record ExceedanceForecast(List<Row> rows, List<LocalDate> skipped, double alertThreshold) {

    /**
     * One forecast.
     *
     * <p>Instances are immutable and safe for concurrent use.
     *
     * @param date the date the forecast is issued, with data up to that day
     * @param probability the calibrated probability of an exceedance within the horizon, in
     *     {@code [0, 1]}
     * @param alert whether the alert rule fires ({@code probability >= alertThreshold})
     * @since 0.1.0
     */
    public record Row(LocalDate date, double probability, boolean alert) {

        /**
         * Validates the row.
         *
         * @param date issue date
         * @param probability probability in {@code [0, 1]}
         * @param alert alert flag
         * @throws NullPointerException when {@code date} is null
         * @throws IllegalArgumentException when the probability is outside {@code [0, 1]}
         */
        public Row {
            Objects.requireNonNull(date, "date");
            if (!(probability >= 0.0 && probability <= 1.0)) {
                throw new IllegalArgumentException("probability must be in [0, 1], was "
                        + probability);
            }
        }
    }

    /**
     * Validates and copies the lists.
     *
     * @param rows forecast rows
     * @param skipped skipped dates
     * @param alertThreshold alert threshold in {@code [0, 1]}
     * @throws NullPointerException when a list or an element is null
     * @throws IllegalArgumentException when the threshold is outside {@code [0, 1]}
     */
    public ExceedanceForecast {
        rows = List.copyOf(Objects.requireNonNull(rows, "rows"));
        skipped = List.copyOf(Objects.requireNonNull(skipped, "skipped"));
        if (!(alertThreshold >= 0.0 && alertThreshold <= 1.0)) {
            throw new IllegalArgumentException("alertThreshold must be in [0, 1], was "
                    + alertThreshold);
        }
    }

    /**
     * Returns the probabilities in row order.
     *
     * @return a new array of the probabilities
     */
    public double[] probabilities() {
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows.get(i).probability();
        }
        return out;
    }

    /**
     * Returns the issue dates in row order.
     *
     * @return the dates
     */
    public List<LocalDate> dates() {
        return rows.stream().map(Row::date).toList();
    }
}
