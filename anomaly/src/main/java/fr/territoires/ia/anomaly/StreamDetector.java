package fr.territoires.ia.anomaly;

import fr.territoires.ia.core.TimeSeries;
import fr.territoires.ia.core.internal.Checks;
import java.time.ZoneId;
import java.util.Arrays;
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
    /** First capacity of the probationary buffer, doubled as it fills. */
    private static final int INITIAL_BUFFER = 64;

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
    // Probationary buffer, used only when the range is learnt; grown up to probationaryPoints.
    private long[] bufferT;
    private double[] bufferX;
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
            bufferT = new long[Math.min(options.probationaryPoints(), INITIAL_BUFFER)];
            bufferX = new double[bufferT.length];
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
            if (buffered == bufferX.length) {
                growBuffer(Math.min(options.probationaryPoints(), 2 * buffered));
            }
            bufferT[buffered] = epochMilli;
            bufferX[buffered] = value;
            buffered++;
            if (buffered < options.probationaryPoints()) {
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

    private void growBuffer(int capacity) {
        bufferT = Arrays.copyOf(bufferT, capacity);
        bufferX = Arrays.copyOf(bufferX, capacity);
    }

    /**
     * Returns a snapshot of this detector: its options, everything it has learnt and the outputs of
     * its last point, in a compact, versioned binary form (the format is described in
     * {@link #restore(byte[])}). A detector restored from it and fed the same points gives the
     * same scores, alarms, expected values, bands and reasons, bit for bit, as this one would:
     * restoring then continuing is the same as never stopping. Two snapshots taken without an
     * update between them are byte-identical.
     *
     * <p>Size: about 3 KB for the baseline and the flatline test, plus the alarm source's memory:
     * for ARTime 32 doubles and a label per learnt category (a little over 256 bytes), for CAD OSE
     * a few bytes per context and semi-context. Measured at the end of the 40 NAB files with
     * ARTime: median 27,883 bytes, largest 137,615 (range learnt); the README gives the figures.
     * Cost: proportional to the size, with one allocation of the result.
     *
     * @return the snapshot, a new array
     * @since 0.3.0
     */
    public byte[] snapshot() {
        return DetectorSnapshots.write(this);
    }

    /**
     * Restores a detector from a {@link #snapshot()}, in the state it was when the snapshot was
     * taken.
     *
     * <p>Format, version 1 (integers marked var are unsigned LEB128 variable-length integers, or
     * zigzag-coded when signed; doubles are the 8 bytes of {@link Double#doubleToRawLongBits},
     * big-endian, so every restored value is bit for bit the saved one):
     * <ol>
     *   <li>magic number {@code 0x54494153} ({@code "TIAS"}), 4 bytes;</li>
     *   <li>format version, 1 byte ({@code 1});</li>
     *   <li>detector kind, 1 byte ({@code 1} = {@code StreamDetector});</li>
     *   <li>algorithm, 1 byte ({@code 0} = {@link Algorithm#ARTIME}, {@code 1} =
     *       {@link Algorithm#CONTEXT});</li>
     *   <li>options: zone id (var length + UTF-8), range minimum and maximum (doubles, {@code NaN}
     *       when learnt), probationary points (var), threshold (double), flatline (1 byte);</li>
     *   <li>the baseline's state (time step, local and 48 seasonal levels and deviations, CUSUM,
     *       flatline run, histogram of past surprises, last point);</li>
     *   <li>points seen, last point's score, alarm and flatline flags;</li>
     *   <li>whether the alarm source has started; if so its range and its state (ARTime:
     *       downsampling and median state, feature window, probation features, categories and
     *       their weights, vigilance state, anomaly history; CAD OSE: contexts and their
     *       counters, semi-contexts as ascending fact lists, the slot layout of each left
     *       semi-context's table, the last crossings, rest window); if not, the probationary
     *       buffer (timestamps and values);</li>
     *   <li>CRC-32 of all the bytes before it, 4 bytes.</li>
     * </ol>
     *
     * @param snapshot bytes returned by {@link #snapshot()}
     * @return a new detector, in the saved state
     * @throws NullPointerException when {@code snapshot} is null
     * @throws IllegalArgumentException when the snapshot is not one: too short, wrong magic
     *     number, unknown version, kind or algorithm, checksum mismatch (corrupted or truncated),
     *     invalid options or zone, lengths inconsistent with the options or with the bytes left,
     *     or trailing bytes; the message names the rule broken
     * @since 0.3.0
     */
    public static StreamDetector restore(byte[] snapshot) {
        return DetectorSnapshots.read(snapshot);
    }

    /** Writes everything but the options (saved by {@link DetectorSnapshots}). */
    void writeState(SnapshotWriter out) {
        baseline.writeState(out);
        out.writeLong(seen);
        out.writeDouble(outScore);
        out.writeBoolean(outAlarm);
        out.writeBoolean(outFlat);
        out.writeBoolean(source != null);
        if (source instanceof ArtimeDetector a) {
            out.writeDouble(a.options().rangeMin());
            out.writeDouble(a.options().rangeMax());
            a.writeState(out);
        } else if (source instanceof ContextAnomalyDetector c) {
            out.writeDouble(c.options().min());
            out.writeDouble(c.options().max());
            c.writeState(out);
        } else {
            out.writeCount(buffered);
            for (int k = 0; k < buffered; k++) {
                out.writeLong(bufferT[k]);
                out.writeDouble(bufferX[k]);
            }
        }
    }

    /** Reads what {@link #writeState} wrote into this new detector, created with the saved options. */
    void readState(SnapshotReader in) {
        baseline.readState(in);
        seen = in.readLong("stream.seen");
        if (seen < 0) {
            throw SnapshotReader.bad("stream.seen must be >= 0, was " + seen);
        }
        outScore = in.readDouble("stream.lastPoint.score");
        outAlarm = in.readBoolean("stream.lastPoint.alarm");
        outFlat = in.readBoolean("stream.lastPoint.flatline");
        boolean started = in.readBoolean("stream.sourceStarted");
        boolean given = !Double.isNaN(options.min());
        if (given && !started) {
            throw SnapshotReader.bad("stream.sourceStarted must be 1 when the options give the range, was 0");
        }
        if (started) {
            double lo = in.readDouble("stream.sourceMin");
            double hi = in.readDouble("stream.sourceMax");
            if (given && (Double.doubleToRawLongBits(lo) != Double.doubleToRawLongBits(options.min())
                    || Double.doubleToRawLongBits(hi) != Double.doubleToRawLongBits(options.max()))) {
                throw SnapshotReader.bad("stream.sourceMin and sourceMax must equal the options' range [" + options.min()
                        + ", " + options.max() + "], were " + lo + " and " + hi);
            }
            if (!given) {
                if (!(Double.isFinite(lo) && Double.isFinite(hi) && lo <= hi)) {
                    throw SnapshotReader.bad("stream.sourceMin and sourceMax must be finite with min <= max, were " + lo
                            + " and " + hi);
                }
                DetectorSnapshots.checkSourceFits(options, in.remaining());
                source = newSource(lo, hi);
            }
            if (source instanceof ArtimeDetector a) {
                a.readState(in);
            } else {
                ((ContextAnomalyDetector) source).readState(in);
            }
        } else {
            buffered = in.readLength("stream.probationBuffer", options.probationaryPoints() - 1, 9);
            growBuffer(Math.max(bufferT.length, buffered));
            for (int k = 0; k < buffered; k++) {
                bufferT[k] = in.readLong("stream.probationBuffer.time");
                bufferX[k] = in.readDouble("stream.probationBuffer.value");
            }
        }
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
