package fr.territoires.ia.anomaly.evaluation;

import java.util.List;
import java.util.Objects;

/**
 * Scores the alarms of a streaming anomaly detector with the Numenta Anomaly Benchmark (NAB)
 * scoring function, and normalises a corpus of per-file scores.
 *
 * <p>Method (Lavin &amp; Ahmad, "Evaluating Real-time Anomaly Detection Algorithms – the Numenta
 * Anomaly Benchmark", ICMLA 2015, doi:10.1109/ICMLA.2015.141; Ahmad, Lavin, Purdy &amp; Agha,
 * Neurocomputing 262, 2017, doi:10.1016/j.neucom.2017.04.070), as coded in NAB 1.x
 * ({@code nab/sweeper.py}), whose published per-file scores this class reproduces:
 * <ul>
 *   <li>The first {@code min(floor(0.15 n), 750)} rows of a file of {@code n} rows are the
 *       probationary period ({@link #probationaryLength(int)}): their alarms and rows are not
 *       counted.</li>
 *   <li>Window ends are mapped to rows by timestamp, in one forward pass over the rows in
 *       arrival order: a window starts at the first row {@code l} (after the previous window)
 *       whose timestamp is at or after its start, and ends at the row {@code r} before the first
 *       later row whose timestamp is after its end; its width is {@code w = r - l + 1}. On
 *       increasing timestamps this is the set of rows whose timestamps lie in
 *       {@code [start, end]}. (NAB matches the ends to timestamps exactly; the two agree whenever
 *       the ends are timestamps of the file that are not repeated, as in NAB's labels.)</li>
 *   <li>An alarm at row {@code i} of a window has relative position {@code -(r - i + 1) / w}
 *       (−1 at the window's first row) and is worth
 *       {@code tpWeight * scaledSigmoid(position) / scaledSigmoid(-1)}: exactly {@code tpWeight}
 *       at the first row, falling towards 0 at the last. Only the best (that is, the earliest)
 *       alarm of a window counts; a window without alarm costs {@code -fnWeight}.</li>
 *   <li>An alarm outside every window is worth {@code fpWeight * scaledSigmoid(|i - r'| / (w' - 1))},
 *       where {@code r'} and {@code w'} are the last row and width of the preceding window:
 *       about {@code -fpWeight} far after it, close to 0 just after it. Before the first window it
 *       is worth {@code -fpWeight}. After a one-row window (where NAB divides by zero) the
 *       divisor is taken as 1.</li>
 *   <li>A window all of whose rows are probationary is not scored, as in NAB.</li>
 * </ul>
 *
 * <p>The normalised corpus score ({@link #normalised(List, NabProfile)}) is
 * {@code 100 * (S - S_null) / (S_perfect - S_null)}, where {@code S} is the sum of the raw file
 * scores, {@code S_null = -fnWeight * W} the score of a detector that never fires and
 * {@code S_perfect = tpWeight * W} the score of a detector that fires at the first row of every
 * window and nowhere else, {@code W} being the number of scored windows. NAB additionally tunes
 * the alarm threshold of each detector to maximise this score; this class scores given alarms
 * and does not tune anything.
 *
 * <pre>{@code
 * boolean[] alarms = NabScorer.alarms(anomalyScores, 0.5421876907348634);
 * NabFileScore s = NabScorer.score(series.epochMillis(), alarms, windows, NabProfile.standard());
 * }</pre>
 *
 * <p>Instances are immutable and safe for concurrent use (the class has none; its methods are
 * static and keep no state).
 *
 * @since 0.1.0
 */
public final class NabScorer {

    /** NAB's probationary fraction of each file. */
    private static final double PROBATION_FRACTION = 0.15;

    /** NAB caps the probationary period at the fraction of this many rows. */
    private static final int PROBATION_CAP_ROWS = 5000;

    /** Score of a detection at a window's first row, by which NAB divides true-positive scores. */
    private static final double MAX_TP = scaledSigmoid(-1.0);

    private NabScorer() {
    }

