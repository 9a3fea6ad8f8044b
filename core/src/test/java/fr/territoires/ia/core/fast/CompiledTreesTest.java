package fr.territoires.ia.core.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.territoires.ia.core.synthetic.TabularSimulator;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.common.xgboost.XGBoostModel;

class CompiledTreesTest {

    /** Both children of the root are leaves; the root splits on column "b" at 0.5, missing goes "no". */
    private static final String STUMP = "{\"nodeid\":0,\"depth\":0,\"split\":\"f1\",\"split_condition\":0.5,"
            + "\"yes\":1,\"no\":2,\"missing\":2,\"gain\":3.0,\"cover\":4.0,\"children\":["
            + "{\"nodeid\":1,\"leaf\":-0.5,\"cover\":3.0},{\"nodeid\":2,\"leaf\":1.0,\"cover\":1.0}]}";

    /** A single leaf. */
    private static final String LEAF = "{\"nodeid\":0,\"leaf\":0.25,\"cover\":4.0}";

    private static final List<String> BOOSTER = List.of("a", "b");
    /** Our rows put "b" first: the mapping must reorder. */
    private static final List<String> COLUMNS = List.of("b", "a", "unused");

    private static TabularSimulator.Table test;
    private static XGBoostModel<Label> binary;
    private static CompiledTrees binaryTrees;

    @BeforeAll
    static void train() throws XGBoostError {
        TabularSimulator.Options options = TabularSimulator.Options.defaults();
        binary = TribuoFixtures.xgboost(TabularSimulator.simulate(options), 100, 5);
        // Fresh rows with 20 % missing cells, so that many paths take the default branch.
        test = TabularSimulator.simulate(options.withRows(500).withSeed(7L).withMissingRate(0.2));
        binaryTrees = TribuoFixtures.compile(binary, test.columns());
    }

    private static double[][] rows(TabularSimulator.Table t) {
        double[][] rows = new double[t.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = t.row(i);
        }
        // Row 0 all missing: every tree follows its default branches.
        java.util.Arrays.fill(rows[0], Double.NaN);
        return rows;
    }

    private static double tribuoScore(Prediction<Label> p, int c) {
        Map<String, Label> scores = p.getOutputScores();
        return scores.get("c" + c).getScore();
    }

    @Test
    void predict_binaryXgboostWithMissing_equalsTribuoAndBoosterWithin1e6() throws XGBoostError {
        double[][] rows = rows(test);
        float[][] booster = TribuoFixtures.boosterPredict(binary, test.columns(), rows);
        double[] out = new double[2];
        int classOne = binary.getOutputIDInfo().getID(new Label("c1"));
        double worstBooster = 0;
        double worstTribuo = 0;
        for (int i = 0; i < rows.length; i++) {
            binaryTrees.predict(rows[i], out);
            for (int c = 0; c < 2; c++) {
                int id = binary.getOutputIDInfo().getID(new Label("c" + c));
                worstBooster = Math.max(worstBooster, Math.abs(out[id] - booster[i][id]));
                // Tribuo, explicit NaN values and sparse examples without the missing features.
                Prediction<Label> dense = binary.predict(TribuoFixtures.example(TribuoFixtures.LABELS.getUnknownOutput(),
                        test.columns(), rows[i]));
                worstTribuo = Math.max(worstTribuo, Math.abs(out[id] - tribuoScore(dense, c)));
                if (i > 0) {
                    // Tribuo refuses an example without features (row 0, all missing).
                    Prediction<Label> sparse = binary.predict(TribuoFixtures.sparseExample(
                            TribuoFixtures.LABELS.getUnknownOutput(), test.columns(), rows[i]));
                    worstTribuo = Math.max(worstTribuo, Math.abs(out[id] - tribuoScore(sparse, c)));
                }
            }
            assertEquals(out[classOne], binaryTrees.predict(rows[i], classOne), 1e-15, "row " + i);
        }
        assertTrue(worstBooster <= 1e-6, "max |compiled - booster| = " + worstBooster);
        assertTrue(worstTribuo <= 1e-6, "max |compiled - tribuo| = " + worstTribuo);
        assertEquals(100 * 2, binaryTrees.treeCount());
    }

