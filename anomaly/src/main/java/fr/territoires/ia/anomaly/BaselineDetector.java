package fr.territoires.ia.anomaly;

import fr.territoires.ia.core.internal.Checks;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Objects;

/**
 * A streaming detector on a robust baseline (seasonal when the stream has a daily or weekly
 * cycle, local otherwise) with three components on its residuals, a spike test, a level-shift
 * test (two-sided CUSUM) and a flatline test, whose surprise is ranked against the stream's own
 * history to give a score in {@code [0, 1]}.
 *
 * <p>Since 0.2.0 it is no longer the library's default alarm source: its settings were chosen on
 * the shared NAB files and did not transfer to unseen streams (see the README). The default
 * {@link StreamDetector} uses it for what it does well and what cities need beside an alarm: the
 * expected value, the band and the plain-language reason of every point, and the flatline test
 * for stuck sensors. It stays available on its own (and through the runner's
 * {@code --detector spike|level-shift|flatline|baseline}).
 *
 * <p>How it works, per point {@code (t, x)}:
 * <ol>
 *   <li><b>Baselines.</b> A local baseline (level and mean absolute deviation, exponentially
 *       weighted with a memory of {@link Options#memorySteps()} steps, the step being learnt
 *       from the timestamps) and, when {@link Options#seasonal()} is on, one baseline per slot of
 *       the local week (hour of day on working days and on weekends, in the options' zone). The
 *       seasonal baseline is used once its slots hold a few days and its recent error is below
 *       the local one's. Baselines learn from values clipped to their band, so the anomalies they
 *       see do not drag them (Huber-type robust updates); after a confirmed level shift the
 *       local baseline restarts at the new level.</li>
 *   <li><b>Components</b> on the residual {@code z = (x − expected) / scale} (in standard
 *       deviations): spike {@code |z|}; level shift, the two-sided CUSUM of Page (1954) on
 *       {@code z} with slack 0.5; flatline, a run of equal values longer than
 *       {@link Options#flatlineSteps()} and than three times the longest run seen so far (a stuck
 *       or dead sensor).</li>
 *   <li><b>Score.</b> The largest surprise, in standard-deviation units, is ranked against the
 *       exponentially weighted distribution of the stream's past surprises: the score is the
 *       share of past surprises below it. A noisy, heavy-tailed stream thus needs a larger
 *       deviation for the same score than a calm one (the idea of HTM's anomaly likelihood,
 *       Ahmad et al. 2017, doi:10.1016/j.neucom.2017.04.070).</li>
 *   <li><b>Alarm</b> when the score reaches {@link Options#threshold()} and the surprise is at
 *       least {@link Options#minSurprise()}, after the warm-up; an alarm opens an incident, and
 *       further alarms during the next {@link Options#holdSteps()} steps belong to it and are not
 *       raised again.</li>
 * </ol>
 *
 * <p>Units: the expected value and band are in the unit of the input; the band is
 * {@code expected ± bandSigmas · scale}. Time: timestamps are epoch milliseconds; the calendar
 * (hour of day, weekend) is read in the options' zone. Points must arrive in time order for the
 * step and the seasonal slots to make sense; a point not after the previous one is still scored
 * (with a zero elapsed time).
 *
 * <p>Cost: O(1) time per point and no allocation ({@link #reason()} allocates, on demand). State:
 * about 400 doubles.
 *
 * <pre>{@code
 * BaselineDetector detector = BaselineDetector.create(BaselineDetector.Options.defaults());
 * for (int i = 0; i < flow.size(); i++) {
 *     if (detector.update(flow.epochMilli(i), flow.value(i)) > 0 && detector.alarm()) {
 *         System.out.println(flow.timestamp(i) + ": " + detector.reason());
 *     }
 * }
 * }</pre>
 *
 * <p>Not thread-safe: confine each instance to one thread (one detector per stream).
 *
 * @since 0.1.0
 */
public final class BaselineDetector implements StreamingDetector {

