package fr.territoires.ia.core.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.territoires.ia.core.trust.ModelCard;
import fr.territoires.ia.core.trust.ModelFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The JSON payload of one {@link ModelFile} kind: checks a file's kind, kind version and encoding,
 * parses its payload into a JSON object, reads typed fields from it and writes payloads back.
 *
 * <p><b>Errors.</b> Every reader raises {@link IllegalArgumentException} with the message
 * {@code "<kind> payload field <path> <rule>"}, e.g. {@code "anomaly.isolation-forest payload
 * field medians must hold 3 numbers, was 4"}, where {@code path} is the field's dotted path from
 * the payload's root ({@code options.features.lags}, {@code scales[2].spread}); readers take the
 * path and look up its last name ({@link #key(String)}) in the parent object given. A file that
 * is not this kind's is refused by {@link #parse(ModelFile)} with the messages documented there.
 *
 * <p><b>Numbers.</b> {@link #num(double)} writes finite numbers in Java's shortest representation
 * that reads back to the same {@code double}, and NaN and the infinities as the strings
 * {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}; {@link #number(JsonNode, String)} reads
 * both forms. Integer fields must be JSON integers in the range of {@code int}.
 *
 * <p>Parsing refuses duplicate keys and trailing content. Not API: may change without notice.
 * Instances are immutable and safe for concurrent use.
 */
public final class JsonPayload {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final String kind;
    private final int kindVersion;

    /**
     * A payload of model files of one kind.
     *
     * @param kind model-file kind, e.g. {@code "anomaly.isolation-forest"}; named by every error
     * @param kindVersion newest payload layout version this library reads and writes, {@code >= 1}
     * @throws IllegalArgumentException when {@code kind} is blank or {@code kindVersion < 1}
     */
    public JsonPayload(String kind, int kindVersion) {
        Objects.requireNonNull(kind, "kind");
        if (kind.isBlank()) {
            throw new IllegalArgumentException("kind must not be blank, was \"" + kind + "\"");
        }
        this.kind = kind;
        this.kindVersion = Checks.atLeast(kindVersion, 1, "kindVersion");
    }

    /**
     * Returns the model-file kind.
     *
     * @return the kind named by every error
     */
    public String kind() {
        return kind;
    }

    // ---------------------------------------------------------------- writing

    /**
     * Returns a new, empty payload root.
     *
     * @return an empty JSON object
     */
    public ObjectNode newObject() {
        return JSON.createObjectNode();
    }

    /**
     * Returns a model file of this kind, at the kind version given to the constructor, JSON
     * encoded, with {@code root} as its payload.
     *
     * @param card the model's card
     * @param root the payload
     * @return the model file
     */
    public ModelFile toModelFile(ModelCard card, ObjectNode root) {
        try {
            return ModelFile.of(kind, kindVersion, ModelFile.Encoding.JSON, card,
                    JSON.writeValueAsBytes(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the " + kind + " payload", e);
        }
    }

    /**
     * Returns {@code v} as a JSON value: a number when finite, otherwise the string
     * {@code "NaN"}, {@code "Infinity"} or {@code "-Infinity"}.
     *
     * @param v any double
     * @return a number node or a text node
     */
    public static JsonNode num(double v) {
        if (Double.isFinite(v)) {
            return JSON.getNodeFactory().numberNode(v);
        }
        return JSON.getNodeFactory().textNode(Double.isNaN(v) ? "NaN"
                : v > 0 ? "Infinity" : "-Infinity");
    }

    /**
     * Appends each value to {@code array} as {@link #num(double)} writes it.
     *
     * @param array the array to fill
     * @param values the values, in order
     */
    public static void add(ArrayNode array, double[] values) {
        for (double v : values) {
            array.add(num(v));
        }
    }

    /**
     * Appends each value to {@code array}.
     *
     * @param array the array to fill
     * @param values the values, in order
     */
    public static void add(ArrayNode array, int[] values) {
        for (int v : values) {
            array.add(v);
        }
    }

    /**
     * Appends each value to {@code array}.
     *
     * @param array the array to fill
     * @param values the values, in order, none null
     */
    public static void add(ArrayNode array, List<Integer> values) {
        for (int v : values) {
            array.add(v);
        }
    }

    // ---------------------------------------------------------------- reading

    /**
     * Checks that {@code file} holds a JSON payload of this kind, at most at this library's kind
     * version, and returns the payload's root object.
     *
     * @param file the model file
     * @return the payload's root, a JSON object
     * @throws IllegalArgumentException {@code "model file kind must be \"<kind>\", was ..."},
     *     {@code "model file kindVersion must be at most <version> ..."}, {@code "model file
     *     encoding must be json for <kind>, was ..."}, {@code "<kind> payload must be JSON: ..."}
     *     or {@code "<kind> payload must be a JSON object"}
     */
    public JsonNode parse(ModelFile file) {
        Objects.requireNonNull(file, "file");
        if (!file.kind().equals(kind)) {
            throw new IllegalArgumentException("model file kind must be \"" + kind + "\", was \""
                    + file.kind() + "\"");
        }
        if (file.kindVersion() > kindVersion) {
            throw new IllegalArgumentException("model file kindVersion must be at most "
                    + kindVersion + " (this library's layout of " + kind + "), was "
                    + file.kindVersion() + ": read it with a newer version of Territoires IA");
        }
        if (file.encoding() != ModelFile.Encoding.JSON) {
            throw new IllegalArgumentException("model file encoding must be json for " + kind
                    + ", was " + file.encoding().id());
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.payload());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(kind + " payload must be JSON: "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read an in-memory payload", e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(kind + " payload must be a JSON object");
        }
        return root;
    }

    /**
     * Returns the error for a field that breaks a rule.
     *
     * @param path the field's dotted path, e.g. {@code "scales[2].spread"}
     * @param rule the rule and the value found, e.g. {@code "must be > 0, was -1.0"}
     * @return {@code "<kind> payload field <path> <rule>"}, to throw
     */
    public IllegalArgumentException bad(String path, String rule) {
        return new IllegalArgumentException(kind + " payload field " + path + " " + rule);
    }

    /**
     * Returns {@code e} when its message already names this kind, otherwise an error
     * {@code "<kind> payload field <path>: <message of e>"} caused by it; for checks made by
     * another class (an options record's constructor) on values read from {@code path}.
     *
     * @param path the dotted path of the field the values were read from
     * @param e the error raised
     * @return the error to throw
     */
    public IllegalArgumentException within(String path, IllegalArgumentException e) {
        String m = String.valueOf(e.getMessage());
        return m.startsWith(kind) ? e
                : new IllegalArgumentException(kind + " payload field " + path + ": " + m, e);
    }

    /**
     * The last name of a dotted path: the key inside its parent object.
     *
     * @param path a dotted path, e.g. {@code "options.features.lags"}
     * @return the part after the last dot, e.g. {@code "lags"}
     */
    public static String key(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    /**
     * Returns a field, of any type (JSON null included).
     *
     * @param parent the object holding the field
     * @param path the field's dotted path
     * @return the field's value
     * @throws IllegalArgumentException {@code "... <path> is missing"}
     */
    public JsonNode field(JsonNode parent, String path) {
        JsonNode n = parent.get(key(path));
        if (n == null) {
            throw bad(path, "is missing");
        }
        return n;
    }

    /**
     * Returns a field that must be a JSON object.
     *
     * @param parent the object holding the field
     * @param path the field's dotted path
     * @return the object
     * @throws IllegalArgumentException when missing or {@code "... must be an object, was <type>"}
     */
    public JsonNode object(JsonNode parent, String path) {
        JsonNode n = field(parent, path);
        if (!n.isObject()) {
            throw bad(path, "must be an object, was " + n.getNodeType());
        }
        return n;
    }

    /**
     * Returns a field that must be a JSON array.
     *
     * @param parent the object holding the field
     * @param path the field's dotted path
     * @return the array
     * @throws IllegalArgumentException when missing or {@code "... must be an array, was <type>"}
     */
    public JsonNode array(JsonNode parent, String path) {
        JsonNode n = field(parent, path);
        if (!n.isArray()) {
            throw bad(path, "must be an array, was " + n.getNodeType());
        }
        return n;
    }

    /**
     * Returns a field that must be a JSON string.
     *
     * @param parent the object holding the field
     * @param path the field's dotted path
     * @return the text
     * @throws IllegalArgumentException when missing or {@code "... must be text, was <type>"}
     */
    public String text(JsonNode parent, String path) {
        JsonNode n = field(parent, path);
        if (!n.isTextual()) {
            throw bad(path, "must be text, was " + n.getNodeType());
        }
        return n.textValue();
    }

    /**
     * Returns a field that must be {@code true} or {@code false}.
     *
     * @param parent the object holding the field
     * @param path the field's dotted path
     * @return the boolean
     * @throws IllegalArgumentException when missing or
     *     {@code "... must be true or false, was <type>"}
     */
    public boolean bool(JsonNode parent, String path) {
        JsonNode n = field(parent, path);
        if (!n.isBoolean()) {
            throw bad(path, "must be true or false, was " + n.getNodeType());
        }
        return n.booleanValue();
    }

    /**
     * Returns a field that must be a JSON integer in the range of {@code int}.
     *
     * @param parent the object holding the field
     * @param path the field's dotted path
     * @return the integer
     * @throws IllegalArgumentException when missing or {@code "... must be an integer, was <value>"}
     */
    public int integer(JsonNode parent, String path) {
        return intValue(field(parent, path), path);
    }

    private int intValue(JsonNode n, String path) {
        if (!n.isInt()) {
            throw bad(path, "must be an integer, was " + n);
        }
        return n.intValue();
    }

    /**
     * Returns a value that must be a number or one of the strings {@code "NaN"},
     * {@code "Infinity"}, {@code "-Infinity"}.
     *
     * @param n the value
     * @param path its dotted path, for the message
     * @return the double, possibly not finite
     * @throws IllegalArgumentException {@code "... must be a number (or \"NaN\", \"Infinity\",
     *     \"-Infinity\"), was <value>"}
     */
    public double number(JsonNode n, String path) {
        if (n.isNumber()) {
            return n.doubleValue();
        }
        if (n.isTextual()) {
            switch (n.textValue()) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
        }
        throw bad(path, "must be a number (or \"NaN\", \"Infinity\", \"-Infinity\"), was " + n);
    }

    /**
     * Returns a field read by {@link #number(JsonNode, String)}: possibly NaN or infinite.
     *
     * @param parent the object holding the field
     * @param path the field's dotted path
     * @return the double
     * @throws IllegalArgumentException when missing or not a number
     */
    public double dbl(JsonNode parent, String path) {
        return number(field(parent, path), path);
    }

    /**
     * Returns a field that must be a finite number.
     *
     * @param parent the object holding the field
     * @param path the field's dotted path
     * @return the finite double
     * @throws IllegalArgumentException when missing, not a number or
     *     {@code "... must be finite, was <value>"}
     */
    public double finite(JsonNode parent, String path) {
        return finiteValue(field(parent, path), path);
    }

    private double finiteValue(JsonNode n, String path) {
        double v = number(n, path);
        if (!Double.isFinite(v)) {
            throw bad(path, "must be finite, was " + v);
        }
        return v;
    }

    /**
     * Returns a field that must be an array of finite numbers, of a given length.
     *
     * @param parent the object holding the field
     * @param path the field's dotted path; elements are named {@code path[i]}
     * @param length the length required, or a negative number for any length
     * @return the values
     * @throws IllegalArgumentException when missing, not an array,
     *     {@code "... must hold <length> numbers, was <size>"}, or an element is not finite
     */
    public double[] doubles(JsonNode parent, String path, int length) {
        JsonNode a = array(parent, path);
        if (length >= 0 && a.size() != length) {
            throw bad(path, "must hold " + length + " numbers, was " + a.size());
        }
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = finiteValue(a.get(i), path + "[" + i + "]");
        }
        return out;
    }

    /**
     * Returns a field that must be an array of integers, of a given length.
     *
     * @param parent the object holding the field
     * @param path the field's dotted path; elements are named {@code path[i]}
     * @param length the length required, or a negative number for any length
     * @return the values
     * @throws IllegalArgumentException when missing, not an array,
     *     {@code "... must hold <length> integers, was <size>"}, or an element is not an integer
     */
    public int[] ints(JsonNode parent, String path, int length) {
        JsonNode a = array(parent, path);
        if (length >= 0 && a.size() != length) {
            throw bad(path, "must hold " + length + " integers, was " + a.size());
        }
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = intValue(a.get(i), path + "[" + i + "]");
        }
        return out;
    }

    /**
     * Returns a field that must be the name of one of an enum's constants.
     *
     * @param type the enum
     * @param parent the object holding the field
     * @param path the field's dotted path
     * @param <E> the enum type
     * @return the constant of that name
     * @throws IllegalArgumentException when missing, not text, or
     *     {@code "... must be one of [A, B], was \"<value>\""}
     */
    public <E extends Enum<E>> E constant(Class<E> type, JsonNode parent, String path) {
        String v = text(parent, path);
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(v)) {
                return e;
            }
            names.add(e.name());
        }
        throw bad(path, "must be one of " + names + ", was \"" + v + "\"");
    }
}
