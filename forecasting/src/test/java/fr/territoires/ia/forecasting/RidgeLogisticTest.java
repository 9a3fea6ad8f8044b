package fr.territoires.ia.forecasting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RidgeLogisticTest {

    @Test
    void logOdds_rowsWithMissingValues_equalTheDesignRowSumBitForBit() {
        SplittableRandom rnd = new SplittableRandom(7);
        int n = 400;
        double[][] x = new double[n][3];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                x[i][j] = rnd.nextDouble() < 0.1 * j ? Double.NaN : rnd.nextGaussian() * (j + 1) + j;
            }
            y[i] = rnd.nextDouble() < 1 / (1 + Math.exp(-(Double.isNaN(x[i][0]) ? 0 : x[i][0])));
        }
        RidgeLogistic m = RidgeLogistic.fit(x, y);
        int withMissing = 0;
        for (double[] row : x) {
            double[] z = m.design(row);
            double[] w = m.weightsWithIndicators();
            double t = m.intercept();
            for (int k = 0; k < z.length; k++) {
                t += w[k] * z[k];
            }
            assertEquals(Double.doubleToLongBits(t), Double.doubleToLongBits(m.logOdds(row)));
            withMissing += Double.isNaN(row[1]) || Double.isNaN(row[2]) ? 1 : 0;
        }
        assertTrue(withMissing > 50, "rows with a missing value: " + withMissing);
        assertEquals(5, m.design(x[0]).length, "3 inputs and 2 indicators (columns 1 and 2 have missing values)");
    }
}