    private static final int SLOTS = 48;
    /** Surprise histogram: logarithmic bins, 8 per doubling of (1 + surprise), up to about 10^7. */
    private static final int BINS = 192;
    private static final double BINS_PER_OCTAVE = 8.0;
    private static final double CUSUM_SLACK = 0.5;
    private static final double Z_CLIP = 8.0;
    private static final double SIGMA_PER_MAD = 1.2533;

    /**
     * Options of the streaming detector.
     *
     * @param zone zone of the local calendar (hour of day, weekend)
     * @param seasonal whether to learn a baseline per hour of day and day type
     * @param spike whether the spike component is on
     * @param levelShift whether the level-shift (CUSUM) component is on
     * @param flatline whether the flatline component is on
     * @param memorySteps memory of the baselines, in steps, at least 10
     * @param cusumLimit CUSUM decision limit, in standard deviations, positive
     * @param flatlineSteps shortest run of equal values reported as a flatline, at least 2
     * @param threshold alarm threshold on the score, in (0, 1]
     * @param minSurprise smallest surprise, in standard deviations, that may raise an alarm
     * @param warmupSteps points learnt before any alarm, at least 0
     * @param holdSteps steps after an alarm during which no new alarm is raised, at least 0
     * @param bandSigmas half-width of the reported band, in standard deviations, positive
     * @since 0.1.0
     */
    public record Options(ZoneId zone, boolean seasonal, boolean spike, boolean levelShift, boolean flatline,
            int memorySteps, double cusumLimit, int flatlineSteps, double threshold, double minSurprise,
            int warmupSteps, int holdSteps, double bandSigmas) {

        /**
         * Validates the options.
         *
         * @param zone zone
         * @param seasonal seasonal baseline on
         * @param spike spike component on
         * @param levelShift level-shift component on
         * @param flatline flatline component on
         * @param memorySteps baseline memory
         * @param cusumLimit CUSUM limit
         * @param flatlineSteps shortest flatline
         * @param threshold alarm threshold
         * @param minSurprise smallest alarming surprise
         * @param warmupSteps warm-up
         * @param holdSteps hold after an alarm
         * @param bandSigmas band half-width
         */
        public Options {
            Objects.requireNonNull(zone, "zone");
            if (!spike && !levelShift && !flatline) {
                throw new IllegalArgumentException("components must include at least one of spike, levelShift, "
                        + "flatline, was none");
            }
            Checks.atLeast(memorySteps, 10, "memorySteps");
            Checks.positive(cusumLimit, "cusumLimit");
            Checks.atLeast(flatlineSteps, 2, "flatlineSteps");
            if (!(threshold > 0 && threshold <= 1)) {
                throw new IllegalArgumentException("threshold must be in (0, 1], was " + threshold);
            }
            Checks.finite(minSurprise, "minSurprise");
            Checks.atLeast(warmupSteps, 0, "warmupSteps");
            Checks.atLeast(holdSteps, 0, "holdSteps");
            Checks.positive(bandSigmas, "bandSigmas");
        }

        /**
         * Returns the default configuration, the one measured on the NAB benchmark (see the
         * README): every component on, zone Europe/Paris.
         *
         * @return the default options
         */
        public static Options defaults() {
            return new Options(ZoneId.of("Europe/Paris"), true, true, true, true, 288, 8.0, 24, 0.999, 3.0, 150,
                    90, 3.0);
        }

        /**
         * Returns these options with another zone.
         *
         * @param newZone zone of the local calendar
         * @return new options
         */
        public Options withZone(ZoneId newZone) {
            return new Options(newZone, seasonal, spike, levelShift, flatline, memorySteps, cusumLimit,
                    flatlineSteps, threshold, minSurprise, warmupSteps, holdSteps, bandSigmas);
        }

        /**
         * Returns these options with only the given components.
         *
         * @param withSeasonal seasonal baseline on
         * @param withSpike spike component on
         * @param withLevelShift level-shift component on
         * @param withFlatline flatline component on
         * @return new options
         */
        public Options withComponents(boolean withSeasonal, boolean withSpike, boolean withLevelShift,
                boolean withFlatline) {
            return new Options(zone, withSeasonal, withSpike, withLevelShift, withFlatline, memorySteps, cusumLimit,
                    flatlineSteps, threshold, minSurprise, warmupSteps, holdSteps, bandSigmas);
        }

        /**
         * Returns these options with another memory.
         *
         * @param steps baseline memory in steps
         * @return new options
         */
        public Options withMemorySteps(int steps) {
            return new Options(zone, seasonal, spike, levelShift, flatline, steps, cusumLimit, flatlineSteps,
                    threshold, minSurprise, warmupSteps, holdSteps, bandSigmas);
        }

        /**
         * Returns these options with another alarm rule.
         *
         * @param newThreshold threshold on the score
         * @param newMinSurprise smallest alarming surprise, in standard deviations
         * @param newHoldSteps hold after an alarm, in steps
         * @return new options
         */
        public Options withAlarmRule(double newThreshold, double newMinSurprise, int newHoldSteps) {
            return new Options(zone, seasonal, spike, levelShift, flatline, memorySteps, cusumLimit, flatlineSteps,
                    newThreshold, newMinSurprise, warmupSteps, newHoldSteps, bandSigmas);
        }

        /**
         * Returns these options with another CUSUM limit.
         *
         * @param limit decision limit in standard deviations
         * @return new options
         */
        public Options withCusumLimit(double limit) {
            return new Options(zone, seasonal, spike, levelShift, flatline, memorySteps, limit, flatlineSteps,
                    threshold, minSurprise, warmupSteps, holdSteps, bandSigmas);
        }

        /**
         * Returns these options with another warm-up.
         *
         * @param steps points learnt before any alarm
         * @return new options
         */
        public Options withWarmupSteps(int steps) {
            return new Options(zone, seasonal, spike, levelShift, flatline, memorySteps, cusumLimit, flatlineSteps,
                    threshold, minSurprise, steps, holdSteps, bandSigmas);
        }
    }

