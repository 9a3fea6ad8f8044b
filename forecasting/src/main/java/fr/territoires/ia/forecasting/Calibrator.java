package fr.territoires.ia.forecasting;

import java.util.Arrays;

/**
 * Maps raw scores to probabilities: isotonic regression (pool-adjacent-violators, interpolated
 * between block centres, with a small tie-break by the raw score so that the ranking of the raw
 * score survives) or Platt scaling (a logistic curve on the score).
 *
 * <p>References: B. Zadrozny and C. Elkan, "Transforming classifier scores into accurate
 * multiclass probability estimates", KDD 2002; J. Platt, "Probabilistic outputs for support
 * vector machines", 1999, with the target smoothing of H.-T. Lin, C.-J. Lin and R. C. Weng,
 * Machine Learning 68, 2007.
 *
 * <p>Instances are immutable and safe for concurrent use.
 */
final class Calibrator {

    private static final double TIE_BREAK = 1e-4;

    // Package-private, never written after construction: ExceedanceModelCodec reads them.
    final boolean isotonic;
    /** Isotonic: block centres (increasing raw scores) and their probabilities; empty for Platt. */
    final double[] x;
    final double[] p;
    /** Platt: slope and intercept on the standardised score. */
    final double a;
    final double b;
    /** Centre and scale of the raw score (the tie-break's for isotonic, Platt's standardisation). */
    final double centre;
    final double scale;

    /** Assembles a calibrator; also used by {@link ExceedanceModelCodec} to read one back. */
    Calibrator(boolean isotonic, double[] x, double[] p, double a, double b, double centre,
            double scale) {
        this.isotonic = isotonic;
        this.x = x;
        this.p = p;
        this.a = a;
        this.b = b;
        this.centre = centre;
        this.scale = scale;
    }

    boolean isotonic() {
        return isotonic;
    }

    static Calibrator isotonic(double[] scores, boolean[] labels) {
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (i, j) -> Double.compare(scores[i], scores[j]));
        double[] bx = new double[n];
        double[] by = new double[n];
        double[] bw = new double[n];
        int m = 0;
        for (int k = 0; k < n; k++) {
            int i = order[k];
            double s = scores[i];
            double yv = labels[i] ? 1.0 : 0.0;
            if (m > 0 && bx[m - 1] == s && bw[m - 1] > 0 && sameScoreBlock(bx, m, s)) {
                by[m - 1] = (by[m - 1] * bw[m - 1] + yv) / (bw[m - 1] + 1);
                bw[m - 1] += 1;
            } else {
                bx[m] = s;
                by[m] = yv;
                bw[m] = 1;
                m++;
            }
        }
        // bx holds the score of each tie group; PAV with weighted mean scores as block centres
        double[] cx = Arrays.copyOf(bx, m);
        double[] cy = Arrays.copyOf(by, m);
        double[] cw = Arrays.copyOf(bw, m);
        int top = 0;
        double[] sx = new double[m];
        double[] sy = new double[m];
        double[] sw = new double[m];
        for (int k = 0; k < m; k++) {
            sx[top] = cx[k] * cw[k];
            sy[top] = cy[k] * cw[k];
            sw[top] = cw[k];
            top++;
            while (top > 1 && sy[top - 2] / sw[top - 2] >= sy[top - 1] / sw[top - 1]) {
                sx[top - 2] += sx[top - 1];
                sy[top - 2] += sy[top - 1];
                sw[top - 2] += sw[top - 1];
                top--;
            }
        }
        double[] xs = new double[top];
        double[] ps = new double[top];
        for (int k = 0; k < top; k++) {
            xs[k] = sx[k] / sw[k];
            ps[k] = sy[k] / sw[k];
        }
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        double med = n == 0 ? 0.0 : sorted[n / 2];
        double iqr = n == 0 ? 1.0 : sorted[(3 * n) / 4] - sorted[n / 4];
        double sc = iqr > 1e-12 ? iqr : 1.0;
        return new Calibrator(true, xs, ps, 0, 0, med, sc);
    }

    private static boolean sameScoreBlock(double[] bx, int m, double s) {
        return bx[m - 1] == s;
    }

    static Calibrator platt(double[] scores, boolean[] labels) {
        int n = scores.length;
        double mean = 0.0;
        for (double s : scores) {
            mean += s;
        }
        mean /= Math.max(1, n);
        double var = 0.0;
        for (double s : scores) {
            var += (s - mean) * (s - mean);
        }
        double sd = Math.sqrt(var / Math.max(1, n - 1));
        if (!(sd > 1e-12)) {
            sd = 1.0;
        }
        int pos = 0;
        for (boolean l : labels) {
            pos += l ? 1 : 0;
        }
        double hi = (pos + 1.0) / (pos + 2.0);
        double lo = 1.0 / (n - pos + 2.0);
        double a = 0.0;
        double b = Math.log((pos + 1.0) / (n - pos + 1.0));
        for (int iter = 0; iter < 100; iter++) {
            double g1 = 0;
            double g2 = 0;
            double h11 = 1e-9;
            double h22 = 1e-9;
            double h12 = 0;
            for (int i = 0; i < n; i++) {
                double z = (scores[i] - mean) / sd;
                double q = sigmoid(a * z + b);
                double t = labels[i] ? hi : lo;
                double d = q - t;
                double w = q * (1 - q);
                g1 += d * z;
                g2 += d;
                h11 += w * z * z;
                h22 += w;
                h12 += w * z;
            }
            double det = h11 * h22 - h12 * h12;
            if (!(Math.abs(det) > 1e-300)) {
                break;
            }
            double da = (h22 * g1 - h12 * g2) / det;
            double db = (h11 * g2 - h12 * g1) / det;
            a -= da;
            b -= db;
            if (Math.abs(da) + Math.abs(db) < 1e-10) {
                break;
            }
        }
        return new Calibrator(false, new double[0], new double[0], a, b, mean, sd);
    }

    static double sigmoid(double t) {
        return 1.0 / (1.0 + Math.exp(-t));
    }

    double apply(double s) {
        if (!isotonic) {
            return sigmoid(a * (s - centre) / scale + b);
        }
        double base;
        int k = Arrays.binarySearch(x, s);
        if (x.length == 0) {
            base = 0.0;
        } else if (k >= 0) {
            base = p[k];
        } else {
            int ins = -k - 1;
            if (ins == 0) {
                base = p[0];
            } else if (ins == x.length) {
                base = p[x.length - 1];
            } else {
                double f = (s - x[ins - 1]) / (x[ins] - x[ins - 1]);
                base = p[ins - 1] + f * (p[ins] - p[ins - 1]);
            }
        }
        double tie = 0.5 + Math.atan((s - centre) / scale) / Math.PI;
        double out = (1.0 - TIE_BREAK) * base + TIE_BREAK * tie;
        return Math.min(1.0, Math.max(0.0, out));
    }

    double[] apply(double[] s) {
        double[] out = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = apply(s[i]);
        }
        return out;
    }

    String describe() {
        return isotonic ? "isotonic (" + x.length + " blocks, tie-break by raw score)"
                : "Platt (a=" + a + ", b=" + b + ")";
    }
}
