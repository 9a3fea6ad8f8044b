package fr.territoires.ia.core.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AltaiTest {

    static ModelCard card() {
        Map<String, Double> importance = new LinkedHashMap<>();
        importance.put("level_max_3d", 0.6);
        importance.put("rise_24h", 0.3);
        importance.put("month", 0.1);
        return ModelCard.builder("flood-alert")
                .algorithm("gradient-boosted trees")
                .organisation("Toulouse Métropole")
                .seed(42)
                .provenance(Map.of("trainer", "XGBoostClassificationTrainer"))
                .dataDigest("a".repeat(64))
                .intendedUse(new ModelCard.IntendedUse("Alert when the Garonne may exceed 2.5 m",
                        List.of("crisis unit"), List.of("evacuation orders without review")))
                .addMetric(new ModelCard.Metric("brier", 0.05, 0.04, 0.06, "Brier score"))
                .addMetric(ModelCard.Metric.of("brier baseline", 0.08, "climatology baseline"))
                .addQuantitativeAnalysis(new ModelCard.QuantitativeAnalysis("season", "winter",
                        List.of(ModelCard.Metric.of("brier", 0.07, ""))))
                .addQuantitativeAnalysis(new ModelCard.QuantitativeAnalysis("season", "summer",
                        List.of(ModelCard.Metric.of("brier", 0.02, ""))))
                .caveats(List.of("Few floods in the training period."))
                .featureImportance(importance)
                .build();
    }

    @Test
    void prefill_card_sevenRequirementsInOrderWithOpenQuestionsMarked() {
        Altai a = Altai.prefill(card(), List.of());
        assertEquals(List.of(Altai.Requirement.values()),
                a.assessments().stream().map(Altai.Assessment::requirement).toList());
        for (Altai.Assessment x : a.assessments()) {
            assertTrue(!x.openQuestions().isEmpty(), x.requirement().title());
            x.openQuestions().forEach(q -> assertTrue(q.endsWith(Altai.TO_BE_ANSWERED), q));
        }
    }

    @Test
    void prefill_card_evidenceFromMetricsBaselineProvenanceAndGroups() {
        Altai a = Altai.prefill(card(), List.of());
        List<String> robust = a.assessments().get(1).evidence();
        assertEquals("2 evaluation metrics recorded, 1 with an uncertainty interval.", robust.get(0));
        assertEquals("Compared with a baseline: brier baseline = 0.08.", robust.get(1));
        List<String> transparency = a.assessments().get(3).evidence();
        assertEquals("Algorithm: gradient-boosted trees, seed 42, library version "
                + ModelFile.libraryVersion() + ".", transparency.get(0));
        assertEquals("Tribuo provenance recorded (1 entries).", transparency.get(1));
        assertEquals("Metrics broken down by season (2 groups).", a.assessments().get(4).evidence().get(0));
        assertTrue(a.assessments().get(2).evidence().get(0).contains("nothing looked like personal data"));
        assertEquals("Training data identified by SHA-256 " + "a".repeat(64) + ".",
                a.assessments().get(2).evidence().get(1));
    }

    @Test
    void prefill_personalDataFound_privacyEvidenceNamesColumn() {
        Altai a = Altai.prefill(card(), PersonalDataCheck.scan(List.of("email")));
        assertTrue(a.assessments().get(2).evidence().get(0).startsWith(
                "Personal-data check: column email looks like personal data (e-mail, column name)"));
    }

    @Test
    void card_withAltaiAndImportance_jsonRoundTripAndMarkdown() {
        ModelCard c = card();
        ModelCard withAltai = c.toBuilder().altai(Altai.prefill(c, List.of())).build();
        String json = withAltai.toJson();
        assertTrue(json.contains("\"requirement\": \"HUMAN_AGENCY_AND_OVERSIGHT\""), json);
        assertEquals(withAltai, ModelCard.fromJson(json));
        String md = withAltai.toMarkdown();
        assertTrue(md.contains("## Feature importance\n\n| Feature | Importance |\n|---|---|\n| level_max_3d | 0.6 |"), md);
        assertTrue(md.contains("## ALTAI self-assessment\n\n### Human agency and oversight\n\n**Evidence:**"), md);
    }

    @Test
    void fromJson_cardWithoutNewSections_readsEmpty() {
        ModelCard plain = ModelCard.builder("m").build();
        String json = plain.toJson();
        assertTrue(!json.contains("altai") && !json.contains("featureImportance"), json);
        ModelCard read = ModelCard.fromJson(json);
        assertTrue(read.altai().isEmpty());
        assertTrue(read.featureImportance().isEmpty());
    }

    @Test
    void fromJson_unknownRequirement_throwsWithPath() {
        String json = ModelCard.builder("m").build().toJson().replaceFirst("\\n}$",
                ",\n\"altai\": [{\"requirement\": \"NOPE\", \"evidence\": [], \"openQuestions\": []}]\n}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelCard.fromJson(json));
        assertTrue(e.getMessage().startsWith("altai[0].requirement must be one of"), e.getMessage());
        assertTrue(e.getMessage().endsWith("was \"NOPE\""), e.getMessage());
    }

    @Test
    void constructor_repeatedRequirement_throws() {
        Altai.Assessment t = new Altai.Assessment(Altai.Requirement.TRANSPARENCY, List.of(), List.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Altai(List.of(t, t)));
        assertEquals("requirement Transparency must appear once, was repeated", e.getMessage());
    }

    @Test
    void featureImportance_notFinite_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelCard.builder("m").featureImportance(Map.of("x", Double.NaN)));
        assertEquals("featureImportance[x] must be finite, was NaN", e.getMessage());
    }
}
