package fr.territoires.ia.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.territoires.ia.core.MultivariateTimeSeries;
import fr.territoires.ia.core.trust.ModelCard;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsolationForestDetectorTest {

    private static final IsolationForestDetector.Options DEFAULTS = IsolationForestDetector.Options.defaults();

    private static IsolationForestDetector fitted() {
        return IsolationForestDetector.fit(MultivariateFixtures.series("train", MultivariateFixtures.gaussian(1000, 1)),
                DEFAULTS);
    }

    @Test
    void averagePathLength_knownSizes_matchesFormula() {
        // c(n) = 2 (ln(n - 1) + 0.5772156649) - 2 (n - 1) / n
        // c(256) = 2 (5.5412635 + 0.5772157) - 510/256 = 12.2369584 - 1.9921875 = 10.2447709
        assertEquals(10.2448, IsolationForestDetector.averagePathLength(256), 1e-4);
        // c(3) = 2 (0.6931472 + 0.5772157) - 4/3 = 2.5407258 - 1.3333333 = 1.2073925
        assertEquals(1.2073925, IsolationForestDetector.averagePathLength(3), 1e-6);
        assertEquals(1.0, IsolationForestDetector.averagePathLength(2));
        assertEquals(0.0, IsolationForestDetector.averagePathLength(1));
        assertEquals(0.0, IsolationForestDetector.averagePathLength(0));
    }

    @Test
    void score_plantedOutliers_scoreAboveSixTenthsAndInliersMostlyBelowHalf() {
        IsolationForestDetector d = fitted();
        MultivariateScores s = d.score(MultivariateFixtures.withJointOutliers(500, 2));
        int inliers = 0;
        int inliersBelowHalf = 0;
        for (int r = 0; r < s.size(); r++) {
            if (MultivariateFixtures.isPlanted(r)) {
                assertTrue(s.score(r) > 0.6, "row " + r + " score " + s.score(r));
                assertTrue(s.alarm(r), "row " + r);
            } else {
                inliers++;
                if (s.score(r) < 0.5) {
                    inliersBelowHalf++;
                }
            }
        }
        // Measured: 373 of 450 inliers below 0.5 (Gaussian inliers of three columns sit near 0.45).
        assertTrue(inliersBelowHalf >= 0.75 * inliers, inliersBelowHalf + " of " + inliers);
    }

    @Test
    void score_plantedFlowOutlier_topColumnIsFlowWithItsZScore() {
        IsolationForestDetector d = fitted();
        MultivariateScores s = d.score(MultivariateFixtures.withFlowOutliers(500, 2));
        for (int r = 5; r < s.size(); r += 10) {
            ColumnContribution top = s.topColumns(r).get(0);
            assertEquals("flow", top.column(), "row " + r);
            // +40 on a column of sd 5 is about 8 robust sigmas, give or take the row's own noise.
            assertTrue(top.contribution() > 5.0, "row " + r + ": " + top.contribution());
            assertTrue(s.reason(r).startsWith("flow "), s.reason(r));
            assertTrue(s.reason(r).contains("σ above normal"), s.reason(r));
            // One column out of three at 8σ isolates less quickly than a joint outlier.
            assertTrue(s.score(r) > 0.55, "row " + r + " score " + s.score(r));
        }
        assertEquals(3, s.topColumns(5).size());
        assertEquals(2, s.topColumns(5, 2).size());
        assertEquals(3, s.topColumns(5, 10).size());
    }

    @Test
    void score_sameSeed_sameScores() {
        MultivariateTimeSeries test = MultivariateFixtures.withFlowOutliers(300, 3);
        MultivariateScores a = fitted().score(test);
        MultivariateScores b = fitted().score(test);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        MultivariateScores c = IsolationForestDetector.fit(
                MultivariateFixtures.series("train", MultivariateFixtures.gaussian(1000, 1)),
                DEFAULTS.withSeed(7)).score(test);
        assertFalse(java.util.Arrays.equals(a.scores(), c.scores()));
    }

    @Test
    void score_fourThreads_equalsSequential() throws Exception {
        IsolationForestDetector d = fitted();
        MultivariateTimeSeries test = MultivariateFixtures.withFlowOutliers(2000, 4);
        MultivariateScores sequential = d.score(test);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<MultivariateScores>> futures = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
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
        IsolationForestDetector d = fitted();
        MultivariateTimeSeries other = MultivariateFixtures.series("other", List.of("pressure", "vibration", "flow"),
                MultivariateFixtures.gaussian(10, 5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.score(other));
        assertTrue(e.getMessage().contains("[pressure, flow, vibration]"), e.getMessage());
        assertTrue(e.getMessage().contains("[pressure, vibration, flow]"), e.getMessage());
    }

    @Test
    void score_missingCell_usesMedianAndReportsIt() {
        IsolationForestDetector d = fitted();
        double[][] v = MultivariateFixtures.gaussian(2, 6);
        double[][] withMedian = {v[0].clone(), v[1].clone(), v[2].clone()};
        v[0][1] = Double.NaN;
        MultivariateScores missing = d.score(MultivariateFixtures.series("m", v));
        // Row 1 with its pressure at the training median must score exactly as the row with NaN.
        withMedian[0][1] = fittedMedianPressure();
        MultivariateScores reference = d.score(MultivariateFixtures.series("m", withMedian));
        assertEquals(reference.score(1), missing.score(1));
        assertEquals(List.of("pressure"), missing.missingColumns(1));
        assertEquals(List.of(), missing.missingColumns(0));
        assertTrue(missing.reason(1).endsWith("; missing: pressure (median used)"), missing.reason(1));
        assertEquals(0.0, missing.topColumns(1, 3).stream()
                .filter(c -> c.column().equals("pressure")).findFirst().orElseThrow().contribution());
    }

    private static double fittedMedianPressure() {
        double[] p = MultivariateFixtures.gaussian(1000, 1)[0].clone();
        return RobustScaler.median(p, p.length);
    }

    @Test
    void score_anyRows_scoresInUnitIntervalAndAlarmIffAboveThreshold() {
        IsolationForestDetector d = fitted();
        MultivariateScores s = d.score(MultivariateFixtures.withFlowOutliers(400, 8));
        assertTrue(d.threshold() > 0 && d.threshold() < 1, "threshold " + d.threshold());
        for (int r = 0; r < s.size(); r++) {
            assertTrue(s.score(r) > 0 && s.score(r) <= 1, "row " + r);
            assertEquals(s.score(r) > d.threshold(), s.alarm(r), "row " + r);
        }
    }

    @Test
    void score_trainingRows_aboutOnePercentAlarm() {
        MultivariateTimeSeries train = MultivariateFixtures.series("train", MultivariateFixtures.gaussian(1000, 1));
        MultivariateScores s = IsolationForestDetector.fit(train, DEFAULTS).score(train);
        // Threshold = 0.99 quantile of these very scores (type 7): 9 or 10 rows of 1000 lie above it.
        assertTrue(s.alarmCount() >= 9 && s.alarmCount() <= 10, "alarms " + s.alarmCount());
    }

    @Test
    void score_emptySeries_returnsEmptyScores() {
        MultivariateTimeSeries empty = MultivariateFixtures.series("e", MultivariateFixtures.gaussian(10, 9)).slice(0, 0);
        MultivariateScores s = fitted().score(empty);
        assertEquals(0, s.size());
        assertEquals(0, s.alarmCount());
        assertThrows(IndexOutOfBoundsException.class, () -> s.score(0));
    }

    @Test
    void fit_constantTraining_sameScoreForEveryRow() {
        double[][] v = {new double[50], new double[50], new double[50]};
        java.util.Arrays.fill(v[0], 3.0);
        IsolationForestDetector d = IsolationForestDetector.fit(MultivariateFixtures.series("c", v), DEFAULTS);
        MultivariateScores s = d.score(MultivariateFixtures.withFlowOutliers(20, 1));
        // Single-leaf trees of 50 rows: E[h] = c(50) = c(psi), so s = 2^-1 = 0.5 for every row.
        for (int r = 0; r < s.size(); r++) {
            assertEquals(0.5, s.score(r), 1e-12);
            assertFalse(s.alarm(r));
        }
        assertEquals(50, d.sampleSize());
    }

    @Test
    void fit_oneRow_throwsWithRowCount() {
        MultivariateTimeSeries one = MultivariateFixtures.series("one", MultivariateFixtures.gaussian(1, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IsolationForestDetector.fit(one, DEFAULTS));
        assertEquals("train must have >= 2 rows, was 1", e.getMessage());
        assertThrows(NullPointerException.class, () -> IsolationForestDetector.fit(null, DEFAULTS));
    }

    @Test
    void options_outOfRange_throwsWithValue() {
        assertEquals("trees must be >= 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withTrees(0)).getMessage());
        assertEquals("sampleSize must be >= 2, was 1",
                assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withSampleSize(1)).getMessage());
        assertEquals("alarmQuantile must be in (0, 1], was 0.0",
                assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withAlarmQuantile(0)).getMessage());
        assertEquals("alarmQuantile must be in (0, 1], was NaN",
                assertThrows(IllegalArgumentException.class,
                        () -> DEFAULTS.withAlarmQuantile(Double.NaN)).getMessage());
        assertEquals(new IsolationForestDetector.Options(100, 256, 42L, 0.99), DEFAULTS);
        assertEquals(200, DEFAULTS.withTrees(200).trees());
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 16, 256, 5000})
    void fit_sampleSizes_sampleSizeUsedIsAtMostTrainingRows(int sampleSize) {
        IsolationForestDetector d = IsolationForestDetector.fit(
                MultivariateFixtures.series("train", MultivariateFixtures.gaussian(300, 1)),
                DEFAULTS.withSampleSize(sampleSize).withTrees(20));
        assertEquals(Math.min(sampleSize, 300), d.sampleSize());
        MultivariateScores s = d.score(MultivariateFixtures.withFlowOutliers(100, 2));
        for (int r = 0; r < s.size(); r++) {
            assertTrue(s.score(r) > 0 && s.score(r) <= 1, "row " + r + " score " + s.score(r));
        }
    }

    @Test
    void card_fitted_namesAlgorithmSeedOptionsAndDigest() {
        ModelCard card = fitted().card();
        assertTrue(card.details().algorithm().contains("doi:10.1109/ICDM.2008.17"));
        assertEquals(42L, card.details().seed().orElseThrow());
        assertEquals("100", card.details().options().get("trees"));
        assertEquals("256", card.details().options().get("sampleSizeUsed"));
        assertEquals(64, card.details().dataDigest().length());
        assertEquals(1000, card.trainingData().rows());
        assertEquals(fitted().card(), card);
        assertNotEquals("", card.toMarkdown());
    }

    @Test
    void scores_accessors_returnCopies() {
        MultivariateScores s = fitted().score(MultivariateFixtures.withFlowOutliers(20, 2));
        double[] scores = s.scores();
        boolean[] alarms = s.alarms();
        double first = scores[0];
        scores[0] = -1;
        alarms[5] = !alarms[5];
        assertEquals(first, s.score(0));
        assertNotEquals(alarms[5], s.alarm(5));
        assertEquals(MultivariateFixtures.COLUMNS, s.columns());
        assertThrows(IllegalArgumentException.class, () -> s.topColumns(0, 0));
    }
}