    /** What drove the last point's surprise. */
    private enum Cause { NONE, SPIKE, LEVEL_SHIFT, FLATLINE }

    private final Options options;
    private final LocalClock clock;

    // Time.
    private long lastT = Long.MIN_VALUE;
    private double step;
    private long seen;

    // Local baseline.
    private double level = Double.NaN;
    private double mad;
    private long localCount;

    // Seasonal baseline, one slot per hour and day type.
    private final double[] slotLevel = new double[SLOTS];
    private final double[] slotMad = new double[SLOTS];
    private final int[] slotCount = new int[SLOTS];
    private double errLocal;
    private double errSeasonal;

    // Components.
    private double cusumUp;
    private double cusumDown;
    private long shiftStart = Long.MIN_VALUE;
    private double previous = Double.NaN;
    private long run;
    private long runStart;
    private long longestRun;
    private long changes;
    private boolean flatReported;

    // Distribution of past surprises.
    private final double[] hist = new double[BINS];
    private double histTotal;

    // Alarms.
    private long lastAlarmSeen = Long.MIN_VALUE / 2;

    // Last point.
    private long outT;
    private double outValue = Double.NaN;
    private double outScore;
    private boolean outAlarm;
    private double outExpected = Double.NaN;
    private double outScale = Double.NaN;
    private double outSurprise;
    private Cause outCause = Cause.NONE;
    private boolean outSeasonal;

    private BaselineDetector(Options options) {
        this.options = options;
        this.clock = new LocalClock(options.zone());
    }

    /**
     * Creates a detector with no history.
     *
     * @param options detector options
     * @return a new detector
     */
    public static BaselineDetector create(Options options) {
        return new BaselineDetector(Checks.notNull(options, "options"));
    }

    /**
     * Returns the options of this detector.
     *
     * @return the options
     */
    public Options options() {
        return options;
    }

