package fr.territoires.ia.anomaly;

import fr.territoires.ia.core.TimeSeries;
import fr.territoires.ia.core.internal.Checks;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;

/**
 * The library's default streaming anomaly detector: a published detector that transfers to
 * streams it never saw raises the alarms, and a robust baseline says what was expected and why
 * the point is unusual.
 *
 * <p>Three parts run on every point:
 * <ol>
 *   <li><b>The alarm source</b>, one of two published NAB detectors reproduced in Java (each
 *       checked against its published per-file NAB scores; see the README):
 *       {@link Algorithm#ARTIME} ({@link ArtimeDetector}, adaptive resonance theory) or
 *       {@link Algorithm#CONTEXT} ({@link ContextAnomalyDetector}, CAD OSE). Both learn each
 *       stream's own patterns online, with their published settings; the only setting chosen on
 *       data is the alarm threshold on their score, and it was chosen by leaving one NAB
 *       category out at a time (the protocol and the figures are in the README).</li>
 *   <li><b>The flatline test</b> of {@link BaselineDetector}: a run of equal values far longer than
 *       any seen before on a stream that used to move (a stuck or dead sensor) raises an alarm
 *       with score 1, whatever the alarm source says.</li>
 *   <li><b>The baseline</b> of {@link BaselineDetector} (seasonal per hour of the local week when
 *       the stream has a cycle): {@link #expected()}, {@link #lower()}, {@link #upper()} and the
 *       plain-language {@link #reason()} and {@link #reasonFr()} of every alarm, whichever part
 *       raised it.</li>
 * </ol>
 *
 * <p><b>Value range.</b> Both alarm sources read values against a range, as NAB gives every
 * detector the minimum and maximum of its file. Give it with {@link Options#withRange} (the
 * sensor's physical range or the range of its history) or {@link Options#fittedTo} (a whole
 * series, as the {@code detect} runner does); without it, the detector learns the range from its
 * probationary points: it keeps them (at most {@link Options#probationaryPoints()}), then starts
 * the alarm source on their minimum and maximum and replays them. No alarm is raised during the
 * probationary period.
 *
 * <p>Units: the score is in {@code [0, 1]} (the alarm source's score, 1 for a flatline); the
 * expected value and band are in the unit of the input. Time: epoch milliseconds; the baseline's
 * calendar is read in {@link Options#zone()}. A {@code NaN} value is a missing reading: score 0,
 * no alarm, nothing learnt.
 *
 * <p>Cost: bounded time and memory per point, no allocation after the probationary period:
 * ARTime's work grows with its categories, capped at 750 (under 1 µs per point on the NAB files,
 * about 3 µs at the cap; JMH figures in the README); the probationary buffer holds at most
 * {@link Options#probationaryPoints()} points. CAD OSE, when chosen, costs more (see
 * {@link ContextAnomalyDetector}).
 *
 * <pre>{@code
 * StreamDetector detector = StreamDetector.create(StreamDetector.Options.defaults().withRange(0, 400));
 * for (int i = 0; i < flow.size(); i++) {
 *     detector.update(flow.epochMilli(i), flow.value(i));
 *     if (detector.alarm()) {
 *         System.out.println(flow.timestamp(i) + ": " + detector.reason());
 *     }
 * }
 * }</pre>
 *
 * <p>Not thread-safe: confine each instance to one thread (one detector per stream).
 *
 * @since 0.2.0
 */
public final class StreamDetector implements StreamingDetector {

    /** The published detector that raises the alarms. */
    public enum Algorithm {
        /** ARTime (M. Hampton, 2021): {@link ArtimeDetector}. */
        ARTIME,
        /** CAD OSE (M. Smirnov, 2016): {@link ContextAnomalyDetector}. */
        CONTEXT
    }

    /** NAB's probationary period: 15 % of a file, at most 750 points. */
    private static final double PROBATION_FRACTION = 0.15;
    private static final int PROBATION_CAP = 750;
    /** The shortest probationary period ARTime accepts with its published window. */
    private static final int MIN_ARTIME_PROBATION = 14;

