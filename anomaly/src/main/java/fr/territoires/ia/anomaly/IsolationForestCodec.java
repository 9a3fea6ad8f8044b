package fr.territoires.ia.anomaly;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.territoires.ia.core.trust.ModelFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * Writes a fitted {@link IsolationForestDetector} as a {@link ModelFile} of kind {@value #KIND},
 * version {@value #KIND_VERSION}, with a JSON payload, and reads it back; a detector read back
 * scores bit for bit as the one written.
 *
 * <p><b>Payload, version 1</b> (UTF-8 JSON, one object; every field required; numbers in Java's
 * shortest representation that reads back to the same {@code double}):
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
 * <p>Errors: another kind, encoding or a newer kind version, or a payload that is not this layout
 * raises {@link IllegalArgumentException} naming the field.
 *
 * <p>Stateless; safe for concurrent use.
 */
final class IsolationForestCodec {

    /** Model-file kind of a saved Isolation Forest. */
    static final String KIND = "anomaly.isolation-forest";
    /** Version of the payload layout written by this class. */
    static final int KIND_VERSION = 1;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private IsolationForestCodec() {
    }

    static ModelFile write(IsolationForestDetector d) {
        ObjectNode root = JSON.createObjectNode();
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
        ints(root.putArray("roots"), d.roots);
        ints(root.putArray("feature"), d.feature);
        doubles(root.putArray("split"), d.split);
        ints(root.putArray("left"), d.left);
        ints(root.putArray("right"), d.right);
        doubles(root.putArray("low"), d.low);
        doubles(root.putArray("high"), d.high);
        ints(root.putArray("leafSize"), d.leafSize);
        root.put("threshold", d.threshold);
        try {
            return ModelFile.of(KIND, KIND_VERSION, ModelFile.Encoding.JSON, d.card,
                    JSON.writeValueAsBytes(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the forest's payload", e);
        }
    }

    private static void ints(ArrayNode a, int[] values) {
        for (int v : values) {
            a.add(v);
        }
    }

    private static void doubles(ArrayNode a, double[] values) {
        for (double v : values) {
            a.add(v);
        }
    }

    static IsolationForestDetector read(ModelFile file) {
        Objects.requireNonNull(file, "file");
        if (!file.kind().equals(KIND)) {
            throw new IllegalArgumentException("model file kind must be \"" + KIND + "\", was \""
                    + file.kind() + "\"");
        }
        if (file.kindVersion() > KIND_VERSION) {
            throw new IllegalArgumentException("model file kindVersion must be at most "
                    + KIND_VERSION + " (this library's layout of " + KIND + "), was "
                    + file.kindVersion() + ": read it with a newer version of Territoires IA");
        }
        if (file.encoding() != ModelFile.Encoding.JSON) {
            throw new IllegalArgumentException("model file encoding must be json for " + KIND
                    + ", was " + file.encoding().id());
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.payload());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(KIND + " payload must be JSON: "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read an in-memory payload", e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(KIND + " payload must be a JSON object");
        }
        JsonNode on = field(root, "options", "options");
        if (!on.isObject()) {
            throw bad("options", "must be an object, was " + on.getNodeType());
        }
        IsolationForestDetector.Options options;
        try {
            JsonNode seed = field(on, "seed", "options.seed");
            if (!seed.isIntegralNumber() || !seed.canConvertToLong()) {
                throw bad("options.seed", "must be an integer, was " + seed);
            }
            options = new IsolationForestDetector.Options(integer(on, "trees", "options.trees"),
                    integer(on, "sampleSize", "options.sampleSize"), seed.longValue(),
                    number(field(on, "alarmQuantile", "options.alarmQuantile"), "options.alarmQuantile"));
        } catch (IllegalArgumentException e) {
            String m = String.valueOf(e.getMessage());
            throw m.startsWith(KIND) ? e
                    : new IllegalArgumentException(KIND + " payload field options: " + m, e);
        }
        int psi = integer(root, "sampleSizeUsed", "sampleSizeUsed");
        if (psi < 2 || psi > options.sampleSize()) {
            throw bad("sampleSizeUsed", "must be in [2, options.sampleSize = " + options.sampleSize()
                    + "], was " + psi);
        }
        JsonNode cn = array(root, "columns");
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < cn.size(); i++) {
            if (!cn.get(i).isTextual()) {
                throw bad("columns[" + i + "]", "must be text, was " + cn.get(i).getNodeType());
            }
            columns.add(cn.get(i).textValue());
        }
        if (columns.isEmpty() || new HashSet<>(columns).size() != columns.size()) {
            throw bad("columns", "must hold at least one name, each once, was " + columns);
        }
        int p = columns.size();
        double[] medians = doubles(root, "medians", p);
        double[] scales = doubles(root, "scales", p);
        for (int c = 0; c < p; c++) {
            if (!(scales[c] > 0)) {
                throw bad("scales[" + c + "]", "must be > 0, was " + scales[c]);
            }
        }
        int[] roots = ints(root, "roots", options.trees());
        int[] feature = ints(root, "feature", -1);
        int n = feature.length;
        double[] split = doubles(root, "split", n);
        int[] left = ints(root, "left", n);
        int[] right = ints(root, "right", n);
        double[] low = doubles(root, "low", n);
        double[] high = doubles(root, "high", n);
        int[] leafSize = ints(root, "leafSize", n);
        for (int t = 0; t < roots.length; t++) {
            if (roots[t] < 0 || roots[t] >= n) {
                throw bad("roots[" + t + "]", "must be a node in [0, " + n + "), was " + roots[t]);
            }
        }
        for (int k = 0; k < n; k++) {
            if (feature[k] < -1 || feature[k] >= p) {
                throw bad("feature[" + k + "]", "must be -1 (a leaf) or a column in [0, " + p + "), was "
                        + feature[k]);
            }
            if (feature[k] >= 0) {
                if (left[k] <= k || left[k] >= n) {
                    throw bad("left[" + k + "]", "must be a node in (" + k + ", " + n + "), was " + left[k]);
                }
                if (right[k] <= k || right[k] >= n) {
                    throw bad("right[" + k + "]", "must be a node in (" + k + ", " + n + "), was " + right[k]);
                }
            } else if (leafSize[k] < 0) {
                throw bad("leafSize[" + k + "]", "must be >= 0, was " + leafSize[k]);
            }
        }
        double threshold = number(field(root, "threshold", "threshold"), "threshold");
        if (!(threshold >= 0 && threshold <= 1)) {
            throw bad("threshold", "must be in [0, 1], was " + threshold);
        }
        return new IsolationForestDetector(options, new RobustScaler(List.copyOf(columns), medians, scales),
                psi, roots, feature, split, left, right, low, high, leafSize, threshold, file.card());
    }

    private static IllegalArgumentException bad(String field, String rule) {
        return new IllegalArgumentException(KIND + " payload field " + field + " " + rule);
    }

    private static JsonNode field(JsonNode parent, String key, String path) {
        JsonNode n = parent.get(key);
        if (n == null) {
            throw bad(path, "is missing");
        }
        return n;
    }

    private static JsonNode array(JsonNode parent, String key) {
        JsonNode n = field(parent, key, key);
        if (!n.isArray()) {
            throw bad(key, "must be an array, was " + n.getNodeType());
        }
        return n;
    }

    private static int integer(JsonNode parent, String key, String path) {
        JsonNode n = field(parent, key, path);
        if (!n.isInt()) {
            throw bad(path, "must be an integer, was " + n);
        }
        return n.intValue();
    }

    private static double number(JsonNode n, String path) {
        if (!n.isNumber() || !Double.isFinite(n.doubleValue())) {
            throw bad(path, "must be a finite number, was " + n);
        }
        return n.doubleValue();
    }

    /** An array of finite numbers, of length {@code length} unless it is negative. */
    private static double[] doubles(JsonNode parent, String key, int length) {
        JsonNode a = array(parent, key);
        if (length >= 0 && a.size() != length) {
            throw bad(key, "must hold " + length + " numbers, was " + a.size());
        }
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(a.get(i), key + "[" + i + "]");
        }
        return out;
    }

    /** An array of integers, of length {@code length} unless it is negative. */
    private static int[] ints(JsonNode parent, String key, int length) {
        JsonNode a = array(parent, key);
        if (length >= 0 && a.size() != length) {
            throw bad(key, "must hold " + length + " integers, was " + a.size());
        }
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            if (!a.get(i).isInt()) {
                throw bad(key + "[" + i + "]", "must be an integer, was " + a.get(i));
            }
            out[i] = a.get(i).intValue();
        }
        return out;
    }
}
