package fr.territoires.ia.forecasting;

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
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Writes a fitted {@link ExceedanceForecaster} as a {@link ModelFile} of kind
 * {@value #KIND}, version {@value #KIND_VERSION}, with a JSON payload, and reads it back; a
 * forecaster read back forecasts bit for bit as the one written.
 *
 * <p><b>Payload, version 1</b> (UTF-8 JSON, one object; every field required; numbers are
 * written in Java's shortest representation that reads back to the same {@code double}, and the
 * non-finite values as the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}):
 * <pre>{@code
 * {"options": {"threshold": 50.0, "horizon": 1, "validationYears": 10, "targetPrecision": 0.4,
 *              "maxFalseAlertsPerYear": "Infinity", "calibration": "ISOTONIC",
 *              "features": {"lags": [0,1,2,3,7], "rises": [1,2,3,7], "windows": [3,7,30],
 *                           "calendar": true, "covariateLags": [0,1]}},
 *  "trainUntil": "2006-12-31",          // last date read at fitting (ISO local date)
 *  "covariateCount": 0,                 // covariate series expected by forecast
 *  "network": true,                     // whether the network features are built
 *  "scaling": "MEAN_SD", "gaps": "NEAREST",
 *  "scales": [{"series": "DEBB053", "centre": 21.3, "spread": 11.2, "log": false}, ...],
 *  "chosenModel": "persistence (latest value, calibrated)",
 *  "model": null,                       // or the logistic regression:
 *  //  {"mean": [p], "scale": [p], "indicator": [p ints, -1 or a column in [p, q)],
 *  //   "indicatorMean": [q], "indicatorScale": [q], "weights": [q], "intercept": b}
 *  "calibrator": {"method": "isotonic", "x": [m], "p": [m], "a": 0.0, "b": 0.0,
 *                 "centre": 31.0, "scale": 14.0},   // "platt": x and p empty
 *  "alertThreshold": 0.41,
 *  "persistenceReference": -2.1,
 *  "validation": {"persistence": 0.52, "logistic": 0.54, "scored": 4, "logisticWins": 2,
 *                 "logisticChosen": false}}
 * }</pre>
 * where {@code p} is the number of features the options, the network flag and the covariate count
 * give and {@code q} is {@code p} plus the number of missing indicators. The card is the model
 * file's card.
 *
 * <p>Errors: a file of another kind, encoding or a newer kind version, or a payload that is not
 * this layout (a field missing or of the wrong type, arrays of disagreeing lengths, a value out
 * of range) raises {@link IllegalArgumentException} naming the field.
 *
 * <p>Stateless; safe for concurrent use.
 */
final class ExceedanceModelCodec {

    /** Model-file kind of a saved exceedance forecaster. */
    static final String KIND = "forecasting.exceedance";
    /** Version of the payload layout written by this class. */
    static final int KIND_VERSION = 1;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ExceedanceModelCodec() {
    }

    // ---------------------------------------------------------------- writing