    /**
     * Options of the default detector.
     *
     * @param zone zone of the baseline's local calendar (hour of day, weekend)
     * @param algorithm the alarm source
     * @param min lower end of the value range, {@code NaN} to learn it from the probationary points
     * @param max upper end of the value range, {@code NaN} to learn it; at least {@code min}
     * @param probationaryPoints points learnt before any alarm, at least 1
     * @param threshold alarm threshold on the alarm source's score, in {@code (0, 1]}
     * @param flatline whether the flatline test raises alarms
     * @since 0.2.0
     */
    public record Options(ZoneId zone, Algorithm algorithm, double min, double max, int probationaryPoints,
            double threshold, boolean flatline) {

        /**
         * Validates the options.
         *
         * @param zone zone
         * @param algorithm alarm source
         * @param min lower end of the range or NaN
         * @param max upper end of the range or NaN
         * @param probationaryPoints probationary points
         * @param threshold alarm threshold
         * @param flatline flatline test on
         */
        public Options {
            Objects.requireNonNull(zone, "zone");
            Objects.requireNonNull(algorithm, "algorithm");
            if (Double.isNaN(min) != Double.isNaN(max)) {
                throw new IllegalArgumentException("min and max must both be given or both NaN, were " + min + " and "
                        + max);
            }
            if (!Double.isNaN(min)) {
                Checks.finite(min, "min");
                Checks.finite(max, "max");
                if (max < min) {
                    throw new IllegalArgumentException("max must be at least min, were " + min + " and " + max);
                }
            }
            Checks.atLeast(probationaryPoints, 1, "probationaryPoints");
            if (!(threshold > 0 && threshold <= 1)) {
                throw new IllegalArgumentException("threshold must be in (0, 1], was " + threshold);
            }
        }

        /**
         * Returns the default configuration: the alarm source and threshold chosen out of sample
         * (see the class description), the flatline test on, range learnt from the probationary
         * points, zone Europe/Paris.
         *
         * @return the default options
         */
        public static Options defaults() {
            return new Options(ZoneId.of("Europe/Paris"), DEFAULT_ALGORITHM, Double.NaN, Double.NaN, PROBATION_CAP,
                    DEFAULT_THRESHOLD, true);
        }

        /**
         * Returns these options with another zone.
         *
         * @param newZone zone of the baseline's calendar
         * @return new options
         */
        public Options withZone(ZoneId newZone) {
            return new Options(newZone, algorithm, min, max, probationaryPoints, threshold, flatline);
        }

        /**
         * Returns these options with another alarm source, at that source's own default threshold
         * in this detector.
         *
         * @param newAlgorithm the alarm source
         * @return new options
         */
        public Options withAlgorithm(Algorithm newAlgorithm) {
            double t = newAlgorithm == DEFAULT_ALGORITHM ? DEFAULT_THRESHOLD : OTHER_THRESHOLD;
            return new Options(zone, newAlgorithm, min, max, probationaryPoints, t, flatline);
        }

        /**
         * Returns these options with a known value range (a sensor's physical range, or the range
         * of its history).
         *
         * @param newMin lower end, finite
         * @param newMax upper end, finite, at least {@code newMin}
         * @return new options
         */
        public Options withRange(double newMin, double newMax) {
            return new Options(zone, algorithm, newMin, newMax, probationaryPoints, threshold, flatline);
        }

        /**
         * Returns these options with another probationary period.
         *
         * @param points points learnt before any alarm, at least 1
         * @return new options
         */
        public Options withProbationaryPoints(int points) {
            return new Options(zone, algorithm, min, max, points, threshold, flatline);
        }

        /**
         * Returns these options with another alarm threshold.
         *
         * @param newThreshold threshold on the alarm source's score, in {@code (0, 1]}
         * @return new options
         */
        public Options withThreshold(double newThreshold) {
            return new Options(zone, algorithm, min, max, probationaryPoints, newThreshold, flatline);
        }

        /**
         * Returns these options with the flatline test on or off.
         *
         * @param on whether a flatline raises an alarm
         * @return new options
         */
        public Options withFlatline(boolean on) {
            return new Options(zone, algorithm, min, max, probationaryPoints, threshold, on);
        }

        /**
         * Returns these options set for a whole recorded series, as NAB sets every detector and
         * as the {@code detect} runner does: the range of its non-missing values and a
         * probationary period of 15 % of its points, at most 750.
         *
         * @param series the series to be scored, with at least one non-missing value
         * @return new options
         * @throws IllegalArgumentException when every value is missing
         */
        public Options fittedTo(TimeSeries series) {
            Objects.requireNonNull(series, "series");
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < series.size(); i++) {
                double v = series.value(i);
                if (!Double.isNaN(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            if (lo > hi) {
                throw new IllegalArgumentException("series has no non-missing value to take a range from");
            }
            int probation = (int) Math.max(1, Math.min(Math.floor(PROBATION_FRACTION * series.size()),
                    PROBATION_FRACTION * 5000));
            return new Options(zone, algorithm, lo, hi, probation, threshold, flatline);
        }
    }

    /** The alarm source chosen by the protocol (README). */
    private static final Algorithm DEFAULT_ALGORITHM = Algorithm.ARTIME;
    /**
     * Its threshold, the median of the thresholds chosen in the leave-one-category-out folds (6 of
     * the 7 folds chose ARTime's published NAB threshold, one 0.35).
     */
    private static final double DEFAULT_THRESHOLD = ArtimeDetector.PUBLISHED_STANDARD_THRESHOLD;
    /** The other source's threshold: CAD OSE's published NAB standard threshold, not chosen here. */
    private static final double OTHER_THRESHOLD = ContextAnomalyDetector.PUBLISHED_STANDARD_THRESHOLD;

    private final Options options;
    private final BaselineDetector baseline;
    private StreamingDetector source;
    // Probationary buffer, used only when the range is learnt.
    private final long[] bufferT;
    private final double[] bufferX;
    private int buffered;
    private long seen;

    // Last point.
    private double outScore;
    private boolean outAlarm;
    private boolean outFlat;

    private StreamDetector(Options options) {
        this.options = options;
        this.baseline = BaselineDetector.create(BaselineDetector.Options.defaults().withZone(options.zone()));
        if (Double.isNaN(options.min())) {
            bufferT = new long[options.probationaryPoints()];
            bufferX = new double[options.probationaryPoints()];
        } else {
            bufferT = new long[0];
            bufferX = new double[0];
            source = newSource(options.min(), options.max());
        }
    }

    /**
     * Creates a detector with no history.
     *
     * @param options detector options
     * @return a new detector
     */
    public static StreamDetector create(Options options) {
        return new StreamDetector(Checks.notNull(options, "options"));
    }

    /**
     * Returns the options of this detector.
     *
     * @return the options
     */
    public Options options() {
        return options;
    }

    private StreamingDetector newSource(double lo, double hi) {
        switch (options.algorithm()) {
            case CONTEXT:
                return ContextAnomalyDetector.create(ContextAnomalyDetector.Options.defaults().withRange(lo, hi)
                        .withProbationaryPoints(options.probationaryPoints()));
            case ARTIME:
            default:
                // ARTime needs 2 (window - 1) = 14 points of probation at its default window (even).
                return ArtimeDetector.create(ArtimeDetector.Options.defaults().withRange(lo, hi)
                        .withProbationaryPoints(Math.max(MIN_ARTIME_PROBATION, options.probationaryPoints())));
        }
    }

    @Override
    public double update(long epochMilli, double value) {
        outAlarm = false;
        outFlat = false;
        outScore = 0;
        baseline.update(epochMilli, value);
        if (Double.isNaN(value)) {
            return 0;
        }
        seen++;
        double score;
        if (source == null) {
            bufferT[buffered] = epochMilli;
            bufferX[buffered] = value;
            buffered++;
            if (buffered < bufferX.length) {
                return 0;
            }
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < buffered; i++) {
                lo = Math.min(lo, bufferX[i]);
                hi = Math.max(hi, bufferX[i]);
            }
            source = newSource(lo, hi);
            score = 0;
            for (int i = 0; i < buffered; i++) {
                score = source.update(bufferT[i], bufferX[i]);
            }
        } else {
            score = source.update(epochMilli, value);
        }
        boolean afterProbation = seen > options.probationaryPoints();
        if (options.flatline() && afterProbation && baseline.flatlineNow()) {
            outFlat = true;
            score = 1.0;
        }
        outScore = score;
        outAlarm = afterProbation && (outFlat || score >= options.threshold());
        return score;
    }

    @Override
    public boolean alarm() {
        return outAlarm;
    }

    @Override
    public double expected() {
        return baseline.expected();
    }

    @Override
    public double lower() {
        return baseline.lower();
    }

    @Override
    public double upper() {
        return baseline.upper();
    }

    @Override
    public String reason() {
        return reason(false);
    }

    /**
     * Returns the explanation of the last point in French: the same facts as {@link #reason()}.
     *
     * @return the French explanation, empty when the last point raised no alarm, {@code "valeur
     *     manquante"} when it was missing
     */
    public String reasonFr() {
        return reason(true);
    }

    private String reason(boolean french) {
        String facts = baseline.describe(french);
        if (!outAlarm) {
            return facts.equals(french ? "valeur manquante" : "missing value") ? facts : "";
        }
        if (outFlat) {
            return facts;
        }
        String what = options.algorithm() == Algorithm.ARTIME
                ? (french ? "motif inhabituel pour ce flux" : "unusual pattern for this stream")
                : (french ? "enchaînement de valeurs jamais vu sur ce flux" : "sequence of values never seen on this stream");
        String score = String.format(Locale.ROOT, "%.2f", outScore);
        return french ? what + " (score " + score.replace('.', ',') + ") : " + facts
                : what + " (score " + score + "): " + facts;
    }
}
