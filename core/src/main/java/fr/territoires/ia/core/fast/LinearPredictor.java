package fr.territoires.ia.core.fast;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A linear model (one weight vector and intercept per output) evaluated in plain Java on dense
 * rows, without allocating per prediction.
 *
 * <p>Method: the margin of output {@code k} is {@code w_k · x + b_k}, summed in the order of the
 * weights given to {@link #of} and the intercept added last, which is the order of Tribuo's SGD
 * models (bias feature last) and of LIBLINEAR's decision values (features by index, then
 * {@code - rho} for one-class machines), so results match them to the last bit or nearly. The
 * link turns margins into predictions: identity (regression, decision values), logistic
 * {@code 1 / (1 + exp(-m))} per output, or softmax over the outputs (multinomial logistic
 * regression, as Tribuo normalises its {@code LogMulticlass} SGD models). Weights are laid out
 * output by output in one array.
 *
 * <p>Input: the weights name the features they apply to ({@code weightNames}, for a Tribuo model
 * its feature names in feature-id order); {@code columns} gives the order of our rows; the mapping
 * is built once. A NaN cell makes the outputs NaN (a missing feature of a Tribuo sparse example
 * contributes 0: pass 0). Columns without a weight are ignored.
 *
 * <p>Edge cases: no weights at all gives the intercepts; a weight name that is not a column is
 * rejected.
 *
 * <pre>{@code
 * LinearPredictor lp = LinearPredictor.of(columns, names, new double[][] {w}, new double[] {b}, Link.IDENTITY);
 * double y = lp.predict(row, 0);
 * }</pre>
 *
 * <p>Instances are immutable and safe for concurrent use.
 *
 * @since 0.1.0
 */
public final class LinearPredictor {

    /**
     * Function from margins to predictions.
     *
     * @since 0.1.0
     */
    public enum Link {
        /** Predictions are the margins (regression, decision values). */
        IDENTITY,
        /** Each output is {@code 1 / (1 + exp(-m))}. */
        LOGISTIC,
        /** The outputs are the softmax of the margins, summing to 1. */
        SOFTMAX
    }

    private final List<String> columns;
    private final Link link;
    private final int outputs;
    private final int terms;
    /** Column read by each term. */
    private final int[] index;
    /** Weights, output by output, {@code terms} each. */
    private final double[] weights;
    private final double[] intercepts;

    private LinearPredictor(List<String> columns, Link link, int[] index, double[] weights, double[] intercepts) {
        this.columns = columns;
        this.link = link;
        this.outputs = intercepts.length;
        this.terms = index.length;
        this.index = index;
        this.weights = weights;
        this.intercepts = intercepts;
    }