    static ModelFile write(ExceedanceForecaster f) {
        ObjectNode root = JSON.createObjectNode();
        ExceedanceForecaster.Options o = f.options;
        ObjectNode opts = root.putObject("options");
        opts.set("threshold", num(o.threshold()));
        opts.put("horizon", o.horizon());
        opts.put("validationYears", o.validationYears());
        opts.set("targetPrecision", num(o.targetPrecision()));
        opts.set("maxFalseAlertsPerYear", num(o.maxFalseAlertsPerYear()));
        opts.put("calibration", o.calibration().name());
        ObjectNode fs = opts.putObject("features");
        ints(fs.putArray("lags"), o.features().lags());
        ints(fs.putArray("rises"), o.features().rises());
        ints(fs.putArray("windows"), o.features().windows());
        fs.put("calendar", o.features().calendar());
        ints(fs.putArray("covariateLags"), o.features().covariateLags());
        root.put("trainUntil", LocalDate.ofEpochDay(f.trainUntil).toString());
        root.put("covariateCount", f.covariateCount);
        root.put("network", f.networkFeatures);
        root.put("scaling", f.scaling.name());
        root.put("gaps", f.gaps.name());
        ArrayNode scales = root.putArray("scales");
        for (Map.Entry<String, double[]> e : f.scales.entrySet()) {
            ObjectNode s = scales.addObject();
            s.put("series", e.getKey());
            s.set("centre", num(e.getValue()[0]));
            s.set("spread", num(e.getValue()[1]));
            s.put("log", e.getValue()[2] > 0.5);
        }
        root.put("chosenModel", f.chosen);
        RidgeLogistic m = f.model;
        if (m == null) {
            root.putNull("model");
        } else {
            ObjectNode mo = root.putObject("model");
            doubles(mo.putArray("mean"), m.mean);
            doubles(mo.putArray("scale"), m.scale);
            ArrayNode ind = mo.putArray("indicator");
            for (int k : m.indicator) {
                ind.add(k);
            }
            doubles(mo.putArray("indicatorMean"), m.indicatorMean);
            doubles(mo.putArray("indicatorScale"), m.indicatorScale);
            doubles(mo.putArray("weights"), m.w);
            mo.set("intercept", num(m.intercept));
        }
        Calibrator c = f.calibrator;
        ObjectNode co = root.putObject("calibrator");
        co.put("method", c.isotonic ? "isotonic" : "platt");
        doubles(co.putArray("x"), c.x);
        doubles(co.putArray("p"), c.p);
        co.set("a", num(c.a));
        co.set("b", num(c.b));
        co.set("centre", num(c.centre));
        co.set("scale", num(c.scale));
        root.set("alertThreshold", num(f.alertThreshold));
        root.set("persistenceReference", num(f.persistenceReference));
        ObjectNode v = root.putObject("validation");
        v.set("persistence", num(f.decision.simpler()));
        v.set("logistic", num(f.decision.complex()));
        v.put("scored", f.decision.scored());
        v.put("logisticWins", f.decision.wins());
        v.put("logisticChosen", f.decision.complexChosen());
        try {
            return ModelFile.of(KIND, KIND_VERSION, ModelFile.Encoding.JSON, f.card,
                    JSON.writeValueAsBytes(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the forecaster's payload", e);
        }
    }

    private static JsonNode num(double v) {
        if (Double.isFinite(v)) {
            return JSON.getNodeFactory().numberNode(v);
        }
        return JSON.getNodeFactory().textNode(Double.isNaN(v) ? "NaN"
                : v > 0 ? "Infinity" : "-Infinity");
    }

    private static void doubles(ArrayNode a, double[] values) {
        for (double v : values) {
            a.add(num(v));
        }
    }

    private static void ints(ArrayNode a, List<Integer> values) {
        for (int v : values) {
            a.add(v);
        }
    }

    // ---------------------------------------------------------------- reading

    static ExceedanceForecaster read(ModelFile file) {
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
        JsonNode on = object(root, "options");
        JsonNode fn = object(on, "options.features");
        ExceedanceForecaster.Options options;
        try {
            FeatureSpec spec = new FeatureSpec(intList(fn, "options.features.lags"),
                    intList(fn, "options.features.rises"), intList(fn, "options.features.windows"),
                    bool(fn, "options.features.calendar"),
                    intList(fn, "options.features.covariateLags"));
            options = new ExceedanceForecaster.Options(dbl(on, "options.threshold"),
                    integer(on, "options.horizon"), integer(on, "options.validationYears"),
                    dbl(on, "options.targetPrecision"), dbl(on, "options.maxFalseAlertsPerYear"),
                    constant(ExceedanceForecaster.Calibration.class, on, "options.calibration"),
                    spec);
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith(KIND) ? e
                    : new IllegalArgumentException(KIND + " payload field options: " + e.getMessage(), e);
        }
        long trainUntil;
        String until = text(root, "trainUntil");
        try {
            trainUntil = LocalDate.parse(until).toEpochDay();
        } catch (DateTimeParseException e) {
            throw bad("trainUntil", "must be an ISO date (yyyy-MM-dd), was \"" + until + "\"");
        }
        int covariateCount = integer(root, "covariateCount");
        if (covariateCount < 0) {
            throw bad("covariateCount", "must be >= 0, was " + covariateCount);
        }
        boolean network = bool(root, "network");
        NetworkFeatures.Scaling scaling = constant(NetworkFeatures.Scaling.class, root, "scaling");
        NetworkFeatures.Gaps gaps = constant(NetworkFeatures.Gaps.class, root, "gaps");
        Map<String, double[]> scales = new LinkedHashMap<>();
        JsonNode sn = array(root, "scales");
        for (int i = 0; i < sn.size(); i++) {
            String at = "scales[" + i + "]";
            JsonNode s = sn.get(i);
            if (!s.isObject()) {
                throw bad(at, "must be an object, was " + s.getNodeType());
            }
            String name = text(s, at + ".series");
            double spread = dbl(s, at + ".spread");
            if (!(spread > 0) || !Double.isFinite(spread)) {
                throw bad(at + ".spread", "must be finite and > 0, was " + spread);
            }
            double[] scale = {finite(s, at + ".centre"), spread, bool(s, at + ".log") ? 1 : 0};
            if (scales.put(name, scale) != null) {
                throw bad(at + ".series", "must name each series once, was \"" + name + "\" twice");
            }
        }
        String chosen = text(root, "chosenModel");
        if (!chosen.equals(ExceedanceForecaster.PERSISTENCE)
                && !chosen.equals(ExceedanceForecaster.LOGISTIC)) {
            throw bad("chosenModel", "must be \"" + ExceedanceForecaster.PERSISTENCE + "\" or \""
                    + ExceedanceForecaster.LOGISTIC + "\", was \"" + chosen + "\"");
        }
        RidgeLogistic model = model(root, featureCount(options, network, covariateCount));
        if ((model == null) != chosen.equals(ExceedanceForecaster.PERSISTENCE)) {
            throw bad("model", "must be null exactly when chosenModel is persistence, was "
                    + (model == null ? "null" : "a model") + " with \"" + chosen + "\"");
        }
        Calibrator calibrator = calibrator(object(root, "calibrator"));
        double alertThreshold = dbl(root, "alertThreshold");
        if (!(alertThreshold >= 0 && alertThreshold <= 1)) {
            throw bad("alertThreshold", "must be in [0, 1], was " + alertThreshold);
        }
        double reference = finite(root, "persistenceReference");
        JsonNode vn = object(root, "validation");
        int scored = integer(vn, "validation.scored");
        int wins = integer(vn, "validation.logisticWins");
        if (scored < 0 || wins < 0 || wins > scored) {
            throw bad("validation.logisticWins", "must be in [0, validation.scored = " + scored
                    + "], was " + wins);
        }
        RollingOrigin.Decision decision = new RollingOrigin.Decision(
                dbl(vn, "validation.persistence"), dbl(vn, "validation.logistic"), scored, wins,
                bool(vn, "validation.logisticChosen"));
        return new ExceedanceForecaster(options, model, calibrator, alertThreshold,
                covariateCount, network, trainUntil, chosen, file.card(), decision, reference,
                scaling, gaps, Collections.unmodifiableMap(scales));
    }

    /**
     * The number of features {@link NetworkFeatures} lays out for these settings: lags, age,
     * rises, mean and max per window, 9 calendar features, the threshold, 2 network features and
     * the covariate lags.
     */
    static int featureCount(ExceedanceForecaster.Options o, boolean network, int covariates) {
        FeatureSpec s = o.features();
        return s.lags().size() + 1 + s.rises().size() + 2 * s.windows().size()
                + (s.calendar() ? 9 : 0) + 1 + (network ? 2 : 0)
                + covariates * s.covariateLags().size();
    }

    private static @Nullable RidgeLogistic model(JsonNode root, int p) {
        JsonNode m = field(root, "model");
        if (m.isNull()) {
            return null;
        }
        if (!m.isObject()) {
            throw bad("model", "must be an object or null, was " + m.getNodeType());
        }
        double[] mean = doubles(m, "model.mean", p);
        double[] scale = doubles(m, "model.scale", p);
        JsonNode in = array(m, "model.indicator");
        if (in.size() != p) {
            throw bad("model.indicator", "must hold " + p + " values (one per feature), was "
                    + in.size());
        }
        double[] w = doubles(m, "model.weights", -1);
        int q = w.length;
        int[] indicator = new int[p];
        boolean[] used = new boolean[q];
        for (int j = 0; j < p; j++) {
            JsonNode k = in.get(j);
            if (!k.isInt()) {
                throw bad("model.indicator[" + j + "]", "must be an integer, was " + k);
            }
            indicator[j] = k.intValue();
            if (indicator[j] != -1 && (indicator[j] < p || indicator[j] >= q || used[indicator[j]])) {
                throw bad("model.indicator[" + j + "]", "must be -1 or an unused column in [" + p
                        + ", " + q + "), was " + indicator[j]);
            }
            if (indicator[j] >= 0) {
                used[indicator[j]] = true;
            }
        }
        for (int k = p; k < q; k++) {
            if (!used[k]) {
                throw bad("model.weights", "must hold " + p + " weights plus one per missing "
                        + "indicator, was " + q);
            }
        }
        double[] indMean = doubles(m, "model.indicatorMean", q);
        double[] indScale = doubles(m, "model.indicatorScale", q);
        for (int j = 0; j < p; j++) {
            if (!(scale[j] > 0)) {
                throw bad("model.scale[" + j + "]", "must be > 0, was " + scale[j]);
            }
            if (indicator[j] >= 0 && !(indScale[indicator[j]] > 0)) {
                throw bad("model.indicatorScale[" + indicator[j] + "]", "must be > 0, was "
                        + indScale[indicator[j]]);
            }
        }
        return new RidgeLogistic(mean, scale, indicator, indMean, indScale, w,
                finite(m, "model.intercept"));
    }

    private static Calibrator calibrator(JsonNode c) {
        String method = text(c, "calibrator.method");
        boolean isotonic;
        if (method.equals("isotonic")) {
            isotonic = true;
        } else if (method.equals("platt")) {
            isotonic = false;
        } else {
            throw bad("calibrator.method", "must be \"isotonic\" or \"platt\", was \"" + method + "\"");
        }
        double[] x = doubles(c, "calibrator.x", -1);
        double[] p = doubles(c, "calibrator.p", x.length);
        if (!isotonic && x.length > 0) {
            throw bad("calibrator.x", "must be empty for Platt scaling, was " + x.length + " values");
        }
        for (int i = 0; i < x.length; i++) {
            if (i > 0 && !(x[i] >= x[i - 1])) {
                throw bad("calibrator.x[" + i + "]", "must not be below the previous value, was "
                        + x[i] + " after " + x[i - 1]);
            }
            if (!(p[i] >= 0 && p[i] <= 1)) {
                throw bad("calibrator.p[" + i + "]", "must be in [0, 1], was " + p[i]);
            }
        }
        double scale = finite(c, "calibrator.scale");
        if (!(scale > 0)) {
            throw bad("calibrator.scale", "must be > 0, was " + scale);
        }
        return new Calibrator(isotonic, x, p, finite(c, "calibrator.a"), finite(c, "calibrator.b"),
                finite(c, "calibrator.centre"), scale);
    }

    // ---------------------------------------------------------------- field readers

    private static IllegalArgumentException bad(String field, String rule) {
        return new IllegalArgumentException(KIND + " payload field " + field + " " + rule);
    }

    /** The last name of a dotted path: the key inside its parent object. */
    private static String key(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    private static JsonNode field(JsonNode parent, String path) {
        JsonNode n = parent.get(key(path));
        if (n == null) {
            throw bad(path, "is missing");
        }
        return n;
    }

    private static JsonNode object(JsonNode parent, String path) {
        JsonNode n = field(parent, path);
        if (!n.isObject()) {
            throw bad(path, "must be an object, was " + n.getNodeType());
        }
        return n;
    }

    private static JsonNode array(JsonNode parent, String path) {
        JsonNode n = field(parent, path);
        if (!n.isArray()) {
            throw bad(path, "must be an array, was " + n.getNodeType());
        }
        return n;
    }

    private static String text(JsonNode parent, String path) {
        JsonNode n = field(parent, path);
        if (!n.isTextual()) {
            throw bad(path, "must be text, was " + n.getNodeType());
        }
        return n.textValue();
    }

    private static boolean bool(JsonNode parent, String path) {
        JsonNode n = field(parent, path);
        if (!n.isBoolean()) {
            throw bad(path, "must be true or false, was " + n.getNodeType());
        }
        return n.booleanValue();
    }

    private static int integer(JsonNode parent, String path) {
        JsonNode n = field(parent, path);
        if (!n.isInt()) {
            throw bad(path, "must be an integer, was " + n);
        }
        return n.intValue();
    }

    private static double dbl(JsonNode parent, String path) {
        return number(field(parent, path), path);
    }

    private static double finite(JsonNode parent, String path) {
        double v = dbl(parent, path);
        if (!Double.isFinite(v)) {
            throw bad(path, "must be finite, was " + v);
        }
        return v;
    }

    private static double number(JsonNode n, String path) {
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

    /** An array of finite numbers; of length {@code length} unless it is negative. */
    private static double[] doubles(JsonNode parent, String path, int length) {
        JsonNode a = array(parent, path);
        if (length >= 0 && a.size() != length) {
            throw bad(path, "must hold " + length + " numbers, was " + a.size());
        }
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(a.get(i), path + "[" + i + "]");
            if (!Double.isFinite(out[i])) {
                throw bad(path + "[" + i + "]", "must be finite, was " + out[i]);
            }
        }
        return out;
    }

    private static List<Integer> intList(JsonNode parent, String path) {
        JsonNode a = array(parent, path);
        List<Integer> out = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).isInt()) {
                throw bad(path + "[" + i + "]", "must be an integer, was " + a.get(i));
            }
            out.add(a.get(i).intValue());
        }
        return out;
    }

    private static <E extends Enum<E>> E constant(Class<E> type, JsonNode parent, String path) {
        String v = text(parent, path);
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(v)) {
                return e;
            }
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(e.name());
        }
        throw bad(path, "must be one of " + names + ", was \"" + v + "\"");
    }
}