    /**
     * Returns NAB's scaled sigmoid of a relative position: {@code 2 / (1 + exp(5 x)) - 1}, and
     * exactly −1 for {@code x >= 3}.
     *
     * <p>It is about 0.98661 at −1 (a window's first row), 0 at 0 (just past a window's last
     * row) and about −0.98661 at 1.
     *
     * @param relativePosition relative position, finite
     * @return the scaled sigmoid, in {@code [-1, 1]}
     * @throws IllegalArgumentException when {@code relativePosition} is NaN or infinite
     */
    public static double scaledSigmoid(double relativePosition) {
        if (!Double.isFinite(relativePosition)) {
            throw new IllegalArgumentException("relativePosition must be finite, was " + relativePosition);
        }
        if (relativePosition >= 3.0) {
            return -1.0;
        }
        return 2.0 * (1.0 / (1.0 + Math.exp(5.0 * relativePosition))) - 1.0;
    }

    /**
     * Returns the length of NAB's probationary period for a file: {@code min(floor(0.15 rows), 750)}.
     *
     * @param rows number of rows of the file, {@code >= 0}
     * @return the number of leading rows whose alarms are not counted
     * @throws IllegalArgumentException when {@code rows} is negative
     */
    public static int probationaryLength(int rows) {
        if (rows < 0) {
            throw new IllegalArgumentException("rows must be >= 0, was " + rows);
        }
        return (int) Math.min(Math.floor(PROBATION_FRACTION * rows), PROBATION_FRACTION * PROBATION_CAP_ROWS);
    }