    @Test
    void predict_multiClassXgboostWithMissing_equalsBoosterWithin1e6() throws XGBoostError {
        TabularSimulator.Options options = TabularSimulator.Options.defaults().withClasses(3).withFeatures(12);
        XGBoostModel<Label> model = TribuoFixtures.xgboost(TabularSimulator.simulate(options), 30, 4);
        TabularSimulator.Table t = TabularSimulator.simulate(options.withRows(300).withSeed(11L)
                .withMissingRate(0.2));
        CompiledTrees trees = TribuoFixtures.compile(model, t.columns());
        double[][] rows = rows(t);
        float[][] booster = TribuoFixtures.boosterPredict(model, t.columns(), rows);
        double[] out = new double[3];
        for (int i = 0; i < rows.length; i++) {
            trees.predict(rows[i], out);
            for (int c = 0; c < 3; c++) {
                assertEquals(booster[i][c], out[c], 1e-6, "row " + i + " class " + c);
                assertEquals(out[c], trees.predict(rows[i], c), 1e-12, "row " + i + " class " + c);
            }
            assertEquals(1.0, out[0] + out[1] + out[2], 1e-12);
            Prediction<Label> p = model.predict(TribuoFixtures.example(TribuoFixtures.LABELS.getUnknownOutput(),
                    t.columns(), rows[i]));
            for (int c = 0; c < 3; c++) {
                int id = model.getOutputIDInfo().getID(new Label("c" + c));
                assertEquals(tribuoScore(p, c), out[id], 1e-6, "row " + i + " class c" + c);
            }
        }
        assertEquals(3, trees.outputCount());
    }

