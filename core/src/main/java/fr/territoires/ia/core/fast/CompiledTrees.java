package fr.territoires.ia.core.fast;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A gradient-boosted tree ensemble compiled from XGBoost's JSON model dump into flat primitive
 * arrays and evaluated in plain Java, one row or a batch, without allocating per prediction.
 *
 * <p>Method: each tree of the dump (T. Chen and C. Guestrin, "XGBoost: A Scalable Tree Boosting
 * System", KDD 2016, doi:10.1145/2939672.2939785) becomes a run of nodes in shared arrays: the
 * column of the split (mapped once, at compile time, from the booster's feature index to the
 * position in our rows), the threshold, the "yes", "no" and "missing" children, and the leaf
 * value. A row goes to "yes" when {@code (float) x < threshold}, as XGBoost compares in 32-bit
 * floats, and to the "missing" child when {@code x} is NaN. The margin of an output is the base
 * margin plus the leaf values reached in its trees (tree {@code t} belongs to output
 * {@code t % outputCount()} for soft probability), summed in double precision in tree order. The
 * link turns margins into predictions: logistic {@code 1 / (1 + exp(-m))}, softmax over the
 * classes, or identity for regression. XGBoost itself sums leaves in 32-bit floats; the difference
 * is of the order of 1e-7 on probabilities.
 *
 * <p>Speed: the trees are also laid out as complete binary trees of their depth (node {@code i}
 * has children {@code 2i + 1} and {@code 2i + 2}; a shallow leaf is padded with dummy splits whose
 * leaves all carry its value), and each step is branch-free: the "yes" bit is the sign bit of
 * {@code x - threshold} (thresholds are finite; a zero threshold is stored as -0 so that both
 * zeros compare as equal), a missing cell standing for -infinity where missing values go "yes" and
 * +infinity where they go "no"; one row walks four trees in lockstep. A batch converts each block
 * of 64 rows once into order-preserving integer keys of their 32-bit floats (the bits of a float,
 * the magnitude bits flipped when it is negative, both zeros sharing one key, so that keys compare
 * exactly as the floats do) in two copies of every cell, a missing cell being the smallest integer
 * in the copy read where missing values go "yes" and the largest in the other; then it walks each
 * tree over the whole block, four rows in lockstep, so that the tree and the block stay in the
 * first-level cache and the four rows' independent loads overlap. When the trees of one boosting
 * round share one structure (two-class soft probability trees are usually mirror images), the
 * round is walked once for all classes. None of this changes the results: each output still adds
 * its trees' leaves in tree order. Trees deeper than 10 or with an infinite threshold use the
 * general node layout, walked a fixed number of steps with eight trees or rows in lockstep.
 *
 * <p>Explanations: {@link #contributions(double[], int, double[])} gives Saabas's decomposition of
 * a margin (A. Saabas, "Interpreting random forests", 2014, as implemented by XGBoost's
 * {@code approx_contribs}): every node carries the cover-weighted mean of the leaves below it, and
 * each split on the path of the row credits its column with the change of that mean from the node
 * to the child taken; the bias is the sum of the root means plus the base margin, so the
 * contributions and the bias sum to the margin (up to rounding). Covers come from the dump's
 * statistics; without them children weigh equally.
 *
 * <p>Input: {@link #fromXgboostJson} takes the per-tree JSON strings of
 * {@code Booster.getModelDump((String) null, true, "json")} (with statistics), whose splits name
 * booster features {@code f0, f1, ...}; {@code boosterFeatures.get(i)} names booster feature
 * {@code i} (for a Tribuo model, the feature of id {@code i} in its feature map) and
 * {@code columns} gives the order of our rows. Convention for missing values: a NaN cell of a
 * dense row is missing, like a feature absent from a Tribuo sparse example (Tribuo also passes an
 * explicit NaN to XGBoost, which treats it as missing). Infinite values compare as usual.
 *
 * <p>Edge cases: a tree that is a single leaf adds its value to every row; a column that no split
 * uses is ignored; a split on a booster feature that is not among the columns, a categorical
 * split or a malformed dump is rejected at compile time.
 *
 * <pre>{@code
 * String[] dump = booster.getModelDump((String) null, true, "json");
 * CompiledTrees trees = CompiledTrees.fromXgboostJson(List.of(dump), CompiledTrees.Objective.MULTI_SOFTPROB,
 *         2, 0.5, boosterFeatures, columns);
 * double[] probabilities = new double[trees.outputCount()];
 * trees.predict(row, probabilities);
 * }</pre>
 *
 * <p>Instances are immutable and safe for concurrent use.
 *
 * @since 0.1.0
 */
public final class CompiledTrees {

    /**
     * Learning objective of the booster, which fixes the number of outputs and the link.
     *
     * @since 0.1.0
     */
    public enum Objective {
        /** {@code binary:logistic}: one output, the probability of the positive class. */
        BINARY_LOGISTIC,
        /** {@code multi:softprob}: one probability per class, trees cycling over the classes. */
        MULTI_SOFTPROB,
        /** {@code reg:squarederror} and other identity-link objectives: one value. */
        REGRESSION
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Rows per block of a batch. */
    private static final int BLOCK = 64;
    /** Position of the column in a {@link #link} entry. */
    private static final int COLUMN_SHIFT = 33;

    private final Objective objective;
    private final List<String> columns;
    private final int outputs;
    private final double baseMargin;
    /** First node of each tree. */
    private final int[] roots;
    /** Depth of each tree: the number of steps from its root to its deepest leaf. */
    private final int[] depths;
    /**
     * Per node: first ("yes") child in the low 32 bits, its sibling ("no") following it; bit 32 set
     * when a missing value goes "no"; the column read from bit {@link #COLUMN_SHIFT} on. A leaf reads
     * column 0 against a NaN threshold (never "yes"), its first child is {@code itself - 1} and
     * missing values go "no", so that a step from a leaf stays on it: trees are walked a fixed
     * number of steps, several trees (or rows) in lockstep, so that their independent loads overlap.
     */
    private final long[] link;
    /** Split threshold per node, NaN for leaves. */
    private final float[] threshold;
    /** Leaf value (leaves), cover-weighted mean of the leaves below (split nodes). */
    private final double[] value;
    /**
     * Per round (the {@code outputCount()} consecutive trees of one boosting round): the number of
     * consecutive rounds from it whose trees all share one structure (same splits, children and
     * missing branches; leaf values may differ), 0 when its trees differ. A shared round is walked
     * once for all outputs: two-class soft probability trees are mirror images of each other.
     */
    private final int[] sharedRun;
    /**
     * The same trees in implicit complete-tree layout, used by {@link #predict(double[], double[])}
     * and {@link #predictBatch}; null when a tree is deeper than {@link Implicit#MAX_DEPTH}.
     */
    private final @Nullable Implicit implicit;

    private CompiledTrees(Objective objective, List<String> columns, int outputs, double baseMargin, int[] roots,
            int[] depths, int[] nodes, double[] value) {
        this.objective = objective;
        this.columns = columns;
        this.outputs = outputs;
        this.baseMargin = baseMargin;
        this.roots = roots;
        this.depths = depths;
        int count = nodes.length / 4;
        this.link = new long[count];
        this.threshold = new float[count];
        for (int i = 0; i < count; i++) {
            int first = nodes[4 * i + 2];
            long missingRight = nodes[4 * i + 3] == first ? 0L : 1L;
            link[i] = ((long) nodes[4 * i] << COLUMN_SHIFT) | (missingRight << 32) | (first & 0xFFFFFFFFL);
            threshold[i] = Float.intBitsToFloat(nodes[4 * i + 1]);
        }
        this.value = value;
        this.sharedRun = sharedRuns(roots, nodes, outputs);
        this.implicit = Implicit.of(roots, depths, nodes, value, sharedRun, outputs, columns.size());
    }

    /** Computes {@link #sharedRun} from the node arrays. */
    private static int[] sharedRuns(int[] roots, int[] nodes, int outputs) {
        int rounds = roots.length / outputs;
        int[] run = new int[rounds];
        for (int round = rounds - 1; round >= 0; round--) {
            int t0 = round * outputs;
            boolean same = true;
            int size0 = treeSize(roots, nodes, t0);
            for (int c = 1; c < outputs && same; c++) {
                int t = t0 + c;
                if (treeSize(roots, nodes, t) != size0) {
                    same = false;
                    break;
                }
                int shift = roots[t] - roots[t0];
                for (int i = 0; i < size0 && same; i++) {
                    int a = 4 * (roots[t0] + i);
                    int b = 4 * (roots[t] + i);
                    same = nodes[a] == nodes[b] && nodes[a + 1] == nodes[b + 1]
                            && nodes[a + 2] + shift == nodes[b + 2] && nodes[a + 3] + shift == nodes[b + 3];
                }
            }
            run[round] = same ? 1 + (round + 1 < rounds ? run[round + 1] : 0) : 0;
        }
        return run;
    }

    private static int treeSize(int[] roots, int[] nodes, int t) {
        return (t + 1 < roots.length ? roots[t + 1] : nodes.length / 4) - roots[t];
    }

    /**
     * Compiles the JSON dump of an XGBoost booster.
     *
     * @param treeDumps one JSON object per tree, in booster order, as returned by
     *     {@code Booster.getModelDump((String) null, true, "json")}; at least one
     * @param objective the booster's objective
     * @param classes number of classes for {@link Objective#MULTI_SOFTPROB} (at least 2, and the
     *     number of trees must be a multiple of it); ignored (must be 1) otherwise
     * @param baseScore the booster's {@code base_score} (0.5 unless set): a probability in
     *     {@code (0, 1)} for {@link Objective#BINARY_LOGISTIC}, whose base margin is its log-odds;
     *     the base margin itself otherwise
     * @param boosterFeatures names of the booster's features by index: split {@code f<i>} uses
     *     {@code boosterFeatures.get(i)}
     * @param columns names of the cells of our rows, in order, distinct
     * @return the compiled ensemble
     * @throws NullPointerException when an argument or element is null
     * @throws IllegalArgumentException when a dump is malformed or uses a categorical split, a
     *     split names a feature out of {@code boosterFeatures} or not among {@code columns}, the
     *     columns repeat a name, or {@code classes} or {@code baseScore} is out of range
     */
    public static CompiledTrees fromXgboostJson(List<String> treeDumps, Objective objective, int classes,
            double baseScore, List<String> boosterFeatures, List<String> columns) {
        List<String> dumps = List.copyOf(treeDumps);
        Objects.requireNonNull(objective, "objective");
        List<String> boosterNames = List.copyOf(boosterFeatures);
        List<String> cols = List.copyOf(columns);
        if (dumps.isEmpty()) {
            throw new IllegalArgumentException("treeDumps must be non-empty, was empty");
        }
        int outputs;
        double base;
        switch (objective) {
            case MULTI_SOFTPROB -> {
                if (classes < 2) {
                    throw new IllegalArgumentException("classes must be >= 2 for MULTI_SOFTPROB, was " + classes);
                }
                if (dumps.size() % classes != 0) {
                    throw new IllegalArgumentException("treeDumps.size() must be a multiple of classes (" + classes
                            + "), was " + dumps.size());
                }
                outputs = classes;
                base = finite(baseScore);
            }
            case BINARY_LOGISTIC -> {
                outputs = one(classes);
                if (!(baseScore > 0.0 && baseScore < 1.0)) {
                    throw new IllegalArgumentException("baseScore must be in (0, 1), was " + baseScore);
                }
                base = Math.log(baseScore / (1.0 - baseScore));
            }
            default -> {
                outputs = one(classes);
                base = finite(baseScore);
            }
        }
        Map<String, Integer> columnIndex = new HashMap<>();
        for (int i = 0; i < cols.size(); i++) {
            Integer previous = columnIndex.put(cols.get(i), i);
            if (previous != null) {
                throw new IllegalArgumentException("columns must be distinct, was " + cols.get(i) + " at " + previous
                        + " and " + i);
            }
        }
        int[] featureToColumn = new int[boosterNames.size()];
        for (int i = 0; i < featureToColumn.length; i++) {
            Integer c = columnIndex.get(boosterNames.get(i));
            featureToColumn[i] = c == null ? -1 : c;
        }
        Builder b = new Builder(featureToColumn, boosterNames);
        int[] roots = new int[dumps.size()];
        int[] depths = new int[dumps.size()];
        for (int t = 0; t < dumps.size(); t++) {
            JsonNode tree;
            try {
                tree = JSON.readTree(dumps.get(t));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("treeDumps[" + t + "] must be JSON, was not: "
                        + e.getOriginalMessage(), e);
            }
            roots[t] = b.nodeCount();
            depths[t] = b.addTree(tree, t);
        }
        return new CompiledTrees(objective, cols, outputs, base, roots, depths, b.nodes.toArray(), b.value.toArray());
    }

    /**
     * Returns the objective the ensemble was compiled for.
     *
     * @return the objective
     */
    public Objective objective() {
        return objective;
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
     * Returns the number of outputs: the number of classes for soft probability, 1 otherwise.
     *
     * @return the number of outputs, at least 1
     */
    public int outputCount() {
        return outputs;
    }

    /**
     * Returns the number of trees.
     *
     * @return the number of trees, at least 1
     */
    public int treeCount() {
        return roots.length;
    }

    /**
     * Returns the base margin added to every output's margin: the log-odds of the base score for
     * logistic, the base score otherwise.
     *
     * @return the base margin
     */
    public double baseMargin() {
        return baseMargin;
    }

    /**
     * Predicts one row into {@code out}: the probability of the positive class (logistic), the
     * probability of each class (soft probability) or the value (regression). Allocates nothing.
     *
     * @param row cells in the order of {@link #columns()}; NaN means missing
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
        Implicit im = implicit;
        if (im != null) {
            im.margins(row, out, baseMargin);
        } else {
            margins(row, 0, out, 0);
        }
        link(out, 0);
    }

    /**
     * Predicts one output of one row: the probability of the positive class (logistic), of class
     * {@code output} (soft probability) or the value (regression). Allocates nothing.
     *
     * @param row cells in the order of {@link #columns()}; NaN means missing
     * @param output index of the output, in {@code [0, outputCount())}
     * @return the prediction
     * @throws NullPointerException when {@code row} is null
     * @throws IllegalArgumentException when {@code row} has the wrong length or {@code output} is
     *     out of range
     */
    public double predict(double[] row, int output) {
        checkRow(row);
        checkOutput(output);
        if (objective == Objective.MULTI_SOFTPROB) {
            // Streaming softmax: running maximum and sum of exponentials, no buffer.
            double max = Double.NEGATIVE_INFINITY;
            double sum = 0.0;
            double mine = 0.0;
            for (int k = 0; k < outputs; k++) {
                double m = groupMargin(row, 0, k);
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
        double m = groupMargin(row, 0, 0);
        return objective == Objective.BINARY_LOGISTIC ? 1.0 / (1.0 + Math.exp(-m)) : m;
    }

    /**
     * Predicts a batch of rows laid end to end in {@code rows} (row {@code r} at
     * {@code rows[r * columnCount()]}), writing the {@link #outputCount()} predictions of row
     * {@code r} at {@code out[r * outputCount()]}. Trees are walked one at a time over blocks of
     * 64 rows, which keeps each tree and block in cache. Allocates one scratch block per call (at
     * most {@code 8 * 64 * columnCount()} bytes); results equal {@link #predict(double[],
     * double[])} row by row.
     *
     * @param rows cells of the rows; its length must be a multiple of {@link #columnCount()}
     * @param out receives the predictions; at least {@code rowCount * outputCount()} long
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when a length is wrong
     */
    public void predictBatch(double[] rows, double[] out) {
        int p = columns.size();
        int n = rowCount(rows);
        if (out.length < n * outputs) {
            throw new IllegalArgumentException("out.length must be >= " + (n * outputs) + ", was " + out.length);
        }
        java.util.Arrays.fill(out, 0, n * outputs, baseMargin);
        Implicit im = implicit;
        if (im != null) {
            im.batch(rows, n, out);
            for (int r = 0; r < n; r++) {
                link(out, r * outputs);
            }
            return;
        }
        int rounds = roots.length / outputs;
        // Blocks of rows small enough to stay in the first-level cache while every tree walks them.
        for (int from = 0; from < n; from += BLOCK) {
            int to = Math.min(n, from + BLOCK);
            for (int round = 0; round < rounds; round++) {
                int t0 = round * outputs;
                if (sharedRun[round] > 0) {
                    walkBatch(rows, from, to, p, out, t0, outputs);
                } else {
                    for (int c = 0; c < outputs; c++) {
                        walkBatch(rows, from, to, p, out, t0 + c, 1);
                    }
                }
            }
        }
        for (int r = 0; r < n; r++) {
            link(out, r * outputs);
        }
    }

    /**
     * Walks tree {@code t} for rows {@code [from, n)}, eight rows in lockstep, and adds the leaf reached to the
     * margin of output {@code t % outputs}, and to the next {@code count - 1} outputs the leaf at the
     * same place in the following trees of the round (same structure).
     */
    private void walkBatch(double[] rows, int from, int n, int p, double[] out, int t, int count) {
        int root = roots[t];
        int depth = depths[t];
        int g = t % outputs;
        int r = from;
        for (; r + 7 < n; r += 8) {
            int b0 = r * p;
            int n0 = root;
            int n1 = root;
            int n2 = root;
            int n3 = root;
            int n4 = root;
            int n5 = root;
            int n6 = root;
            int n7 = root;
            for (int d = depth; d > 0; d--) {
                n0 = step(n0, rows, b0);
                n1 = step(n1, rows, b0 + p);
                n2 = step(n2, rows, b0 + 2 * p);
                n3 = step(n3, rows, b0 + 3 * p);
                n4 = step(n4, rows, b0 + 4 * p);
                n5 = step(n5, rows, b0 + 5 * p);
                n6 = step(n6, rows, b0 + 6 * p);
                n7 = step(n7, rows, b0 + 7 * p);
            }
            for (int c = 0; c < count; c++) {
                int off = roots[t + c] - root;
                int o = r * outputs + g + c;
                out[o] += value[n0 + off];
                out[o + outputs] += value[n1 + off];
                out[o + 2 * outputs] += value[n2 + off];
                out[o + 3 * outputs] += value[n3 + off];
                out[o + 4 * outputs] += value[n4 + off];
                out[o + 5 * outputs] += value[n5 + off];
                out[o + 6 * outputs] += value[n6 + off];
                out[o + 7 * outputs] += value[n7 + off];
            }
        }
        for (; r < n; r++) {
            int leaf = leaf(root, depth, rows, r * p);
            for (int c = 0; c < count; c++) {
                out[r * outputs + g + c] += value[leaf + roots[t + c] - root];
            }
        }
    }

    /**
     * Computes the margin of one output of a row: the base margin plus the leaf values reached in
     * the output's trees, before the link.
     *
     * @param row cells in the order of {@link #columns()}; NaN means missing
     * @param output index of the output, in {@code [0, outputCount())}
     * @return the margin (log-odds for logistic, class score for soft probability, value for
     *     regression)
     * @throws NullPointerException when {@code row} is null
     * @throws IllegalArgumentException when {@code row} has the wrong length or {@code output} is
     *     out of range
     */
    public double margin(double[] row, int output) {
        checkRow(row);
        checkOutput(output);
        return groupMargin(row, 0, output);
    }

    /**
     * Decomposes the margin of one output of a row into one contribution per column plus a bias
     * (Saabas's method, see the class description): {@code out[j]} for column {@code j} and
     * {@code out[columnCount()]} for the bias; their sum is {@link #margin(double[], int)} up to
     * rounding. Columns not split on along the row's paths get 0. Allocates nothing.
     *
     * @param row cells in the order of {@link #columns()}; NaN means missing
     * @param output index of the output, in {@code [0, outputCount())}
     * @param out receives {@code columnCount() + 1} values from index 0
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when a length or {@code output} is out of range
     */
    public void contributions(double[] row, int output, double[] out) {
        checkRow(row);
        checkOutput(output);
        int p = columns.size();
        if (out.length < p + 1) {
            throw new IllegalArgumentException("out.length must be >= " + (p + 1) + ", was " + out.length);
        }
        java.util.Arrays.fill(out, 0, p + 1, 0.0);
        double bias = baseMargin;
        for (int t = output; t < roots.length; t += outputs) {
            int node = roots[t];
            bias += value[node];
            for (int d = depths[t]; d > 0; d--) {
                int c = (int) (link[node] >>> COLUMN_SHIFT);
                int next = step(node, row, 0);
                // A step from a leaf stays on it and adds 0.
                out[c] += value[next] - value[node];
                node = next;
            }
        }
        out[p] = bias;
    }

    /**
     * Returns the Saabas contributions of one output of a row, as
     * {@link #contributions(double[], int, double[])} into a new array.
     *
     * @param row cells in the order of {@link #columns()}; NaN means missing
     * @param output index of the output, in {@code [0, outputCount())}
     * @return {@code columnCount() + 1} values: per column, then the bias
     * @throws NullPointerException when {@code row} is null
     * @throws IllegalArgumentException when {@code row} has the wrong length or {@code output} is
     *     out of range
     */
    public double[] contributions(double[] row, int output) {
        double[] out = new double[columns.size() + 1];
        contributions(row, output, out);
        return out;
    }

    private double groupMargin(double[] row, int base, int group) {
        double m = baseMargin;
        int stride = outputs;
        int t = group;
        // Eight trees of the group in lockstep.
        for (; t + 7 * stride < roots.length; t += 8 * stride) {
            int n0 = roots[t];
            int n1 = roots[t + stride];
            int n2 = roots[t + 2 * stride];
            int n3 = roots[t + 3 * stride];
            int n4 = roots[t + 4 * stride];
            int n5 = roots[t + 5 * stride];
            int n6 = roots[t + 6 * stride];
            int n7 = roots[t + 7 * stride];
            int depth = 0;
            for (int i = 0; i < 8; i++) {
                depth = Math.max(depth, depths[t + i * stride]);
            }
            for (int d = depth; d > 0; d--) {
                n0 = step(n0, row, base);
                n1 = step(n1, row, base);
                n2 = step(n2, row, base);
                n3 = step(n3, row, base);
                n4 = step(n4, row, base);
                n5 = step(n5, row, base);
                n6 = step(n6, row, base);
                n7 = step(n7, row, base);
            }
            m += value[n0];
            m += value[n1];
            m += value[n2];
            m += value[n3];
            m += value[n4];
            m += value[n5];
            m += value[n6];
            m += value[n7];
        }
        for (; t < roots.length; t += stride) {
            m += value[leaf(roots[t], depths[t], row, base)];
        }
        return m;
    }

    /**
     * Margins of every output: rounds whose trees share one structure are walked once, eight
     * rounds in lockstep; the others tree by tree. Each output still adds its trees in order.
     */
    private void margins(double[] row, int base, double[] out, int at) {
        int k = outputs;
        for (int c = 0; c < k; c++) {
            out[at + c] = baseMargin;
        }
        int rounds = roots.length / k;
        int round = 0;
        while (round < rounds) {
            if (sharedRun[round] >= 8) {
                int t = round * k;
                int n0 = roots[t];
                int n1 = roots[t + k];
                int n2 = roots[t + 2 * k];
                int n3 = roots[t + 3 * k];
                int n4 = roots[t + 4 * k];
                int n5 = roots[t + 5 * k];
                int n6 = roots[t + 6 * k];
                int n7 = roots[t + 7 * k];
                int depth = 0;
                for (int i = 0; i < 8; i++) {
                    depth = Math.max(depth, depths[t + i * k]);
                }
                for (int d = depth; d > 0; d--) {
                    n0 = step(n0, row, base);
                    n1 = step(n1, row, base);
                    n2 = step(n2, row, base);
                    n3 = step(n3, row, base);
                    n4 = step(n4, row, base);
                    n5 = step(n5, row, base);
                    n6 = step(n6, row, base);
                    n7 = step(n7, row, base);
                }
                for (int c = 0; c < k; c++) {
                    double m = out[at + c];
                    m += value[n0 + roots[t + c] - roots[t]];
                    m += value[n1 + roots[t + k + c] - roots[t + k]];
                    m += value[n2 + roots[t + 2 * k + c] - roots[t + 2 * k]];
                    m += value[n3 + roots[t + 3 * k + c] - roots[t + 3 * k]];
                    m += value[n4 + roots[t + 4 * k + c] - roots[t + 4 * k]];
                    m += value[n5 + roots[t + 5 * k + c] - roots[t + 5 * k]];
                    m += value[n6 + roots[t + 6 * k + c] - roots[t + 6 * k]];
                    m += value[n7 + roots[t + 7 * k + c] - roots[t + 7 * k]];
                    out[at + c] = m;
                }
                round += 8;
            } else {
                int t = round * k;
                if (sharedRun[round] > 0) {
                    int leaf = leaf(roots[t], depths[t], row, base);
                    for (int c = 0; c < k; c++) {
                        out[at + c] += value[leaf + roots[t + c] - roots[t]];
                    }
                } else {
                    for (int c = 0; c < k; c++) {
                        out[at + c] += value[leaf(roots[t + c], depths[t + c], row, base)];
                    }
                }
                round++;
            }
        }
    }

    /** Walks a tree a fixed number of steps (leaves stay put) and returns the leaf reached. */
    private int leaf(int root, int depth, double[] rows, int base) {
        int node = root;
        for (int d = depth; d > 0; d--) {
            node = step(node, rows, base);
        }
        return node;
    }

    /** One step: "yes" child when {@code (float) x < threshold}, its sibling otherwise, missing child for NaN. */
    private int step(int node, double[] rows, int base) {
        long l = link[node];
        float f = (float) rows[base + (int) (l >>> COLUMN_SHIFT)];
        int right = f < threshold[node] ? 0 : 1;
        int missingRight = (int) (l >>> 32) & 1;
        return (int) l + (f != f ? missingRight : right);
    }

    private void link(double[] out, int at) {
        switch (objective) {
            case BINARY_LOGISTIC -> out[at] = 1.0 / (1.0 + Math.exp(-out[at]));
            case MULTI_SOFTPROB -> {
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
            default -> {
                // Identity.
            }
        }
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

    private int rowCount(double[] rows) {
        int p = columns.size();
        if (p == 0) {
            throw new IllegalArgumentException("columns must be non-empty for a batch, was empty");
        }
        if (rows.length % p != 0) {
            throw new IllegalArgumentException("rows.length must be a multiple of " + p + ", was " + rows.length);
        }
        return rows.length / p;
    }

    private static int one(int classes) {
        if (classes != 1) {
            throw new IllegalArgumentException("classes must be 1 unless MULTI_SOFTPROB, was " + classes);
        }
        return 1;
    }

    private static double finite(double baseScore) {
        if (!Double.isFinite(baseScore)) {
            throw new IllegalArgumentException("baseScore must be finite, was " + baseScore);
        }
        return baseScore;
    }

    /** Accumulates the nodes of the trees while parsing. */
    private static final class Builder {
        private final int[] featureToColumn;
        private final List<String> boosterNames;
        final IntList nodes = new IntList();
        final DoubleList value = new DoubleList();

        Builder(int[] featureToColumn, List<String> boosterNames) {
            this.featureToColumn = featureToColumn;
            this.boosterNames = boosterNames;
        }

        int nodeCount() {
            return value.size();
        }

        /**
         * Adds one tree, nodes in breadth-first order with the two children of a split side by side
         * ("yes" first); returns the tree's depth.
         */
        int addTree(JsonNode root, int t) {
            Map<Integer, JsonNode> byId = new HashMap<>();
            collect(root, t, byId);
            int start = nodeCount();
            List<JsonNode> order = new ArrayList<>();
            List<Integer> depth = new ArrayList<>();
            order.add(root);
            depth.add(0);
            int maxDepth = 0;
            // Breadth-first: the children of order[i] get the next two free indexes.
            for (int i = 0; i < order.size(); i++) {
                JsonNode n = order.get(i);
                int index = start + i;
                maxDepth = Math.max(maxDepth, depth.get(i));
                if (n.has("leaf")) {
                    nodes.add(0);
                    nodes.add(Float.floatToRawIntBits(Float.NaN));
                    nodes.add(index - 1);
                    nodes.add(index);
                    value.add((float) n.get("leaf").asDouble());
                    continue;
                }
                JsonNode yes = child(n, "yes", byId, t);
                JsonNode no = child(n, "no", byId, t);
                JsonNode missing = child(n, "missing", byId, t);
                if (yes == no || (missing != yes && missing != no)) {
                    throw bad(t, "node " + n.get("nodeid") + " must have distinct yes and no children and missing "
                            + "equal to one of them");
                }
                int first = start + order.size();
                order.add(yes);
                order.add(no);
                depth.add(depth.get(i) + 1);
                depth.add(depth.get(i) + 1);
                nodes.add(columnOf(n.get("split").asText(), t));
                nodes.add(Float.floatToRawIntBits((float) n.get("split_condition").asDouble()));
                nodes.add(first);
                nodes.add(missing == yes ? first : first + 1);
                value.add(0.0);
            }
            // Cover-weighted means of split nodes, children before parents (reverse breadth-first).
            double[] cover = new double[order.size()];
            for (int i = order.size() - 1; i >= 0; i--) {
                JsonNode n = order.get(i);
                int index = start + i;
                double c = n.has("cover") ? n.get("cover").asDouble() : 0.0;
                if (!n.has("leaf")) {
                    int y = nodes.get(4 * index + 2);
                    double cy = cover[y - start];
                    double co = cover[y + 1 - start];
                    double total = cy + co;
                    value.set(index, total > 0 ? (cy * value.get(y) + co * value.get(y + 1)) / total
                            : 0.5 * (value.get(y) + value.get(y + 1)));
                    if (!(c > 0)) {
                        c = total;
                    }
                } else if (!n.has("cover")) {
                    c = 1.0;
                }
                cover[i] = c;
            }
            return maxDepth;
        }

        /** Indexes the nodes by id and checks their shape. */
        private void collect(JsonNode n, int t, Map<Integer, JsonNode> byId) {
            if (!n.isObject() || !n.has("nodeid")) {
                throw bad(t, "every node must be an object with a nodeid, was " + abbreviate(n));
            }
            if (byId.put(n.get("nodeid").asInt(), n) != null) {
                throw bad(t, "nodeid must be unique, was repeated " + n.get("nodeid"));
            }
            JsonNode leaf = n.get("leaf");
            if (leaf != null) {
                if (!leaf.isNumber()) {
                    throw bad(t, "leaf must be a number, was " + leaf);
                }
                return;
            }
            JsonNode split = n.get("split");
            JsonNode cond = n.get("split_condition");
            if (split == null || cond == null || !cond.isNumber()) {
                throw bad(t, "split node must have a split and a numeric split_condition (categorical splits "
                        + "are not supported), was " + n.get("nodeid"));
            }
            JsonNode children = n.get("children");
            if (children == null || !children.isArray() || children.size() != 2) {
                throw bad(t, "split node " + n.get("nodeid") + " must have two children");
            }
            for (JsonNode c : children) {
                collect(c, t, byId);
            }
        }

        private JsonNode child(JsonNode n, String field, Map<Integer, JsonNode> byId, int t) {
            JsonNode id = n.get(field);
            JsonNode c = id == null ? null : byId.get(id.asInt());
            if (c == null) {
                throw bad(t, "node " + n.get("nodeid") + " must name an existing '" + field + "' child, was " + id);
            }
            return c;
        }

        private int columnOf(String split, int t) {
            int f = -1;
            if (split.length() > 1 && split.charAt(0) == 'f') {
                try {
                    f = Integer.parseInt(split.substring(1));
                } catch (NumberFormatException e) {
                    f = -1;
                }
            }
            if (f < 0 || f >= featureToColumn.length) {
                throw bad(t, "split must be f<i> with i in [0, " + featureToColumn.length + "), was " + split);
            }
            int c = featureToColumn[f];
            if (c < 0) {
                throw bad(t, "split feature must be among the columns, was " + split + " ("
                        + boosterNames.get(f) + ")");
            }
            return c;
        }

        private static IllegalArgumentException bad(int t, String message) {
            return new IllegalArgumentException("treeDumps[" + t + "]: " + message);
        }

        private static String abbreviate(JsonNode n) {
            String s = n.toString();
            return s.length() > 60 ? s.substring(0, 60) + "..." : s;
        }
    }

    /**
     * The trees laid out as complete binary trees of their depth, for branch-free walks: node
     * {@code i} of a tree has children {@code 2i + 1} ("yes", {@code x < threshold}) and
     * {@code 2i + 2}; a leaf shallower than the depth is padded with dummy splits whose leaves all
     * carry its value. A unit is one tree, or one boosting round whose trees share one structure
     * (walked once, its leaves read for each output). Units keep the tree order, so every output
     * still adds its leaves in tree order.
     */
    private static final class Implicit {
        /** Deepest tree laid out this way (2^11 - 1 slots per tree). */
        static final int MAX_DEPTH = 10;
        /** Rows per block of a batch. */
        static final int ROWS = 64;

        private final int columns;
        private final int outputs;
        /** Per unit: first slot in {@link #feature} and {@link #split}. */
        private final int[] nodeStart;
        /** Per unit: depth. */
        private final int[] unitDepth;
        /** Per unit: first entry in {@link #leaves}. */
        private final int[] leafStart;
        /** Per unit: first output. */
        private final int[] firstOutput;
        /** Per unit: number of outputs (consecutive, from the first). */
        private final int[] outputCount;
        /**
         * Per slot, for a batch: the cell read in a block row of {@code 2 * columns} keys, the
         * column itself when missing values go "no" (NaN replaced by the largest int there) or
         * {@code columns +} the column when they go "yes" (NaN replaced by the smallest int there).
         */
        private final int[] feature;
        /**
         * Per slot, for a batch: {@link #feature} in the high 32 bits, the order-preserving key of
         * the threshold ({@link #key}) in the low ones (one load per step).
         */
        private final long[] batchNode;
        /** Per slot, for one row: the column. */
        private final int[] featureOne;
        /** Per slot, for one row: the value standing for a missing cell, -infinity ("yes") or +infinity ("no"). */
        private final float[] missingAs;
        /** Per slot: the threshold. */
        private final float[] split;
        /** Per unit: leaf values, leaf-major, the unit's outputs interleaved. */
        private final double[] leaves;

        private Implicit(int columns, int outputs, int[] nodeStart, int[] unitDepth, int[] leafStart,
                int[] firstOutput, int[] outputCount, int[] feature, int[] featureOne, float[] missingAs, float[] split,
                double[] leaves) {
            this.columns = columns;
            this.outputs = outputs;
            this.nodeStart = nodeStart;
            this.unitDepth = unitDepth;
            this.leafStart = leafStart;
            this.firstOutput = firstOutput;
            this.outputCount = outputCount;
            this.feature = feature;
            this.featureOne = featureOne;
            this.missingAs = missingAs;
            this.split = split;
            this.leaves = leaves;
            this.batchNode = new long[split.length];
            for (int i = 0; i < split.length; i++) {
                batchNode[i] = ((long) feature[i] << 32) | (key(split[i]) & 0xFFFFFFFFL);
            }
        }

        static @Nullable Implicit of(int[] roots, int[] depths, int[] nodes, double[] value, int[] sharedRun,
                int outputs, int columns) {
            int trees = roots.length;
            for (int t = 0; t < trees; t++) {
                if (depths[t] > MAX_DEPTH) {
                    return null;
                }
            }
            for (int i = 0; i < nodes.length / 4; i++) {
                boolean leaf = nodes[4 * i + 2] == i - 1;
                // The walks compare through the sign of x - threshold, with missing values as
                // infinities: both need finite thresholds.
                if (!leaf && !Float.isFinite(Float.intBitsToFloat(nodes[4 * i + 1]))) {
                    return null;
                }
            }
            // Units: a shared round, or a single tree.
            IntList unitTree = new IntList();
            IntList unitCount = new IntList();
            for (int round = 0; round < trees / outputs; round++) {
                int t0 = round * outputs;
                if (sharedRun[round] > 0) {
                    unitTree.add(t0);
                    unitCount.add(outputs);
                } else {
                    for (int c = 0; c < outputs; c++) {
                        unitTree.add(t0 + c);
                        unitCount.add(1);
                    }
                }
            }
            int units = unitTree.size();
            int[] nodeStart = new int[units];
            int[] unitDepth = new int[units];
            int[] leafStart = new int[units];
            int[] firstOutput = new int[units];
            int[] outputCount = new int[units];
            int slots = 0;
            int leafCount = 0;
            for (int u = 0; u < units; u++) {
                int t = unitTree.get(u);
                int d = depths[t];
                nodeStart[u] = slots;
                unitDepth[u] = d;
                leafStart[u] = leafCount;
                firstOutput[u] = t % outputs;
                outputCount[u] = unitCount.get(u);
                slots += (1 << d) - 1;
                leafCount += (1 << d) * outputCount[u];
            }
            int[] feature = new int[slots];
            int[] featureOne = new int[slots];
            float[] missingAs = new float[slots];
            float[] split = new float[slots];
            double[] leaves = new double[leafCount];
            for (int u = 0; u < units; u++) {
                int t = unitTree.get(u);
                int[] shift = new int[outputCount[u]];
                for (int c = 0; c < shift.length; c++) {
                    shift[c] = roots[t + c] - roots[t];
                }
                fill(roots[t], 0, unitDepth[u], nodes, value, shift, columns, nodeStart[u], leafStart[u],
                        feature, featureOne, missingAs, split, leaves);
            }
            return new Implicit(columns, outputs, nodeStart, unitDepth, leafStart, firstOutput, outputCount,
                    feature, featureOne, missingAs, split, leaves);
        }

        private static void fill(int node, int slot, int remaining, int[] nodes, double[] value, int[] shift,
                int columns, int start, int leafStart, int[] feature, int[] featureOne, float[] missingAs,
                float[] split, double[] leaves) {
            boolean leaf = nodes[4 * node + 2] == node - 1;
            if (remaining == 0) {
                int depth = 31 - Integer.numberOfLeadingZeros(slot + 1);
                int index = slot + 1 - (1 << depth);
                for (int c = 0; c < shift.length; c++) {
                    leaves[leafStart + index * shift.length + c] = value[node + shift[c]];
                }
                return;
            }
            if (leaf) {
                // Dummy split: both sides lead to this leaf.
                feature[start + slot] = 0;
                featureOne[start + slot] = 0;
                missingAs[start + slot] = 0f;
                split[start + slot] = 0f;
                fill(node, 2 * slot + 1, remaining - 1, nodes, value, shift, columns, start, leafStart, feature,
                        featureOne, missingAs, split, leaves);
                fill(node, 2 * slot + 2, remaining - 1, nodes, value, shift, columns, start, leafStart, feature,
                        featureOne, missingAs, split, leaves);
                return;
            }
            int column = nodes[4 * node];
            int yes = nodes[4 * node + 2];
            boolean missingYes = nodes[4 * node + 3] == yes;
            feature[start + slot] = missingYes ? columns + column : column;
            featureOne[start + slot] = column;
            missingAs[start + slot] = missingYes ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
            float threshold = Float.intBitsToFloat(nodes[4 * node + 1]);
            // A zero threshold is kept as -0, so that x - t is +0 (not "x < t") for x = -0 and +0.
            split[start + slot] = threshold == 0f ? -0f : threshold;
            fill(yes, 2 * slot + 1, remaining - 1, nodes, value, shift, columns, start, leafStart, feature,
                    featureOne, missingAs, split, leaves);
            fill(yes + 1, 2 * slot + 2, remaining - 1, nodes, value, shift, columns, start, leafStart, feature,
                    featureOne, missingAs, split, leaves);
        }

        /** Adds the leaves of one row to {@code out[0, outputs)}, which it first sets to the base margin. */
        void margins(double[] row, double[] out, double baseMargin) {
            for (int c = 0; c < outputs; c++) {
                out[c] = baseMargin;
            }
            int units = nodeStart.length;
            int u = 0;
            while (u < units) {
                int depth = unitDepth[u];
                if (u + 3 < units && unitDepth[u + 1] == depth && unitDepth[u + 2] == depth
                        && unitDepth[u + 3] == depth) {
                    // Four trees in lockstep, so that their independent loads overlap.
                    int s0 = nodeStart[u];
                    int s1 = nodeStart[u + 1];
                    int s2 = nodeStart[u + 2];
                    int s3 = nodeStart[u + 3];
                    int i0 = 0;
                    int i1 = 0;
                    int i2 = 0;
                    int i3 = 0;
                    for (int d = 0; d < depth; d++) {
                        i0 = step(row, s0, i0);
                        i1 = step(row, s1, i1);
                        i2 = step(row, s2, i2);
                        i3 = step(row, s3, i3);
                    }
                    int first = 1 - (1 << depth);
                    addLeaves(u, first + i0, out);
                    addLeaves(u + 1, first + i1, out);
                    addLeaves(u + 2, first + i2, out);
                    addLeaves(u + 3, first + i3, out);
                    u += 4;
                } else {
                    int start = nodeStart[u];
                    int i = 0;
                    for (int d = 0; d < depth; d++) {
                        i = step(row, start, i);
                    }
                    addLeaves(u, i + 1 - (1 << depth), out);
                    u++;
                }
            }
        }

        /** One step of a one-row walk from slot {@code i} of the tree starting at {@code start}. */
        private int step(double[] row, int start, int i) {
            int s = start + i;
            float x = (float) row[featureOne[s]];
            if (x != x) {
                x = missingAs[s];
            }
            // Sign bit of x - t: 1 when x < t (thresholds are finite, a zero one is -0).
            return 2 * i + 2 - (Float.floatToRawIntBits(x - split[s]) >>> 31);
        }

        private void addLeaves(int u, int leaf, double[] out) {
            int count = outputCount[u];
            int at = leafStart[u] + leaf * count;
            int g = firstOutput[u];
            for (int c = 0; c < count; c++) {
                out[g + c] += leaves[at + c];
            }
        }

        /**
         * The order-preserving integer key of a float: for non-NaN floats {@code a} and {@code b},
         * {@code a < b} exactly when {@code key(a) < key(b)}, both zeros sharing one key.
         */
        static int key(float f) {
            // f + 0 turns -0 into +0 (and leaves every other float as it is).
            int bits = Float.floatToRawIntBits(f + 0f);
            return bits ^ ((bits >> 31) & 0x7FFFFFFF);
        }

        /** Adds the leaves of {@code n} rows to {@code out}, already set to the base margin. */
        void batch(double[] rows, int n, double[] out) {
            int p = columns;
            int width = 2 * p;
            int block = Math.min(n, ROWS);
            int[] xs = new int[block * width];
            long[] node = batchNode;
            double[] lv = leaves;
            int k = outputs;
            for (int from = 0; from < n; from += block) {
                int m = Math.min(block, n - from);
                for (int r = 0; r < m; r++) {
                    int src = (from + r) * p;
                    int dst = r * width;
                    for (int j = 0; j < p; j++) {
                        float v = (float) rows[src + j];
                        boolean missing = v != v;
                        int kv = key(v);
                        xs[dst + j] = missing ? Integer.MAX_VALUE : kv;
                        xs[dst + p + j] = missing ? Integer.MIN_VALUE : kv;
                    }
                }
                for (int u = 0; u < nodeStart.length; u++) {
                    int start = nodeStart[u];
                    int depth = unitDepth[u];
                    int count = outputCount[u];
                    // Slot start + 2^depth - 1 + j holds leaf j, at leafStart + j * count.
                    int base = leafStart[u] + (1 - (1 << depth) - start) * count;
                    int g = firstOutput[u];
                    // Children of absolute slot s = start + i: start + 2i + 1 ("yes") and start + 2i + 2.
                    int next = 2 - start;
                    int r = 0;
                    for (; r + 3 < m; r += 4) {
                        int b0 = r * width;
                        int b1 = b0 + width;
                        int b2 = b1 + width;
                        int b3 = b2 + width;
                        int s0 = start;
                        int s1 = start;
                        int s2 = start;
                        int s3 = start;
                        for (int d = 0; d < depth; d++) {
                            s0 = child(node, xs, b0, s0, next);
                            s1 = child(node, xs, b1, s1, next);
                            s2 = child(node, xs, b2, s2, next);
                            s3 = child(node, xs, b3, s3, next);
                        }
                        int o = (from + r) * k + g;
                        if (count == 2) {
                            add2(lv, base + 2 * s0, out, o);
                            add2(lv, base + 2 * s1, out, o + k);
                            add2(lv, base + 2 * s2, out, o + 2 * k);
                            add2(lv, base + 2 * s3, out, o + 3 * k);
                        } else {
                            addN(lv, base + count * s0, out, o, count);
                            addN(lv, base + count * s1, out, o + k, count);
                            addN(lv, base + count * s2, out, o + 2 * k, count);
                            addN(lv, base + count * s3, out, o + 3 * k, count);
                        }
                    }
                    for (; r < m; r++) {
                        int b = r * width;
                        int s = start;
                        for (int d = 0; d < depth; d++) {
                            s = child(node, xs, b, s, next);
                        }
                        addN(lv, base + count * s, out, (from + r) * k + g, count);
                    }
                }
            }
        }

        /**
         * One step of a batch walk: the absolute slot of the child of slot {@code s} for the block
         * row at {@code b}; "yes" ({@code 2s + next - 1}) when the row's key is below the threshold's.
         */
        private static int child(long[] node, int[] xs, int b, int s, int next) {
            long cell = node[s];
            long x = xs[b + (int) (cell >>> 32)];
            return 2 * s + next - (int) ((x - (int) cell) >>> 63);
        }

        private static void add2(double[] lv, int at, double[] out, int o) {
            out[o] += lv[at];
            out[o + 1] += lv[at + 1];
        }

        private static void addN(double[] lv, int at, double[] out, int o, int count) {
            for (int c = 0; c < count; c++) {
                out[o + c] += lv[at + c];
            }
        }
    }

    /** Growable int array. */
    private static final class IntList {
        private int[] a = new int[64];
        private int size;

        void add(int v) {
            if (size == a.length) {
                a = java.util.Arrays.copyOf(a, size * 2);
            }
            a[size++] = v;
        }

        int get(int i) {
            return a[i];
        }

        int size() {
            return size;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(a, size);
        }
    }

    /** Growable double array. */
    private static final class DoubleList {
        private double[] a = new double[64];
        private int size;

        void add(double v) {
            if (size == a.length) {
                a = java.util.Arrays.copyOf(a, size * 2);
            }
            a[size++] = v;
        }

        double get(int i) {
            return a[i];
        }

        int size() {
            return size;
        }

        void set(int i, double v) {
            a[i] = v;
        }

        double[] toArray() {
            return java.util.Arrays.copyOf(a, size);
        }
    }
}
