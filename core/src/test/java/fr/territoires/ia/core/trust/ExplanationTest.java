package fr.territoires.ia.core.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.territoires.ia.core.fast.CompiledTrees;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExplanationTest {

    /** Root splits on booster feature f1 ("b") at 0.5; leaves -0.5 (cover 3) and 1.0 (cover 1). */
    private static final String STUMP = "{\"nodeid\":0,\"depth\":0,\"split\":\"f1\",\"split_condition\":0.5,"
            + "\"yes\":1,\"no\":2,\"missing\":2,\"gain\":3.0,\"cover\":4.0,\"children\":["
            + "{\"nodeid\":1,\"leaf\":-0.5,\"cover\":3.0},{\"nodeid\":2,\"leaf\":1.0,\"cover\":1.0}]}";
    /** Root splits on f0 ("a") at 2; leaves 0.2 (cover 1) and -0.2 (cover 1). */
    private static final String STUMP_A = "{\"nodeid\":0,\"depth\":0,\"split\":\"f0\",\"split_condition\":2,"
            + "\"yes\":1,\"no\":2,\"missing\":1,\"gain\":1.0,\"cover\":2.0,\"children\":["
            + "{\"nodeid\":1,\"leaf\":0.2,\"cover\":1.0},{\"nodeid\":2,\"leaf\":-0.2,\"cover\":1.0}]}";

    private static final List<String> COLUMNS = List.of("a", "b");

    private static CompiledTrees trees() {
        return CompiledTrees.fromXgboostJson(List.of(STUMP, STUMP_A), CompiledTrees.Objective.REGRESSION, 1, 0.5,
                COLUMNS, COLUMNS);
    }

    @Test
    void of_compiledTreesContributions_sumToMarginAndRankByMagnitude() {
        CompiledTrees t = trees();
        double[] row = {3, 0.4};
        // Tree 1: root mean (3 * -0.5 + 1.0) / 4 = -0.125; b = 0.4 goes to -0.5: b gets -0.375.
        // Tree 2: root mean 0; a = 3 is not < 2: leaf -0.2: a gets -0.2.
        // Base = 0.5 - 0.125 + 0 = 0.375; margin = 0.5 - 0.5 - 0.2 = -0.2 (leaves are float32).
        Explanation e = Explanation.of("output", "sortie", COLUMNS, row, t.contributions(row, 0), t.margin(row, 0));
        assertEquals(-0.2, e.value(), 1e-7);
        assertEquals(0.375, e.baseValue(), 1e-7);
        assertEquals(List.of("b", "a"), e.top(5).stream().map(Explanation.Factor::feature).toList());
        assertEquals(-0.375, e.top(1).get(0).contribution(), 1e-12);
        assertEquals(0.4, e.top(1).get(0).featureValue(), 0.0);
    }

    @Test
    void toEnglishAndFrench_topFactors_readableSentences() {
        Explanation e = new Explanation("log-odds of exceedance", "log-cote de dépassement", -3.1, 1.52,
                List.of(new Explanation.Factor("lag0", 2.31, 3.52), new Explanation.Factor("doy_cos", 0.8, -0.2),
                        new Explanation.Factor("rise3", 0.45, 1.3), new Explanation.Factor("holiday", 0, 0)));
        // -3.1 + 3.52 - 0.2 + 1.3 + 0 = 1.52.
        assertEquals("log-odds of exceedance 1.52 (base -3.1): today = 2.31 raises it by 3.52; rise3 = 0.45 "
                + "raises it by 1.3", e.toEnglish(2, n -> n.equals("lag0") ? "today" : n));
        assertEquals("log-cote de dépassement 1,52 (base -3,1) : aujourd'hui = 2,31 l'augmente de 3,52 ; "
                + "rise3 = 0,45 l'augmente de 1,3 ; doy_cos = 0,8 la diminue de 0,2",
                e.toFrench(3, n -> n.equals("lag0") ? "aujourd'hui" : n));
        // The zero contribution is never listed.
        assertEquals(3, e.top(10).size());
        assertEquals("log-odds of exceedance 1.52 (base -3.1): no factor changes it", e.toEnglish(0, n -> n));
    }

    @Test
    void toFrench_missingValue_saysManquant() {
        Explanation e = new Explanation("score", "score", 0, 1, List.of(new Explanation.Factor("x", Double.NaN, 1)));
        assertEquals("score 1 (base 0) : x = manquant l'augmente de 1", e.toFrench(1, n -> n));
        assertEquals("score 1 (base 0): x = missing raises it by 1", e.toEnglish(1, n -> n));
    }

    @Test
    void importance_meanAbsoluteShare_sumsToOneLargestFirst() {
        Explanation e1 = new Explanation("s", "s", 0, 1,
                List.of(new Explanation.Factor("x", 1, 3), new Explanation.Factor("y", 1, -2)));
        Explanation e2 = new Explanation("s", "s", 0, -1,
                List.of(new Explanation.Factor("x", 1, -1), new Explanation.Factor("y", 1, 0)));
        // |x| sums to 4, |y| to 2: shares 4/6 and 2/6.
        Map<String, Double> imp = Explanation.importance(List.of(e1, e2));
        assertEquals(List.of("x", "y"), List.copyOf(imp.keySet()));
        assertEquals(4.0 / 6, imp.get("x"), 1e-15);
        assertEquals(2.0 / 6, imp.get("y"), 1e-15);
        assertTrue(Explanation.importance(List.of()).isEmpty());
    }

    @Test
    void constructor_badInput_throwsNamingTheRule() {
        IllegalArgumentException sum = assertThrows(IllegalArgumentException.class,
                () -> new Explanation("s", "s", 0, 2, List.of(new Explanation.Factor("x", 1, 1))));
        assertTrue(sum.getMessage().contains("must equal value"), sum.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> new Explanation("s", "s", 0, 2,
                        List.of(new Explanation.Factor("x", 1, 1), new Explanation.Factor("x", 1, 1))));
        assertTrue(twice.getMessage().contains("\"x\" twice"), twice.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Explanation.Factor(" ", 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Explanation.Factor("x", 1, Double.NaN));
        IllegalArgumentException len = assertThrows(IllegalArgumentException.class,
                () -> Explanation.of("s", "s", List.of("x"), new double[] {1}, new double[] {1}, 1));
        assertTrue(len.getMessage().contains("must have 1 and 2 values"), len.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Explanation("s", "s", 0, 1, List.of()).top(-1));
    }
}
