package fr.territoires.ia.core.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Counts of a multi-class classification, by actual label (rows) and predicted label (columns),
 * with the usual summary metrics.
 *
 * <p>Built by {@link #of(List, List, List)} from the list of labels, which fixes the order of rows
 * and columns, and two aligned lists of actual and predicted labels. Every value must be one of
 * the labels: nothing is dropped silently.
 *
 * <p>Per-class precision, recall and F1 follow scikit-learn's {@code precision_recall_fscore_support}
 * with {@code zero_division=0}: a ratio whose denominator is 0 is 0 (a label never predicted has
 * precision 0, a label with no support has recall 0). {@link #macroF1()} averages F1 over all the
 * labels given, including those with no support; {@link #weightedF1()} weights by support;
 * {@link #balancedAccuracy()} averages recall over the labels with support only, as
 * scikit-learn's {@code balanced_accuracy_score}. All of these are in {@code [0, 1]}.
 *
 * <p>Instances are immutable and safe for concurrent use.
 *
 * @since 0.1.0
 */
public final class ConfusionMatrix {

    private final List<String> labels;
    private final Map<String, Integer> index;
    private final long[][] counts;
    private final long total;

    private ConfusionMatrix(List<String> labels, Map<String, Integer> index, long[][] counts,
            long total) {
        this.labels = labels;
        this.index = index;
        this.counts = counts;
        this.total = total;
    }

    /**
     * Metrics of one label, seen as the positive class against all the others.
     *
     * <p>Instances are immutable and safe for concurrent use.
     *
     * @param label the label
     * @param support number of observations whose actual label is {@code label}, {@code >= 0}
     * @param predicted number of observations predicted as {@code label}, {@code >= 0}
     * @param precision share of the predictions of {@code label} that are right, in
     *     {@code [0, 1]}, 0 when {@code predicted} is 0
     * @param recall share of the observations of {@code label} predicted as such, in
     *     {@code [0, 1]}, 0 when {@code support} is 0
     * @param f1 harmonic mean of precision and recall, in {@code [0, 1]}, 0 when both are 0
     * @since 0.1.0
     */
    public record ClassMetrics(String label, long support, long predicted, double precision,
            double recall, double f1) {

        /**
         * Checks the label and the counts.
         *
         * @param label the label
         * @param support number of observations of the label
         * @param predicted number of predictions of the label
         * @param precision precision of the label
         * @param recall recall of the label
         * @param f1 F1 of the label
         * @throws NullPointerException when {@code label} is null
         * @throws IllegalArgumentException when a count is negative
         */
        public ClassMetrics {
            Objects.requireNonNull(label, "label");
            if (support < 0) {
                throw new IllegalArgumentException("support must be >= 0, was " + support);
            }
            if (predicted < 0) {
                throw new IllegalArgumentException("predicted must be >= 0, was " + predicted);
            }
        }
    }

    /**
     * Builds the confusion matrix of {@code predicted} against {@code actual}.
     *
     * @param labels the labels, distinct, not empty; their order is the order of rows and columns
     * @param actual observed labels, not empty, each one of {@code labels}
     * @param predicted predicted labels aligned with {@code actual}, each one of {@code labels}
     * @return the matrix
     * @throws NullPointerException when a list or one of its elements is null
     * @throws IllegalArgumentException when {@code labels} is empty or has a duplicate,
     *     {@code actual} is empty, the sizes of {@code actual} and {@code predicted} differ, or a
     *     value is not one of the labels (the message names its position and value)
     */
    public static ConfusionMatrix of(List<String> labels, List<String> actual,
            List<String> predicted) {
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(actual, "actual");
        Objects.requireNonNull(predicted, "predicted");
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("labels must not be empty");
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            String label = Objects.requireNonNull(labels.get(i), "labels[" + i + "]");
            Integer previous = index.putIfAbsent(label, i);
            if (previous != null) {
                throw new IllegalArgumentException("labels must be distinct, was \"" + label
                        + "\" at positions " + previous + " and " + i);
            }
        }
        List<String> labelsCopy = List.copyOf(labels);
        if (actual.isEmpty()) {
            throw new IllegalArgumentException("actual must not be empty");
        }
        if (predicted.size() != actual.size()) {
            throw new IllegalArgumentException("predicted must have the size of actual ("
                    + actual.size() + "), was " + predicted.size());
        }
        int k = labelsCopy.size();
        long[][] counts = new long[k][k];
        int n = actual.size();
        // Read each list once, in order, so that linked lists stay linear.
        int[] rows = positions(actual, "actual", index, labelsCopy);
        int[] cols = positions(predicted, "predicted", index, labelsCopy);
        for (int i = 0; i < n; i++) {
            counts[rows[i]][cols[i]]++;
        }
        return new ConfusionMatrix(labelsCopy, Map.copyOf(index), counts, n);
    }

    private static int[] positions(List<String> values, String name, Map<String, Integer> index,
            List<String> labels) {
        int[] out = new int[values.size()];
        int i = 0;
        for (String value : values) {
            Objects.requireNonNull(value, name + "[" + i + "]");
            Integer position = index.get(value);
            if (position == null) {
                throw new IllegalArgumentException(name + "[" + i + "] = \"" + value
                        + "\" is not one of the labels " + labels);
            }
            out[i++] = position;
        }
        return out;
    }

    /**
     * Returns the labels in row and column order.
     *
     * @return the labels, unmodifiable
     */
    public List<String> labels() {
        return labels;
    }

    /**
     * Returns the number of observations of {@code actual} predicted as {@code predicted}.
     *
     * @param actual actual label
     * @param predicted predicted label
     * @return the count, {@code >= 0}
     * @throws NullPointerException when a label is null
     * @throws IllegalArgumentException when a label is not one of {@link #labels()}
     */
    public long count(String actual, String predicted) {
        return counts[indexOf(actual, "actual")][indexOf(predicted, "predicted")];
    }

    private int indexOf(String label, String name) {
        Objects.requireNonNull(label, name);
        Integer position = index.get(label);
        if (position == null) {
            throw new IllegalArgumentException(
                    name + " \"" + label + "\" is not one of the labels " + labels);
        }
        return position;
    }

    /**
     * Returns a copy of the counts: {@code counts()[i][j]} is the number of observations of
     * {@code labels().get(i)} predicted as {@code labels().get(j)}.
     *
     * @return a new square array, one row per actual label
     */
    public long[][] counts() {
        long[][] copy = new long[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            copy[i] = counts[i].clone();
        }
        return copy;
    }

    /**
     * Returns the number of observations.
     *
     * @return the sum of all counts, {@code >= 1}
     */
    public long total() {
        return total;
    }

    /**
     * Returns the share of observations predicted correctly (the trace over the total).
     *
     * @return the accuracy in {@code [0, 1]}
     */
    public double accuracy() {
        long correct = 0;
        for (int i = 0; i < counts.length; i++) {
            correct += counts[i][i];
        }
        return (double) correct / total;
    }

    /**
     * Returns the metrics of each label against all the others, in label order.
     *
     * @return one entry per label; ratios whose denominator is 0 are 0
     */
    public List<ClassMetrics> perClass() {
        int k = counts.length;
        List<ClassMetrics> result = new ArrayList<>(k);
        for (int c = 0; c < k; c++) {
            long tp = counts[c][c];
            long support = 0;
            long predicted = 0;
            for (int j = 0; j < k; j++) {
                support += counts[c][j];
                predicted += counts[j][c];
            }
            double precision = ratio(tp, predicted);
            double recall = ratio(tp, support);
            double f1 = ratio(2 * tp, support + predicted);
            result.add(new ClassMetrics(labels.get(c), support, predicted, precision, recall, f1));
        }
        return List.copyOf(result);
    }

    /**
     * Returns the unweighted mean of the per-class F1 over all the labels given, including
     * labels with no support (whose F1 is 0).
     *
     * @return the macro-averaged F1 in {@code [0, 1]}
     */
    public double macroF1() {
        double sum = 0.0;
        List<ClassMetrics> metrics = perClass();
        for (ClassMetrics m : metrics) {
            sum += m.f1();
        }
        return sum / metrics.size();
    }

    /**
     * Returns the mean of the per-class F1 weighted by support.
     *
     * @return the support-weighted F1 in {@code [0, 1]}
     */
    public double weightedF1() {
        double sum = 0.0;
        for (ClassMetrics m : perClass()) {
            sum += m.support() * m.f1();
        }
        return sum / total;
    }

    /**
     * Returns the balanced accuracy: the mean recall over the labels with support, as
     * scikit-learn's {@code balanced_accuracy_score} (labels that never occur are left out).
     *
     * @return the balanced accuracy in {@code [0, 1]}
     */
    public double balancedAccuracy() {
        double sum = 0.0;
        int present = 0;
        for (ClassMetrics m : perClass()) {
            if (m.support() > 0) {
                sum += m.recall();
                present++;
            }
        }
        // total >= 1, so at least one label has support.
        return sum / present;
    }

    /**
     * Returns the matrix as a Markdown table (rows are actual labels, columns predicted labels),
     * followed by a table of the per-class metrics with four decimals. Pipe characters in labels
     * are escaped.
     *
     * @return Markdown text ending with a line break
     */
    public String toMarkdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("| actual \\ predicted |");
        for (String label : labels) {
            sb.append(' ').append(escape(label)).append(" |");
        }
        sb.append('\n').append("|---|");
        for (int j = 0; j < labels.size(); j++) {
            sb.append("---:|");
        }
        sb.append('\n');
        for (int i = 0; i < labels.size(); i++) {
            sb.append("| ").append(escape(labels.get(i))).append(" |");
            for (int j = 0; j < labels.size(); j++) {
                sb.append(' ').append(counts[i][j]).append(" |");
            }
            sb.append('\n');
        }
        sb.append('\n');
        sb.append("| label | support | predicted | precision | recall | f1 |\n");
        sb.append("|---|---:|---:|---:|---:|---:|\n");
        for (ClassMetrics m : perClass()) {
            sb.append("| ").append(escape(m.label())).append(" | ").append(m.support())
                    .append(" | ").append(m.predicted()).append(" | ")
                    .append(format(m.precision())).append(" | ").append(format(m.recall()))
                    .append(" | ").append(format(m.f1())).append(" |\n");
        }
        return sb.toString();
    }

    private static String escape(String label) {
        return label.replace("|", "\\|");
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    private static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0.0 : (double) numerator / denominator;
    }

    /**
     * Compares labels (in order) and counts.
     *
     * @param other object to compare with
     * @return whether {@code other} is a confusion matrix with the same labels and counts
     */
    @Override
    public boolean equals(@Nullable Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof ConfusionMatrix)) {
            return false;
        }
        ConfusionMatrix that = (ConfusionMatrix) other;
        return labels.equals(that.labels) && Arrays.deepEquals(counts, that.counts);
    }

    /**
     * Returns a hash code consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return 31 * labels.hashCode() + Arrays.deepHashCode(counts);
    }

    /**
     * Returns the labels and counts, for debugging.
     *
     * @return a text such as {@code ConfusionMatrix[labels=[a, b], counts=[[2, 1], [0, 3]]]}
     */
    @Override
    public String toString() {
        return "ConfusionMatrix[labels=" + labels + ", counts=" + Arrays.deepToString(counts) + "]";
    }
}
