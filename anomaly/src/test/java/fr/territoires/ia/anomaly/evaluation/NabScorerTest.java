package fr.territoires.ia.anomaly.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NabScorerTest {

    private static final double EPS = 1e-12;
    private static final long MINUTE = 60_000L;

    /** 100 rows, one a minute from the epoch: probation = floor(0.15 * 100) = 15 rows. */
    private static long[] minutes(int n) {
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            t[i] = i * MINUTE;
        }
        return t;
    }

    /** Window over rows from..to of {@link #minutes(int)}. */
    private static NabWindow rows(int from, int to) {
        return new NabWindow(Instant.ofEpochMilli(from * MINUTE), Instant.ofEpochMilli(to * MINUTE));
    }

    private static boolean[] alarmsAt(int n, int... rows) {
        boolean[] a = new boolean[n];
        for (int r : rows) {
            a[r] = true;
        }
        return a;
    }

    private static double sigmoid(double x) {
        return 2.0 / (1.0 + Math.exp(5.0 * x)) - 1.0;
    }

    @Test
    void scaledSigmoid_referencePoints_matchNab() {
        // 2 / (1 + e^-5) - 1 = tanh(2.5) = 0.98661429815...
        assertEquals(Math.tanh(2.5), NabScorer.scaledSigmoid(-1.0), EPS);
        assertEquals(0.98661, NabScorer.scaledSigmoid(-1.0), 1e-5);
        assertEquals(0.84828, NabScorer.scaledSigmoid(-0.5), 1e-5);
        assertEquals(0.0, NabScorer.scaledSigmoid(0.0), EPS);
        assertEquals(-0.98661, NabScorer.scaledSigmoid(1.0), 1e-5);
        assertEquals(-1.0, NabScorer.scaledSigmoid(3.0), 0.0);
        assertEquals(-1.0, NabScorer.scaledSigmoid(42.0), 0.0);
    }

    @Test
    void probationaryLength_smallAndLargeFiles_fifteenPercentCappedAt750() {
        assertEquals(0, NabScorer.probationaryLength(0));
        assertEquals(0, NabScorer.probationaryLength(6)); // floor(0.9)
        assertEquals(1, NabScorer.probationaryLength(7)); // floor(1.05)
        assertEquals(604, NabScorer.probationaryLength(4032)); // floor(604.8): 4032 - 604 = 3428 counted
        assertEquals(750, NabScorer.probationaryLength(5000));
        assertEquals(750, NabScorer.probationaryLength(22695)); // min(3404, 750)
    }

    @Test
    void score_detectionAtWindowStart_earnsFullTpWeight() {
        // Window rows 40..49 (w = 10); alarm at row 40: position -(49 - 40 + 1)/10 = -1, worth
        // tpWeight * S(-1) / S(-1) = 1 (NAB divides by S(-1) = 0.98661).
        NabFileScore s = NabScorer.score(minutes(100), alarmsAt(100, 40), List.of(rows(40, 49)),
                NabProfile.standard());
        assertEquals(1.0, s.score(), EPS);
        // Rows 15..99 counted (85): 10 in the window (1 alarm, 9 without), 75 outside.
        assertEquals(new NabFileScore(s.score(), 1, 0, 9, 75, 85, 1), s);
    }

    @Test
    void score_detectionMidWindow_earnsSigmoidOfRelativePosition() {
        // Alarm at row 45: position -(49 - 45 + 1)/10 = -0.5: S(-0.5) / S(-1) = 0.84828 / 0.98661.
        NabFileScore s = NabScorer.score(minutes(100), alarmsAt(100, 45), List.of(rows(40, 49)),
                NabProfile.standard());
        assertEquals(sigmoid(-0.5) / sigmoid(-1.0), s.score(), EPS);
        assertEquals(0.85979, s.score(), 1e-5);
    }

    @Test
    void score_secondDetectionInWindow_isIgnoredInScoreButCountedAsTpRow() {
        NabFileScore s = NabScorer.score(minutes(100), alarmsAt(100, 40, 45), List.of(rows(40, 49)),
                NabProfile.standard());
        assertEquals(1.0, s.score(), EPS);
        assertEquals(2, s.truePositives());
        assertEquals(8, s.falseNegatives());
    }

    @Test
    void score_missedWindow_costsFnWeight() {
        NabFileScore s = NabScorer.score(minutes(100), new boolean[100], List.of(rows(40, 49)),
                NabProfile.rewardLowFn());
        assertEquals(-2.0, s.score(), EPS);
        assertEquals(new NabFileScore(-2.0, 0, 0, 10, 75, 85, 1), s);
    }

    @Test
    void score_falsePositiveFarAfterWindow_costsFpWeight() {
        // Alarm at row 95: position |49 - 95| / (10 - 1) = 5.1 >= 3, so S = -1: -0.11; missed window -1.
        NabFileScore s = NabScorer.score(minutes(100), alarmsAt(100, 95), List.of(rows(40, 49)),
                NabProfile.standard());
        assertEquals(-1.11, s.score(), EPS);
        assertEquals(1, s.falsePositives());
        assertEquals(74, s.trueNegatives());
    }

    @Test
    void score_falsePositiveBeforeAnyWindow_costsFpWeight() {
        // Alarm at row 20, before the window: -0.22 under reward_low_FP_rate; window detected at row 40: +1.
        NabFileScore s = NabScorer.score(minutes(100), alarmsAt(100, 20, 40), List.of(rows(40, 49)),
                NabProfile.rewardLowFp());
        assertEquals(1.0 - 0.22, s.score(), EPS);
    }

    @Test
    void score_falsePositiveJustAfterWindow_isMildlyPenalised() {
        // Alarm at row 50: position |49 - 50| / 9 = 1/9: 0.11 * S(1/9) = 0.11 * (2 / (1 + e^(5/9)) - 1)
        // = 0.11 * (2 / 2.74290 - 1) = 0.11 * (-0.27084) = -0.029793.
        NabFileScore s = NabScorer.score(minutes(100), alarmsAt(100, 40, 50), List.of(rows(40, 49)),
                NabProfile.standard());
        assertEquals(1.0 + 0.11 * sigmoid(1.0 / 9.0), s.score(), EPS);
        assertEquals(1.0 - 0.029793, s.score(), 1e-6);
    }

    @Test
    void score_noWindows_everyCountedAlarmIsFarFalsePositive() {
        NabFileScore s = NabScorer.score(minutes(100), alarmsAt(100, 30, 60), List.of(), NabProfile.standard());
        assertEquals(-0.22, s.score(), EPS);
        assertEquals(new NabFileScore(s.score(), 0, 2, 0, 83, 85, 0), s);
    }

    @Test
    void score_alarmsInProbation_areIgnored() {
        // Rows 0..14 are probationary: alarms there change neither the score nor the counts.
        NabFileScore s = NabScorer.score(minutes(100), alarmsAt(100, 0, 5, 14), List.of(rows(40, 49)),
                NabProfile.standard());
        assertEquals(-1.0, s.score(), EPS);
        assertEquals(new NabFileScore(-1.0, 0, 0, 10, 75, 85, 1), s);
    }

    @Test
    void score_windowInsideProbation_isNotScored() {
        // Window rows 2..5 lies in the probationary period: no FN cost, windows = 0 (as NAB).
        NabFileScore s = NabScorer.score(minutes(100), alarmsAt(100, 3), List.of(rows(2, 5)),
                NabProfile.standard());
        assertEquals(0.0, s.score(), 0.0);
        assertEquals(0, s.windows());
        assertEquals(85, s.trueNegatives());
    }

    @Test
    void score_windowEndsBetweenTimestamps_mapsToRowsInside() {
        // Window 39.5 min .. 49.5 min covers rows 40..49, as rows(40, 49).
        NabWindow w = new NabWindow(Instant.ofEpochMilli(39 * MINUTE + 30_000), Instant.ofEpochMilli(49 * MINUTE + 30_000));
        NabFileScore s = NabScorer.score(minutes(100), alarmsAt(100, 40), List.of(w), NabProfile.standard());
        assertEquals(1.0, s.score(), EPS);
        assertEquals(10, s.truePositives() + s.falseNegatives());
    }

    @Test
    void alarms_scoresAtOrAboveThreshold_areAlarms() {
        assertArrayEquals(new boolean[] {false, true, true}, NabScorer.alarms(new double[] {0.4, 0.5, 0.9}, 0.5));
    }

    @Test
    void normalised_perfectNullAndMixedDetectors_scale0To100() {
        NabProfile p = NabProfile.standard();
        NabFileScore perfect = new NabFileScore(2.0, 2, 0, 18, 65, 85, 2);
        NabFileScore none = new NabFileScore(-2.0, 0, 0, 20, 65, 85, 2);
        assertEquals(100.0, NabScorer.normalised(List.of(perfect), p), EPS);
        assertEquals(0.0, NabScorer.normalised(List.of(none), p), EPS);
        // S = 2 - 2 = 0 over W = 4 windows: S_null = -4, S_perfect = 4: 100 * (0 + 4) / (4 + 4) = 50.
        assertEquals(50.0, NabScorer.normalised(List.of(perfect, none), p), EPS);
    }

    @Test
    void score_badInputs_throwWithNames() {
        NabProfile p = NabProfile.standard();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NabScorer.score(new long[0], new boolean[0], List.of(), p));
        assertEquals("epochMillis must not be empty, was length 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> NabScorer.score(minutes(3), new boolean[2], List.of(), p));
        assertEquals("alarms must have length 3 (epochMillis), was 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> NabScorer.score(minutes(100), new boolean[100], List.of(rows(40, 49), rows(45, 60)), p));
        assertTrue(e.getMessage().startsWith("windows[1].start must be after windows[0].end"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> NabScorer.score(minutes(10), new boolean[10], List.of(rows(20, 30)), p));
        assertTrue(e.getMessage().startsWith("windows[0] must contain at least one timestamp"), e.getMessage());
        assertThrows(NullPointerException.class, () -> NabScorer.score(minutes(3), new boolean[3], List.of(), null));
        e = assertThrows(IllegalArgumentException.class, () -> NabScorer.alarms(new double[] {0.1, Double.NaN}, 0.5));
        assertEquals("anomalyScores[1] must not be NaN, was NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NabScorer.normalised(List.of(), p));
        assertEquals("perFile must hold at least one scored window, was 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NabScorer.probationaryLength(-1));
        assertEquals("rows must be >= 0, was -1", e.getMessage());
    }

    @Test
    void records_badValues_throwWithNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NabProfile("x", 1.0, -0.1, 1.0));
        assertEquals("fpWeight must be finite and >= 0, was -0.1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new NabProfile(" ", 1.0, 0.1, 1.0));
        assertEquals("name must not be blank, was \" \"", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new NabWindow(Instant.ofEpochSecond(10), Instant.ofEpochSecond(5)));
        assertEquals("end must be >= start (1970-01-01T00:00:10Z), was 1970-01-01T00:00:05Z", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new NabFileScore(0.0, 1, 0, 0, 0, 2, 0));
        assertTrue(e.getMessage().startsWith("counted must be"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new NabFileScore(Double.NaN, 0, 0, 0, 0, 0, 0));
        assertEquals("score must be finite, was NaN", e.getMessage());
        assertThrows(NullPointerException.class, () -> new NabWindow(null, Instant.EPOCH));
    }

    @Test
    void profiles_publishedWeights() {
        assertEquals(new NabProfile("standard", 1.0, 0.11, 1.0), NabProfile.standard());
        assertEquals(new NabProfile("reward_low_FP_rate", 1.0, 0.22, 1.0), NabProfile.rewardLowFp());
        assertEquals(new NabProfile("reward_low_FN_rate", 1.0, 0.11, 2.0), NabProfile.rewardLowFn());
    }
}
