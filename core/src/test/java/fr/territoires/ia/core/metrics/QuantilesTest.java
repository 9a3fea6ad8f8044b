package fr.territoires.ia.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class QuantilesTest {

    @Test
    void of_unsortedValues_type7Interpolation() {
        double[] v = {4, 1, 3, 2};
        // Sorted 1,2,3,4: q=0.25 -> position 0.75 -> 1 + 0.75 * (2 - 1) = 1.75.
        assertEquals(1.75, Quantiles.of(v, 0.25), 1e-12);
        // q=0.5 -> position 1.5 -> 2.5; q=0.975 -> position 2.925 -> 3.925.
        assertEquals(2.5, Quantiles.of(v, 0.5), 1e-12);
        assertEquals(3.925, Quantiles.of(v, 0.975), 1e-12);
        assertEquals(1, Quantiles.of(v, 0), 0);
        assertEquals(4, Quantiles.of(v, 1), 0);
        assertEquals(4.0, v[0], "input left unsorted");
        assertEquals(7, Quantiles.of(new double[] {7}, 0.3), 0);
    }

    @Test
    void of_badInput_throwsWithRule() {
        assertEquals("q must be in [0, 1], was 1.5",
                assertThrows(IllegalArgumentException.class, () -> Quantiles.of(new double[] {1}, 1.5)).getMessage());
        assertEquals("values must not be empty",
                assertThrows(IllegalArgumentException.class, () -> Quantiles.of(new double[0], 0.5)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Quantiles.of(new double[] {1, Double.NaN}, 0.5));
    }
}
