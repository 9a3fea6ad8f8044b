package fr.territoires.ia.core.fast;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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

    private final Objective objective;
    private final List<String> columns;
    private final int outputs;
    private final double baseMargin;
    /** First node of each tree. */
    private final int[] roots;
    /** Column of each split node, -1 for a leaf. */
    private final int[] column;
    private final float[] threshold;
    private final int[] yes;
    private final int[] no;
    private final int[] missing;
    /** Leaf value (leaves), cover-weighted mean of the leaves below (split nodes). */
    private final double[] value;

    private CompiledTrees(Objective objective, List<String> columns, int outputs, double baseMargin, int[] roots,
            int[] column, float[] threshold, int[] yes, int[] no, int[] missing, double[] value) {
        this.objective = objective;
        this.columns = columns;
        this.outputs = outputs;
        this.baseMargin = baseMargin;
        this.roots = roots;
        this.column = column;
        this.threshold = threshold;
        this.yes = yes;
        this.no = no;
        this.missing = missing;
        this.value = value;
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
        for (int t = 0; t < dumps.size(); t++) {
            JsonNode tree;
            try {
                tree = JSON.readTree(dumps.get(t));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("treeDumps[" + t + "] must be JSON, was not: "
                        + e.getOriginalMessage(), e);
            }
            roots[t] = b.addTree(tree, t);
        }
        return new CompiledTrees(objective, cols, outputs, base, roots, b.column.toArray(), b.threshold.toArray(),
                b.yes.toArray(), b.no.toArray(), b.missing.toArray(), b.value.toArray());
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
        margins(row, 0, out, 0);
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
     * {@code r} at {@code out[r * outputCount()]}. Trees are walked one at a time over all rows,
     * which keeps each tree in cache. Allocates nothing; results equal {@link #predict(double[],
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
        for (int t = 0; t < roots.length; t++) {
            int root = roots[t];
            int g = t % outputs;
            for (int r = 0, base = 0; r < n; r++, base += p) {
                out[r * outputs + g] += value[leaf(root, rows, base)];
            }
        }
        for (int r = 0; r < n; r++) {
            link(out, r * outputs);
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
            int c;
            while ((c = column[node]) >= 0) {
                int next = child(node, row[c]);
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
        for (int t = group; t < roots.length; t += outputs) {
            m += value[leaf(roots[t], row, base)];
        }
        return m;
    }

    private void margins(double[] row, int base, double[] out, int at) {
        for (int k = 0; k < outputs; k++) {
            out[at + k] = baseMargin;
        }
        for (int t = 0; t < roots.length; t++) {
            out[at + t % outputs] += value[leaf(roots[t], row, base)];
        }
    }

    private int leaf(int root, double[] rows, int base) {
        int node = root;
        int c;
        while ((c = column[node]) >= 0) {
            node = child(node, rows[base + c]);
        }
        return node;
    }

    private int child(int node, double x) {
        if (x != x) {
            return missing[node];
        }
        return (float) x < threshold[node] ? yes[node] : no[node];
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
        final IntList column = new IntList();
        final FloatList threshold = new FloatList();
        final IntList yes = new IntList();
        final IntList no = new IntList();
        final IntList missing = new IntList();
        final DoubleList value = new DoubleList();
        final DoubleList cover = new DoubleList();

        Builder(int[] featureToColumn, List<String> boosterNames) {
            this.featureToColumn = featureToColumn;
            this.boosterNames = boosterNames;
        }

        /** Adds one tree, nodes in depth-first order; returns the index of its root. */
        int addTree(JsonNode root, int t) {
            int start = column.size();
            Map<Integer, Integer> byId = new HashMap<>();
            List<JsonNode> order = new ArrayList<>();
            collect(root, t, byId, order);
            for (JsonNode n : order) {
                JsonNode leaf = n.get("leaf");
                cover.add(n.has("cover") ? n.get("cover").asDouble() : 1.0);
                if (leaf != null) {
                    if (!leaf.isNumber()) {
                        throw bad(t, "leaf must be a number, was " + leaf);
                    }
                    column.add(-1);
                    threshold.add(0f);
                    yes.add(-1);
                    no.add(-1);
                    missing.add(-1);
                    value.add((float) leaf.asDouble());
                    continue;
                }
                JsonNode split = n.get("split");
                JsonNode cond = n.get("split_condition");
                if (split == null || cond == null || !cond.isNumber()) {
                    throw bad(t, "split node must have a split and a numeric split_condition (categorical splits "
                            + "are not supported), was " + n.get("nodeid"));
                }
                column.add(columnOf(split.asText(), t));
                threshold.add((float) cond.asDouble());
                yes.add(start + target(n, "yes", byId, t));
                no.add(start + target(n, "no", byId, t));
                missing.add(start + target(n, "missing", byId, t));
                value.add(0.0);
            }
            // Expected values of split nodes, children before parents (reverse depth-first order).
            for (int i = column.size() - 1; i >= start; i--) {
                if (column.get(i) >= 0) {
                    int y = yes.get(i);
                    int o = no.get(i);
                    double cy = cover.get(y);
                    double co = cover.get(o);
                    double total = cy + co;
                    double v = total > 0 ? (cy * value.get(y) + co * value.get(o)) / total
                            : 0.5 * (value.get(y) + value.get(o));
                    value.set(i, v);
                    if (cover.get(i) <= 0) {
                        cover.set(i, total);
                    }
                }
            }
            return start;
        }

        private void collect(JsonNode n, int t, Map<Integer, Integer> byId, List<JsonNode> order) {
            if (!n.isObject() || !n.has("nodeid")) {
                throw bad(t, "every node must be an object with a nodeid, was " + abbreviate(n));
            }
            if (byId.put(n.get("nodeid").asInt(), order.size()) != null) {
                throw bad(t, "nodeid must be unique, was repeated " + n.get("nodeid"));
            }
            order.add(n);
            JsonNode children = n.get("children");
            if (n.has("leaf")) {
                return;
            }
            if (children == null || !children.isArray() || children.size() != 2) {
                throw bad(t, "split node " + n.get("nodeid") + " must have two children");
            }
            for (JsonNode c : children) {
                collect(c, t, byId, order);
            }
        }

        private int target(JsonNode n, String field, Map<Integer, Integer> byId, int t) {
            JsonNode id = n.get(field);
            Integer local = id == null ? null : byId.get(id.asInt());
            if (local == null) {
                throw bad(t, "node " + n.get("nodeid") + " must name an existing '" + field + "' child, was " + id);
            }
            return local;
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

    /** Growable float array. */
    private static final class FloatList {
        private float[] a = new float[64];
        private int size;

        void add(float v) {
            if (size == a.length) {
                a = java.util.Arrays.copyOf(a, size * 2);
            }
            a[size++] = v;
        }

        float[] toArray() {
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

        void set(int i, double v) {
            a[i] = v;
        }

        double[] toArray() {
            return java.util.Arrays.copyOf(a, size);
        }
    }
}
