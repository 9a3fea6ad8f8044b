package fr.territoires.ia.anomaly;

import fr.territoires.ia.core.MultivariateTimeSeries;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;

/** Seeded Gaussian sensor tables for the multivariate detector tests. */
final class MultivariateFixtures {

    static final List<String> COLUMNS = List.of("pressure", "flow", "vibration");

    private MultivariateFixtures() {
    }

    /** {@code n} rows of independent standard Gaussian columns (means 10, 50, 0; sd 1, 5, 0.1). */
    static double[][] gaussian(int n, long seed) {
        Random rng = new Random(seed);
        double[][] v = new double[3][n];
        for (int r = 0; r < n; r++) {
            v[0][r] = 10 + rng.nextGaussian();
            v[1][r] = 50 + 5 * rng.nextGaussian();
            v[2][r] = 0.1 * rng.nextGaussian();
        }
        return v;
    }

    static MultivariateTimeSeries series(String name, double[][] values) {
        return series(name, COLUMNS, values);
    }

    static MultivariateTimeSeries series(String name, List<String> columns, double[][] values) {
        int n = values[0].length;
        long[] t = new long[n];
        for (int r = 0; r < n; r++) {
            t[r] = 1_700_000_000_000L + 60_000L * r;
        }
        return MultivariateTimeSeries.of(name, columns, t, values, ZoneOffset.UTC);
    }

    /**
     * Test table: {@code n} Gaussian rows in which every tenth row (rows 5, 15, 25...) has its
     * {@code flow} column moved 8 standard deviations up (+40).
     */
    static MultivariateTimeSeries withFlowOutliers(int n, long seed) {
        double[][] v = gaussian(n, seed);
        for (int r = 5; r < n; r += 10) {
            v[1][r] += 40;
        }
        return series("test", v);
    }

    /**
     * Test table: {@code n} Gaussian rows in which every tenth row (rows 5, 15, 25...) is moved
     * 6 standard deviations up in every column (+6, +30, +0.6).
     */
    static MultivariateTimeSeries withJointOutliers(int n, long seed) {
        double[][] v = gaussian(n, seed);
        for (int r = 5; r < n; r += 10) {
            v[0][r] += 6;
            v[1][r] += 30;
            v[2][r] += 0.6;
        }
        return series("test", v);
    }

    static boolean isPlanted(int row) {
        return row % 10 == 5;
    }
}
