package fr.territoires.ia.core.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Golden test of the model card's JSON structure: every path of a full card (every section, an
 * ALTAI self-assessment and feature importance) with the JSON type found there, compared with
 * {@code golden/model-card-structure.txt}. A change of the published format shows here as a
 * diff to review (and {@code modelCardFormat} to raise when readers would break).
 */
class CardJsonGoldenTest {

    /** Paths like {@code details.options.*: string} and {@code metrics[].lower: number|null}. */
    static Map<String, String> structure(JsonNode root) {
        Map<String, String> out = new TreeMap<>();
        walk(root, "", out);
        return out;
    }

    private static void walk(JsonNode n, String path, Map<String, String> out) {
        String type = n.isObject() ? "object" : n.isArray() ? "array" : n.isTextual() ? "string"
                : n.isNumber() ? "number" : n.isBoolean() ? "boolean" : "null";
        if (!path.isEmpty()) {
            out.merge(path, type, (a, b) -> a.equals(b) || a.contains(b) ? a
                    : String.join("|", new java.util.TreeSet<>(List.of((a + "|" + b).split("\\|")))));
        }
        if (n.isObject()) {
            // Free-form maps (options, provenance, details, importance) are one wildcard path.
            boolean freeForm = path.endsWith("options") || path.endsWith("provenance") || path.endsWith(".details")
                    || path.equals("featureImportance");
            n.properties().forEach(e -> walk(e.getValue(),
                    (path.isEmpty() ? "" : path + ".") + (freeForm ? "*" : e.getKey()), out));
        } else if (n.isArray()) {
            n.forEach(e -> walk(e, path + "[]", out));
        }
    }

    @Test
    void toJson_fullCardWithAltaiAndImportance_matchesGoldenStructure() throws IOException {
        ModelCard base = AltaiTest.card();
        ModelCard card = base.toBuilder()
                .altai(Altai.prefill(base, PersonalDataCheck.scan(List.of("email", "level"))))
                .trainingData(ModelCardTest.fullCard().trainingData())
                .evaluationData(ModelCardTest.fullCard().evaluationData())
                .factors(ModelCardTest.fullCard().factors())
                .ethicalConsiderations(ModelCardTest.fullCard().ethicalConsiderations())
                .options(ModelCardTest.fullCard().details().options())
                .build();
        Map<String, String> actual = structure(new ObjectMapper().readTree(card.toJson()));
        StringBuilder text = new StringBuilder();
        actual.forEach((k, v) -> text.append(k).append(": ").append(v).append('\n'));
        String golden;
        try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream("/golden/model-card-structure.txt"),
                "golden/model-card-structure.txt")) {
            golden = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(golden, text.toString());
    }
}