    @Override
    public double update(long epochMilli, double x) {
        outT = epochMilli;
        outValue = x;
        outAlarm = false;
        outScore = 0;
        outSurprise = 0;
        outCause = Cause.NONE;
        if (Double.isNaN(x)) {
            return 0;
        }
        double dtSteps = advanceTime(epochMilli);
        seen++;
        int slot = slot(epochMilli);

        if (Double.isNaN(level)) {
            level = x;
            mad = 0;
            localCount = 1;
            learnSeasonal(slot, x, x, 1);
            previous = x;
            run = 1;
            runStart = epochMilli;
            outExpected = Double.NaN; // nothing learnt yet
            outScale = Double.NaN;
            return 0;
        }

        // Expected value and scale.
        double floor = scaleFloor();
        double localScale = Math.max(mad * SIGMA_PER_MAD, floor);
        boolean useSeasonal = options.seasonal() && slotCount[slot] >= 3 && errSeasonal < errLocal;
        double expected = useSeasonal ? slotLevel[slot] : level;
        double scale = useSeasonal ? Math.max(slotMad[slot] * SIGMA_PER_MAD, floor) : localScale;
        double z = (x - expected) / scale;
        outExpected = expected;
        outScale = scale;
        outSeasonal = useSeasonal;

        // Components.
        double surprise = 0;
        if (options.spike()) {
            surprise = Math.abs(z);
            outCause = Cause.SPIKE;
        }
        if (options.levelShift()) {
            double zc = Math.max(-Z_CLIP, Math.min(Z_CLIP, z));
            if (cusumUp == 0 && cusumDown == 0) {
                shiftStart = epochMilli;
            }
            cusumUp = Math.max(0, cusumUp + zc - CUSUM_SLACK);
            cusumDown = Math.max(0, cusumDown - zc - CUSUM_SLACK);
            double c = Math.max(cusumUp, cusumDown);
            double shiftSurprise = options.minSurprise() * c / options.cusumLimit();
            if (shiftSurprise > surprise) {
                surprise = shiftSurprise;
                outCause = Cause.LEVEL_SHIFT;
            }
        }
        boolean flat = false;
        if (options.flatline()) {
            boolean same = x == previous;
            if (same) {
                run++;
            } else {
                longestRun = Math.max(longestRun, run);
                changes++;
                run = 1;
                runStart = epochMilli;
                flatReported = false;
            }
            // A flatline is news once per run, and only on a stream that used to move.
            if (!flatReported && run >= options.flatlineSteps() && run > 3 * longestRun
                    && changes >= 2L * options.flatlineSteps() && seen > options.warmupSteps()) {
                flatReported = true;
                flat = true;
                outCause = Cause.FLATLINE;
                surprise = Math.max(surprise, options.minSurprise());
            }
        }
        previous = x;
        outSurprise = surprise;

        // Score: rank of the surprise among past surprises.
        double score = flat ? 1.0 : rank(surprise);
        if (seen > options.warmupSteps() && !flat) {
            learnSurprise(surprise, dtSteps);
        }
        outScore = score;

        // Alarm with hold.
        if (seen > options.warmupSteps() && score >= options.threshold() && surprise >= options.minSurprise()
                && seen - lastAlarmSeen > options.holdSteps()) {
            outAlarm = true;
            lastAlarmSeen = seen;
        }

        // Learn: robust updates of the baselines.
        double localClip = Math.max(localScale, floor) * 3.0;
        double xl = Math.max(level - localClip, Math.min(level + localClip, x));
        double a = Math.min(1.0, Math.max(1.0 / (localCount + 1), dtSteps / options.memorySteps()));
        double dev = Math.abs(x - level);
        errLocal += (Math.min(dev, localClip) - errLocal) * Math.min(1.0, 4.0 / options.memorySteps());
        level += a * (xl - level);
        mad += a * (Math.min(dev, localClip) - mad);
        localCount++;
        if (options.seasonal()) {
            double sClip = Math.max(slotMad[slot] * SIGMA_PER_MAD, floor) * 3.0;
            double sdev = slotCount[slot] == 0 ? dev : Math.abs(x - slotLevel[slot]);
            if (slotCount[slot] >= 3) {
                errSeasonal += (Math.min(sdev, sClip) - errSeasonal) * Math.min(1.0, 4.0 / options.memorySteps());
            } else {
                errSeasonal += (Math.min(dev, localClip) * 1.01 - errSeasonal) * Math.min(1.0, 4.0 / options.memorySteps());
            }
            double xs = slotCount[slot] == 0 ? x
                    : Math.max(slotLevel[slot] - sClip, Math.min(slotLevel[slot] + sClip, x));
            learnSeasonal(slot, xs, x, dtSteps);
        }
        if (options.levelShift() && Math.max(cusumUp, cusumDown) >= options.cusumLimit()) {
            // Confirmed shift: restart the local baseline at the new level.
            level = x;
            cusumUp = 0;
            cusumDown = 0;
        }
        return score;
    }

