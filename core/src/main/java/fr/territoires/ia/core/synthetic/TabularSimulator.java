package fr.territoires.ia.core.synthetic;

import fr.territoires.ia.core.internal.Checks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Simulates a table of numeric features with a non-linear target, for training and timing
 * classifiers and regressors (tree ensembles, linear models) on reproducible data.
 *
 * <p>Method: each feature {@code x0, x1, ...} is standard normal. The latent target is
 * {@code 1.5 x0 - x1 + x2·x3 + sin(2 x4) + 2·[x5 > 0.5] + 0.5 x6² - 0.5} (terms beyond the number
 * of features are dropped) plus a normal noise of standard deviation {@link Options#noise()}. The
 * regression target is the latent value; the class of a row is the number of latent thresholds it
 * exceeds, thresholds at the empirical quantiles {@code 1/k, ..., (k-1)/k} of the latent values
 * (about equal classes; for two classes, the latent median). Finally each cell is replaced by NaN
 * with probability {@link Options#missingRate()}, after the target is computed.
 *
 * <p>Units: none (standardised features). Columns are named {@code x0, x1, ...}. The same options
 * always give the same table.
 *
 * <p>Instances are immutable and safe for concurrent use (the class has none; each call draws
 * from its own generator seeded from the options).
 *
 * @since 0.1.0
 */
public final class TabularSimulator {

    private TabularSimulator() {
    }

    /**
     * Options of the simulator.
     *
     * @param rows number of rows, at least 1
     * @param features number of feature columns, at least 1
     * @param classes number of classes of the class target, at least 2
     * @param noise standard deviation of the latent noise, at least 0
     * @param missingRate probability that a cell is NaN, in {@code [0, 1)}
     * @param seed generator seed
     * @since 0.1.0
     */
    public record Options(int rows, int features, int classes, double noise, double missingRate, long seed) {

        /**
         * Validates the options.
         *
         * @param rows number of rows
         * @param features number of features
         * @param classes number of classes
         * @param noise noise standard deviation
         * @param missingRate probability of a NaN cell
         * @param seed seed
         * @throws IllegalArgumentException when a value is out of range
         */
        public Options {
            Checks.atLeast(rows, 1, "rows");
            Checks.atLeast(features, 1, "features");
            Checks.atLeast(classes, 2, "classes");
            if (!(noise >= 0.0 && noise < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("noise must be finite and >= 0, was " + noise);
            }
            if (!(missingRate >= 0.0 && missingRate < 1.0)) {
                throw new IllegalArgumentException("missingRate must be in [0, 1), was " + missingRate);
            }
        }

        /**
         * Returns the defaults: 2,000 rows, 20 features, 2 classes, noise 0.5, 5 % missing cells,
         * seed 42.
         *
         * @return the default options
         */
        public static Options defaults() {
            return new Options(2000, 20, 2, 0.5, 0.05, 42L);
        }

        /**
         * Returns these options with another number of rows.
         *
         * @param newRows number of rows, at least 1
         * @return new options
         * @throws IllegalArgumentException when it is out of range
         */
        public Options withRows(int newRows) {
            return new Options(newRows, features, classes, noise, missingRate, seed);
        }

        /**
         * Returns these options with another number of features.
         *
         * @param newFeatures number of features, at least 1
         * @return new options
         * @throws IllegalArgumentException when it is out of range
         */
        public Options withFeatures(int newFeatures) {
            return new Options(rows, newFeatures, classes, noise, missingRate, seed);
        }

        /**
         * Returns these options with another number of classes.
         *
         * @param newClasses number of classes, at least 2
         * @return new options
         * @throws IllegalArgumentException when it is out of range
         */
        public Options withClasses(int newClasses) {
            return new Options(rows, features, newClasses, noise, missingRate, seed);
        }

        /**
         * Returns these options with another missing rate.
         *
         * @param newMissingRate probability of a NaN cell, in {@code [0, 1)}
         * @return new options
         * @throws IllegalArgumentException when it is out of range
         */
        public Options withMissingRate(double newMissingRate) {
            return new Options(rows, features, classes, noise, newMissingRate, seed);
        }

        /**
         * Returns these options with another seed.
         *
         * @param newSeed generator seed
         * @return new options
         */
        public Options withSeed(long newSeed) {
            return new Options(rows, features, classes, noise, missingRate, newSeed);
        }
    }

    /**
     * A simulated table: feature cells row after row, class and regression targets.
     *
     * <p>Instances are immutable and safe for concurrent use.
     *
     * @since 0.1.0
     */
    public static final class Table {
        private final List<String> columns;
        private final double[] cells;
        private final int[] classes;
        private final double[] targets;

        private Table(List<String> columns, double[] cells, int[] classes, double[] targets) {
            this.columns = columns;
            this.cells = cells;
            this.classes = classes;
            this.targets = targets;
        }

        /**
         * Returns the column names {@code x0, x1, ...}.
         *
         * @return the column names (unmodifiable)
         */
        public List<String> columns() {
            return columns;
        }

        /**
         * Returns the number of rows.
         *
         * @return the number of rows
         */
        public int size() {
            return targets.length;
        }

        /**
         * Returns a copy of one row.
         *
         * @param i row index, in {@code [0, size())}
         * @return the cells of the row, NaN where missing
         * @throws IndexOutOfBoundsException when {@code i} is out of range
         */
        public double[] row(int i) {
            int p = columns.size();
            java.util.Objects.checkIndex(i, size());
            return Arrays.copyOfRange(cells, i * p, (i + 1) * p);
        }

        /**
         * Returns a copy of all cells, row after row ({@code size() * columns().size()} values).
         *
         * @return the cells, NaN where missing
         */
        public double[] cells() {
            return cells.clone();
        }

        /**
         * Returns the class of one row.
         *
         * @param i row index, in {@code [0, size())}
         * @return the class, in {@code [0, classes)}
         * @throws IndexOutOfBoundsException when {@code i} is out of range
         */
        public int label(int i) {
            return classes[i];
        }

        /**
         * Returns the regression target (latent value) of one row.
         *
         * @param i row index, in {@code [0, size())}
         * @return the target
         * @throws IndexOutOfBoundsException when {@code i} is out of range
         */
        public double target(int i) {
            return targets[i];
        }
    }

    /**
     * Simulates a table.
     *
     * @param options options
     * @return the table
     * @throws NullPointerException when {@code options} is null
     */
    public static Table simulate(Options options) {
        Checks.notNull(options, "options");
        SplittableRandom rng = new SplittableRandom(options.seed());
        int n = options.rows();
        int p = options.features();
        double[] cells = new double[n * p];
        double[] latent = new double[n];
        for (int i = 0; i < n; i++) {
            int b = i * p;
            for (int j = 0; j < p; j++) {
                cells[b + j] = gaussian(rng);
            }
            double y = -0.5 + 1.5 * cells[b];
            y += p > 1 ? -cells[b + 1] : 0.0;
            y += p > 3 ? cells[b + 2] * cells[b + 3] : 0.0;
            y += p > 4 ? Math.sin(2.0 * cells[b + 4]) : 0.0;
            y += p > 5 && cells[b + 5] > 0.5 ? 2.0 : 0.0;
            y += p > 6 ? 0.5 * cells[b + 6] * cells[b + 6] : 0.0;
            latent[i] = y + options.noise() * gaussian(rng);
        }
        double[] sorted = latent.clone();
        Arrays.sort(sorted);
        int k = options.classes();
        double[] cuts = new double[k - 1];
        for (int c = 1; c < k; c++) {
            cuts[c - 1] = sorted[Math.min(n - 1, (int) ((long) c * n / k))];
        }
        int[] classes = new int[n];
        for (int i = 0; i < n; i++) {
            int c = 0;
            while (c < cuts.length && latent[i] >= cuts[c]) {
                c++;
            }
            classes[i] = c;
        }
        if (options.missingRate() > 0) {
            for (int i = 0; i < cells.length; i++) {
                if (rng.nextDouble() < options.missingRate()) {
                    cells[i] = Double.NaN;
                }
            }
        }
        List<String> names = new ArrayList<>(p);
        for (int j = 0; j < p; j++) {
            names.add("x" + j);
        }
        return new Table(List.copyOf(names), cells, classes, latent);
    }

    /** Standard normal by the Box–Muller transform (one value per call). */
    private static double gaussian(SplittableRandom rng) {
        double u = 1.0 - rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
    }
}