    /**
     * Builds a linear predictor.
     *
     * @param columns names of the cells of our rows, in order, distinct
     * @param weightNames names of the features the weights apply to, distinct, each among
     *     {@code columns}; this order is the summation order
     * @param weights one array per output, each {@code weightNames.size()} long, finite; copied
     * @param intercepts one intercept per output, finite, at least one; copied
     * @param link link from margins to predictions
     * @return the predictor
     * @throws NullPointerException when an argument or element is null
     * @throws IllegalArgumentException when names repeat, a weight name is not a column, lengths
     *     disagree or a value is not finite
     */
    public static LinearPredictor of(List<String> columns, List<String> weightNames, double[][] weights,
            double[] intercepts, Link link) {
        List<String> cols = List.copyOf(columns);
        List<String> names = List.copyOf(weightNames);
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(intercepts, "intercepts");
        Objects.requireNonNull(link, "link");
        if (intercepts.length == 0) {
            throw new IllegalArgumentException("intercepts.length must be >= 1, was 0");
        }
        if (weights.length != intercepts.length) {
            throw new IllegalArgumentException("weights.length must be " + intercepts.length + " (one per output), was "
                    + weights.length);
        }
        Map<String, Integer> at = new HashMap<>();
        for (int i = 0; i < cols.size(); i++) {
            if (at.put(cols.get(i), i) != null) {
                throw new IllegalArgumentException("columns must be distinct, was " + cols.get(i) + " repeated");
            }
        }
        int m = names.size();
        int[] index = new int[m];
        boolean[] seen = new boolean[cols.size()];
        for (int j = 0; j < m; j++) {
            Integer c = at.get(names.get(j));
            if (c == null) {
                throw new IllegalArgumentException("weightNames[" + j + "] must be among the columns, was "
                        + names.get(j));
            }
            if (seen[c]) {
                throw new IllegalArgumentException("weightNames must be distinct, was " + names.get(j) + " repeated");
            }
            seen[c] = true;
            index[j] = c;
        }
        double[] flat = new double[m * weights.length];
        for (int k = 0; k < weights.length; k++) {
            double[] w = Objects.requireNonNull(weights[k], "weights[" + k + "]");
            if (w.length != m) {
                throw new IllegalArgumentException("weights[" + k + "].length must be " + m + ", was " + w.length);
            }
            for (int j = 0; j < m; j++) {
                if (!Double.isFinite(w[j])) {
                    throw new IllegalArgumentException("weights[" + k + "][" + j + "] must be finite, was " + w[j]);
                }
            }
            System.arraycopy(w, 0, flat, k * m, m);
        }
        for (int k = 0; k < intercepts.length; k++) {
            if (!Double.isFinite(intercepts[k])) {
                throw new IllegalArgumentException("intercepts[" + k + "] must be finite, was " + intercepts[k]);
            }
        }
        return new LinearPredictor(cols, link, index, flat, intercepts.clone());
    }

    /**
     * Returns the names of the cells of a row, in order.
     *
     * @return the column names (unmodifiable)
     */
    public List<String> columns() {
        return columns;
    }

    /**
     * Returns the number of cells of a row.
     *
     * @return {@code columns().size()}
     */
    public int columnCount() {
        return columns.size();
    }

    /**
     * Returns the number of outputs.
     *
     * @return the number of outputs, at least 1
     */
    public int outputCount() {
        return outputs;
    }

    /**
     * Returns the link from margins to predictions.
     *
     * @return the link
     */
    public Link link() {
        return link;
    }

    /**
     * Returns a copy of the weights of one output, in the order of the weight names given to
     * {@link #of}.
     *
     * @param output index of the output, in {@code [0, outputCount())}
     * @return a new array of weights
     * @throws IllegalArgumentException when {@code output} is out of range
     */
    public double[] weights(int output) {
        checkOutput(output);
        return Arrays.copyOfRange(weights, output * terms, (output + 1) * terms);
    }

    /**
     * Returns the intercept of one output.
     *
     * @param output index of the output, in {@code [0, outputCount())}
     * @return the intercept
     * @throws IllegalArgumentException when {@code output} is out of range
     */
    public double intercept(int output) {
        checkOutput(output);
        return intercepts[output];
    }

    /**
     * Computes the margin {@code w · x + b} of one output of a row, before the link.
     *
     * @param row cells in the order of {@link #columns()}
     * @param output index of the output, in {@code [0, outputCount())}
     * @return the margin (NaN when a weighted cell is NaN)
     * @throws NullPointerException when {@code row} is null
     * @throws IllegalArgumentException when {@code row} has the wrong length or {@code output} is
     *     out of range
     */
    public double margin(double[] row, int output) {
        checkRow(row);
        checkOutput(output);
        return rawMargin(row, 0, output);
    }

