package fr.territoires.ia.forecasting;

import java.util.Arrays;

/**
 * A logistic regression with an L2 penalty, fitted exactly by Newton's method (iteratively
 * reweighted least squares): the minimiser of {@code sum_i logloss(y_i, b + w.z_i) + ½‖w‖²},
 * which is scikit-learn's {@code LogisticRegression()} with its default {@code C = 1} (Hastie,
 * Tibshirani and Friedman, <i>The Elements of Statistical Learning</i>, 2nd ed., §4.4.1 and
 * §4.4.4). The intercept {@code b} is not penalised.
 *
 * <p>Inputs are standardised by the training mean and standard deviation of each feature
 * (ignoring missing values; a constant feature is only centred). A missing value ({@code NaN})
 * is imputed by the training mean (0 once standardised), and every feature that is missing on
 * at least one training row gains a missing-indicator column (1 when missing), standardised in
 * the same way, so that the model learns what a missing reading says. A feature never missing
 * in training and missing at prediction is imputed without an indicator.
 *
 * <p>Deterministic: no random start, no learning rate, no epochs; the fit stops when no
 * coefficient moves by more than {@code 1e-9} (at most 100 Newton steps, each halved while it
 * does not lower the penalised loss).
 *
 * <p>Instances are immutable and safe for concurrent use.
 */
final class RidgeLogistic {

    private static final double PENALTY = 1.0;
    private static final int MAX_STEPS = 100;

    // Package-private, never written after construction: ExceedanceModelCodec reads them.
    final double[] mean;
    final double[] scale;
    /** For each input feature, the column of its missing indicator, or -1. */
    final int[] indicator;
    final double[] indicatorMean;
    final double[] indicatorScale;
    /** Weights of the standardised columns: the inputs, then the indicators. */
    final double[] w;
    final double intercept;

    /** Assembles a model; also used by {@link ExceedanceModelCodec} to read one back. */
    RidgeLogistic(double[] mean, double[] scale, int[] indicator, double[] indicatorMean,
            double[] indicatorScale, double[] w, double intercept) {
        this.mean = mean;
        this.scale = scale;
        this.indicator = indicator;
        this.indicatorMean = indicatorMean;
        this.indicatorScale = indicatorScale;
        this.w = w;
        this.intercept = intercept;
    }

    /**
     * Fits the model.
     *
     * @param x rows of features, all of one length; NaN = missing, never infinite
     * @param y outcomes, aligned with {@code x}
     * @return the fitted model
     * @throws IllegalArgumentException when there are no rows, the lengths disagree, or the
     *     outcomes hold one class only
     */
    static RidgeLogistic fit(double[][] x, boolean[] y) {
        int n = x.length;
        if (n == 0 || y.length != n) {
            throw new IllegalArgumentException("x and y must have the same positive length, was "
                    + n + " and " + y.length);
        }
        int p = x[0].length;
        double[] mean = new double[p];
        double[] scale = new double[p];
        int[] missing = new int[p];
        for (int j = 0; j < p; j++) {
            double s = 0;
            double ss = 0;
            int c = 0;
            for (double[] r : x) {
                double v = r[j];
                if (Double.isNaN(v)) {
                    missing[j]++;
                } else {
                    s += v;
                    c++;
                }
            }
            double m = c == 0 ? 0 : s / c;
            for (double[] r : x) {
                double v = r[j];
                if (!Double.isNaN(v)) {
                    ss += (v - m) * (v - m);
                }
            }
            double sd = c < 2 ? 0 : Math.sqrt(ss / c);
            mean[j] = m;
            scale[j] = sd > 1e-12 ? sd : 1.0;
        }
        int[] indicator = new int[p];
        int q = p;
        for (int j = 0; j < p; j++) {
            indicator[j] = missing[j] > 0 ? q++ : -1;
        }
        double[] indMean = new double[q];
        double[] indScale = new double[q];
        for (int j = 0; j < p; j++) {
            if (indicator[j] >= 0) {
                double f = missing[j] / (double) n;
                double sd = Math.sqrt(f * (1 - f));
                indMean[indicator[j]] = f;
                indScale[indicator[j]] = sd > 1e-12 ? sd : 1.0;
            }
        }
        RidgeLogistic shape = new RidgeLogistic(mean, scale, indicator, indMean, indScale,
                new double[q], 0);
        double[][] z = new double[n][];
        int pos = 0;
        for (int i = 0; i < n; i++) {
            if (x[i].length != p) {
                throw new IllegalArgumentException("row " + i + " must have " + p
                        + " features, was " + x[i].length);
            }
            z[i] = shape.design(x[i]);
            pos += y[i] ? 1 : 0;
        }
        if (pos == 0 || pos == n) {
            throw new IllegalArgumentException("outcomes must hold both classes, was " + pos
                    + " positives among " + n);
        }
        double[] beta = new double[q + 1];
        beta[q] = Math.log(pos / (double) (n - pos));
        double loss = loss(z, y, beta);
        for (int step = 0; step < MAX_STEPS; step++) {
            double[] g = new double[q + 1];
            double[][] h = new double[q + 1][q + 1];
            for (int i = 0; i < n; i++) {
                double[] zi = z[i];
                double t = beta[q];
                for (int k = 0; k < q; k++) {
                    t += beta[k] * zi[k];
                }
                double pr = sigmoid(t);
                double r = pr - (y[i] ? 1 : 0);
                double wt = Math.max(pr * (1 - pr), 1e-12);
                for (int a = 0; a < q; a++) {
                    double za = zi[a];
                    if (za == 0.0) {
                        continue;
                    }
                    g[a] += r * za;
                    double wz = wt * za;
                    double[] ha = h[a];
                    for (int b = 0; b <= a; b++) {
                        ha[b] += wz * zi[b];
                    }
                    ha[q] += wz;
                }
                g[q] += r;
                h[q][q] += wt;
            }
            for (int a = 0; a < q; a++) {
                g[a] += PENALTY * beta[a];
                h[a][a] += PENALTY;
                for (int b = 0; b < a; b++) {
                    h[b][a] = h[a][b];
                }
                h[q][a] = h[a][q];
            }
            double[] delta = solve(h, g);
            double move = 1.0;
            double[] next = new double[q + 1];
            double nextLoss = Double.POSITIVE_INFINITY;
            for (int halving = 0; halving < 30; halving++) {
                for (int k = 0; k <= q; k++) {
                    next[k] = beta[k] - move * delta[k];
                }
                nextLoss = loss(z, y, next);
                if (nextLoss <= loss + 1e-12 * Math.abs(loss)) {
                    break;
                }
                move /= 2;
            }
            double maxMove = 0;
            for (int k = 0; k <= q; k++) {
                maxMove = Math.max(maxMove, Math.abs(next[k] - beta[k]));
            }
            beta = next;
            loss = Math.min(loss, nextLoss);
            if (maxMove < 1e-9) {
                break;
            }
        }
        return new RidgeLogistic(mean, scale, indicator, indMean, indScale,
                Arrays.copyOf(beta, q), beta[q]);
    }

