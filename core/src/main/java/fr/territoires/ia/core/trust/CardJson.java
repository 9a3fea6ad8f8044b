package fr.territoires.ia.core.trust;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.territoires.ia.core.trust.ModelCard.DataSummary;
import fr.territoires.ia.core.trust.ModelCard.Details;
import fr.territoires.ia.core.trust.ModelCard.Factors;
import fr.territoires.ia.core.trust.ModelCard.IntendedUse;
import fr.territoires.ia.core.trust.ModelCard.Metric;
import fr.territoires.ia.core.trust.ModelCard.QuantitativeAnalysis;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The JSON codec of {@link ModelCard} ({@link ModelCard#toJson()}, {@link ModelCard#fromJson(String)}),
 * in the format, version {@value ModelCard#ModelCard.JSON_FORMAT}, that {@link ModelCard}'s class comment
 * describes.
 *
 * <p>Stateless and safe for concurrent use (Jackson's mapper and writer are thread-safe once built).
 */
final class CardJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final ObjectWriter PRETTY = MAPPER.writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private CardJson() {
    }

    /**
     * Writes a card as pretty-printed JSON, in the format described in the class comment, with
     * fields in a fixed order, two-space indentation and {@code \n} line ends.
     *
     * @param card the card
     * @return the JSON text
     */
    static String write(ModelCard card) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("modelCardFormat", ModelCard.JSON_FORMAT);
        ObjectNode d = root.putObject("details");
        d.put("name", card.details().name());
        d.put("version", card.details().version());
        d.put("algorithm", card.details().algorithm());
        d.put("description", card.details().description());
        d.put("organisation", card.details().organisation());
        d.put("licence", card.details().licence());
        if (card.details().trainedAt().isPresent()) {
            d.put("trainedAt", card.details().trainedAt().get().toString());
        } else {
            d.putNull("trainedAt");
        }
        if (card.details().seed().isPresent()) {
            d.put("seed", card.details().seed().getAsLong());
        } else {
            d.putNull("seed");
        }
        putMap(d.putObject("options"), card.details().options());
        putMap(d.putObject("provenance"), card.details().provenance());
        d.put("libraryVersion", card.details().libraryVersion());
        d.put("dataDigest", card.details().dataDigest());

        ObjectNode use = root.putObject("intendedUse");
        use.put("primaryUses", card.intendedUse().primaryUses());
        putTexts(use.putArray("primaryUsers"), card.intendedUse().primaryUsers());
        putTexts(use.putArray("outOfScopeUses"), card.intendedUse().outOfScopeUses());

        ObjectNode f = root.putObject("factors");
        putTexts(f.putArray("relevant"), card.factors().relevant());
        putTexts(f.putArray("evaluation"), card.factors().evaluation());

        putMetrics(root.putArray("metrics"), card.metrics());
        putData(root.putObject("evaluationData"), card.evaluationData());
        putData(root.putObject("trainingData"), card.trainingData());

        ArrayNode qas = root.putArray("quantitativeAnalyses");
        for (QuantitativeAnalysis qa : card.quantitativeAnalyses()) {
            ObjectNode n = qas.addObject();
            n.put("factor", qa.factor());
            n.put("group", qa.group());
            putMetrics(n.putArray("metrics"), qa.metrics());
        }
        putTexts(root.putArray("ethicalConsiderations"), card.ethicalConsiderations());
        putTexts(root.putArray("caveats"), card.caveats());
        if (!card.featureImportance().isEmpty()) {
            ObjectNode fi = root.putObject("featureImportance");
            card.featureImportance().forEach(fi::put);
        }
        if (!card.altai().isEmpty()) {
            ArrayNode an = root.putArray("altai");
            for (Altai.Assessment a : card.altai().assessments()) {
                ObjectNode n = an.addObject();
                n.put("requirement", a.requirement().name());
                putTexts(n.putArray("evidence"), a.evidence());
                putTexts(n.putArray("openQuestions"), a.openQuestions());
            }
        }
        try {
            return PRETTY.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write model card " + card.details().name(), e);
        }
    }


    private static void putMap(ObjectNode node, Map<String, String> map) {
        map.forEach(node::put);
    }

    private static void putTexts(ArrayNode node, List<String> texts) {
        texts.forEach(node::add);
    }

    private static void putMetrics(ArrayNode node, List<Metric> metrics) {
        for (Metric m : metrics) {
            ObjectNode n = node.addObject();
            n.put("name", m.name());
            n.put("value", m.value());
            if (m.hasInterval()) {
                n.put("lower", m.lower());
                n.put("upper", m.upper());
            } else {
                n.putNull("lower");
                n.putNull("upper");
            }
            n.put("description", m.description());
        }
    }

    private static void putData(ObjectNode n, DataSummary data) {
        n.put("source", data.source());
        n.put("extent", data.extent());
        n.put("rows", data.rows());
        putMap(n.putObject("details"), data.details());
    }

    static ModelCard read(String json) {
        Objects.requireNonNull(json, "json");
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "model card is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("model card must be a JSON object, was "
                    + (root == null ? "empty" : root.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)));
        }
        JsonNode formatNode = field(root, "modelCardFormat", "modelCardFormat");
        if (!formatNode.isInt()) {
            throw wrongType("modelCardFormat", "an integer", formatNode);
        }
        int format = formatNode.intValue();
        if (format > ModelCard.JSON_FORMAT) {
            throw new IllegalArgumentException("modelCardFormat " + format
                    + " is newer than this library reads (" + ModelCard.JSON_FORMAT + "): upgrade territoires-ia");
        }
        if (format < 1) {
            throw new IllegalArgumentException("modelCardFormat must be >= 1, was " + format);
        }
        Details details = readDetails(object(root, "details", "details"));
        JsonNode u = object(root, "intendedUse", "intendedUse");
        IntendedUse use = build("intendedUse", () -> new IntendedUse(
                text(u, "primaryUses", "intendedUse.primaryUses"),
                texts(u, "primaryUsers", "intendedUse.primaryUsers"),
                texts(u, "outOfScopeUses", "intendedUse.outOfScopeUses")));
        JsonNode f = object(root, "factors", "factors");
        Factors factors = build("factors", () -> new Factors(
                texts(f, "relevant", "factors.relevant"),
                texts(f, "evaluation", "factors.evaluation")));
        List<Metric> metrics = readMetrics(root, "metrics", "metrics");
        DataSummary evaluation = readData(object(root, "evaluationData", "evaluationData"),
                "evaluationData");
        DataSummary training = readData(object(root, "trainingData", "trainingData"),
                "trainingData");
        List<QuantitativeAnalysis> analyses = readList(root, "quantitativeAnalyses",
                "quantitativeAnalyses", (path, node) -> {
                    JsonNode n = asObject(node, path);
                    String factor = text(n, "factor", path + ".factor");
                    String group = text(n, "group", path + ".group");
                    List<Metric> ms = readMetrics(n, "metrics", path + ".metrics");
                    return build(path, () -> new QuantitativeAnalysis(factor, group, ms));
                });
        List<String> ethics = texts(root, "ethicalConsiderations", "ethicalConsiderations");
        List<String> caveats = texts(root, "caveats", "caveats");
        Map<String, Double> importance = new LinkedHashMap<>();
        if (root.has("featureImportance")) {
            JsonNode fi = object(root, "featureImportance", "featureImportance");
            for (Map.Entry<String, JsonNode> e : fi.properties()) {
                if (!e.getValue().isNumber()) {
                    throw wrongType("featureImportance." + e.getKey(), "a number", e.getValue());
                }
                importance.put(e.getKey(), e.getValue().doubleValue());
            }
        }
        Altai altai = Altai.empty();
        if (root.has("altai")) {
            List<Altai.Assessment> assessments = readList(root, "altai", "altai", (path, node) -> {
                JsonNode n = asObject(node, path);
                String req = text(n, "requirement", path + ".requirement");
                Altai.Requirement requirement;
                try {
                    requirement = Altai.Requirement.valueOf(req);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(path + ".requirement must be one of "
                            + java.util.Arrays.toString(Altai.Requirement.values()) + ", was \"" + req + "\"", e);
                }
                List<String> evidence = texts(n, "evidence", path + ".evidence");
                List<String> questions = texts(n, "openQuestions", path + ".openQuestions");
                return build(path, () -> new Altai.Assessment(requirement, evidence, questions));
            });
            altai = build("altai", () -> new Altai(assessments));
        }
        Altai a = altai;
        return build("model card", () -> new ModelCard(details, use, factors, metrics, evaluation,
                training, analyses, ethics, caveats, importance, a));
    }

    private static Details readDetails(JsonNode d) {
        String name = text(d, "name", "details.name");
        String version = text(d, "version", "details.version");
        String algorithm = text(d, "algorithm", "details.algorithm");
        String description = text(d, "description", "details.description");
        String organisation = text(d, "organisation", "details.organisation");
        String licence = text(d, "licence", "details.licence");
        JsonNode t = field(d, "trainedAt", "details.trainedAt");
        Optional<Instant> trainedAt;
        if (t.isNull()) {
            trainedAt = Optional.empty();
        } else if (t.isTextual()) {
            try {
                trainedAt = Optional.of(Instant.parse(t.textValue()));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("details.trainedAt must be an ISO-8601 instant"
                        + " such as 2024-03-01T10:00:00Z, was \"" + t.textValue() + "\"", e);
            }
        } else {
            throw wrongType("details.trainedAt", "a string or null", t);
        }
        JsonNode s = field(d, "seed", "details.seed");
        OptionalLong seed;
        if (s.isNull()) {
            seed = OptionalLong.empty();
        } else if (s.isIntegralNumber() && s.canConvertToLong()) {
            seed = OptionalLong.of(s.longValue());
        } else {
            throw wrongType("details.seed", "a 64-bit integer or null", s);
        }
        Map<String, String> options = map(d, "options", "details.options");
        Map<String, String> provenance = map(d, "provenance", "details.provenance");
        String libraryVersion = text(d, "libraryVersion", "details.libraryVersion");
        String digest = text(d, "dataDigest", "details.dataDigest");
        return build("details", () -> new Details(name, version, algorithm, description,
                organisation, licence, trainedAt, seed, options, provenance, libraryVersion, digest));
    }

    private static List<Metric> readMetrics(JsonNode parent, String name, String path) {
        return readList(parent, name, path, (p, node) -> {
            JsonNode m = asObject(node, p);
            String metricName = text(m, "name", p + ".name");
            JsonNode v = field(m, "value", p + ".value");
            if (!v.isNumber()) {
                throw wrongType(p + ".value", "a number", v);
            }
            double lower = bound(m, "lower", p);
            double upper = bound(m, "upper", p);
            String description = text(m, "description", p + ".description");
            return build(p, () -> new Metric(metricName, v.doubleValue(), lower, upper, description));
        });
    }

    private static double bound(JsonNode m, String name, String path) {
        JsonNode b = field(m, name, path + "." + name);
        if (b.isNull()) {
            return Double.NaN;
        }
        if (!b.isNumber()) {
            throw wrongType(path + "." + name, "a number or null", b);
        }
        return b.doubleValue();
    }

    private static DataSummary readData(JsonNode n, String path) {
        String source = text(n, "source", path + ".source");
        String extent = text(n, "extent", path + ".extent");
        JsonNode r = field(n, "rows", path + ".rows");
        if (!r.isIntegralNumber() || !r.canConvertToLong()) {
            throw wrongType(path + ".rows", "a 64-bit integer", r);
        }
        Map<String, String> details = map(n, "details", path + ".details");
        return build(path, () -> new DataSummary(source, extent, r.longValue(), details));
    }

    private interface ElementReader<T> {
        T read(String path, JsonNode node);
    }

    private static <T> List<T> readList(JsonNode parent, String name, String path,
            ElementReader<T> reader) {
        JsonNode array = field(parent, name, path);
        if (!array.isArray()) {
            throw wrongType(path, "an array", array);
        }
        List<T> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            out.add(reader.read(path + "[" + i + "]", array.get(i)));
        }
        return out;
    }

    private static JsonNode field(JsonNode parent, String name, String path) {
        JsonNode n = parent.get(name);
        if (n == null) {
            throw new IllegalArgumentException(path + " must be present, was missing");
        }
        return n;
    }

    private static JsonNode object(JsonNode parent, String name, String path) {
        return asObject(field(parent, name, path), path);
    }

    private static JsonNode asObject(JsonNode n, String path) {
        if (!n.isObject()) {
            throw wrongType(path, "an object", n);
        }
        return n;
    }

    private static String text(JsonNode parent, String name, String path) {
        JsonNode n = field(parent, name, path);
        if (!n.isTextual()) {
            throw wrongType(path, "a string", n);
        }
        return n.textValue();
    }

    private static List<String> texts(JsonNode parent, String name, String path) {
        return readList(parent, name, path, (p, node) -> {
            if (!node.isTextual()) {
                throw wrongType(p, "a string", node);
            }
            return node.textValue();
        });
    }

    private static Map<String, String> map(JsonNode parent, String name, String path) {
        JsonNode n = object(parent, name, path);
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : n.properties()) {
            if (!e.getValue().isTextual()) {
                throw wrongType(path + "." + e.getKey(), "a string", e.getValue());
            }
            out.put(e.getKey(), e.getValue().textValue());
        }
        return out;
    }

    private static IllegalArgumentException wrongType(String path, String expected, JsonNode was) {
        String shown = was.toString();
        if (shown.length() > 60) {
            shown = shown.substring(0, 57) + "...";
        }
        return new IllegalArgumentException(path + " must be " + expected + ", was " + shown);
    }

    private interface Construction<T> {
        T get();
    }

    /** Runs a record constructor and prefixes its message with the JSON path. */
    private static <T> T build(String path, Construction<T> construction) {
        try {
            return construction.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- shared checks
}
