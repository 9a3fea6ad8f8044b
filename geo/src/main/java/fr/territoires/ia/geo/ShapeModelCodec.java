package fr.territoires.ia.geo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.territoires.ia.core.trust.ModelCard;
import fr.territoires.ia.core.trust.ModelFile;
import fr.territoires.ia.core.tribuo.TribuoModels;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tribuo.Model;
import org.tribuo.classification.Label;

/**
 * Writes a fitted {@link ShapeClassifier} as a {@link ModelFile} of kind {@value #KIND}, version
 * {@value #KIND_VERSION}, and reads it back; a classifier read back predicts bit for bit as the
 * one written.
 *
 * <p><b>Layout, version 2.</b> Encoding {@code tribuo-protobuf}: the payload is Tribuo's protobuf
 * of the XGBoost classifier (one booster, {@code multi:softprob}), the card is the classifier's
 * card. Everything else the classifier needs is text in the card's options, in this order (every
 * entry required; integers as {@link Integer#toString(int)} or {@link Long#toString(long)},
 * numbers as {@link Double#toString(double)}, which reads back to the same {@code double}):
 * <pre>{@code
 * trees, maxDepth, learningRate, minChildWeight, subsample, featureSubsample, classWeightPower,
 * neighbourhoodRadius (m), wallTolerance (m), contextRadius (m),
 * heightProperty                ("" for none),
 * seed, threads, decisionFolds, decisionCellSize (m),
 * labelProperty,
 * labels                        (JSON array of text, by decreasing training count),
 * decisionScales                (JSON array of numbers, one per label, finite and > 0)
 * }</pre>
 * The column names are not stored apart: they follow from the options
 * ({@link DescriptorCatalogue#names(ShapeClassifier.Options)}), and the booster refers to
 * columns by those names.
 *
 * <p>Errors: a file of another kind or encoding, a corrupt payload, or card options missing an
 * entry, holding a number that does not parse, a value out of range or arrays of disagreeing
 * lengths raise {@link IllegalArgumentException}, the message starting with the source's name and
 * naming the entry.
 *
 * <p>Stateless; safe for concurrent use.
 */
final class ShapeModelCodec {

    /** Model-file kind of a saved shape classifier. */
    static final String KIND = "geo.shape-classifier";
    /** Version of the layout written by this class. */
    static final int KIND_VERSION = 2;

