package fr.territoires.ia.anomaly;

import fr.territoires.ia.core.MultivariateTimeSeries;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Per-column robust standardisation fitted on training rows: z = (x - median) / scale, where the
 * scale is 1.4826 times the median absolute deviation (MAD), which equals the standard deviation
 * for Gaussian data.
 *
 * <p>When the MAD is zero (a column constant on more than half of the rows), the scale falls back
 * to 1.2533 times the mean absolute deviation from the median (also the standard deviation for
 * Gaussian data); when that is zero too (a constant column), the scale is 1 and deviations are in
 * the column's own unit. Missing training cells are ignored; a column missing on every training
 * row has median 0 and scale 1.
 *
 * <p>Instances are immutable and safe for concurrent use.
 */
final class RobustScaler {

    /** Ratio of the standard deviation to the MAD for a Gaussian distribution. */
    static final double MAD_TO_SIGMA = 1.482602218505602;

    /** Ratio of the standard deviation to the mean absolute deviation for a Gaussian distribution. */
    static final double MEAN_ABS_TO_SIGMA = 1.2533141373155003;

    private final List<String> columns;
    private final double[] medians;
    private final double[] scales;

    /** Assembles a scaler; also used by {@link IsolationForestCodec} to read one back. */
    RobustScaler(List<String> columns, double[] medians, double[] scales) {
        this.columns = columns;
        this.medians = medians;
        this.scales = scales;
    }

    /**
     * Fits medians and scales on every row of the training series.
     *
     * @param train training rows
     * @return the scaler
     */
    static RobustScaler fit(MultivariateTimeSeries train) {
        int p = train.columnCount();
        int n = train.size();
        double[] medians = new double[p];
        double[] scales = new double[p];
        double[] buf = new double[n];
        for (int c = 0; c < p; c++) {
            int m = 0;
            for (int r = 0; r < n; r++) {
                double v = train.value(r, c);
                if (!Double.isNaN(v)) {
                    buf[m++] = v;
                }
            }
            if (m == 0) {
                medians[c] = 0.0;
                scales[c] = 1.0;
                continue;
            }
            double med = median(buf, m);
            double meanAbs = 0.0;
            for (int i = 0; i < m; i++) {
                buf[i] = Math.abs(buf[i] - med);
                meanAbs += buf[i];
            }
            meanAbs /= m;
            double mad = median(buf, m);
            double scale = MAD_TO_SIGMA * mad;
            if (!(scale > 0)) {
                scale = MEAN_ABS_TO_SIGMA * meanAbs;
            }
            if (!(scale > 0) || !Double.isFinite(scale)) {
                scale = 1.0;
            }
            medians[c] = med;
            scales[c] = scale;
        }
        return new RobustScaler(train.columns(), medians, scales);
    }

    /** Median of the first {@code m} values of {@code values}, which it sorts in place. */
    static double median(double[] values, int m) {
        Arrays.sort(values, 0, m);
        int h = m / 2;
        return m % 2 == 1 ? values[h] : 0.5 * (values[h - 1] + values[h]);
    }

    /**
     * Checks that a series has the training columns, in the same order.
     *
     * @param series series to score
     * @throws IllegalArgumentException naming both column lists when they differ
     */
    void checkColumns(MultivariateTimeSeries series) {
        if (!series.columns().equals(columns)) {
            throw new IllegalArgumentException("series columns must be " + columns + " (as in training), was "
                    + series.columns());
        }
    }

    List<String> columns() {
        return columns;
    }

    int columnCount() {
        return medians.length;
    }

    double median(int column) {
        return medians[column];
    }

    double scale(int column) {
        return scales[column];
    }

    /** Robust z-score of one cell; a missing cell (NaN) gives 0, as if it were the median. */
    double z(double value, int column) {
        return Double.isNaN(value) ? 0.0 : (value - medians[column]) / scales[column];
    }

    /**
     * Returns the standardised series row by row (row-major, {@code rows * columns}), missing
     * cells replaced by 0 (the median) and flagged in {@code missing} (same layout).
     */
    double[] standardise(MultivariateTimeSeries series, boolean[] missing) {
        int p = medians.length;
        int n = series.size();
        double[] z = new double[n * p];
        for (int c = 0; c < p; c++) {
            for (int r = 0; r < n; r++) {
                double v = series.value(r, c);
                z[r * p + c] = z(v, c);
                if (Double.isNaN(v)) {
                    missing[r * p + c] = true;
                }
            }
        }
        return z;
    }

    /**
     * SHA-256 of the series' column names and values (row-major, IEEE-754 bits), as 64 lower-case
     * hex digits, for the model card.
     */
    static String digest(MultivariateTimeSeries series) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String c : series.columns()) {
                md.update(c.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            ByteBuffer buf = ByteBuffer.allocate(16);
            for (int r = 0; r < series.size(); r++) {
                buf.clear();
                buf.putLong(series.epochMilli(r));
                md.update(buf.array(), 0, 8);
                for (int c = 0; c < series.columnCount(); c++) {
                    buf.clear();
                    buf.putLong(Double.doubleToLongBits(series.value(r, c)));
                    md.update(buf.array(), 0, 8);
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 must be available in every Java runtime", e);
        }
    }
}
