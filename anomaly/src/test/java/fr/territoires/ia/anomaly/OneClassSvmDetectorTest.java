package fr.territoires.ia.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.territoires.ia.core.MultivariateTimeSeries;
import fr.territoires.ia.core.metrics.BinaryMetrics;
import fr.territoires.ia.core.trust.ModelCard;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OneClassSvmDetectorTest {

    private static final OneClassSvmDetector.Options DEFAULTS = OneClassSvmDetector.Options.defaults();

    private static OneClassSvmDetector fitted(OneClassSvmDetector.Options options) {
        return OneClassSvmDetector.fit(MultivariateFixtures.series("train", MultivariateFixtures.gaussian(1000, 1)),
                options);
    }

    private static boolean[] planted(int n) {
        boolean[] a = new boolean[n];
        for (int r = 0; r < n; r++) {
            a[r] = MultivariateFixtures.isPlanted(r);
        }
        return a;
    }

    @Test
    void score_plantedOutliers_rankAboveInliers() {
        MultivariateScores s = fitted(DEFAULTS).score(MultivariateFixtures.withFlowOutliers(500, 2));
        double auc = BinaryMetrics.rocAuc(planted(500), s.scores());
        assertTrue(auc > 0.95, "ROC-AUC " + auc);
    }

    @Test
    void score_withChangeFeatures_plantedOutliersStillRankAboveInliers() {
        MultivariateScores s = fitted(DEFAULTS.withChanges(true).withNu(0.1))
                .score(MultivariateFixtures.withFlowOutliers(500, 2));
        double auc = BinaryMetrics.rocAuc(planted(500), s.scores());
        assertTrue(auc > 0.95, "ROC-AUC " + auc);
    }

    @Test
    void score_plantedFlowOutlier_topColumnIsFlow() {
        MultivariateScores s = fitted(DEFAULTS).score(MultivariateFixtures.withFlowOutliers(100, 2));
        for (int r = 5; r < s.size(); r += 10) {
            assertEquals("flow", s.topColumns(r).get(0).column(), "row " + r);
            assertTrue(s.alarm(r), "row " + r + " score " + s.score(r));
        }
    }

    @Test
    void score_anyRows_scoresInUnitIntervalAndAlarmIffAboveThreshold() {
        OneClassSvmDetector d = fitted(DEFAULTS);
        MultivariateScores s = d.score(MultivariateFixtures.withFlowOutliers(300, 3));
        for (int r = 0; r < s.size(); r++) {
            assertTrue(s.score(r) >= 0 && s.score(r) <= 1, "row " + r);
            assertEquals(s.score(r) > d.threshold(), s.alarm(r), "row " + r);
        }
    }

    @Test
    void fit_sameData_sameScores() {
        MultivariateTimeSeries test = MultivariateFixtures.withFlowOutliers(300, 3);
        assertEquals(fitted(DEFAULTS).score(test), fitted(DEFAULTS).score(test));
    }

    @Test
    void score_fourThreads_equalsSequential() throws Exception {
        OneClassSvmDetector d = fitted(DEFAULTS);
        MultivariateTimeSeries test = MultivariateFixtures.withFlowOutliers(1000, 4);
        MultivariateScores sequential = d.score(test);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<MultivariateScores>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                futures.add(pool.submit(() -> d.score(test)));
            }
            for (Future<MultivariateScores> f : futures) {
                assertEquals(sequential, f.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void score_columnsDifferFromTraining_throwsNamingBothLists() {
        OneClassSvmDetector d = fitted(DEFAULTS);
        MultivariateTimeSeries other = MultivariateFixtures.series("other", List.of("a", "b", "c"),
                MultivariateFixtures.gaussian(10, 5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.score(other));
        assertTrue(e.getMessage().contains("[pressure, flow, vibration]"), e.getMessage());
        assertTrue(e.getMessage().contains("[a, b, c]"), e.getMessage());
    }

    @Test
    void options_outOfRange_throwsWithValue() {
        assertEquals("nu must be in (0, 1], was 0.0",
                assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withNu(0)).getMessage());
        assertEquals("nu must be in (0, 1], was 1.5",
                assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withNu(1.5)).getMessage());
        assertEquals("alarmQuantile must be in (0, 1], was -0.1",
                assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withAlarmQuantile(-0.1)).getMessage());
        assertEquals(new OneClassSvmDetector.Options(0.5, 0.99, false), DEFAULTS);
    }

    @Test
    void fit_oneRow_throwsWithRowCount() {
        MultivariateTimeSeries one = MultivariateFixtures.series("one", MultivariateFixtures.gaussian(1, 1));
        assertEquals("train must have >= 2 rows, was 1",
                assertThrows(IllegalArgumentException.class, () -> OneClassSvmDetector.fit(one, DEFAULTS))
                        .getMessage());
    }

    @Test
    void card_fitted_namesAlgorithmOptionsAndProvenance() {
        ModelCard card = fitted(DEFAULTS).card();
        assertTrue(card.details().algorithm().contains("LibLinearAnomalyTrainer"));
        assertEquals("0.5", card.details().options().get("nu"));
        assertTrue(card.details().provenance().size() > 0);
        assertEquals(64, card.details().dataDigest().length());
        assertEquals(1000, card.trainingData().rows());
    }
}