    private double advanceTime(long t) {
        if (lastT == Long.MIN_VALUE) {
            lastT = t;
            return 1.0;
        }
        long dt = t - lastT;
        if (dt > 0) {
            lastT = t;
            if (step <= 0) {
                step = dt;
            } else {
                step += 0.05 * (Math.max(0.5 * step, Math.min(2.0 * step, dt)) - step);
            }
            return Math.min(dt / step, options.memorySteps());
        }
        return 0.0;
    }

    private int slot(long t) {
        int dow = clock.dayOfWeek(t);
        int hour = clock.minuteOfDay(t) / 60;
        return (dow >= 6 ? 24 : 0) + hour;
    }

    private void learnSeasonal(int slot, double clipped, double raw, double dtSteps) {
        int n = slotCount[slot];
        if (n == 0) {
            slotLevel[slot] = raw;
            slotMad[slot] = mad;
        } else {
            // Memory in days: a slot is visited once per day (or per weekend day).
            double a = Math.max(1.0 / (n + 1), 1.0 / 14);
            double dev = Math.abs(raw - slotLevel[slot]);
            double clip = Math.max(slotMad[slot] * SIGMA_PER_MAD, scaleFloor()) * 3.0;
            slotLevel[slot] += a * (clipped - slotLevel[slot]);
            slotMad[slot] += a * (Math.min(dev, clip) - slotMad[slot]);
        }
        slotCount[slot] = n + 1;
    }

    private double scaleFloor() {
        return 1e-9 + 1e-3 * Math.abs(level);
    }

    private double rank(double surprise) {
        if (histTotal <= 0) {
            return 0;
        }
        int bin = bin(surprise);
        double below = 0;
        for (int i = 0; i < bin; i++) {
            below += hist[i];
        }
        return Math.min(1.0, below / histTotal);
    }

    private void learnSurprise(double surprise, double dtSteps) {
        double decay = Math.exp(-Math.max(dtSteps, 0) / (4.0 * options.memorySteps()));
        histTotal = 0;
        for (int i = 0; i < BINS; i++) {
            hist[i] *= decay;
            histTotal += hist[i];
        }
        hist[bin(surprise)] += 1;
        histTotal += 1;
    }

    private static int bin(double surprise) {
        double b = Math.log1p(Math.max(0, surprise)) * (BINS_PER_OCTAVE / Math.log(2));
        return (int) Math.min(BINS - 1, b);
    }

    /**
     * Writes the learnt state and the last point's outputs (not the options, which the caller
     * saves): the layout is described in {@link DetectorSnapshots}.
     */
    void writeState(SnapshotWriter out) {
        out.writeLong(lastT);
        out.writeDouble(step);
        out.writeLong(seen);
        out.writeDouble(level);
        out.writeDouble(mad);
        out.writeLong(localCount);
        out.writeDoubles(slotLevel, 0, SLOTS);
        out.writeDoubles(slotMad, 0, SLOTS);
        for (int c : slotCount) {
            out.writeCount(c);
        }
        out.writeDouble(errLocal);
        out.writeDouble(errSeasonal);
        out.writeDouble(cusumUp);
        out.writeDouble(cusumDown);
        out.writeLong(shiftStart);
        out.writeDouble(previous);
        out.writeLong(run);
        out.writeLong(runStart);
        out.writeLong(longestRun);
        out.writeLong(changes);
        out.writeBoolean(flatReported);
        out.writeDoublesTrimmed(hist);
        out.writeDouble(histTotal);
        out.writeLong(lastAlarmSeen);
        out.writeLong(outT);
        out.writeDouble(outValue);
        out.writeDouble(outScore);
        out.writeBoolean(outAlarm);
        out.writeDouble(outExpected);
        out.writeDouble(outScale);
        out.writeDouble(outSurprise);
        out.writeByte(outCause.ordinal());
        out.writeBoolean(outSeasonal);
    }

