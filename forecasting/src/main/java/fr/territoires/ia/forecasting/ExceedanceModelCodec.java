package fr.territoires.ia.forecasting;

import static fr.territoires.ia.core.internal.JsonPayload.add;
import static fr.territoires.ia.core.internal.JsonPayload.num;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.territoires.ia.core.internal.JsonPayload;
import fr.territoires.ia.core.trust.ModelFile;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * Writes a fitted {@link ExceedanceForecaster} as a {@link ModelFile} of kind
 * {@value #KIND}, version {@value #KIND_VERSION}, with a JSON payload, and reads it back; a
 * forecaster read back forecasts bit for bit as the one written. Numbers, versions and errors
 * follow the contract of saved model kinds in {@link ModelFile}.
 *
 * <p><b>Payload, version 1</b> (UTF-8 JSON, one object; every field required):
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

    private static final JsonPayload PAYLOAD = new JsonPayload(KIND, KIND_VERSION);

    private ExceedanceModelCodec() {
    }

    // ---------------------------------------------------------------- writing

    static ModelFile write(ExceedanceForecaster f) {
        ObjectNode root = PAYLOAD.newObject();
        ExceedanceForecaster.Options o = f.options;
        ObjectNode opts = root.putObject("options");
        opts.set("threshold", num(o.threshold()));
        opts.put("horizon", o.horizon());
        opts.put("validationYears", o.validationYears());
        opts.set("targetPrecision", num(o.targetPrecision()));
        opts.set("maxFalseAlertsPerYear", num(o.maxFalseAlertsPerYear()));
        opts.put("calibration", o.calibration().name());
        ObjectNode fs = opts.putObject("features");
        add(fs.putArray("lags"), o.features().lags());
        add(fs.putArray("rises"), o.features().rises());
        add(fs.putArray("windows"), o.features().windows());
        fs.put("calendar", o.features().calendar());
        add(fs.putArray("covariateLags"), o.features().covariateLags());
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
            add(mo.putArray("mean"), m.mean);
            add(mo.putArray("scale"), m.scale);
            add(mo.putArray("indicator"), m.indicator);
            add(mo.putArray("indicatorMean"), m.indicatorMean);
            add(mo.putArray("indicatorScale"), m.indicatorScale);
            add(mo.putArray("weights"), m.w);
            mo.set("intercept", num(m.intercept));
        }
        Calibrator c = f.calibrator;
        ObjectNode co = root.putObject("calibrator");
        co.put("method", c.isotonic ? "isotonic" : "platt");
        add(co.putArray("x"), c.x);
        add(co.putArray("p"), c.p);
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
        return PAYLOAD.toModelFile(f.card, root);
    }

    // ---------------------------------------------------------------- reading

    static ExceedanceForecaster read(ModelFile file) {
        JsonNode root = PAYLOAD.parse(file);
        JsonNode on = PAYLOAD.object(root, "options");
        JsonNode fn = PAYLOAD.object(on, "options.features");
        ExceedanceForecaster.Options options;
        try {
            FeatureSpec spec = new FeatureSpec(intList(fn, "options.features.lags"),
                    intList(fn, "options.features.rises"), intList(fn, "options.features.windows"),
                    PAYLOAD.bool(fn, "options.features.calendar"),
                    intList(fn, "options.features.covariateLags"));
            options = new ExceedanceForecaster.Options(PAYLOAD.dbl(on, "options.threshold"),
                    PAYLOAD.integer(on, "options.horizon"), PAYLOAD.integer(on, "options.validationYears"),
                    PAYLOAD.dbl(on, "options.targetPrecision"),
                    PAYLOAD.dbl(on, "options.maxFalseAlertsPerYear"),
                    PAYLOAD.constant(ExceedanceForecaster.Calibration.class, on, "options.calibration"),
                    spec);
        } catch (IllegalArgumentException e) {
            throw PAYLOAD.within("options", e);
        }
        long trainUntil;
        String until = PAYLOAD.text(root, "trainUntil");
        try {
            trainUntil = LocalDate.parse(until).toEpochDay();
        } catch (DateTimeParseException e) {
            throw PAYLOAD.bad("trainUntil", "must be an ISO date (yyyy-MM-dd), was \"" + until + "\"");
        }
        int covariateCount = PAYLOAD.integer(root, "covariateCount");
        if (covariateCount < 0) {
            throw PAYLOAD.bad("covariateCount", "must be >= 0, was " + covariateCount);
        }
        boolean network = PAYLOAD.bool(root, "network");
        NetworkFeatures.Scaling scaling = PAYLOAD.constant(NetworkFeatures.Scaling.class, root, "scaling");
        NetworkFeatures.Gaps gaps = PAYLOAD.constant(NetworkFeatures.Gaps.class, root, "gaps");
        Map<String, double[]> scales = new LinkedHashMap<>();
        JsonNode sn = PAYLOAD.array(root, "scales");
        for (int i = 0; i < sn.size(); i++) {
            String at = "scales[" + i + "]";
            JsonNode s = sn.get(i);
            if (!s.isObject()) {
                throw PAYLOAD.bad(at, "must be an object, was " + s.getNodeType());
            }
            String name = PAYLOAD.text(s, at + ".series");
            double spread = PAYLOAD.dbl(s, at + ".spread");
            if (!(spread > 0) || !Double.isFinite(spread)) {
                throw PAYLOAD.bad(at + ".spread", "must be finite and > 0, was " + spread);
            }
            double[] scale = {PAYLOAD.finite(s, at + ".centre"), spread,
                PAYLOAD.bool(s, at + ".log") ? 1 : 0};
            if (scales.put(name, scale) != null) {
                throw PAYLOAD.bad(at + ".series", "must name each series once, was \"" + name + "\" twice");
            }
        }
        String chosen = PAYLOAD.text(root, "chosenModel");
        if (!chosen.equals(ExceedanceForecaster.PERSISTENCE)
                && !chosen.equals(ExceedanceForecaster.LOGISTIC)) {
            throw PAYLOAD.bad("chosenModel", "must be \"" + ExceedanceForecaster.PERSISTENCE + "\" or \""
                    + ExceedanceForecaster.LOGISTIC + "\", was \"" + chosen + "\"");
        }
        RidgeLogistic model = model(root, featureCount(options, network, covariateCount));
        if ((model == null) != chosen.equals(ExceedanceForecaster.PERSISTENCE)) {
            throw PAYLOAD.bad("model", "must be null exactly when chosenModel is persistence, was "
                    + (model == null ? "null" : "a model") + " with \"" + chosen + "\"");
        }
        Calibrator calibrator = calibrator(PAYLOAD.object(root, "calibrator"));
        double alertThreshold = PAYLOAD.dbl(root, "alertThreshold");
        if (!(alertThreshold >= 0 && alertThreshold <= 1)) {
            throw PAYLOAD.bad("alertThreshold", "must be in [0, 1], was " + alertThreshold);
        }
        double reference = PAYLOAD.finite(root, "persistenceReference");
        JsonNode vn = PAYLOAD.object(root, "validation");
        int scored = PAYLOAD.integer(vn, "validation.scored");
        int wins = PAYLOAD.integer(vn, "validation.logisticWins");
        if (scored < 0 || wins < 0 || wins > scored) {
            throw PAYLOAD.bad("validation.logisticWins", "must be in [0, validation.scored = " + scored
                    + "], was " + wins);
        }
        RollingOrigin.Decision decision = new RollingOrigin.Decision(
                PAYLOAD.dbl(vn, "validation.persistence"), PAYLOAD.dbl(vn, "validation.logistic"),
                scored, wins,
                PAYLOAD.bool(vn, "validation.logisticChosen"));
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
        JsonNode m = PAYLOAD.field(root, "model");
        if (m.isNull()) {
            return null;
        }
        if (!m.isObject()) {
            throw PAYLOAD.bad("model", "must be an object or null, was " + m.getNodeType());
        }
        double[] mean = PAYLOAD.doubles(m, "model.mean", p);
        double[] scale = PAYLOAD.doubles(m, "model.scale", p);
        JsonNode in = PAYLOAD.array(m, "model.indicator");
        if (in.size() != p) {
            throw PAYLOAD.bad("model.indicator", "must hold " + p + " values (one per feature), was "
                    + in.size());
        }
        double[] w = PAYLOAD.doubles(m, "model.weights", -1);
        int q = w.length;
        int[] indicator = new int[p];
        boolean[] used = new boolean[q];
        for (int j = 0; j < p; j++) {
            JsonNode k = in.get(j);
            if (!k.isInt()) {
                throw PAYLOAD.bad("model.indicator[" + j + "]", "must be an integer, was " + k);
            }
            indicator[j] = k.intValue();
            if (indicator[j] != -1 && (indicator[j] < p || indicator[j] >= q || used[indicator[j]])) {
                throw PAYLOAD.bad("model.indicator[" + j + "]", "must be -1 or an unused column in [" + p
                        + ", " + q + "), was " + indicator[j]);
            }
            if (indicator[j] >= 0) {
                used[indicator[j]] = true;
            }
        }
        for (int k = p; k < q; k++) {
            if (!used[k]) {
                throw PAYLOAD.bad("model.weights", "must hold " + p + " weights plus one per missing "
                        + "indicator, was " + q);
            }
        }
        double[] indMean = PAYLOAD.doubles(m, "model.indicatorMean", q);
        double[] indScale = PAYLOAD.doubles(m, "model.indicatorScale", q);
        for (int j = 0; j < p; j++) {
            if (!(scale[j] > 0)) {
                throw PAYLOAD.bad("model.scale[" + j + "]", "must be > 0, was " + scale[j]);
            }
            if (indicator[j] >= 0 && !(indScale[indicator[j]] > 0)) {
                throw PAYLOAD.bad("model.indicatorScale[" + indicator[j] + "]", "must be > 0, was "
                        + indScale[indicator[j]]);
            }
        }
        return new RidgeLogistic(mean, scale, indicator, indMean, indScale, w,
                PAYLOAD.finite(m, "model.intercept"));
    }

    private static Calibrator calibrator(JsonNode c) {
        String method = PAYLOAD.text(c, "calibrator.method");
        boolean isotonic;
        if (method.equals("isotonic")) {
            isotonic = true;
        } else if (method.equals("platt")) {
            isotonic = false;
        } else {
            throw PAYLOAD.bad("calibrator.method", "must be \"isotonic\" or \"platt\", was \"" + method
                    + "\"");
        }
        double[] x = PAYLOAD.doubles(c, "calibrator.x", -1);
        double[] p = PAYLOAD.doubles(c, "calibrator.p", x.length);
        if (!isotonic && x.length > 0) {
            throw PAYLOAD.bad("calibrator.x", "must be empty for Platt scaling, was " + x.length + " values");
        }
        for (int i = 0; i < x.length; i++) {
            if (i > 0 && !(x[i] >= x[i - 1])) {
                throw PAYLOAD.bad("calibrator.x[" + i + "]", "must not be below the previous value, was "
                        + x[i] + " after " + x[i - 1]);
            }
            if (!(p[i] >= 0 && p[i] <= 1)) {
                throw PAYLOAD.bad("calibrator.p[" + i + "]", "must be in [0, 1], was " + p[i]);
            }
        }
        double scale = PAYLOAD.finite(c, "calibrator.scale");
        if (!(scale > 0)) {
            throw PAYLOAD.bad("calibrator.scale", "must be > 0, was " + scale);
        }
        return new Calibrator(isotonic, x, p, PAYLOAD.finite(c, "calibrator.a"),
                PAYLOAD.finite(c, "calibrator.b"),
                PAYLOAD.finite(c, "calibrator.centre"), scale);
    }

    /** An array of integers, of any length, as a list. */
    private static List<Integer> intList(JsonNode parent, String path) {
        return IntStream.of(PAYLOAD.ints(parent, path, -1)).boxed().toList();
    }
}
