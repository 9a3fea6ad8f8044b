package fr.territoires.ia.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.NullNode;
import fr.territoires.ia.geo.synthetic.FootprintSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShapeClassifierTest {

    private static List<Feature> footprints;
    private static ShapeClassifier model;
    private static final ShapeClassifier.Options OPTIONS = ShapeClassifier.Options.defaults()
            .withTrees(20).withMaxDepth(4);

    @TempDir
    Path dir;

    @BeforeAll
    static void fitOnce() {
        footprints = FootprintSimulator.simulate(600, 7L);
        model = ShapeClassifier.fit(footprints, "kind", OPTIONS);
    }

    @Test
    void classify_simulatedFootprints_recognisesKinds() {
        List<Feature> test = FootprintSimulator.simulate(300, 8L);
        List<ShapeClassifier.Prediction> ps = model.classify(test);
        int right = 0;
        for (int i = 0; i < ps.size(); i++) {
            if (ps.get(i).label().equals(test.get(i).properties().get("kind").asText())) {
                right++;
            }
            assertEquals(ps.get(i).probabilities().get(ps.get(i).label()),
                    ps.get(i).confidence(), 1e-12);
        }
        // sizes and elongations of the four kinds barely overlap
        assertTrue(right >= 285, "correct " + right + " of 300");
    }

    @Test
    void classify_compiledTrees_equalTribuoPredictionsWithin1e6() {
        List<Feature> test = FootprintSimulator.simulate(300, 8L);
        List<ShapeClassifier.Prediction> compiled = model.classify(test);
        List<ShapeClassifier.Prediction> tribuo = model.classifyWithTribuo(test);
        assertEquals(tribuo.size(), compiled.size());
        int sameLabel = 0;
        for (int i = 0; i < compiled.size(); i++) {
            ShapeClassifier.Prediction c = compiled.get(i);
            ShapeClassifier.Prediction t = tribuo.get(i);
            assertEquals(t.index(), c.index());
            assertEquals(t.probabilities().keySet(), c.probabilities().keySet());
            for (String label : model.labels()) {
                assertEquals(t.probabilities().get(label), c.probabilities().get(label), 1e-6,
                        "feature " + i + ", label " + label);
            }
            assertEquals(t.confidence(), c.confidence(), 1e-6, "feature " + i);
            if (t.label().equals(c.label())) {
                sameLabel++;
            }
        }
        // Labels can only differ on a tie within 1e-6; none is expected here.
        assertEquals(compiled.size(), sameLabel);
    }

    @Test
    void fit_sameDataAndSeed_givesSamePredictions() {
        ShapeClassifier again = ShapeClassifier.fit(footprints, "kind", OPTIONS);
        assertEquals(model.classify(footprints), again.classify(footprints));
    }

    @Test
    void save_thenLoad_predictsTheSame() throws IOException {
        Path file = dir.resolve("shapes.model");
        model.save(file);
        ShapeClassifier loaded = ShapeClassifier.load(file);
        assertEquals(model.labels(), loaded.labels());
        assertEquals(model.options(), loaded.options());
        assertEquals(model.card(), loaded.card());
        assertEquals(model.classify(footprints), loaded.classify(footprints));
    }

    @Test
    void withCard_evaluatedCard_savedAndLoadedWithSamePredictions_otherOptionsRefused() throws IOException {
        fr.territoires.ia.core.trust.ModelCard evaluated = model.card().toBuilder()
                .addMetric(fr.territoires.ia.core.trust.ModelCard.Metric.of("cross-validated macro-F1", 0.9, "cv"))
                .build();
        ShapeClassifier m = model.withCard(evaluated);
        assertEquals(evaluated, m.card());
        Path file = dir.resolve("evaluated.model");
        m.save(file);
        ShapeClassifier loaded = ShapeClassifier.load(file);
        assertEquals(evaluated, loaded.card());
        assertEquals(model.classify(footprints), loaded.classify(footprints));
        fr.territoires.ia.core.trust.ModelCard other = model.card().toBuilder()
                .options(java.util.Map.of("trees", "1")).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.withCard(other));
        assertTrue(e.getMessage().startsWith("card options must equal the classifier's options"), e.getMessage());
    }

    @Test
    void classify_fromFourThreads_matchesSequentialRun() throws Exception {
        List<ShapeClassifier.Prediction> expected = model.classify(footprints);
        java.util.concurrent.ExecutorService pool =
                java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<List<ShapeClassifier.Prediction>>> runs =
                    new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                runs.add(pool.submit(() -> model.classify(footprints)));
            }
            for (java.util.concurrent.Future<List<ShapeClassifier.Prediction>> r : runs) {
                assertEquals(expected, r.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void decisionScales_keptInCardAndFile_andPredictedLabelMaximisesScaledProbability()
            throws IOException {
        Map<String, Double> scales = model.decisionScales();
        assertEquals(model.labels(), List.copyOf(scales.keySet()));
        assertEquals(1.0, scales.get(model.labels().get(0)));
        for (double v : scales.values()) {
            assertTrue(v >= 1.0, "scale " + v);
        }
        assertTrue(model.card().details().options().get("decisionScales").startsWith("["));
        Path file = dir.resolve("scales.model");
        model.save(file);
        assertEquals(scales, ShapeClassifier.load(file).decisionScales());
        for (ShapeClassifier.Prediction p : model.classify(footprints)) {
            double chosen = scales.get(p.label()) * p.confidence();
            for (String label : model.labels()) {
                assertTrue(scales.get(label) * p.probabilities().get(label) <= chosen,
                        "feature " + p.index() + ": " + label + " scores above " + p.label());
            }
        }
    }

    @Test
    void fit_withoutDecisionFolds_predictsTheMostProbableClass() {
        ShapeClassifier plain = ShapeClassifier.fit(footprints, "kind",
                OPTIONS.withDecisionFolds(0));
        for (double v : plain.decisionScales().values()) {
            assertEquals(1.0, v);
        }
        for (ShapeClassifier.Prediction p : plain.classify(footprints)) {
            double max = p.probabilities().values().stream().mapToDouble(Double::doubleValue)
                    .max().orElseThrow();
            assertEquals(max, p.confidence(), 0.0);
        }
    }

    @Test
    void fit_trainingInOneCell_scalesStayAtOneAndTheCardSaysWhy() {
        // one cell of 10,000 km holds every footprint: no inner folds can be formed
        ShapeClassifier one = ShapeClassifier.fit(footprints, "kind",
                OPTIONS.withDecisionCellSize(1e7));
        for (double v : one.decisionScales().values()) {
            assertEquals(1.0, v);
        }
        assertTrue(one.card().caveats().stream().anyMatch(c -> c.startsWith(
                "No decision scale differs from 1")), one.card().caveats().toString());
    }

    @Test
    void options_decisionFoldsOfOne_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OPTIONS.withDecisionFolds(1));
        assertTrue(e.getMessage().contains("decisionFolds"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OPTIONS.withDecisionCellSize(0));
    }

    @Test
    void load_foreignFile_throws() throws IOException {
        Path file = dir.resolve("x.model");
        Files.writeString(file, "not a model");
        assertThrows(IllegalArgumentException.class, () -> ShapeClassifier.load(file));
    }

    @Test
    void fit_missingLabels_reportedNotGuessed() {
        List<Feature> some = new ArrayList<>(footprints.subList(0, 200));
        some.set(3, some.get(3).withProperty("kind", NullNode.getInstance()));
        some.set(5, some.get(5).withProperty("kind", " "));
        ShapeClassifier m = ShapeClassifier.fit(some, "kind", OPTIONS);
        assertEquals(List.of(3, 5), m.unlabelled());
        assertTrue(m.card().caveats().stream().anyMatch(c -> c.startsWith("2 of 200 features")),
                m.card().caveats().toString());
    }

    @Test
    void fit_noLabelProperty_throwsNamingProperty() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ShapeClassifier.fit(footprints.subList(0, 10), "label", OPTIONS));
        assertTrue(e.getMessage().contains("\"label\""), e.getMessage());
    }

    @Test
    void spatialBlockCrossValidation_simulated_predictsEveryLabelledFeatureOnce() {
        ShapeClassifier.CrossValidation cv = ShapeClassifier.spatialBlockCrossValidation(
                footprints, "kind", OPTIONS, 3, 500.0);
        assertEquals(600, cv.predictions().size());
        assertEquals(600, cv.foldSizes().stream().mapToInt(Integer::intValue).sum());
        assertEquals(600, cv.confusion().total());
        assertTrue(cv.macroF1() > 0.9, "macro-F1 " + cv.macroF1());
        assertTrue(cv.toMarkdown().contains("| greenhouse |"));
    }

    @Test
    void options_badValues_throwWithRule() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OPTIONS.withClassWeightPower(1.5));
        assertEquals("classWeightPower must be in [0, 1], was 1.5", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ShapeClassifier.spatialBlockCrossValidation(footprints, "kind", OPTIONS,
                        1, 500));
    }
}