    /**
     * Predicts one output of a row. For softmax every margin is computed (allocation-free
     * streaming softmax). Allocates nothing.
     *
     * @param row cells in the order of {@link #columns()}
     * @param output index of the output, in {@code [0, outputCount())}
     * @return the prediction
     * @throws NullPointerException when {@code row} is null
     * @throws IllegalArgumentException when {@code row} has the wrong length or {@code output} is
     *     out of range
     */
    public double predict(double[] row, int output) {
        checkRow(row);
        checkOutput(output);
        switch (link) {
            case LOGISTIC:
                return 1.0 / (1.0 + Math.exp(-rawMargin(row, 0, output)));
            case SOFTMAX: {
                double max = Double.NEGATIVE_INFINITY;
                double sum = 0.0;
                double mine = 0.0;
                for (int k = 0; k < outputs; k++) {
                    double m = rawMargin(row, 0, k);
                    if (k == output) {
                        mine = m;
                    }
                    if (m > max) {
                        sum = sum * Math.exp(max - m) + 1.0;
                        max = m;
                    } else {
                        sum += Math.exp(m - max);
                    }
                }
                return Math.exp(mine - max) / sum;
            }
            default:
                return rawMargin(row, 0, output);
        }
    }

    /**
     * Predicts every output of a row into {@code out}. Allocates nothing.
     *
     * @param row cells in the order of {@link #columns()}
     * @param out receives {@link #outputCount()} predictions from index 0
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when {@code row} has the wrong length or {@code out} is too
     *     short
     */
    public void predict(double[] row, double[] out) {
        checkRow(row);
        if (out.length < outputs) {
            throw new IllegalArgumentException("out.length must be >= " + outputs + ", was " + out.length);
        }
        predictAt(row, 0, out, 0);
    }

    /**
     * Predicts a batch of rows laid end to end in {@code rows} (row {@code r} at
     * {@code rows[r * columnCount()]}), writing the predictions of row {@code r} at
     * {@code out[r * outputCount()]}. Allocates nothing; results equal {@link #predict(double[],
     * double[])} row by row.
     *
     * @param rows cells of the rows; its length must be a multiple of {@link #columnCount()}
     * @param out receives the predictions; at least {@code rowCount * outputCount()} long
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when a length is wrong
     */
    public void predictBatch(double[] rows, double[] out) {
        int p = columns.size();
        if (p == 0 || rows.length % p != 0) {
            throw new IllegalArgumentException("rows.length must be a multiple of " + p + ", was " + rows.length);
        }
        int n = rows.length / p;
        if (out.length < n * outputs) {
            throw new IllegalArgumentException("out.length must be >= " + (n * outputs) + ", was " + out.length);
        }
        for (int r = 0; r < n; r++) {
            predictAt(rows, r * p, out, r * outputs);
        }
    }

    private void predictAt(double[] rows, int base, double[] out, int at) {
        for (int k = 0; k < outputs; k++) {
            out[at + k] = rawMargin(rows, base, k);
        }
        if (link == Link.LOGISTIC) {
            for (int k = 0; k < outputs; k++) {
                out[at + k] = 1.0 / (1.0 + Math.exp(-out[at + k]));
            }
        } else if (link == Link.SOFTMAX) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < outputs; k++) {
                max = Math.max(max, out[at + k]);
            }
            double sum = 0.0;
            for (int k = 0; k < outputs; k++) {
                double e = Math.exp(out[at + k] - max);
                out[at + k] = e;
                sum += e;
            }
            for (int k = 0; k < outputs; k++) {
                out[at + k] /= sum;
            }
        }
    }

    private double rawMargin(double[] rows, int base, int output) {
        double s = 0.0;
        int off = output * terms;
        for (int j = 0; j < terms; j++) {
            s += weights[off + j] * rows[base + index[j]];
        }
        return s + intercepts[output];
    }

    private void checkRow(double[] row) {
        if (row.length != columns.size()) {
            throw new IllegalArgumentException("row.length must be " + columns.size() + ", was " + row.length);
        }
    }

    private void checkOutput(int output) {
        if (output < 0 || output >= outputs) {
            throw new IllegalArgumentException("output must be in [0, " + outputs + "), was " + output);
        }
    }
}
