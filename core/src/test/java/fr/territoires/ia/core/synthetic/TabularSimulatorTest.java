package fr.territoires.ia.core.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TabularSimulatorTest {

    @Test
    void simulate_sameOptions_sameTable() {
        TabularSimulator.Options o = TabularSimulator.Options.defaults().withRows(50);
        TabularSimulator.Table a = TabularSimulator.simulate(o);
        TabularSimulator.Table b = TabularSimulator.simulate(o);
        assertArrayEquals(a.cells(), b.cells(), 0.0);
        assertEquals(a.target(49), b.target(49), 0.0);
        assertEquals(List.of("x0", "x1", "x2"), TabularSimulator.simulate(o.withFeatures(3)).columns());
    }

    @Test
    void simulate_threeClasses_aboutEqualThirds() {
        // Thresholds at the 1/3 and 2/3 quantiles of 3,000 latent values: 1,000 rows per class (ties aside).
        TabularSimulator.Table t = TabularSimulator.simulate(TabularSimulator.Options.defaults().withRows(3000)
                .withClasses(3));
        int[] counts = new int[3];
        for (int i = 0; i < t.size(); i++) {
            counts[t.label(i)]++;
        }
        assertArrayEquals(new int[] {1000, 1000, 1000}, counts);
    }

    @Test
    void simulate_missingRate_replacesAboutThatShareOfCellsByNaN() {
        TabularSimulator.Table t = TabularSimulator.simulate(TabularSimulator.Options.defaults().withRows(1000)
                .withMissingRate(0.2));
        int nan = 0;
        for (double v : t.cells()) {
            nan += Double.isNaN(v) ? 1 : 0;
        }
        // 20,000 cells at 20 %: 4,000 expected, standard deviation sqrt(20000 * 0.2 * 0.8) ≈ 57.
        assertTrue(Math.abs(nan - 4000) < 300, "NaN cells: " + nan);
        assertEquals(0, countNaN(TabularSimulator.simulate(TabularSimulator.Options.defaults().withMissingRate(0))));
    }

    @Test
    void row_returnsCopy() {
        TabularSimulator.Table t = TabularSimulator.simulate(TabularSimulator.Options.defaults().withRows(2));
        double[] r = t.row(1);
        r[0] = 1e9;
        assertTrue(t.row(1)[0] != 1e9);
        assertThrows(IndexOutOfBoundsException.class, () -> t.row(2));
    }

    @Test
    void options_outOfRange_throwWithValue() {
        IllegalArgumentException rate = assertThrows(IllegalArgumentException.class,
                () -> TabularSimulator.Options.defaults().withMissingRate(1.0));
        assertEquals("missingRate must be in [0, 1), was 1.0", rate.getMessage());
        IllegalArgumentException classes = assertThrows(IllegalArgumentException.class,
                () -> TabularSimulator.Options.defaults().withClasses(1));
        assertTrue(classes.getMessage().contains("classes") && classes.getMessage().contains("1"),
                classes.getMessage());
    }

    private static int countNaN(TabularSimulator.Table t) {
        int n = 0;
        for (double v : t.cells()) {
            n += Double.isNaN(v) ? 1 : 0;
        }
        return n;
    }
}
