package fr.territoires.ia.core.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.territoires.ia.core.trust.ModelCard.DataSummary;
import fr.territoires.ia.core.trust.ModelCard.Factors;
import fr.territoires.ia.core.trust.ModelCard.IntendedUse;
import fr.territoires.ia.core.trust.ModelCard.Metric;
import fr.territoires.ia.core.trust.ModelCard.QuantitativeAnalysis;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ModelCardTest {

    static final String DIGEST = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    /** A card with every section filled, non-ASCII text, intervals and missing intervals. */
    static ModelCard fullCard() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("window", "7 days");
        options.put("alpha", "0.05");
        options.put("trees", "200");
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("trainer.class-name", "org.tribuo.Example");
        provenance.put("tribuo-version", "4.3.2");
        return ModelCard.builder("Fuites du réseau d'eau")
                .version("2024.03")
                .algorithm("seasonal baseline")
                .description("Flags hourly meter readings far above the usual weekly profile.\n"
                        + "Second line.")
                .organisation("Toulouse Métropole")
                .licence("Apache-2.0")
                .trainedAt(Instant.parse("2024-03-01T10:15:30.123456789Z"))
                .seed(-7L)
                .options(options)
                .provenance(provenance)
                .libraryVersion("0.1.0")
                .dataDigest(DIGEST)
                .intendedUse(new IntendedUse("Rank district meters for inspection.",
                        List.of("water network operators"), List.of("billing", "legal proof")))
                .factors(new Factors(List.of("season", "district"), List.of("district")))
                .addMetric(new Metric("MAE (m3/h)", 0.123456, 0.1, 0.15, "bootstrap 95 %"))
                .addMetric(Metric.of("precision@10", 0.8, "top ten alarms | hand-checked"))
                .evaluationData(new DataSummary("Régie Eau", "2023-01-01/2023-12-31", 8760,
                        Map.of("labels", "12 confirmed leaks")))
                .trainingData(new DataSummary("Régie Eau", "2019-01-01/2022-12-31", 35064, Map.of()))
                .addQuantitativeAnalysis(new QuantitativeAnalysis("district", "Rangueil",
                        List.of(Metric.of("MAE (m3/h)", 0.2, ""))))
                .addQuantitativeAnalysis(new QuantitativeAnalysis("district", "Minimes",
                        List.of(new Metric("MAE (m3/h)", 1e-5, 0, 2.5e-5, "few readings"))))
                .ethicalConsiderations(List.of("Readings reveal household presence."))
                .caveats(List.of("Not validated after meter replacements.", "Retrain yearly."))
                .build();
    }

    // ---------------------------------------------------------------- builder

    @Test
    void builder_onlyName_emptySectionsAndRunningLibraryVersion() {
        ModelCard card = ModelCard.builder("m").build();
        assertEquals("m", card.name());
        assertEquals("", card.details().version());
        assertEquals(Optional.empty(), card.details().trainedAt());
        assertEquals(OptionalLong.empty(), card.details().seed());
        assertEquals(Map.of(), card.details().options());
        assertEquals(ModelFile.libraryVersion(), card.details().libraryVersion());
        assertEquals("", card.details().dataDigest());
        assertEquals(IntendedUse.empty(), card.intendedUse());
        assertEquals(Factors.empty(), card.factors());
        assertEquals(List.of(), card.metrics());
        assertEquals(DataSummary.empty(), card.evaluationData());
        assertEquals(DataSummary.empty(), card.trainingData());
        assertEquals(List.of(), card.quantitativeAnalyses());
        assertEquals(List.of(), card.ethicalConsiderations());
        assertEquals(List.of(), card.caveats());
    }

    @Test
    void builder_blankName_throwsWithValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelCard.builder("  "));
        assertEquals("name must not be blank, was \"  \"", e.getMessage());
        assertThrows(NullPointerException.class, () -> ModelCard.builder(null));
    }

    @Test
    void builder_badDigest_throwsAtTheSetter() {
        ModelCard.Builder b = ModelCard.builder("m");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b.dataDigest("ABC"));
        assertEquals("dataDigest must be empty or 64 lower-case hex digits, was \"ABC\"",
                e.getMessage());
        // Upper-case hex is refused too: one canonical spelling.
        assertThrows(IllegalArgumentException.class, () -> b.dataDigest(DIGEST.toUpperCase()));
    }

    @Test
    void builder_mapWithBlankKeyOrNullValue_throws() {
        ModelCard.Builder b = ModelCard.builder("m");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b.options(Map.of(" ", "x")));
        assertTrue(e.getMessage().startsWith("options keys must not be blank"), e.getMessage());
        Map<String, String> withNull = new LinkedHashMap<>();
        withNull.put("k", null);
        NullPointerException npe = assertThrows(NullPointerException.class,
                () -> b.provenance(withNull));
        assertEquals("provenance[k]", npe.getMessage());
    }

    @Test
    void builder_blankCaveat_throwsWithIndex() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelCard.builder("m").caveats(List.of("ok", "")));
        assertEquals("caveats[1] must not be blank, was \"\"", e.getMessage());
    }

    @Test
    void builder_optionsOrder_isKept() {
        ModelCard card = fullCard();
        assertEquals(List.of("window", "alpha", "trees"),
                new ArrayList<>(card.details().options().keySet()));
        assertThrows(UnsupportedOperationException.class,
                () -> card.details().options().put("x", "y"));
    }

    @Test
    void builder_laterChanges_doNotAlterBuiltCard() {
        ModelCard.Builder b = ModelCard.builder("m").addMetric(Metric.of("a", 1, ""));
        ModelCard first = b.build();
        b.addMetric(Metric.of("b", 2, ""));
        assertEquals(1, first.metrics().size());
        assertEquals(2, b.build().metrics().size());
    }

    @Test
    void toBuilder_variant_keepsOtherSectionsAndOriginal() {
        ModelCard card = fullCard();
        ModelCard variant = card.toBuilder().version("2024.04").build();
        assertEquals("2024.04", variant.details().version());
        assertEquals("2024.03", card.details().version());
        assertEquals(card.metrics(), variant.metrics());
        assertEquals(card.details().options(), variant.details().options());
        assertEquals(card, card.toBuilder().build());
    }

    @Test
    void metric_oneBoundNaN_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Metric("mae", 1, Double.NaN, 2, ""));
        assertEquals("lower and upper of metric mae must be both NaN or both finite, was [NaN, 2.0]",
                e.getMessage());
    }

    @Test
    void metric_lowerAboveUpper_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Metric("mae", 1, 3, 2, ""));
        assertTrue(e.getMessage().contains("[3.0, 2.0]"), e.getMessage());
    }

    @Test
    void metric_infiniteValue_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Metric.of("mae", Double.POSITIVE_INFINITY, ""));
        assertEquals("value of metric mae must be finite, was Infinity", e.getMessage());
    }

    @Test
    void metric_nanBounds_equalAndNoInterval() {
        Metric a = Metric.of("mae", 0.5, "d");
        assertEquals(a, new Metric("mae", 0.5, Double.NaN, Double.NaN, "d"));
        assertFalse(a.hasInterval());
        assertTrue(new Metric("mae", 0.5, 0.4, 0.6, "d").hasInterval());
    }

    @Test
    void quantitativeAnalysis_noMetric_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new QuantitativeAnalysis("district", "Rangueil", List.of()));
        assertEquals("metrics of district = Rangueil must not be empty", e.getMessage());
    }

    @Test
    void dataSummary_negativeRows_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DataSummary("", "", -1, Map.of()));
        assertEquals("rows must be >= 0, was -1", e.getMessage());
    }

    // ---------------------------------------------------------------- Markdown

    @Test
    void toMarkdown_fullCard_hasEverySectionAndTables() {
        String md = fullCard().toMarkdown();
        assertTrue(md.startsWith("# Model card: Fuites du réseau d'eau\n\n"), md);
        List<String> headings = List.of("## What it is for", "## How good it is", "### By group",
                "## Who answers for it", "## Limits", "## Data", "### Training data", "### Evaluation data",
                "## Model details", "### Options", "### Provenance", "## Factors");
        int last = -1;
        for (String h : headings) {
            int at = md.indexOf("\n" + h + "\n");
            assertTrue(at > last, h + " missing or out of order in\n" + md);
            last = at;
        }
        // 0.123456 -> 4 decimals, half up: 0.1235; the interval 0.1 and 0.15 keep their digits.
        assertTrue(md.contains("| MAE (m3/h) | 0.1235 | [0.1, 0.15] | bootstrap 95 % |\n"), md);
        // No interval: empty cell; the '|' in the description is escaped.
        assertTrue(md.contains("| precision@10 | 0.8 |  | top ten alarms \\| hand-checked |\n"), md);
        // 1e-5 is below 0.001: four significant digits, plain notation.
        assertTrue(md.contains("| district | Minimes | MAE (m3/h) | 0.00001 | [0, 0.000025] |\n"), md);
        assertTrue(md.contains("| Seed | -7 |\n"), md);
        assertTrue(md.contains("| Trained at | 2024-03-01T10:15:30.123456789Z |\n"), md);
        assertTrue(md.contains("| window | 7 days |\n| alpha | 0.05 |\n| trees | 200 |\n"), md);
        assertTrue(md.contains("| Rows | 8760 |\n| labels | 12 confirmed leaks |\n"), md);
        assertTrue(md.contains("**Caveats and recommendations:**\n\n- Not validated after meter replacements.\n"
                + "- Retrain yearly.\n\n**Ethical considerations:**\n\n- Readings reveal household presence.\n"), md);
        // The purpose leads, the description follows it.
        assertTrue(md.contains("## What it is for\n\nRank district meters for inspection.\n\n"
                + "Flags hourly meter readings far above the usual weekly profile.\nSecond line.\n\n"), md);
        assertTrue(md.contains("Training data SHA-256: `" + DIGEST + "`\n"), md);
        assertTrue(md.endsWith("**Evaluation factors:**\n\n- district\n"), md);
    }

    @Test
    void toMarkdown_emptyCard_saysNotStated() {
        String md = ModelCard.builder("m").build().toMarkdown();
        assertTrue(md.contains("| Version | not stated |\n"), md);
        assertTrue(md.contains("## What it is for\n\nnot stated\n"), md);
        assertTrue(md.contains("## How good it is\n\nNo measured quality is recorded in this card"), md);
        assertTrue(md.contains("### Evaluation data\n\nnot stated\n"), md);
        assertFalse(md.contains("By group"), md);
        assertTrue(md.endsWith("**Evaluation factors:**\n\nnot stated\n"), md);
    }

    @Test
    void number_variousMagnitudes_atMostFourDecimals() {
        assertEquals("2", ModelCard.number(2.0));
        assertEquals("0", ModelCard.number(0.0));
        assertEquals("0", ModelCard.number(-0.0));
        assertEquals("0.1235", ModelCard.number(0.12345));
        assertEquals("-0.5", ModelCard.number(-0.5));
        assertEquals("1234.5678", ModelCard.number(1234.56781));
        assertEquals("12345678", ModelCard.number(12345678.0));
        // 0.0000123456 < 0.001: four significant digits -> 0.00001235.
        assertEquals("0.00001235", ModelCard.number(0.0000123456));
        assertEquals("0.001", ModelCard.number(0.001));
    }

    // ---------------------------------------------------------------- JSON

    @Test
    void fromJson_toJsonOfFullCard_equalsOriginal() {
        ModelCard card = fullCard();
        String json = card.toJson();
        ModelCard back = ModelCard.fromJson(json);
        assertEquals(card, back);
        assertEquals(json, back.toJson());
        assertEquals(List.of("window", "alpha", "trees"),
                new ArrayList<>(back.details().options().keySet()));
    }

    @Test
    void fromJson_toJsonOfEmptyCard_equalsOriginal() {
        ModelCard card = ModelCard.builder("m").build();
        assertEquals(card, ModelCard.fromJson(card.toJson()));
    }

    @Test
    void toJson_fullCard_documentedLayout() {
        String json = fullCard().toJson();
        assertTrue(json.startsWith("{\n  \"modelCardFormat\": 1,\n  \"details\": {\n"
                + "    \"name\": \"Fuites du réseau d'eau\",\n"), json);
        assertTrue(json.contains("\"seed\": -7,"), json);
        assertTrue(json.contains("\"lower\": null,"), json);
        assertFalse(json.contains("\r"), json);
        String empty = ModelCard.builder("m").build().toJson();
        assertTrue(empty.contains("\"trainedAt\": null,"), empty);
        assertTrue(empty.contains("\"seed\": null,"), empty);
    }

    @Test
    void fromJson_notJson_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelCard.fromJson("{\"details\": "));
        assertTrue(e.getMessage().startsWith("model card is not valid JSON"), e.getMessage());
        IllegalArgumentException array = assertThrows(IllegalArgumentException.class,
                () -> ModelCard.fromJson("[]"));
        assertEquals("model card must be a JSON object, was array", array.getMessage());
    }

    @Test
    void fromJson_missingField_namesPath() {
        String json = fullCard().toJson().replace("\"version\": \"2024.03\",", "");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelCard.fromJson(json));
        assertEquals("details.version must be present, was missing", e.getMessage());
    }

    @Test
    void fromJson_wrongType_namesIndexedPath() {
        String json = fullCard().toJson().replace("\"value\": 0.8,", "\"value\": \"0.8\",");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelCard.fromJson(json));
        assertEquals("metrics[1].value must be a number, was \"0.8\"", e.getMessage());
    }

    @Test
    void fromJson_invalidValue_namesSection() {
        String json = fullCard().toJson().replace(DIGEST, "xyz");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelCard.fromJson(json));
        assertEquals("details: dataDigest must be empty or 64 lower-case hex digits, was \"xyz\"",
                e.getMessage());
    }

    @Test
    void fromJson_badInstant_namesField() {
        String json = fullCard().toJson().replace("2024-03-01T10:15:30.123456789Z", "yesterday");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelCard.fromJson(json));
        assertTrue(e.getMessage().startsWith("details.trainedAt must be an ISO-8601 instant"),
                e.getMessage());
    }

    @Test
    void fromJson_newerFormat_asksToUpgrade() {
        String json = fullCard().toJson().replace("\"modelCardFormat\": 1", "\"modelCardFormat\": 2");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelCard.fromJson(json));
        assertEquals("modelCardFormat 2 is newer than this library reads (1): upgrade territoires-ia",
                e.getMessage());
    }

    @Test
    void fromJson_duplicateKey_throws() {
        String json = fullCard().toJson().replace("\"licence\": \"Apache-2.0\",",
                "\"licence\": \"Apache-2.0\", \"licence\": \"MIT\",");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelCard.fromJson(json));
        assertTrue(e.getMessage().contains("licence"), e.getMessage());
    }

    @Test
    void fromJson_unknownField_isIgnored() {
        ModelCard card = fullCard();
        String json = card.toJson().replaceFirst("\\{", "{\"comment\": \"added by hand\",");
        assertEquals(card, ModelCard.fromJson(json));
    }

    @Test
    void equals_differentMetric_notEqual() {
        ModelCard card = fullCard();
        assertNotEquals(card, card.toBuilder().metrics(List.of()).build());
        assertEquals(card.hashCode(), fullCard().hashCode());
    }
}