    /** Reads what {@link #writeState} wrote into this new detector, created with the saved options. */
    void readState(SnapshotReader in) {
        lastT = in.readLong("baseline.lastT");
        step = in.readDouble("baseline.step");
        seen = in.readLong("baseline.seen");
        level = in.readDouble("baseline.level");
        mad = in.readDouble("baseline.mad");
        localCount = in.readLong("baseline.localCount");
        in.readDoubles("baseline.slotLevel", slotLevel, 0, SLOTS);
        in.readDoubles("baseline.slotMad", slotMad, 0, SLOTS);
        for (int k = 0; k < SLOTS; k++) {
            slotCount[k] = (int) in.readCount("baseline.slotCount", Integer.MAX_VALUE - 1);
        }
        errLocal = in.readDouble("baseline.errLocal");
        errSeasonal = in.readDouble("baseline.errSeasonal");
        cusumUp = in.readDouble("baseline.cusumUp");
        cusumDown = in.readDouble("baseline.cusumDown");
        shiftStart = in.readLong("baseline.shiftStart");
        previous = in.readDouble("baseline.previous");
        run = in.readLong("baseline.run");
        runStart = in.readLong("baseline.runStart");
        longestRun = in.readLong("baseline.longestRun");
        changes = in.readLong("baseline.changes");
        flatReported = in.readBoolean("baseline.flatReported");
        in.readDoublesTrimmed("baseline.histogram", hist);
        histTotal = in.readDouble("baseline.histTotal");
        lastAlarmSeen = in.readLong("baseline.lastAlarmSeen");
        outT = in.readLong("baseline.lastPoint.time");
        outValue = in.readDouble("baseline.lastPoint.value");
        outScore = in.readDouble("baseline.lastPoint.score");
        outAlarm = in.readBoolean("baseline.lastPoint.alarm");
        outExpected = in.readDouble("baseline.lastPoint.expected");
        outScale = in.readDouble("baseline.lastPoint.scale");
        outSurprise = in.readDouble("baseline.lastPoint.surprise");
        int cause = in.readByte("baseline.lastPoint.cause");
        if (cause >= Cause.values().length) {
            throw SnapshotReader.bad("baseline.lastPoint.cause must be in [0, " + (Cause.values().length - 1)
                    + "], was " + cause);
        }
        outCause = Cause.values()[cause];
        outSeasonal = in.readBoolean("baseline.lastPoint.seasonal");
    }

    @Override
    public boolean alarm() {
        return outAlarm;
    }

    @Override
    public double expected() {
        return Double.isNaN(outValue) ? Double.NaN : outExpected;
    }

    @Override
    public double lower() {
        return Double.isNaN(outValue) ? Double.NaN : outExpected - options.bandSigmas() * outScale;
    }

    @Override
    public double upper() {
        return Double.isNaN(outValue) ? Double.NaN : outExpected + options.bandSigmas() * outScale;
    }

    /**
     * Returns the surprise of the last point: its deviation, in standard deviations, on the
     * component that stood out most.
     *
     * @return the surprise, at least 0
     */
    public double surprise() {
        return outSurprise;
    }

    @Override
    public String reason() {
        return reason(false);
    }

    /**
     * Tells whether the last point was reported as a flatline (a run of equal values far longer
     * than any seen before on a stream that used to move): the stuck-sensor test the default
     * detector keeps.
     *
     * @return whether the last point opened a flatline report
     */
    boolean flatlineNow() {
        return outCause == Cause.FLATLINE;
    }