    /** The standardised design row: inputs (NaN imputed 0), then indicators. */
    double[] design(double[] row) {
        double[] z = new double[w.length];
        for (int j = 0; j < mean.length; j++) {
            double v = row[j];
            boolean miss = Double.isNaN(v);
            z[j] = miss ? 0.0 : (v - mean[j]) / scale[j];
            int k = indicator[j];
            if (k >= 0) {
                z[k] = ((miss ? 1.0 : 0.0) - indicatorMean[k]) / indicatorScale[k];
            }
        }
        return z;
    }

    private static double loss(double[][] z, boolean[] y, double[] beta) {
        int q = beta.length - 1;
        double l = 0;
        for (int i = 0; i < z.length; i++) {
            double t = beta[q];
            for (int k = 0; k < q; k++) {
                t += beta[k] * z[i][k];
            }
            // log(1 + e^t) - y t, computed stably
            l += (t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t))) - (y[i] ? t : 0);
        }
        for (int k = 0; k < q; k++) {
            l += 0.5 * PENALTY * beta[k] * beta[k];
        }
        return l;
    }

    /** Solves {@code h x = g} for a symmetric positive-definite {@code h} (Cholesky). */
    static double[] solve(double[][] h, double[] g) {
        int m = g.length;
        double[][] l = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= i; j++) {
                double s = h[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    l[i][i] = Math.sqrt(Math.max(s, 1e-12));
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        double[] t = new double[m];
        for (int i = 0; i < m; i++) {
            double s = g[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * t[k];
            }
            t[i] = s / l[i][i];
        }
        double[] x = new double[m];
        for (int i = m - 1; i >= 0; i--) {
            double s = t[i];
            for (int k = i + 1; k < m; k++) {
                s -= l[k][i] * x[k];
            }
            x[i] = s / l[i][i];
        }
        return x;
    }

    static double sigmoid(double t) {
        return t >= 0 ? 1.0 / (1.0 + Math.exp(-t)) : Math.exp(t) / (1.0 + Math.exp(t));
    }

    /**
     * The log-odds of a row.
     *
     * @param row features, as at fitting; NaN = missing
     * @return {@code b + w.z}
     */
    double logOdds(double[] row) {
        // The terms of design(row) in its column order (the inputs, then the indicators in the
        // order of their features), summed without building the row: the same value, bit for bit,
        // with no allocation on the forecast path.
        double t = intercept;
        for (int j = 0; j < mean.length; j++) {
            double v = row[j];
            t += w[j] * (Double.isNaN(v) ? 0.0 : (v - mean[j]) / scale[j]);
        }
        for (int j = 0; j < mean.length; j++) {
            int k = indicator[j];
            if (k >= 0) {
                t += w[k] * (((Double.isNaN(row[j]) ? 1.0 : 0.0) - indicatorMean[k]) / indicatorScale[k]);
            }
        }
        return t;
    }

    /**
     * The log-odds of a row as one contribution per input feature (its standardised value times
     * its weight, plus its missing indicator's part) and the intercept last: they sum to
     * {@link #logOdds(double[])}.
     *
     * @param row features, as at fitting
     * @return {@code row.length + 1} values
     */
    double[] contributions(double[] row) {
        double[] z = design(row);
        double[] c = new double[mean.length + 1];
        for (int j = 0; j < mean.length; j++) {
            c[j] = w[j] * z[j];
            if (indicator[j] >= 0) {
                c[j] += w[indicator[j]] * z[indicator[j]];
            }
        }
        c[mean.length] = intercept;
        return c;
    }

    /**
     * The weight of each input feature per standard deviation (the indicators' weights not
     * included), for the card.
     *
     * @return one weight per input feature
     */
    double[] weights() {
        return Arrays.copyOf(w, mean.length);
    }

    /**
     * The weights of every standardised column, the indicators' included, in the order of
     * {@link #design(double[])}.
     *
     * @return a copy of the weights
     */
    double[] weightsWithIndicators() {
        return w.clone();
    }

    /**
     * The intercept of the log-odds.
     *
     * @return the intercept
     */
    double intercept() {
        return intercept;
    }
}
