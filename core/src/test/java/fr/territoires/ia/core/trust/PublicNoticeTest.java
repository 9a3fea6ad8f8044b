package fr.territoires.ia.core.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PublicNoticeTest {

    @Test
    void french_fullCard_sectionsWeightsAndFrenchNumbers() {
        String n = AltaiTest.card().toNoticeFr();
        assertTrue(n.startsWith("# Notice d'information : traitement algorithmique « flood-alert »\n"), n);
        assertTrue(n.contains("L312-1-3 et R311-3-1-2"), n);
        assertTrue(n.contains("> Avant publication : les textes repris de la fiche du modèle"), n);
        assertTrue(n.contains("## À quoi sert ce traitement ?\n\nAlert when the Garonne may exceed 2.5 m\n"), n);
        // weights: 0.6 / (0.6 + 0.3 + 0.1) = 60 %, 30 %, 10 %
        assertTrue(n.contains("| level_max_3d | 60 % |\n| rise_24h | 30 % |\n| month | 10 % |\n"), n);
        assertTrue(n.contains("- brier : 0,05 (intervalle de confiance [0,04 ; 0,06])\n"), n);
        assertTrue(n.contains("Organisme responsable : Toulouse Métropole"), n);
        assertTrue(n.contains("Service qui contrôle le résultat et peut le corriger : " + PublicNotice.TO_COMPLETE), n);
        assertTrue(n.contains("- evacuation orders without review\n"), n);
    }

    @Test
    void french_withTexts_libraryTextsInFrenchAndPerGroupMetricsListed() {
        ModelCard c = AltaiTest.card().toBuilder().quantitativeAnalyses(java.util.List.of(
                new ModelCard.QuantitativeAnalysis("class", "serre",
                        java.util.List.of(new ModelCard.Metric("F1", 0.25, 0.1, 0.4, "cv")))))
                .build();
        String n = PublicNotice.french(c, name -> name, t -> switch (t) {
            case "evacuation orders without review" -> "ordres d'évacuation sans examen";
            case "class" -> "classe";
            default -> t;
        });
        assertTrue(n.contains("- ordres d'évacuation sans examen\n"), n);
        assertTrue(n.contains("| classe | serre | F1 | 0,25 | [0,1 ; 0,4] |\n"), n);
        // A text the translator does not know stays as written.
        assertTrue(n.contains("Alert when the Garonne may exceed 2.5 m\n"), n);
    }

    @Test
    void french_withLabels_readableNameThenTechnicalName() {
        String n = AltaiTest.card().toNoticeFr(name -> name.equals("rise_24h") ? "hausse sur 24 heures" : name);
        assertTrue(n.contains("| level_max_3d | 60 % |\n| hausse sur 24 heures (rise_24h) | 30 % |\n| month | 10 % |\n"), n);
    }

    @Test
    void french_manyInputs_tenLargestThenTheOthersSummed() {
        java.util.Map<String, Double> importance = new java.util.LinkedHashMap<>();
        // 12 inputs: x0 = 0.3, x1 = 0.2, x2..x9 = 0.05 each, x10 = 0.1, x11 = 0 (sum 1)
        importance.put("x0", 0.3);
        importance.put("x1", 0.2);
        for (int i = 2; i < 10; i++) {
            importance.put("x" + i, 0.05);
        }
        importance.put("x10", 0.1);
        importance.put("x11", 0.0);
        String n = ModelCard.builder("m").featureImportance(importance).build().toNoticeFr();
        assertTrue(n.contains("| x0 | 30 % |\n| x1 | 20 % |\n| x10 | 10 % |\n| x2 | 5 % |\n"), n);
        // shown: x0, x1, x10 and seven of x2..x9; the last 5 % input and x11 summed
        assertTrue(n.contains("| Les 2 autres données ensemble | 5 % |\n"), n);
    }

    @Test
    void french_emptyCard_everyUnknownMarkedToComplete() {
        String n = ModelCard.builder("m").build().toNoticeFr();
        // purpose, method, two data lines, weights, decision, oversight, metrics, organisation, contact
        int count = n.split(java.util.regex.Pattern.quote(PublicNotice.TO_COMPLETE), -1).length - 1;
        assertEquals(10, count, n);
    }

    @Test
    void fr_number_decimalComma() {
        assertEquals("0,1235", PublicNotice.fr(0.12345));
        assertEquals("2", PublicNotice.fr(2.0));
    }
}
