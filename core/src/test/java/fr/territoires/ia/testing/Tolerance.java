package fr.territoires.ia.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Tolerance assertions shared by the library's tests. */
public final class Tolerance {

    private Tolerance() {
    }

    /**
     * Asserts that two arrays have the same length and equal elements within {@code tol}
     * (NaN equals NaN).
     *
     * @param expected expected values
     * @param actual actual values
     * @param tol absolute tolerance
     */
    public static void assertArrayClose(double[] expected, double[] actual, double tol) {
        assertEquals(expected.length, actual.length, "array length");
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            if (Double.isNaN(e) && Double.isNaN(a)) {
                continue;
            }
            if (!(Math.abs(e - a) <= tol)) {
                fail("element " + i + ": expected " + e + " but was " + a + " (tolerance " + tol + ")");
            }
        }
    }
}
