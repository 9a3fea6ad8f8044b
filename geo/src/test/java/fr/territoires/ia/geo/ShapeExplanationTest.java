package fr.territoires.ia.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.territoires.ia.core.trust.Explanation;
import fr.territoires.ia.geo.synthetic.FootprintSimulator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Explanations of classified footprints and the classifier's global importance. */
class ShapeExplanationTest {

    private static ShapeClassifier model;

    @TempDir
    Path dir;

    @BeforeAll
    static void fitOnce() {
        model = ShapeClassifier.fit(FootprintSimulator.simulate(600, 7L), "kind",
                ShapeClassifier.Options.defaults().withTrees(20).withMaxDepth(4));
    }

    @Test
    void explain_simulatedFootprints_explainsPredictedClassAndAddsUp() {
        List<Feature> test = FootprintSimulator.simulate(200, 8L);
        List<ShapeClassifier.Prediction> predictions = model.classify(test);
        List<Explanation> explanations = model.explain(test);
        assertEquals(test.size(), explanations.size());
        for (int i = 0; i < test.size(); i++) {
            Explanation e = explanations.get(i);
            assertEquals("score of class " + predictions.get(i).label() + " (softmax margin)", e.output());
            double sum = e.baseValue();
            for (Explanation.Factor f : e.factors()) {
                sum += f.contribution();
            }
            assertEquals(e.value(), sum, 1e-6, "feature " + i);
            assertTrue(e.toFrench(3, n -> ShapeClassifier.label(n, true)).startsWith("score de la classe "));
        }
        // One pass gives the same predictions and explanations.
        List<ShapeClassifier.Explained> both = model.classifyAndExplain(test);
        assertEquals(predictions, both.stream().map(ShapeClassifier.Explained::prediction).toList());
        assertEquals(explanations, both.stream().map(ShapeClassifier.Explained::explanation).toList());
        // The area column holds the footprint's area.
        Explanation first = explanations.get(0);
        assertEquals(ShapeDescriptors.of(test.get(0).geometry()).get("area"),
                first.factors().get(ShapeDescriptors.names().indexOf("area")).featureValue(), 1e-9);
    }

    @Test
    void card_featureImportance_sharesOfAllDescriptorsSizeFirstAndKeptBySaveLoad() throws IOException {
        Map<String, Double> importance = model.card().featureImportance();
        assertEquals(1.0, importance.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
        List<String> top = List.copyOf(importance.keySet()).subList(0, 5);
        // The simulator draws the kinds by size and elongation.
        assertTrue(top.stream().anyMatch(n -> n.equals("area") || n.equals("perimeter") || n.startsWith("mrr_")
                || n.equals("longest_axis_length") || n.equals("elongation") || n.startsWith("centroid_corner")),
                top.toString());
        Path file = dir.resolve("shapes.model");
        model.save(file);
        assertEquals(importance, ShapeClassifier.load(file).card().featureImportance());
    }

    @Test
    void label_descriptors_readableWithUnits() {
        assertEquals("surface au sol (m²)", ShapeClassifier.label("area", true));
        assertEquals("distance to the nearest building (m)", ShapeClassifier.label("nearest_distance", false));
        assertEquals("moyenne des voisins : allongement", ShapeClassifier.label("neighbours_avg_elongation", true));
        assertEquals("some new descriptor", ShapeClassifier.label("some_new_descriptor", false));
        // every descriptor the classifier uses has a French name
        for (String name : model.card().featureImportance().keySet()) {
            assertTrue(!ShapeClassifier.label(name, true).equals(name.replace('_', ' ')), name);
        }
    }
}
