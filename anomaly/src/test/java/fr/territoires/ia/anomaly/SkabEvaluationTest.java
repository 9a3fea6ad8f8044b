package fr.territoires.ia.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.territoires.ia.anomaly.evaluation.PointMetrics;
import fr.territoires.ia.core.MultivariateTimeSeries;
import fr.territoires.ia.core.TimeSeriesCsv;
import fr.territoires.ia.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Point-wise evaluation on the Skoltech Anomaly Benchmark (Katser and Kozitsin, 2020,
 * doi:10.34740/KAGGLE/DSV/1693952), with the protocol of its notebooks: fit on the first 400 rows
 * of each file, score the rest, pool the points of the 23 labelled files (valve1 and other).
 * Skipped with a visible reason when the shared data are absent.
 */
class SkabEvaluationTest {

    private static final List<String> SENSORS = List.of("Accelerometer1RMS", "Accelerometer2RMS", "Current",
            "Pressure", "Temperature", "Thermocouple", "Voltage", "Volume Flow RateRMS");
    private static final int TRAIN_ROWS = 400;
    private static final double FAR_CAP = 0.20;

    /** One SKAB file: sensor columns and labels. */
    private record Experiment(String name, MultivariateTimeSeries sensors, boolean[] labels) {
    }

    private static List<Experiment> experiments;

    @BeforeAll
    static void load() throws IOException {
        Path skab = SharedData.resolve("anomaly/skab");
        List<String> withLabel = new ArrayList<>(SENSORS);
        withLabel.add("anomaly");
        TimeSeriesCsv.Options options = TimeSeriesCsv.Options.defaults().withTimestampColumn("datetime")
                .withSeparators(';', false).withValueColumns(withLabel);
        experiments = new ArrayList<>();
        for (String folder : List.of("valve1", "other")) {
            List<Path> files;
            try (Stream<Path> s = Files.list(skab.resolve(folder))) {
                files = s.filter(f -> f.toString().endsWith(".csv")).sorted().toList();
            }
            for (Path f : files) {
                MultivariateTimeSeries all = TimeSeriesCsv.readMultivariate(f, options);
                int n = all.size();
                long[] t = new long[n];
                double[][] values = new double[SENSORS.size()][n];
                boolean[] labels = new boolean[n];
                int label = all.columnIndex("anomaly");
                for (int r = 0; r < n; r++) {
                    t[r] = all.epochMilli(r);
                    for (int c = 0; c < SENSORS.size(); c++) {
                        values[c][r] = all.value(r, c);
                    }
                    labels[r] = all.value(r, label) > 0.5;
                }
                experiments.add(new Experiment(folder + "/" + f.getFileName(),
                        MultivariateTimeSeries.of(folder + "/" + f.getFileName(), SENSORS, t, values, all.zone()),
                        labels));
            }
        }
    }

    /** Pooled labels, scores and default-rule alarms over the test part of every file. */
    private record Pooled(boolean[] actual, double[] scores, boolean[] alarms) {
    }

    private static Pooled run(Function<MultivariateTimeSeries, MultivariateDetector> fitter) {
        List<Boolean> actual = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        List<Boolean> alarms = new ArrayList<>();
        for (Experiment e : experiments) {
            int n = e.sensors().size();
            MultivariateDetector d = fitter.apply(e.sensors().slice(0, TRAIN_ROWS));
            MultivariateScores s = d.score(e.sensors().slice(TRAIN_ROWS, n));
            for (int i = 0; i < s.size(); i++) {
                actual.add(e.labels()[TRAIN_ROWS + i]);
                scores.add(s.score(i));
                alarms.add(s.alarm(i));
            }
        }
        boolean[] a = new boolean[actual.size()];
        double[] sc = new double[actual.size()];
        boolean[] al = new boolean[actual.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = actual.get(i);
            sc[i] = scores.get(i);
            al[i] = alarms.get(i);
        }
        return new Pooled(a, sc, al);
    }

    private static String summary(String name, PointMetrics atDefault, PointMetrics.Threshold best) {
        return String.format(Locale.ROOT,
                "SKAB %s (%d points): default rule F1 %.3f FAR %.2f%% MAR %.2f%%; best F1 at FAR <= 20%%: %.3f "
                        + "(FAR %.2f%%, MAR %.2f%%, threshold %.4f)",
                name, atDefault.total(), atDefault.f1(), 100 * atDefault.far(), 100 * atDefault.mar(), best.metrics().f1(),
                100 * best.metrics().far(), 100 * best.metrics().mar(), best.threshold());
    }

    // Floors are the figures measured when this test was written minus about 0.03, so that CI
    // catches a regression. Measured (23 files, 16,519 pooled test points):
    // Isolation Forest defaults: rule F1 0.781, FAR 29.74 %, MAR 19.92 %; best F1 at FAR <= 20 % 0.755
    // (before values far outside a node's range were cut off at once: 0.537 / 11.78 % / 59.63 %; 0.650).
    // One-class SVM defaults: rule F1 0.667, FAR 27.83 %, MAR 38.32 %; best F1 at FAR <= 20 % 0.655.
    // Published (whole SKAB corpus): Isolation Forest 0.29 / 2.56 % / 82.89 %, T2 0.66, Conv-AE 0.78.

    @Test
    void skab_isolationForest_meetsMeasuredFloors() {
        assertEquals(23, experiments.size());
        Pooled p = run(train -> IsolationForestDetector.fit(train, IsolationForestDetector.Options.defaults()));
        PointMetrics atDefault = PointMetrics.at(p.actual(), p.alarms());
        PointMetrics.Threshold best = PointMetrics.bestF1AtFarCap(p.actual(), p.scores(), FAR_CAP);
        System.out.println(summary("Isolation Forest", atDefault, best));
        assertTrue(atDefault.f1() >= 0.75, () -> "default-rule F1 " + atDefault.f1());
        assertTrue(atDefault.far() <= 0.33, () -> "default-rule FAR " + atDefault.far());
        assertTrue(best.metrics().far() <= FAR_CAP, () -> "FAR " + best.metrics().far());
        assertTrue(best.metrics().f1() >= 0.72, () -> "best F1 at FAR <= 20 % " + best.metrics().f1());
    }

    @Test
    void skab_oneClassSvm_meetsMeasuredFloors() {
        Pooled p = run(train -> OneClassSvmDetector.fit(train, OneClassSvmDetector.Options.defaults()));
        PointMetrics atDefault = PointMetrics.at(p.actual(), p.alarms());
        PointMetrics.Threshold best = PointMetrics.bestF1AtFarCap(p.actual(), p.scores(), FAR_CAP);
        System.out.println(summary("One-class SVM", atDefault, best));
        assertTrue(atDefault.f1() >= 0.63, () -> "default-rule F1 " + atDefault.f1());
        assertTrue(atDefault.far() <= 0.31, () -> "default-rule FAR " + atDefault.far());
        assertTrue(best.metrics().far() <= FAR_CAP, () -> "FAR " + best.metrics().far());
        assertTrue(best.metrics().f1() >= 0.62, () -> "best F1 at FAR <= 20 % " + best.metrics().f1());
    }
}
