package fr.territoires.ia.examples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DownsampleTest {

    @Test
    void minMax_oneSpikeInTenThousandPoints_spikeAndDipSurviveWithFourPointsPerColumn() {
        int n = 10_000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = Math.sin(i / 100.0);
        }
        y[4321] = 50;
        y[777] = -40;
        Downsample.Line line = Downsample.minMax(x, y, 0, n - 1, 100);
        assertTrue(line.size() <= 4 * 100, "size " + line.size());
        boolean spike = false;
        boolean dip = false;
        for (int k = 0; k < line.size(); k++) {
            spike |= line.y()[k] == 50 && line.index()[k] == 4321;
            dip |= line.y()[k] == -40;
            if (k > 0) {
                assertTrue(line.index()[k] > line.index()[k - 1], "kept points keep their order");
            }
        }
        assertTrue(spike && dip);
        assertTrue(line.start()[0]);
    }

    @Test
    void minMax_missingValues_breakTheLineIntoSegments() {
        double[] x = {0, 1, 2, 3, 4, 5};
        double[] y = {1, 2, Double.NaN, Double.NaN, 3, 4};
        Downsample.Line line = Downsample.minMax(x, y, 0, 5, 1000);
        assertEquals(4, line.size());
        int starts = 0;
        for (boolean s : line.start()) {
            starts += s ? 1 : 0;
        }
        assertEquals(2, starts);
        assertTrue(line.start()[2]);
    }

    @Test
    void minMax_stepMuchLongerThanUsual_breaksTheLineAtTheGap() {
        double[] x = {0, 1, 2, 3, 20, 21, 22};
        double[] y = {1, 2, 3, 4, 5, 6, 7};
        Downsample.Line line = Downsample.minMax(x, y, 0, 22, 1000, 3 * TimeChart.medianStep(x));
        assertEquals(7, line.size());
        assertEquals(List.of(true, false, false, false, true, false, false), starts(line));
        Downsample.Line joined = Downsample.minMax(x, y, 0, 22, 1000);
        assertEquals(List.of(true, false, false, false, false, false, false), starts(joined));
    }

    private static List<Boolean> starts(Downsample.Line line) {
        List<Boolean> out = new java.util.ArrayList<>();
        for (boolean b : line.start()) {
            out.add(b);
        }
        return out;
    }
}