    /** Writes and reads the JSON arrays of the card options; thread-safe once configured. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private ShapeModelCodec() {
    }

    // ---------------------------------------------------------------- writing

    /**
     * The card options of a classifier, in the order of the layout.
     *
     * @return a new modifiable map
     */
    static Map<String, String> cardOptions(ShapeClassifier.Options o, String labelProperty,
            List<String> labels, double[] scales) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("trees", Integer.toString(o.trees()));
        m.put("maxDepth", Integer.toString(o.maxDepth()));
        m.put("learningRate", Double.toString(o.learningRate()));
        m.put("minChildWeight", Double.toString(o.minChildWeight()));
        m.put("subsample", Double.toString(o.subsample()));
        m.put("featureSubsample", Double.toString(o.featureSubsample()));
        m.put("classWeightPower", Double.toString(o.classWeightPower()));
        m.put("neighbourhoodRadius", Double.toString(o.neighbourhood().radius()));
        m.put("wallTolerance", Double.toString(o.neighbourhood().wallTolerance()));
        m.put("contextRadius", Double.toString(o.neighbourhood().contextRadius()));
        m.put("heightProperty", o.heightProperty().orElse(""));
        m.put("seed", Long.toString(o.seed()));
        m.put("threads", Integer.toString(o.threads()));
        m.put("decisionFolds", Integer.toString(o.decisionFolds()));
        m.put("decisionCellSize", Double.toString(o.decisionCellSize()));
        m.put("labelProperty", labelProperty);
        // A JSON array: readable in the card, unambiguous to read back whatever the labels hold.
        m.put("labels", JSON.valueToTree(labels).toString());
        m.put("decisionScales", json(scales));
        return m;
    }

    /** The numbers as a JSON array, as the card options hold the decision scales. */
    static String json(double[] values) {
        return JSON.valueToTree(values).toString();
    }

    /** The classifier as a model file: its card, then Tribuo's protobuf of the booster. */
    static ModelFile toModelFile(ShapeClassifier classifier) {
        return ModelFile.of(KIND, KIND_VERSION, ModelFile.Encoding.TRIBUO_PROTOBUF,
                classifier.card(), TribuoModels.toProtobuf(classifier.model));
    }

    // ---------------------------------------------------------------- reading

    /** Loads a file saved by {@link ShapeClassifier#save(Path)}. */
    static ShapeClassifier load(Path path) throws IOException {
        return decode(ModelFile.load(path, KIND), path.toString());
    }

    /** Reads bytes written by {@link ShapeClassifier#write(java.io.OutputStream)}. */
    static ShapeClassifier read(InputStream in, String sourceName) throws IOException {
        ModelFile file = ModelFile.read(in, sourceName);
        if (!file.kind().equals(KIND)) {
            throw new IllegalArgumentException(sourceName + " holds a model of kind \""
                    + file.kind() + "\", expected \"" + KIND + "\"");
        }
        return decode(file, sourceName);
    }

    private static ShapeClassifier decode(ModelFile file, String source) {
        if (file.encoding() != ModelFile.Encoding.TRIBUO_PROTOBUF) {
            throw new IllegalArgumentException(source + ": encoding must be tribuo-protobuf, was "
                    + file.encoding().id());
        }
        Model<Label> model = TribuoModels.fromProtobuf(file.payload(), source, Label.class);
        ModelCard card = file.card();
        Map<String, String> opts = card.details().options();
        ShapeClassifier.Options options = options(opts, source);
        String labelsText = need(opts, "labels", source);
        List<String> labels;
        try {
            labels = List.of(JSON.readValue(labelsText, String[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": card option labels must be a JSON array of text, was "
                    + labelsText, e);
        }
        String scalesText = need(opts, "decisionScales", source);
        double[] scales;
        try {
            scales = JSON.readValue(scalesText, double[].class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": card option decisionScales must be a "
                    + "JSON array of numbers, was " + scalesText, e);
        }
        if (scales.length != labels.size()) {
            throw new IllegalArgumentException(source + ": card option decisionScales must hold "
                    + "one scale per label (" + labels.size() + "), was " + scales.length);
        }
        for (double v : scales) {
            if (!(v > 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException(source + ": card option decisionScales must "
                        + "hold finite numbers > 0, was " + scalesText);
            }
        }
        return ShapeClassifier.loaded(model, options, labels, scales, card);
    }

    private static ShapeClassifier.Options options(Map<String, String> m, String source) {
        try {
            String height = need(m, "heightProperty", source);
            return new ShapeClassifier.Options(Integer.parseInt(need(m, "trees", source)),
                    Integer.parseInt(need(m, "maxDepth", source)),
                    Double.parseDouble(need(m, "learningRate", source)),
                    Double.parseDouble(need(m, "minChildWeight", source)),
                    Double.parseDouble(need(m, "subsample", source)),
                    Double.parseDouble(need(m, "featureSubsample", source)),
                    Double.parseDouble(need(m, "classWeightPower", source)),
                    new NeighbourhoodDescriptors.Options(
                            Double.parseDouble(need(m, "neighbourhoodRadius", source)),
                            Double.parseDouble(need(m, "wallTolerance", source)),
                            Double.parseDouble(need(m, "contextRadius", source))),
                    height.isEmpty() ? Optional.empty() : Optional.of(height),
                    Long.parseLong(need(m, "seed", source)),
                    Integer.parseInt(need(m, "threads", source)),
                    Integer.parseInt(need(m, "decisionFolds", source)),
                    Double.parseDouble(need(m, "decisionCellSize", source)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + ": card options must hold numbers, "
                    + "was " + e.getMessage(), e);
        }
    }

    private static String need(Map<String, String> m, String key, String source) {
        String v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException(source + ": card options must hold \"" + key
                    + "\", was missing");
        }
        return v;
    }
}
