package fr.territoires.ia.core.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import fr.territoires.ia.core.metrics.ConfusionMatrix.ClassMetrics;
import java.util.Arrays;
import java.util.LinkedList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {

    private static final double EPS = 1e-12;
    private static final List<String> ABC = List.of("a", "b", "c");

    //            0    1    2    3    4    5    6    7    8    9
    // actual:    a    a    a    a    b    b    b    c    c    c
    // predicted: a    a    b    c    b    b    a    c    c    b
    private static ConfusionMatrix threeByThree() {
        return ConfusionMatrix.of(ABC,
                List.of("a", "a", "a", "a", "b", "b", "b", "c", "c", "c"),
                List.of("a", "a", "b", "c", "b", "b", "a", "c", "c", "b"));
    }

    @Test
    void of_threeClasses_countsByActualRowAndPredictedColumn() {
        ConfusionMatrix m = threeByThree();
        // row a: a->a 2, a->b 1, a->c 1; row b: b->a 1, b->b 2; row c: c->b 1, c->c 2
        assertArrayEquals(new long[][] {{2, 1, 1}, {1, 2, 0}, {0, 1, 2}}, m.counts());
        assertEquals(ABC, m.labels());
        assertEquals(1, m.count("a", "c"));
        assertEquals(0, m.count("c", "a"));
        assertEquals(10, m.total());
        assertEquals(0.6, m.accuracy(), EPS); // trace 2 + 2 + 2 = 6, / 10
    }

    @Test
    void perClass_threeClasses_matchesHandComputation() {
        List<ClassMetrics> metrics = threeByThree().perClass();
        // column sums (predicted): a 3, b 4, c 3; row sums (support): a 4, b 3, c 3
        // a: P = 2/3, R = 2/4, F1 = 2*2 / (4 + 3) = 4/7
        assertClass(metrics.get(0), "a", 4, 3, 2.0 / 3.0, 0.5, 4.0 / 7.0);
        // b: P = 2/4, R = 2/3, F1 = 4 / (3 + 4) = 4/7
        assertClass(metrics.get(1), "b", 3, 4, 0.5, 2.0 / 3.0, 4.0 / 7.0);
        // c: P = 2/3, R = 2/3, F1 = 4 / (3 + 3) = 2/3
        assertClass(metrics.get(2), "c", 3, 3, 2.0 / 3.0, 2.0 / 3.0, 2.0 / 3.0);
    }

    @Test
    void averages_threeClasses_matchHandComputation() {
        ConfusionMatrix m = threeByThree();
        // macro F1 = (4/7 + 4/7 + 2/3) / 3 = (24/21 + 14/21) / 3 = 38/63
        assertEquals(38.0 / 63.0, m.macroF1(), EPS);
        // weighted F1 = (4 * 4/7 + 3 * 4/7 + 3 * 2/3) / 10 = (28/7 + 2) / 10 = 0.6
        assertEquals(0.6, m.weightedF1(), EPS);
        // balanced accuracy = (1/2 + 2/3 + 2/3) / 3 = (11/6) / 3 = 11/18
        assertEquals(11.0 / 18.0, m.balancedAccuracy(), EPS);
    }

    @Test
    void perClass_labelNeverPredictedAndLabelWithoutSupport_zeroAsScikitLearn() {
        // actual x x y y, predicted x z x z -> rows x [1, 0, 1], y [1, 0, 1], z [0, 0, 0]
        ConfusionMatrix m = ConfusionMatrix.of(List.of("x", "y", "z"),
                List.of("x", "x", "y", "y"), List.of("x", "z", "x", "z"));
        List<ClassMetrics> metrics = m.perClass();
        // x: TP 1, support 2, predicted 2 -> P = R = F1 = 1/2
        assertClass(metrics.get(0), "x", 2, 2, 0.5, 0.5, 0.5);
        // y: never predicted -> precision 0/0 = 0, recall 0/2 = 0, F1 0/(2 + 0) = 0
        assertClass(metrics.get(1), "y", 2, 0, 0.0, 0.0, 0.0);
        // z: no support -> precision 0/2 = 0, recall 0/0 = 0, F1 0/(0 + 2) = 0
        assertClass(metrics.get(2), "z", 0, 2, 0.0, 0.0, 0.0);
        assertEquals(0.25, m.accuracy(), EPS);              // 1 / 4
        assertEquals(0.5 / 3.0, m.macroF1(), EPS);          // (1/2 + 0 + 0) / 3, z included
        assertEquals(0.25, m.weightedF1(), EPS);            // (2 * 1/2 + 2 * 0 + 0 * 0) / 4
        assertEquals(0.25, m.balancedAccuracy(), EPS);      // (1/2 + 0) / 2, z left out
    }

    @Test
    void of_valueNotInLabels_messageNamesPositionAndValue() {
        List<String> actual = List.of("a", "b", "c");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.of(ABC, actual, List.of("a", "b", "church")));
        assertEquals("predicted[2] = \"church\" is not one of the labels [a, b, c]",
                e.getMessage());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.of(ABC, List.of("d", "b", "c"), actual));
        assertEquals("actual[0] = \"d\" is not one of the labels [a, b, c]", e2.getMessage());
    }

    @Test
    void of_invalidArguments_throwWithReason() {
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.of(List.of(), List.of("a"), List.of("a")));
        assertEquals("labels must not be empty", empty.getMessage());
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.of(List.of("a", "b", "a"), List.of("a"), List.of("a")));
        assertEquals("labels must be distinct, was \"a\" at positions 0 and 2", dup.getMessage());
        IllegalArgumentException noRow = assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.of(ABC, List.of(), List.of()));
        assertEquals("actual must not be empty", noRow.getMessage());
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.of(ABC, List.of("a", "b"), List.of("a")));
        assertEquals("predicted must have the size of actual (2), was 1", size.getMessage());
        NullPointerException nullValue = assertThrows(NullPointerException.class,
                () -> ConfusionMatrix.of(ABC, List.of("a", "b"), Arrays.asList("a", null)));
        assertEquals("predicted[1]", nullValue.getMessage());
        assertThrows(NullPointerException.class, () -> ConfusionMatrix.of(null, ABC, ABC));
    }

    @Test
    void count_unknownLabel_throwsNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> threeByThree().count("a", "z"));
        assertEquals("predicted \"z\" is not one of the labels [a, b, c]", e.getMessage());
    }

    @Test
    void counts_mutatingReturnedArray_leavesMatrixUnchanged() {
        ConfusionMatrix m = threeByThree();
        long[][] copy = m.counts();
        copy[0][0] = 99;
        assertEquals(2, m.count("a", "a"));
    }

    @Test
    void of_linkedLists_sameAsArrayLists() {
        ConfusionMatrix fromLinked = ConfusionMatrix.of(new LinkedList<>(ABC),
                new LinkedList<>(List.of("a", "a", "a", "a", "b", "b", "b", "c", "c", "c")),
                new LinkedList<>(List.of("a", "a", "b", "c", "b", "b", "a", "c", "c", "b")));
        assertEquals(threeByThree(), fromLinked);
    }

    @Test
    void equals_sameLabelsAndCounts_equalWithSameHashCode() {
        ConfusionMatrix m = threeByThree();
        // same observations in another order give the same counts
        ConfusionMatrix reordered = ConfusionMatrix.of(ABC,
                List.of("c", "c", "c", "b", "b", "b", "a", "a", "a", "a"),
                List.of("b", "c", "c", "a", "b", "b", "c", "b", "a", "a"));
        assertEquals(m, reordered);
        assertEquals(m.hashCode(), reordered.hashCode());
        ConfusionMatrix otherOrder = ConfusionMatrix.of(List.of("c", "b", "a"),
                List.of("a", "a", "a", "a", "b", "b", "b", "c", "c", "c"),
                List.of("a", "a", "b", "c", "b", "b", "a", "c", "c", "b"));
        assertNotEquals(m, otherOrder);
        assertNotEquals(m, ConfusionMatrix.of(ABC, List.of("a"), List.of("a")));
        assertNotEquals(m, "a");
        assertEquals("ConfusionMatrix[labels=[a, b, c], counts=[[2, 1, 1], [1, 2, 0], [0, 1, 2]]]",
                m.toString());
    }

    @Test
    void toMarkdown_twoClasses_rendersMatrixThenPerClassTable() {
        // counts [[1, 1], [0, 1]]; a: support 2, predicted 1, P 1, R 1/2, F1 2/3
        //                          b: support 1, predicted 2, P 1/2, R 1, F1 2/3
        ConfusionMatrix m = ConfusionMatrix.of(List.of("a", "b|c"),
                List.of("a", "a", "b|c"), List.of("a", "b|c", "b|c"));
        String expected = ""
                + "| actual \\ predicted | a | b\\|c |\n"
                + "|---|---:|---:|\n"
                + "| a | 1 | 1 |\n"
                + "| b\\|c | 0 | 1 |\n"
                + "\n"
                + "| label | support | predicted | precision | recall | f1 |\n"
                + "|---|---:|---:|---:|---:|---:|\n"
                + "| a | 2 | 1 | 1.0000 | 0.5000 | 0.6667 |\n"
                + "| b\\|c | 1 | 2 | 0.5000 | 1.0000 | 0.6667 |\n";
        assertEquals(expected, m.toMarkdown());
    }

    @Test
    void classMetrics_negativeCountOrNullLabel_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ClassMetrics("a", -1, 0, 0, 0, 0));
        assertEquals("support must be >= 0, was -1", e.getMessage());
        assertThrows(NullPointerException.class, () -> new ClassMetrics(null, 0, 0, 0, 0, 0));
    }

    private static void assertClass(ClassMetrics m, String label, long support, long predicted,
            double precision, double recall, double f1) {
        assertEquals(label, m.label());
        assertEquals(support, m.support());
        assertEquals(predicted, m.predicted());
        assertEquals(precision, m.precision(), EPS);
        assertEquals(recall, m.recall(), EPS);
        assertEquals(f1, m.f1(), EPS);
    }
}