    @Test
    void predictBatch_trainedModel_equalsRowByRow() {
        double[][] rows = rows(test);
        int p = test.columns().size();
        double[] flat = new double[rows.length * p];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * p, p);
        }
        double[] batch = new double[rows.length * 2];
        binaryTrees.predictBatch(flat, batch);
        double[] one = new double[2];
        for (int i = 0; i < rows.length; i++) {
            binaryTrees.predict(rows[i], one);
            assertEquals(one[0], batch[2 * i], 0.0, "row " + i);
            assertEquals(one[1], batch[2 * i + 1], 0.0, "row " + i);
            // predict(row, output) walks the general node layout: same leaves, same order.
            assertEquals(binaryTrees.predict(rows[i], 1), batch[2 * i + 1], 1e-12, "row " + i);
        }
    }

    @Test
    void contributions_trainedModel_sumToMarginWithin1e9() {
        double[][] rows = rows(test);
        double[] contributions = new double[test.columns().size() + 1];
        for (double[] row : rows) {
            for (int c = 0; c < 2; c++) {
                binaryTrees.contributions(row, c, contributions);
                double sum = 0;
                for (double v : contributions) {
                    sum += v;
                }
                assertEquals(binaryTrees.margin(row, c), sum, 1e-9);
            }
        }
        // All missing: the path is the same for every all-NaN row, so the contributions are fixed and
        // the bias (sum of the root means plus 0.5 per class) is the same for every row.
        double[] allMissing = binaryTrees.contributions(rows[0], 1);
        double[] other = binaryTrees.contributions(rows[1], 1);
        assertEquals(allMissing[allMissing.length - 1], other[other.length - 1], 0.0);
    }

    @Test
    void predict_unevenTreeWithZeroThresholdAndMissingYes_sameOnEveryPath() {
        // Root: a < 0 ("yes" and missing: leaf 0.1); "no": b < -1.5 ("yes": 0.2; "no" and missing: 0.4).
        // The "yes" leaf is shallower than the tree: the complete-tree layout pads it.
        String tree = "{\"nodeid\":0,\"split\":\"f0\",\"split_condition\":0.0,\"yes\":1,\"no\":2,\"missing\":1,"
                + "\"children\":[{\"nodeid\":1,\"leaf\":0.1},{\"nodeid\":2,\"split\":\"f1\",\"split_condition\":-1.5,"
                + "\"yes\":3,\"no\":4,\"missing\":4,\"children\":[{\"nodeid\":3,\"leaf\":0.2},"
                + "{\"nodeid\":4,\"leaf\":0.4}]}]}";
        CompiledTrees trees = CompiledTrees.fromXgboostJson(List.of(tree), CompiledTrees.Objective.REGRESSION, 1,
                0.5, BOOSTER, COLUMNS);
        // Rows are (b, a, unused); margin = 0.5 + leaf, leaves as floats.
        double[][] rows = {
            {0, -0.0, 0}, // -0 is not < 0: "no"; b = 0 is not < -1.5: 0.4
            {0, 0.0, 0}, // same: 0.4
            {0, Double.NaN, 0}, // missing a goes "yes": 0.1
            {0, -1e-30, 0}, // -1e-30f < 0: "yes": 0.1
            {Double.NaN, Double.POSITIVE_INFINITY, 0}, // "no", then missing b goes "no": 0.4
            {0, Double.NEGATIVE_INFINITY, 0}, // "yes": 0.1
            {Double.NEGATIVE_INFINITY, 1, 0}, // "no", then -inf < -1.5: 0.2
            {-1.5, 1, 0}, // -1.5 is not < -1.5: 0.4
            {-1.6, 1, Double.NaN}, // 0.2
        };
        double[] leaf = {0.4f, 0.4f, 0.1f, 0.1f, 0.4f, 0.1f, 0.2f, 0.4f, 0.2f};
        double[] flat = new double[rows.length * 3];
        double[] one = new double[1];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, flat, 3 * r, 3);
            trees.predict(rows[r], one);
            assertEquals(0.5 + leaf[r], one[0], 0.0, "row " + r);
            assertEquals(0.5 + leaf[r], trees.predict(rows[r], 0), 0.0, "row " + r);
            assertEquals(0.5 + leaf[r], trees.margin(rows[r], 0), 0.0, "row " + r);
        }
        double[] batch = new double[rows.length];
        trees.predictBatch(flat, batch);
        for (int r = 0; r < rows.length; r++) {
            assertEquals(0.5 + leaf[r], batch[r], 0.0, "batch row " + r);
        }
    }

    @Test
    void predict_handMadeStump_followsFloatThresholdAndMissingBranch() {
        // Regression, base score 0.5: margin = 0.5 + leaf.
        CompiledTrees trees = CompiledTrees.fromXgboostJson(List.of(STUMP, LEAF), CompiledTrees.Objective.REGRESSION,
                1, 0.5, BOOSTER, COLUMNS);
        double[] out = new double[1];
        // b = 0.4 < 0.5: "yes" leaf -0.5; plus the single leaf 0.25: 0.5 - 0.5 + 0.25 = 0.25.
        trees.predict(new double[] {0.4, 99, 0}, out);
        assertEquals(0.25, out[0], 0.0);
        // b = 0.5 is not < 0.5: "no" leaf 1.0: 0.5 + 1.0 + 0.25 = 1.75.
        assertEquals(1.75, trees.predict(new double[] {0.5, 0, 0}, 0), 0.0);
        // b = 0.49999999999 rounds to 0.5f in float, so XGBoost sends it to "no" as well.
        assertEquals(1.75, trees.predict(new double[] {0.49999999999, 0, 0}, 0), 0.0);
        // Missing b goes to "missing" = "no".
        assertEquals(1.75, trees.predict(new double[] {Double.NaN, 0, 0}, 0), 0.0);
        // -Infinity compares as usual: "yes".
        assertEquals(0.25, trees.predict(new double[] {Double.NEGATIVE_INFINITY, 0, 0}, 0), 0.0);
        assertEquals(2, trees.treeCount());
        assertEquals(0.5, trees.baseMargin(), 0.0);
    }

    @Test
    void contributions_handMadeStump_creditsSplitColumnWithChangeOfCoverWeightedMean() {
        CompiledTrees trees = CompiledTrees.fromXgboostJson(List.of(STUMP, LEAF), CompiledTrees.Objective.REGRESSION,
                1, 0.5, BOOSTER, COLUMNS);
        // Root mean = (3 * -0.5 + 1 * 1.0) / 4 = -0.125. Bias = 0.5 + (-0.125) + 0.25 = 0.625.
        // Row with b = 0.4 goes to leaf -0.5: column "b" (index 0) gets -0.5 - (-0.125) = -0.375.
        double[] c = trees.contributions(new double[] {0.4, 1, 2}, 0);
        assertEquals(-0.375, c[0], 1e-15);
        assertEquals(0.0, c[1], 0.0);
        assertEquals(0.0, c[2], 0.0);
        assertEquals(0.625, c[3], 1e-15);
        // Sum = 0.25 = margin.
        assertEquals(trees.margin(new double[] {0.4, 1, 2}, 0), c[0] + c[1] + c[2] + c[3], 1e-15);
        // Row with b missing goes to leaf 1.0: 1.0 - (-0.125) = 1.125.
        assertEquals(1.125, trees.contributions(new double[] {Double.NaN, 1, 2}, 0)[0], 1e-15);
    }

    @Test
    void predict_softprobMirroredAndMixedRounds_equalsHandComputedSoftmax() {
        // Round 0: two stumps of one structure (walked once), leaves (-0.5, 1.0) and (0.5, -1.0).
        // Round 1: a leaf 0.25 for class 0 and the stump for class 1 (structures differ).
        String mirror = STUMP.replace("-0.5", "0.5").replace(":1.0,\"cover\":1.0", ":-1.0,\"cover\":1.0");
        CompiledTrees trees = CompiledTrees.fromXgboostJson(List.of(STUMP, mirror, LEAF, STUMP),
                CompiledTrees.Objective.MULTI_SOFTPROB, 2, 0.5, BOOSTER, COLUMNS);
        double[] row = {0.4, 0, 0};
        // b = 0.4 goes "yes": m0 = 0.5 - 0.5 + 0.25 = 0.25; m1 = 0.5 + 0.5 - 0.5 = 0.5.
        assertEquals(0.25, trees.margin(row, 0), 0.0);
        assertEquals(0.5, trees.margin(row, 1), 0.0);
        double[] out = new double[2];
        trees.predict(row, out);
        double p1 = 1.0 / (1.0 + Math.exp(-0.25));
        assertEquals(1 - p1, out[0], 1e-15);
        assertEquals(p1, out[1], 1e-15);
        // Missing b goes "no": m0 = 0.5 + 1.0 + 0.25 = 1.75; m1 = 0.5 - 1.0 + 1.0 = 0.5.
        double[] batch = new double[4];
        trees.predictBatch(new double[] {0.4, 0, 0, Double.NaN, 0, 0}, batch);
        assertEquals(p1, batch[1], 1e-15);
        assertEquals(1.0 / (1.0 + Math.exp(1.25)), batch[3], 1e-15);
    }

    @Test
    void predict_binaryLogistic_appliesSigmoidToLogOddsOfBaseScore() {
        // Base score 0.5: base margin log(0.5 / 0.5) = 0. b = 0.4: margin -0.5 + 0.25 = -0.25.
        CompiledTrees trees = CompiledTrees.fromXgboostJson(List.of(STUMP, LEAF),
                CompiledTrees.Objective.BINARY_LOGISTIC, 1, 0.5, BOOSTER, COLUMNS);
        assertEquals(1.0 / (1.0 + Math.exp(0.25)), trees.predict(new double[] {0.4, 0, 0}, 0), 1e-15);
        assertEquals(0.0, trees.baseMargin(), 0.0);
    }

    @Test
    void fromXgboostJson_badInput_throwsWithLocation() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> CompiledTrees.fromXgboostJson(List.of(STUMP), CompiledTrees.Objective.REGRESSION, 1, 0.5,
                        BOOSTER, List.of("a")));
        assertTrue(unknown.getMessage().contains("treeDumps[0]") && unknown.getMessage().contains("f1 (b)"),
                unknown.getMessage());
        IllegalArgumentException malformed = assertThrows(IllegalArgumentException.class,
                () -> CompiledTrees.fromXgboostJson(List.of(LEAF, "{"), CompiledTrees.Objective.REGRESSION, 1, 0.5,
                        BOOSTER, COLUMNS));
        assertTrue(malformed.getMessage().startsWith("treeDumps[1] must be JSON"), malformed.getMessage());
        IllegalArgumentException classes = assertThrows(IllegalArgumentException.class,
                () -> CompiledTrees.fromXgboostJson(List.of(LEAF, LEAF, LEAF), CompiledTrees.Objective.MULTI_SOFTPROB,
                        2, 0.5, BOOSTER, COLUMNS));
        assertTrue(classes.getMessage().contains("multiple of classes (2), was 3"), classes.getMessage());
        IllegalArgumentException base = assertThrows(IllegalArgumentException.class,
                () -> CompiledTrees.fromXgboostJson(List.of(LEAF), CompiledTrees.Objective.BINARY_LOGISTIC, 1, 1.0,
                        BOOSTER, COLUMNS));
        assertEquals("baseScore must be in (0, 1), was 1.0", base.getMessage());
        IllegalArgumentException repeated = assertThrows(IllegalArgumentException.class,
                () -> CompiledTrees.fromXgboostJson(List.of(LEAF), CompiledTrees.Objective.REGRESSION, 1, 0.5,
                        BOOSTER, List.of("a", "a")));
        assertTrue(repeated.getMessage().contains("columns must be distinct, was a"), repeated.getMessage());
    }

    @Test
    void predict_wrongLengths_throwWithLengths() {
        IllegalArgumentException row = assertThrows(IllegalArgumentException.class,
                () -> binaryTrees.predict(new double[3], new double[2]));
        assertEquals("row.length must be 20, was 3", row.getMessage());
        IllegalArgumentException out = assertThrows(IllegalArgumentException.class,
                () -> binaryTrees.predict(new double[20], new double[1]));
        assertEquals("out.length must be >= 2, was 1", out.getMessage());
        IllegalArgumentException output = assertThrows(IllegalArgumentException.class,
                () -> binaryTrees.predict(new double[20], 2));
        assertEquals("output must be in [0, 2), was 2", output.getMessage());
        IllegalArgumentException batch = assertThrows(IllegalArgumentException.class,
                () -> binaryTrees.predictBatch(new double[21], new double[2]));
        assertEquals("rows.length must be a multiple of 20, was 21", batch.getMessage());
    }
}
