package fr.territoires.ia.anomaly;

import static fr.territoires.ia.core.internal.JsonPayload.add;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.territoires.ia.core.internal.JsonPayload;
import fr.territoires.ia.core.trust.ModelFile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Writes a fitted {@link IsolationForestDetector} as a {@link ModelFile} of kind {@value #KIND},
 * version {@value #KIND_VERSION}, and reads it back, under the contract of saved model kinds
 * documented in {@link ModelFile} (numbers, errors naming the field, bit-for-bit scores).
 *
 * <p><b>Payload, version 1</b> (UTF-8 JSON, one object; every field required):
 * <pre>{@code
 * {"options": {"trees": 100, "sampleSize": 256, "seed": 42, "alarmQuantile": 0.99},
 *  "sampleSizeUsed": 256,                       // psi = min(sampleSize, training rows), >= 2
 *  "columns": ["flow", "pressure"],             // p columns, in order
 *  "medians": [p], "scales": [p],               // the robust scaler (scales > 0)
 *  "roots": [trees],                            // root node of each tree
 *  "feature": [n], "split": [n], "left": [n], "right": [n], "low": [n], "high": [n],
 *  "leafSize": [n],                             // the n nodes of all trees, flat
 *  "threshold": 0.61}                           // alarm threshold on the score
 * }</pre>
 * A node is a leaf when its {@code feature} is -1 (its {@code leafSize} counts the training sample
 * rows that reached it); otherwise it tests column {@code feature} (in {@code [0, p)}): rows with a
 * standardised value below {@code split} go to {@code left}, the others to {@code right}, both
 * child indices greater than the node's own (so a walk always ends), and {@code low}/{@code high}
 * are the range of the node's sample on that column. The card is the model file's card.
 *
 * <p>Stateless; safe for concurrent use.
 */
final class IsolationForestCodec {

    /** Model-file kind of a saved Isolation Forest. */
    static final String KIND = "anomaly.isolation-forest";
    /** Version of the payload layout written by this class. */
    static final int KIND_VERSION = 1;

    private static final JsonPayload PAYLOAD = new JsonPayload(KIND, KIND_VERSION);

    private IsolationForestCodec() {
    }

    static ModelFile write(IsolationForestDetector d) {
        ObjectNode root = PAYLOAD.newObject();
        ObjectNode o = root.putObject("options");
        o.put("trees", d.options.trees());
        o.put("sampleSize", d.options.sampleSize());
        o.put("seed", d.options.seed());
        o.put("alarmQuantile", d.options.alarmQuantile());
        root.put("sampleSizeUsed", d.psi);
        ArrayNode cols = root.putArray("columns");
        d.scaler.columns().forEach(cols::add);
        ArrayNode med = root.putArray("medians");
        ArrayNode sc = root.putArray("scales");
        for (int c = 0; c < d.scaler.columnCount(); c++) {
            med.add(d.scaler.median(c));
            sc.add(d.scaler.scale(c));
        }
        add(root.putArray("roots"), d.roots);
        add(root.putArray("feature"), d.feature);
        add(root.putArray("split"), d.split);
        add(root.putArray("left"), d.left);
        add(root.putArray("right"), d.right);
        add(root.putArray("low"), d.low);
        add(root.putArray("high"), d.high);
        add(root.putArray("leafSize"), d.leafSize);
        root.put("threshold", d.threshold);
        return PAYLOAD.toModelFile(d.card, root);
    }

    static IsolationForestDetector read(ModelFile file) {
        JsonNode root = PAYLOAD.parse(file);
        JsonNode on = PAYLOAD.object(root, "options");
        IsolationForestDetector.Options options;
        try {
            JsonNode seed = PAYLOAD.field(on, "options.seed");
            if (!seed.isIntegralNumber() || !seed.canConvertToLong()) {
                throw PAYLOAD.bad("options.seed", "must be an integer, was " + seed);
            }
            options = new IsolationForestDetector.Options(PAYLOAD.integer(on, "options.trees"),
                    PAYLOAD.integer(on, "options.sampleSize"), seed.longValue(),
                    PAYLOAD.finite(on, "options.alarmQuantile"));
        } catch (IllegalArgumentException e) {
            throw PAYLOAD.within("options", e);
        }
        int psi = PAYLOAD.integer(root, "sampleSizeUsed");
        if (psi < 2 || psi > options.sampleSize()) {
            throw PAYLOAD.bad("sampleSizeUsed", "must be in [2, options.sampleSize = " + options.sampleSize()
                    + "], was " + psi);
        }
        JsonNode cn = PAYLOAD.array(root, "columns");
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < cn.size(); i++) {
            if (!cn.get(i).isTextual()) {
                throw PAYLOAD.bad("columns[" + i + "]", "must be text, was " + cn.get(i).getNodeType());
            }
            columns.add(cn.get(i).textValue());
        }
        if (columns.isEmpty() || new HashSet<>(columns).size() != columns.size()) {
            throw PAYLOAD.bad("columns", "must hold at least one name, each once, was " + columns);
        }
        int p = columns.size();
        double[] medians = PAYLOAD.doubles(root, "medians", p);
        double[] scales = PAYLOAD.doubles(root, "scales", p);
        for (int c = 0; c < p; c++) {
            if (!(scales[c] > 0)) {
                throw PAYLOAD.bad("scales[" + c + "]", "must be > 0, was " + scales[c]);
            }
        }
        int[] roots = PAYLOAD.ints(root, "roots", options.trees());
        int[] feature = PAYLOAD.ints(root, "feature", -1);
        int n = feature.length;
        double[] split = PAYLOAD.doubles(root, "split", n);
        int[] left = PAYLOAD.ints(root, "left", n);
        int[] right = PAYLOAD.ints(root, "right", n);
        double[] low = PAYLOAD.doubles(root, "low", n);
        double[] high = PAYLOAD.doubles(root, "high", n);
        int[] leafSize = PAYLOAD.ints(root, "leafSize", n);
        for (int t = 0; t < roots.length; t++) {
            if (roots[t] < 0 || roots[t] >= n) {
                throw PAYLOAD.bad("roots[" + t + "]", "must be a node in [0, " + n + "), was " + roots[t]);
            }
        }
        for (int k = 0; k < n; k++) {
            if (feature[k] < -1 || feature[k] >= p) {
                throw PAYLOAD.bad("feature[" + k + "]", "must be -1 (a leaf) or a column in [0, " + p
                        + "), was " + feature[k]);
            }
            if (feature[k] >= 0) {
                if (left[k] <= k || left[k] >= n) {
                    throw PAYLOAD.bad("left[" + k + "]", "must be a node in (" + k + ", " + n + "), was "
                            + left[k]);
                }
                if (right[k] <= k || right[k] >= n) {
                    throw PAYLOAD.bad("right[" + k + "]", "must be a node in (" + k + ", " + n + "), was "
                            + right[k]);
                }
            } else if (leafSize[k] < 0) {
                throw PAYLOAD.bad("leafSize[" + k + "]", "must be >= 0, was " + leafSize[k]);
            }
        }
        double threshold = PAYLOAD.finite(root, "threshold");
        if (!(threshold >= 0 && threshold <= 1)) {
            throw PAYLOAD.bad("threshold", "must be in [0, 1], was " + threshold);
        }
        return new IsolationForestDetector(options, new RobustScaler(List.copyOf(columns), medians, scales),
                psi, roots, feature, split, left, right, low, high, leafSize, threshold, file.card());
    }
}