    /**
     * Turns anomaly scores into alarms: a row is an alarm when its score is at or above the
     * threshold, as NAB does.
     *
     * @param anomalyScores anomaly scores, one per row, none NaN
     * @param threshold alarm threshold, finite
     * @return a new array, {@code true} where {@code anomalyScores[i] >= threshold}
     * @throws NullPointerException when {@code anomalyScores} is null
     * @throws IllegalArgumentException when a score is NaN or the threshold is not finite
     */
    public static boolean[] alarms(double[] anomalyScores, double threshold) {
        Objects.requireNonNull(anomalyScores, "anomalyScores");
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold must be finite, was " + threshold);
        }
        boolean[] out = new boolean[anomalyScores.length];
        for (int i = 0; i < anomalyScores.length; i++) {
            if (Double.isNaN(anomalyScores[i])) {
                throw new IllegalArgumentException("anomalyScores[" + i + "] must not be NaN, was NaN");
            }
            out[i] = anomalyScores[i] >= threshold;
        }
        return out;
    }

    /**
     * Scores the alarms of one file against its anomaly windows, as NAB does (see the class
     * description).
     *
     * <p>Edge cases: a file without windows scores {@code -fpWeight} per counted alarm; a file
     * shorter than 7 rows has no probationary period.
     *
     * @param epochMillis timestamps of the rows in arrival order, milliseconds since
     *     1970-01-01T00:00Z, at least one; they may repeat or step back, as in a few NAB files
     * @param alarms whether the detector raised an alarm at each row, same length
     * @param windows anomaly windows, sorted, not overlapping, each containing at least one
     *     timestamp; may be empty
     * @param profile weights of the score
     * @return the raw score and row counts of the file
     * @throws NullPointerException when an argument or a window is null
     * @throws IllegalArgumentException when the arrays are empty or of different lengths, or the
     *     windows are unsorted, overlapping or contain no timestamp
     */
    public static NabFileScore score(long[] epochMillis, boolean[] alarms, List<NabWindow> windows,
            NabProfile profile) {
        Objects.requireNonNull(profile, "profile");
        int[][] bounds = checkAndLocate(epochMillis, alarms, windows);
        int[] left = bounds[0];
        int[] right = bounds[1];
        int n = epochMillis.length;
        int probation = probationaryLength(n);
        int windowCount = left.length;

        double[] best = new double[windowCount];
        boolean[] scored = new boolean[windowCount];
        java.util.Arrays.fill(best, -profile.fnWeight());
        double fpScore = 0.0;
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int tn = 0;

        int next = 0; // index of the first window not yet left behind
        int prevRight = -1;
        int prevWidth = 0;
        for (int i = 0; i < n; i++) {
            while (next < windowCount && right[next] < i) {
                prevRight = right[next];
                prevWidth = right[next] - left[next] + 1;
                next++;
            }
            boolean inWindow = next < windowCount && left[next] <= i;
            if (i < probation) {
                continue;
            }
            if (inWindow) {
                scored[next] = true;
                if (alarms[i]) {
                    tp++;
                    double width = right[next] - left[next] + 1;
                    double position = -(right[next] - i + 1) / width;
                    double value = scaledSigmoid(position) * profile.tpWeight() / MAX_TP;
                    best[next] = Math.max(best[next], value);
                } else {
                    fn++;
                }
            } else if (alarms[i]) {
                fp++;
                double position = prevRight < 0 ? 3.0
                        : Math.abs(prevRight - i) / (double) Math.max(prevWidth - 1, 1);
                fpScore += scaledSigmoid(position) * profile.fpWeight();
            } else {
                tn++;
            }
        }
        double total = fpScore;
        int scoredWindows = 0;
        for (int k = 0; k < windowCount; k++) {
            if (scored[k]) {
                total += best[k];
                scoredWindows++;
            }
        }
        return new NabFileScore(total, tp, fp, fn, tn, n - probation, scoredWindows);
    }

    /**
     * Returns the normalised NAB score of a corpus:
     * {@code 100 * (S - S_null) / (S_perfect - S_null)} with {@code S} the sum of the raw file
     * scores, {@code W} the sum of their scored windows, {@code S_null = -fnWeight * W} (a
     * detector that never fires) and {@code S_perfect = tpWeight * W} (a detector that fires at
     * the first row of every window and nowhere else).
     *
     * <p>The result is 100 for a perfect detector, 0 for one that never fires, and can be negative
     * (many false positives). The file scores must all have been computed with {@code profile}.
     *
     * @param perFile raw scores of the files of the corpus, at least one scored window in total
     * @param profile the profile the scores were computed with
     * @return the normalised score, {@code <= 100}
     * @throws NullPointerException when an argument or an element is null
     * @throws IllegalArgumentException when the files hold no scored window, or the profile
     *     gives {@code tpWeight + fnWeight == 0}
     */
    public static double normalised(List<NabFileScore> perFile, NabProfile profile) {
        Objects.requireNonNull(perFile, "perFile");
        Objects.requireNonNull(profile, "profile");
        double sum = 0.0;
        long windows = 0;
        for (int i = 0; i < perFile.size(); i++) {
            NabFileScore s = Objects.requireNonNull(perFile.get(i), "perFile[" + i + "]");
            sum += s.score();
            windows += s.windows();
        }
        if (windows == 0) {
            throw new IllegalArgumentException("perFile must hold at least one scored window, was 0");
        }
        double perWindow = profile.tpWeight() + profile.fnWeight();
        if (perWindow == 0.0) {
            throw new IllegalArgumentException("profile.tpWeight + profile.fnWeight must be > 0, was 0.0");
        }
        double nullScore = -profile.fnWeight() * windows;
        double perfectScore = profile.tpWeight() * windows;
        return 100.0 * (sum - nullScore) / (perfectScore - nullScore);
    }

    /**
     * Validates the common inputs and maps each window to its first and last row.
     *
     * @return {@code {left, right}}, row indices of each window, inclusive
     */
    static int[][] checkAndLocate(long[] epochMillis, boolean[] alarms, List<NabWindow> windows) {
        Objects.requireNonNull(epochMillis, "epochMillis");
        Objects.requireNonNull(alarms, "alarms");
        Objects.requireNonNull(windows, "windows");
        if (epochMillis.length == 0) {
            throw new IllegalArgumentException("epochMillis must not be empty, was length 0");
        }
        if (alarms.length != epochMillis.length) {
            throw new IllegalArgumentException(
                    "alarms must have length " + epochMillis.length + " (epochMillis), was " + alarms.length);
        }
        int m = windows.size();
        int[] left = new int[m];
        int[] right = new int[m];
        int n = epochMillis.length;
        int i = 0;
        for (int k = 0; k < m; k++) {
            NabWindow w = Objects.requireNonNull(windows.get(k), "windows[" + k + "]");
            if (k > 0 && !w.start().isAfter(windows.get(k - 1).end())) {
                throw new IllegalArgumentException("windows[" + k + "].start must be after windows[" + (k - 1)
                        + "].end (" + windows.get(k - 1).end() + "), was " + w.start());
            }
            long start = w.start().toEpochMilli();
            long end = w.end().toEpochMilli();
            while (i < n && epochMillis[i] < start) {
                i++;
            }
            if (i == n || epochMillis[i] > end) {
                throw new IllegalArgumentException("windows[" + k + "] must contain at least one timestamp, was ["
                        + w.start() + ", " + w.end() + "]");
            }
            left[k] = i;
            while (i + 1 < n && epochMillis[i + 1] <= end) {
                i++;
            }
            right[k] = i;
            i++;
        }
        return new int[][] {left, right};
    }
}