    /**
     * Describes the last point whatever its own score: expected value, band, observation, and the
     * deviation or the flatline, for an alarm raised by another component.
     *
     * @param french whether to write French
     * @return the description, {@code "missing value"} for a missing point
     */
    String describe(boolean french) {
        if (Double.isNaN(outValue)) {
            return french ? "valeur manquante" : "missing value";
        }
        if (Double.isNaN(outExpected)) {
            return french ? "observé " + fmt(outValue, french) + " (niveau habituel encore inconnu)"
                    : "observed " + fmt(outValue, french) + " (usual level not learnt yet)";
        }
        return facts(french);
    }

    /**
     * Returns the explanation of the last point in French, for the person concerned or the
     * agent who checks the alarm: the same facts as {@link #reason()}, e.g. {@code "attendu 12,0
     * ± 3,1 pour mardi 03:00, observé 25,4 ; 6,3 écarts-types"}; empty when the last point is
     * unremarkable, {@code "valeur manquante"} when it was missing.
     *
     * @return the French explanation, possibly empty
     */
    public String reasonFr() {
        return reason(true);
    }

    private String reason(boolean french) {
        if (Double.isNaN(outValue)) {
            return french ? "valeur manquante" : "missing value";
        }
        if (outCause == Cause.NONE || (outScore < options.threshold() && !outAlarm)) {
            return "";
        }
        return facts(french);
    }

    private String facts(boolean french) {
        LocalDateTime local = LocalDateTime.ofInstant(Instant.ofEpochMilli(outT), options.zone());
        StringBuilder sb = new StringBuilder();
        sb.append(french ? "attendu " : "expected ").append(fmt(outExpected, french)).append(" ± ")
                .append(fmt(options.bandSigmas() * outScale, french));
        if (outSeasonal) {
            DayOfWeek d = local.getDayOfWeek();
            sb.append(french ? " pour " : " for ")
                    .append(d.getDisplayName(TextStyle.FULL, french ? Locale.FRENCH : Locale.ENGLISH)).append(' ')
                    .append(String.format(Locale.ROOT, "%02d:00", local.getHour()));
        }
        sb.append(french ? ", observé " : ", observed ").append(fmt(outValue, french));
        String sep = french ? " ; " : "; ";
        switch (outCause) {
            case LEVEL_SHIFT:
                sb.append(sep).append(french ? "changement de niveau depuis " : "level shift since ")
                        .append(time(shiftStart));
                break;
            case FLATLINE:
                break;
            default:
                sb.append(sep).append(fmt1(outSurprise, french))
                        .append(french ? " écarts-types d'écart" : " standard deviations away");
                break;
        }
        if (options.flatline() && run >= options.flatlineSteps() && run > 3 * longestRun) {
            sb.append(sep).append(french ? "valeur inchangée depuis " : "value unchanged since ")
                    .append(time(runStart)).append(" (").append(run)
                    .append(french ? " relevés : capteur bloqué ou en panne ?)"
                            : " readings: stuck or dead sensor?)");
        }
        return sb.toString();
    }

    private static String fmt1(double v, boolean french) {
        String s = String.format(Locale.ROOT, "%.1f", v);
        return french ? s.replace('.', ',') : s;
    }

    private String time(long t) {
        LocalDateTime l = LocalDateTime.ofInstant(Instant.ofEpochMilli(t), options.zone());
        LocalDateTime now = LocalDateTime.ofInstant(Instant.ofEpochMilli(outT), options.zone());
        String hm = String.format(Locale.ROOT, "%02d:%02d", l.getHour(), l.getMinute());
        return l.toLocalDate().equals(now.toLocalDate()) ? hm : l.toLocalDate() + " " + hm;
    }

    private static String fmt(double v, boolean french) {
        double a = Math.abs(v);
        String s;
        if (a >= 100 || a == 0) {
            s = String.format(Locale.ROOT, "%.0f", v);
        } else if (a >= 1) {
            s = String.format(Locale.ROOT, "%.1f", v);
        } else {
            s = String.format(Locale.ROOT, "%.3g", v);
        }
        return french ? s.replace('.', ',') : s;
    }
}
