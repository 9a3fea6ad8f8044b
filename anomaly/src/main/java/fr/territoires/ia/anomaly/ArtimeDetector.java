package fr.territoires.ia.anomaly;

import fr.territoires.ia.core.internal.Checks;
import java.util.Arrays;
import java.util.Locale;

/**
 * ARTime, adaptive resonance theory: a streaming anomaly detector that learns the shapes of
 * short windows of a downsampled, discretised stream as categories of a distance-based fuzzy ART
 * network, and scores a window that no learnt category matches closely enough.
 *
 * <p>How it works (Hampton 2021):
 * <ol>
 *   <li><b>Downsampling.</b> The probationary length {@code P} (made even) sets the step
 *       {@code s = max(1, P div (window · windowsPerProbation))}: every {@code s} points, the block
 *       of the last {@code s} values is reduced to one value, its extreme (the max or the min,
 *       whichever is further from a running average of block means) unless that extreme is
 *       within 10 % of the block mean, in which case the mean.</li>
 *   <li><b>Discretisation.</b> The value is normalised by the range ({@link Options#withRange})
 *       and rounded to one of {@link Options#levels()} levels; a level within
 *       {@link Options#chomp()} of the running median level is snapped to it.</li>
 *   <li><b>Features.</b> The last {@link Options#window()} levels, and their Haar wavelet
 *       transform (after min-max scaling, the transform also min-max scaled), make a feature
 *       vector in {@code [0, 1]^(2·window)}, complement coded.</li>
 *   <li><b>Fuzzy ART.</b> Each category keeps a weight vector; the match of a sample with a
 *       category is {@code (|x ∧ w| / |w|)^3 · e^2}, {@code e} the same ratio on the current
 *       level only ("energy"). Categories are visited by decreasing match: those above the upper
 *       vigilance learn the sample (fast commit {@code w ← x ∧ w}); if none, the first above the
 *       lower vigilance spawns a new category of the same cluster; otherwise the sample starts a
 *       new cluster: that is the unpredicted pattern.</li>
 *   <li><b>Probation and vigilance.</b> The first {@code trendWindow = P / s} feature vectors
 *       are kept and, at the end of the probationary period, used to set the initial vigilance
 *       (the mean match of a scratch network trained on them at vigilance
 *       {@link Options#initialRho()}, sorted by increasing total similarity) and then learnt.
 *       Afterwards, every half trend window and 12 downsampled steps after an anomaly, the upper
 *       vigilance follows the running mean match (at most 0.97) and the lower one rises towards
 *       the recent minimum match or falls by the recent shortfall.</li>
 *   <li><b>Score.</b> A new cluster, outside the masking period that follows an anomaly or a
 *       new cluster (unless the match is far below the last anomaly's), scores
 *       {@code min(1, 0.35·u + 0.65·l + 1.5·(1 − e))} with {@code u}, {@code l} the relative
 *       shortfall of the match below the upper and lower vigilance, rounded to 6 decimals. Every
 *       other point scores 0; an alarm is a score at or above {@link Options#threshold()}.</li>
 * </ol>
 *
 * <p>Citation: M. Hampton, <i>ARTime: adaptive resonance theory for time series anomaly
 * detection</i>, 2021, detector {@code ARTime} of the Numenta Anomaly Benchmark; reference code
 * {@code markNZed/ARTimeNAB.jl}, files {@code src/ARTime.jl} and
 * {@code src/AdaptiveResonanceCompact.jl} (itself derived from {@code AP6YC/AdaptiveResonance.jl},
 * MIT), run by {@code numenta/NAB} {@code nab/detectors/ARTime/ARTime_detector.py}, which gives
 * the file's minimum and maximum and its length. This class is a re-expression in Java of that
 * algorithm: same constants, same 1-based step arithmetic, round-half-even discretisation,
 * first-index tie-breaking (stable sorts), double precision throughout.
 *
 * <p>Departures from the reference, none of which changes a NAB run:
 * <ul>
 *   <li>A {@code NaN} value is a missing reading: it scores 0, raises no alarm and leaves the
 *       state untouched (the reference would fail converting NaN to a level).</li>
 *   <li>A value outside the range is clamped to it for the discretisation (the reference would
 *       index out of its level histogram and fail; NAB's range is the file's own).</li>
 *   <li>The number of categories is capped at {@link Options#maxCategories()} (the reference
 *       grows without bound): at the cap, a new category overwrites the oldest one but the first.
 *       The history of anomaly matches, whose mean bounds the lower vigilance, keeps the last
 *       {@link Options#maxAnomalyHistory()} entries. The defaults are far above what the NAB
 *       files reach.</li>
 *   <li>Timestamps are not used: like the reference, the detector works on arrival order.</li>
 *   <li>Sums are taken left to right; Julia's and BLAS's vectorised sums may round differently
 *       in the last bit.</li>
 * </ul>
 *
 * <p>Units: the score is in {@code [0, 1]}; values are in the stream's unit, the same as the
 * range's. Cost: O(categories) per downsampled point (bounded by the cap: the reference's sort
 * of the categories is replaced by one pass that visits them in the same order), a one-off
 * O(trendWindow²) at the end of probation; memory about {@code 64 · categories} doubles. A
 * downsampled point allocates a few small arrays (the feature vector and its complement coding).
 * On the 40 shared NAB files: at most 486 categories, under 1 µs per point; on a long noisy
 * stream at the cap, a few µs (JMH figures in the README). Deterministic:
 * no randomness.
 *
 * <p>Not thread-safe: confine each instance to one thread (one detector per stream).
 *
 * @since 0.1.0
 */
public final class ArtimeDetector implements StreamingDetector {

    /** NAB's standard-profile threshold for ARTime ({@code config/thresholds.json}). */
    public static final double PUBLISHED_STANDARD_THRESHOLD = 0.317486;


    /** Haar scaling coefficient of the reference wavelet library, normalised in l2 as it does. */
    private static final double HAAR;

    static {
        double c = 0.7071067811865475;
        HAAR = c / Math.sqrt(c * c + c * c);
    }

    /** Masking period after an anomaly or a new cluster, in downsampled steps (1.5 windows). */
    private final int maskSteps;

    /**
     * Options of the ARTime detector.
     *
     * @param rangeMin lower end of the value range, in the stream's unit; {@code NaN} when unset
     * @param rangeMax upper end of the value range, {@code >= rangeMin}; {@code NaN} when unset
     * @param probationaryPoints points of the probationary period (NAB:
     *     {@code min(floor(0.15 rows), 750)}), at least 2
     * @param threshold alarm threshold on the score, in (0, 1]
     * @param window feature window, in downsampled points, a power of two, at least 2
     * @param windowsPerProbation windows per probationary period, sets the downsampling step,
     *     at least 1
     * @param levels discretisation levels, at least 2
     * @param chomp snapping distance to the running median level, in [0, 1]
     * @param initialRho vigilance of the scratch network that sets the first vigilance, in [0, 1]
     * @param maxCategories cap on the ART categories, at least 2
     * @param maxAnomalyHistory cap on the anomaly matches kept, at least 1
     * @since 0.1.0
     */
    public record Options(double rangeMin, double rangeMax, int probationaryPoints, double threshold, int window,
            int windowsPerProbation, int levels, double chomp, double initialRho, int maxCategories,
            int maxAnomalyHistory) {

        /**
         * Validates the options.
         *
         * @param rangeMin range minimum
         * @param rangeMax range maximum
         * @param probationaryPoints probationary period
         * @param threshold alarm threshold
         * @param window feature window
         * @param windowsPerProbation windows per probationary period
         * @param levels discretisation levels
         * @param chomp median snapping distance
         * @param initialRho initial vigilance
         * @param maxCategories category cap
         * @param maxAnomalyHistory anomaly history cap
         */
        public Options {
            boolean unset = Double.isNaN(rangeMin) && Double.isNaN(rangeMax);
            if (!unset) {
                Checks.finite(rangeMin, "rangeMin");
                Checks.finite(rangeMax, "rangeMax");
                if (rangeMax < rangeMin) {
                    throw new IllegalArgumentException("rangeMax must be >= rangeMin (" + rangeMin + "), was "
                            + rangeMax);
                }
            }
            Checks.atLeast(probationaryPoints, 2, "probationaryPoints");
            if (!(threshold > 0 && threshold <= 1)) {
                throw new IllegalArgumentException("threshold must be in (0, 1], was " + threshold);
            }
            Checks.atLeast(window, 2, "window");
            if (Integer.bitCount(window) != 1) {
                throw new IllegalArgumentException("window must be a power of two, was " + window);
            }
            Checks.atLeast(windowsPerProbation, 1, "windowsPerProbation");
            Checks.atLeast(levels, 2, "levels");
            Checks.inClosed(chomp, 0.0, 1.0, "chomp");
            Checks.inClosed(initialRho, 0.0, 1.0, "initialRho");
            Checks.atLeast(maxCategories, 2, "maxCategories");
            Checks.atLeast(maxAnomalyHistory, 1, "maxAnomalyHistory");
        }

        /**
         * Returns the published settings: window 8, 13 windows per probationary period, 80
         * levels, snapping 0.075, initial vigilance 0.80, probationary period 750 points, alarm
         * threshold 0.317486 (NAB standard profile); at most 750 categories (1.5 times what the
         * NAB files reach: the cost of a point grows with them) and 10,000 anomaly matches; no range (set one with {@link #withRange}).
         *
         * @return the default options
         */
        public static Options defaults() {
            return new Options(Double.NaN, Double.NaN, 750, PUBLISHED_STANDARD_THRESHOLD, 8, 13, 80, 0.075, 0.80, 750,
                    10_000);
        }

        /**
         * Returns these options with a value range, required: the sensor's physical range or the
         * range of its history (NAB gives the file's minimum and maximum).
         *
         * @param min lower end, finite
         * @param max upper end, {@code >= min}
         * @return new options
         */
        public Options withRange(double min, double max) {
            return new Options(min, max, probationaryPoints, threshold, window, windowsPerProbation, levels, chomp,
                    initialRho, maxCategories, maxAnomalyHistory);
        }

        /**
         * Returns these options with another probationary period.
         *
         * @param n points of the probationary period, at least 2
         * @return new options
         */
        public Options withProbationaryPoints(int n) {
            return new Options(rangeMin, rangeMax, n, threshold, window, windowsPerProbation, levels, chomp,
                    initialRho, maxCategories, maxAnomalyHistory);
        }

        /**
         * Returns these options with another alarm threshold (NAB: 0.317486 standard and low FN,
         * 0.317585 low FP).
         *
         * @param t threshold on the score, in (0, 1]
         * @return new options
         */
        public Options withThreshold(double t) {
            return new Options(rangeMin, rangeMax, probationaryPoints, t, window, windowsPerProbation, levels, chomp,
                    initialRho, maxCategories, maxAnomalyHistory);
        }

        /**
         * Returns these options with another feature window.
         *
         * @param w window in downsampled points, a power of two
         * @return new options
         */
        public Options withWindow(int w) {
            return new Options(rangeMin, rangeMax, probationaryPoints, threshold, w, windowsPerProbation, levels, chomp,
                    initialRho, maxCategories, maxAnomalyHistory);
        }

        /**
         * Returns these options with another number of windows per probationary period.
         *
         * @param n windows per probationary period, at least 1
         * @return new options
         */
        public Options withWindowsPerProbation(int n) {
            return new Options(rangeMin, rangeMax, probationaryPoints, threshold, window, n, levels, chomp,
                    initialRho, maxCategories, maxAnomalyHistory);
        }

        /**
         * Returns these options with another number of discretisation levels.
         *
         * @param n levels, at least 2
         * @return new options
         */
        public Options withLevels(int n) {
            return new Options(rangeMin, rangeMax, probationaryPoints, threshold, window, windowsPerProbation, n, chomp,
                    initialRho, maxCategories, maxAnomalyHistory);
        }

        /**
         * Returns these options with another median snapping distance.
         *
         * @param c distance in normalised units, in [0, 1]
         * @return new options
         */
        public Options withChomp(double c) {
            return new Options(rangeMin, rangeMax, probationaryPoints, threshold, window, windowsPerProbation, levels, c,
                    initialRho, maxCategories, maxAnomalyHistory);
        }

        /**
         * Returns these options with another initial vigilance.
         *
         * @param rho vigilance in [0, 1]
         * @return new options
         */
        public Options withInitialRho(double rho) {
            return new Options(rangeMin, rangeMax, probationaryPoints, threshold, window, windowsPerProbation, levels,
                    chomp, rho, maxCategories, maxAnomalyHistory);
        }

        /**
         * Returns these options with another cap on the ART categories.
         *
         * @param n cap, at least 2
         * @return new options
         */
        public Options withMaxCategories(int n) {
            return new Options(rangeMin, rangeMax, probationaryPoints, threshold, window, windowsPerProbation, levels,
                    chomp, initialRho, n, maxAnomalyHistory);
        }

        /**
         * Returns these options with another cap on the anomaly matches kept.
         *
         * @param n cap, at least 1
         * @return new options
         */
        public Options withMaxAnomalyHistory(int n) {
            return new Options(rangeMin, rangeMax, probationaryPoints, threshold, window, windowsPerProbation, levels,
                    chomp, initialRho, maxCategories, n);
        }

        /**
         * Tells whether a range was set.
         *
         * @return {@code true} when {@link #withRange} was called
         */
        public boolean hasRange() {
            return !Double.isNaN(rangeMin);
        }
    }

    private final Options options;
    private final int step;
    private final int trendWindow;
    private final int dim;
    private final int dimComp;

    // downsampling and discretisation state
    private long i = 1;
    private final double[] dsWindow;
    private int dsi = 1;
    private double dsMovingAverage;
    private final int[] medbin;
    private int medlevel;
    private long belowmed;
    private long abovemed;
    private final double[] fWindow;
    /** Scratch arrays of the feature computation (no allocation per point). */
    private final double[] windowScratch;
    private final double[] haarOut;
    private final double[] haarWork;
    private final double[] featureScratch;
    private final double[][] probation;

    // ART network (the detector's) and vigilance state
    private final Art art;
    private int lastAnomalyI;
    private double lastAnomalySim;
    private int lastRhoUpdateI;
    private boolean maskAfterCat;
    private int noNewCatCount;
    private final double[] simWindow;
    private final double[] simDiffWindow;
    private long rhoUbCount;
    private double rhoUbMean;
    private final double[] anomalyHistory;
    private int historySize;
    private int historyNext;
    private int historyLast = -1;

    // last point
    private double lastScore;
    private boolean lastAlarm;
    private double lastMatch = Double.NaN;
    private double lastRhoLb = Double.NaN;

    private ArtimeDetector(Options options) {
        this.options = options;
        int pp = options.probationaryPoints() - options.probationaryPoints() % 2;
        int w = options.window();
        this.step = Math.max(1, pp / (w * options.windowsPerProbation()));
        this.trendWindow = pp / step;
        if (trendWindow / 2 > trendWindow - w + 1) {
            // the initial vigilance averages the matches from the middle of the probation on
            throw new IllegalArgumentException("probationaryPoints must give at least 2 (window - 1) = "
                    + (2 * (w - 1)) + " downsampled points, was " + options.probationaryPoints() + " giving "
                    + trendWindow);
        }
        this.maskSteps = w + w / 2;
        this.dim = 2 * w;
        this.dimComp = 2 * dim;
        this.dsWindow = new double[step];
        this.medbin = new int[options.levels() + 1];
        this.fWindow = new double[w];
        this.windowScratch = new double[w];
        this.haarOut = new double[w];
        this.haarWork = new double[w];
        this.featureScratch = new double[2 * w];
        this.probation = new double[trendWindow][];
        this.art = new Art(dimComp, options.maxCategories());
        this.simWindow = new double[trendWindow / 2 + 1];
        Arrays.fill(simWindow, 1.0);
        this.simDiffWindow = new double[trendWindow + 1];
        this.anomalyHistory = new double[options.maxAnomalyHistory()];
    }

    /**
     * Creates a detector.
     *
     * @param options options, with a range set
     * @return a new detector
     * @throws IllegalArgumentException when no range is set, or the probationary period is too
     *     short for the window
     */
    public static ArtimeDetector create(Options options) {
        Checks.notNull(options, "options");
        if (!options.hasRange()) {
            throw new IllegalArgumentException("options.range must be set with Options.withRange(min, max): the "
                    + "sensor's physical range or the range of its history (NAB gives the file's min and max), was "
                    + "unset");
        }
        return new ArtimeDetector(options);
    }

    /**
     * Returns the options of this detector.
     *
     * @return the options
     */
    public Options options() {
        return options;
    }

    /**
     * Returns the downsampling step derived from the probationary period.
     *
     * @return points per downsampled point, at least 1
     */
    public int downsamplingStep() {
        return step;
    }

    /**
     * Returns the number of ART categories learnt so far.
     *
     * @return the category count, at most {@link Options#maxCategories()}
     */
    public int categoryCount() {
        return art.size;
    }

    @Override
    public double update(long epochMilli, double value) {
        lastAlarm = false;
        lastScore = 0.0;
        if (Double.isNaN(value)) {
            return 0.0;
        }
        System.arraycopy(dsWindow, 1, dsWindow, 0, step - 1);
        dsWindow[step - 1] = value;
        double anomaly = 0.0;
        if (i % step == 0) {
            anomaly = processFeatures(features(discretise(), dsi <= trendWindow), dsi);
            dsi++;
        }
        i++;
        lastScore = anomaly;
        lastAlarm = anomaly >= options.threshold();
        return anomaly;
    }

    private double discretise() {
        double sum = 0.0;
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (double v : dsWindow) {
            sum += v;
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        double mean = sum / step;
        if (dsi == 1) {
            dsMovingAverage = mean;
        }
        dsMovingAverage = (dsMovingAverage + mean) / 2;
        double ds = max;
        if (Math.abs(max - dsMovingAverage) < Math.abs(min - dsMovingAverage)) {
            ds = min;
        }
        if (Math.abs(ds - mean) < 0.1 * mean) {
            ds = mean;
        }
        double range = options.rangeMax() - options.rangeMin();
        ds = ds - options.rangeMin();
        if (range != 0) {
            ds = ds / range;
        }
        int nlevels = options.levels();
        ds = Math.max(0.0, Math.min(1.0, ds)); // departure: the reference fails outside the range
        int level = (int) Math.rint(ds * nlevels);
        ds = (double) level / nlevels;
        medbin[level]++;
        int medpos = dsi / 2;
        if (dsi == 1) {
            medlevel = level;
        }
        if (medlevel > level) {
            belowmed++;
        } else if (medlevel < level) {
            abovemed++;
        }
        if (medpos < abovemed) {
            belowmed += medbin[medlevel];
            medlevel++;
            while (medbin[medlevel] == 0) {
                medlevel++;
            }
            abovemed -= medbin[medlevel];
        } else if (medpos < belowmed) {
            abovemed += medbin[medlevel];
            medlevel--;
            while (medbin[medlevel] == 0) {
                medlevel--;
            }
            belowmed -= medbin[medlevel];
        }
        double med = (double) medlevel / nlevels;
        if (Math.abs(ds - med) < options.chomp()) {
            ds = med;
        }
        return ds;
    }

    /** The features of the current window: a new array when it is kept, else the scratch array. */
    private double[] features(double ds, boolean kept) {
        int w = fWindow.length;
        double[] features = kept ? new double[dim] : featureScratch;
        if (!kept) {
            Arrays.fill(features, 0.0);
        }
        System.arraycopy(fWindow, 1, fWindow, 0, w - 1);
        fWindow[w - 1] = ds;
        if (dsi >= w) {
            System.arraycopy(fWindow, 0, windowScratch, 0, w);
            minMaxScale(windowScratch);
            haar(windowScratch, haarOut, haarWork);
            minMaxScale(haarOut);
            System.arraycopy(haarOut, 0, features, 0, w);
            System.arraycopy(fWindow, 0, features, w, w);
        }
        return features;
    }

    private static void minMaxScale(double[] x) {
        double min = Double.POSITIVE_INFINITY;
        for (double v : x) {
            min = Math.min(min, v);
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < x.length; k++) {
            x[k] = x[k] - min;
            max = Math.max(max, x[k]);
        }
        if (max != 0) {
            for (int k = 0; k < x.length; k++) {
                x[k] = x[k] / max;
            }
        }
    }

    /**
     * Full periodic Haar transform, laid out as [coarsest approximation, coarsest detail, ...,
     * finest details]; detail {@code k} of a level is {@code c·x[2k+1] − c·x[2k]}.
     */
    static double[] haar(double[] x) {
        double[] y = new double[x.length];
        haar(x, y, new double[x.length]);
        return y;
    }

    /** {@link #haar(double[])} into {@code y}, with {@code work} (same length) as scratch; {@code x} is kept. */
    private static void haar(double[] x, double[] y, double[] work) {
        int n = x.length;
        System.arraycopy(x, 0, work, 0, n);
        for (int len = n; len >= 2; len /= 2) {
            int half = len / 2;
            for (int k = 0; k < half; k++) {
                double a = work[2 * k];
                double b = work[2 * k + 1];
                y[half + k] = -HAAR * a + HAAR * b;
                // approximations go to the front of work: index k <= 2k, read before written
                work[k] = HAAR * a + HAAR * b;
            }
            System.arraycopy(work, 0, y, 0, half);
        }
    }

    private double processFeatures(double[] f, int index) {
        if (index <= trendWindow) {
            probation[index - 1] = f;
            if (index == trendWindow) {
                double rho = initRho();
                art.rhoLb = rho;
                art.rhoUb = rho;
                for (int k = 0; k < trendWindow; k++) {
                    detect(probation[k], k + 1);
                    probation[k] = null;
                }
            }
            return 0.0;
        }
        return detect(f, index);
    }

    private double detect(double[] f, int index) {
        boolean updateRhoAfterAnomaly = index - lastAnomalyI == maskSteps;
        boolean updateRhoForTrend = index - lastRhoUpdateI >= trendWindow / 2;
        boolean maskAfterAnomaly = index - lastAnomalyI <= maskSteps;
        if (index > trendWindow + maskSteps && maskAfterCat && noNewCatCount >= maskSteps) {
            maskAfterCat = false;
        }
        int cat;
        if (index < options.window()) {
            art.train(f, false);
            cat = -1;
        } else {
            cat = art.train(f, true);
        }
        double a = art.lastA;
        noNewCatCount = cat == -1 ? 0 : noNewCatCount + 1;
        rhoUbCount++;
        rhoUbMean = rhoUbMean + (1.0 / rhoUbCount) * (a - rhoUbMean);
        System.arraycopy(simWindow, 1, simWindow, 0, simWindow.length - 1);
        simWindow[simWindow.length - 1] = a;
        System.arraycopy(simDiffWindow, 1, simDiffWindow, 0, simDiffWindow.length - 1);
        simDiffWindow[simDiffWindow.length - 1] = art.rhoUb - a;
        if (index - lastAnomalyI < maskSteps && historySize > 0 && a < anomalyHistory[historyLast]) {
            anomalyHistory[historyLast] = a;
        }
        boolean masking = maskAfterCat || maskAfterAnomaly;
        double belowLastScale = maskAfterAnomaly ? 0.90 : 0.70;
        boolean belowLast = a < lastAnomalySim * belowLastScale;
        boolean anomalyWithCat = cat == -1 && (!masking || belowLast);
        double anomaly = 0.0;
        if (index > trendWindow && anomalyWithCat) {
            anomaly = confidence(a, art.lastAe);
            lastMatch = a;
            lastRhoLb = art.rhoLb;
            pushHistory(a);
            lastAnomalySim = a;
            lastAnomalyI = index;
        }
        maskAfterCat = cat == -1 || maskAfterCat;
        if (index > trendWindow && (updateRhoAfterAnomaly || updateRhoForTrend)) {
            updateRho(index);
        }
        return anomaly;
    }

    private void updateRho(int index) {
        double minSim = Double.POSITIVE_INFINITY;
        for (double v : simWindow) {
            minSim = Math.min(minSim, v);
        }
        double newUb = Math.min(0.97, rhoUbMean);
        double prevLb = art.rhoLb;
        double newLb;
        if (prevLb <= minSim) {
            newLb = prevLb + (minSim - prevLb) * 0.19;
        } else {
            double decr = 0.0;
            if (index > trendWindow * 2) {
                double sum = 0.0;
                int count = 0;
                for (double v : simDiffWindow) {
                    if (v > 0.05) {
                        sum += Math.min(0.37, v);
                        count++;
                    }
                }
                if (count > 0) {
                    decr = sum / count;
                }
            }
            decr = Math.max(0.01, decr);
            newLb = prevLb - decr / 2;
            if (historySize > 0) {
                double sum = 0.0;
                for (int k = 0; k < historySize; k++) {
                    sum += anomalyHistory[(historyNext - historySize + k + anomalyHistory.length)
                            % anomalyHistory.length];
                }
                newLb = Math.max(sum / historySize, newLb);
            }
        }
        newLb = Math.min(newUb, newLb);
        art.rhoLb = newLb;
        art.rhoUb = newUb;
        lastRhoUpdateI = index;
        maskAfterCat = true;
    }

    private void pushHistory(double a) {
        anomalyHistory[historyNext] = a;
        historyLast = historyNext;
        historyNext = (historyNext + 1) % anomalyHistory.length;
        historySize = Math.min(historySize + 1, anomalyHistory.length);
    }

    private double confidence(double featuresSim, double energySim) {
        double fs = Math.min(0.999, featuresSim);
        double ub = ((1 - fs) - (1 - art.rhoUb)) / (1 - fs);
        double lb = ((1 - fs) - (1 - art.rhoLb)) / (1 - fs);
        double s = (ub * 0.35 + lb * 0.65) + (1.0 - energySim) * 1.5;
        s = Math.min(1.0, s);
        if (!(s >= 0)) {
            return 0.0; // NaN match (degenerate category) or negative: not an anomaly score
        }
        return Math.rint(s * 1e6) / 1e6;
    }

    /** Initial vigilance: mean match of a scratch network trained on the probation features. */
    private double initRho() {
        int w = options.window();
        int n = trendWindow - w + 1;
        double[][] x = new double[n][];
        for (int k = 0; k < n; k++) {
            x[k] = probation[w - 1 + k];
        }
        double[] norms = new double[n];
        for (int k = 0; k < n; k++) {
            norms[k] = norm2(x[k]);
        }
        double[][] sim = new double[n][n];
        for (double[] row : sim) {
            Arrays.fill(row, 1.0);
        }
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < r; c++) {
                double s = similarity(x[r], norms[r], x[c], norms[c]);
                sim[r][c] = s;
                sim[c][r] = s;
            }
        }
        double[] simSum = new double[n];
        for (int c = 0; c < n; c++) {
            double s = 0.0;
            for (int r = 0; r < n; r++) {
                s += sim[r][c];
            }
            simSum[c] = s;
        }
        Integer[] order = new Integer[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        Arrays.sort(order, (p, q) -> Double.compare(simSum[p], simSum[q])); // stable, as sortperm
        Art scratch = new Art(dimComp, Math.max(options.maxCategories(), n + 1));
        scratch.rhoLb = options.initialRho();
        scratch.rhoUb = options.initialRho();
        int from = trendWindow / 2 - 1; // A[trendWindow ÷ 2 : end], 1-based
        double sum = 0.0;
        int count = 0;
        for (int k = 0; k < n; k++) {
            scratch.train(x[order[k]], true);
            if (k >= from) {
                sum += scratch.lastA;
                count++;
            }
        }
        return sum / count;
    }

    private static double norm2(double[] x) {
        double s = 0.0;
        for (double v : x) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    private static double similarity(double[] t1, double n1, double[] t2, double n2) {
        if (n1 == 0.0) {
            return 1 - n2;
        }
        if (n2 == 0.0) {
            return 1 - n1;
        }
        double s = 0.0;
        for (int k = 0; k < t1.length; k++) {
            s += t1[k] * t2[k];
        }
        return s / (n1 * n2);
    }

    /**
     * Writes the learnt state and the last point's outputs (not the options, which the caller
     * saves): the layout is described in {@link DetectorSnapshots}.
     */
    void writeState(SnapshotWriter out) {
        out.writeLong(i);
        out.writeCount(step);
        out.writeDoubles(dsWindow, 0, step);
        out.writeLong(dsi);
        out.writeDouble(dsMovingAverage);
        out.writeCount(medbin.length);
        for (int c : medbin) {
            out.writeCount(c);
        }
        out.writeLong(medlevel);
        out.writeLong(belowmed);
        out.writeLong(abovemed);
        out.writeCount(fWindow.length);
        out.writeDoubles(fWindow, 0, fWindow.length);
        int kept = keptProbationFeatures();
        out.writeCount(kept);
        for (int k = 0; k < kept; k++) {
            out.writeDoubles(probation[k], 0, dim);
        }
        out.writeCount(art.size);
        out.writeCount(art.clusters);
        out.writeCount(art.replaceNext);
        for (int j = 0; j < art.size; j++) {
            out.writeLong(art.labels[j]);
        }
        out.writeDoubles(art.w, 0, art.size * dimComp);
        out.writeDouble(art.rhoLb);
        out.writeDouble(art.rhoUb);
        out.writeDouble(art.lastA);
        out.writeDouble(art.lastAe);
        out.writeLong(lastAnomalyI);
        out.writeDouble(lastAnomalySim);
        out.writeLong(lastRhoUpdateI);
        out.writeBoolean(maskAfterCat);
        out.writeLong(noNewCatCount);
        out.writeCount(simWindow.length);
        out.writeDoubles(simWindow, 0, simWindow.length);
        out.writeCount(simDiffWindow.length);
        out.writeDoubles(simDiffWindow, 0, simDiffWindow.length);
        out.writeLong(rhoUbCount);
        out.writeDouble(rhoUbMean);
        // The anomaly matches, oldest first (the ring's position is not state).
        out.writeCount(historySize);
        for (int k = 0; k < historySize; k++) {
            out.writeDouble(anomalyHistory[(historyNext - historySize + k + anomalyHistory.length)
                    % anomalyHistory.length]);
        }
        out.writeDouble(lastScore);
        out.writeBoolean(lastAlarm);
        out.writeDouble(lastMatch);
        out.writeDouble(lastRhoLb);
    }

    /** Feature vectors held for the end of the probationary period: all until it ends, then none. */
    private int keptProbationFeatures() {
        return dsi - 1 < trendWindow ? dsi - 1 : 0;
    }

    /** Reads what {@link #writeState} wrote into this new detector, created with the saved options. */
    void readState(SnapshotReader in) {
        i = in.readLong("artime.points");
        if (i < 1) {
            throw SnapshotReader.bad("artime.points must be >= 1, was " + i);
        }
        in.expectLength("artime.downsamplingStep", step);
        in.readDoubles("artime.downsamplingWindow", dsWindow, 0, step);
        dsi = in.readInt("artime.downsampledIndex", 1, Integer.MAX_VALUE);
        dsMovingAverage = in.readDouble("artime.movingAverage");
        in.expectLength("artime.levelHistogram", medbin.length);
        long recorded = 0;
        for (int k = 0; k < medbin.length; k++) {
            medbin[k] = (int) in.readCount("artime.levelHistogram", Integer.MAX_VALUE);
            recorded += medbin[k];
        }
        medlevel = in.readInt("artime.medianLevel", 0, options.levels());
        belowmed = in.readLong("artime.belowMedian");
        abovemed = in.readLong("artime.aboveMedian");
        long below = 0;
        long above = 0;
        for (int k = 0; k < medbin.length; k++) {
            if (k < medlevel) {
                below += medbin[k];
            } else if (k > medlevel) {
                above += medbin[k];
            }
        }
        if (recorded != dsi - 1L || below != belowmed || above != abovemed
                || (recorded > 0 && medbin[medlevel] == 0)) {
            throw SnapshotReader.bad("artime level histogram must agree with its median (" + recorded
                    + " levels for downsampled index " + dsi + ", " + below + " below and " + above
                    + " above level " + medlevel + "), was " + belowmed + " below and " + abovemed + " above");
        }
        in.expectLength("artime.featureWindow", fWindow.length);
        in.readDoubles("artime.featureWindow", fWindow, 0, fWindow.length);
        int kept = keptProbationFeatures();
        in.expectLength("artime.probationFeatures", kept);
        for (int k = 0; k < kept; k++) {
            probation[k] = new double[dim];
            in.readDoubles("artime.probationFeatures", probation[k], 0, dim);
        }
        int size = in.readLength("artime.categories", options.maxCategories(), 1 + 8 * dimComp);
        art.clusters = (int) in.readCount("artime.clusters", Integer.MAX_VALUE - 1);
        art.replaceNext = (int) in.readCount("artime.replaceNext", options.maxCategories() - 1);
        if (art.replaceNext < 1) {
            throw SnapshotReader.bad("artime.replaceNext must be >= 1, was " + art.replaceNext);
        }
        art.restore(size);
        for (int j = 0; j < size; j++) {
            art.labels[j] = in.readInt("artime.labels", Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
        in.readDoubles("artime.weights", art.w, 0, size * dimComp);
        for (int j = 0; j < size; j++) {
            art.nw[j] = Art.norm1(art.w, j * dimComp, dimComp);
        }
        art.rhoLb = in.readDouble("artime.rhoLb");
        art.rhoUb = in.readDouble("artime.rhoUb");
        art.lastA = in.readDouble("artime.lastA");
        art.lastAe = in.readDouble("artime.lastAe");
        lastAnomalyI = in.readInt("artime.lastAnomalyIndex", Integer.MIN_VALUE, Integer.MAX_VALUE);
        lastAnomalySim = in.readDouble("artime.lastAnomalySim");
        lastRhoUpdateI = in.readInt("artime.lastRhoUpdateIndex", Integer.MIN_VALUE, Integer.MAX_VALUE);
        maskAfterCat = in.readBoolean("artime.maskAfterCat");
        noNewCatCount = in.readInt("artime.noNewCatCount", Integer.MIN_VALUE, Integer.MAX_VALUE);
        in.expectLength("artime.simWindow", simWindow.length);
        in.readDoubles("artime.simWindow", simWindow, 0, simWindow.length);
        in.expectLength("artime.simDiffWindow", simDiffWindow.length);
        in.readDoubles("artime.simDiffWindow", simDiffWindow, 0, simDiffWindow.length);
        rhoUbCount = in.readLong("artime.rhoUbCount");
        rhoUbMean = in.readDouble("artime.rhoUbMean");
        historySize = in.readLength("artime.anomalyHistory", anomalyHistory.length, 8);
        in.readDoubles("artime.anomalyHistory", anomalyHistory, 0, historySize);
        historyNext = historySize % anomalyHistory.length;
        historyLast = historySize - 1;
        lastScore = in.readDouble("artime.lastPoint.score");
        lastAlarm = in.readBoolean("artime.lastPoint.alarm");
        lastMatch = in.readDouble("artime.lastPoint.match");
        lastRhoLb = in.readDouble("artime.lastPoint.rhoLb");
    }

    @Override
    public boolean alarm() {
        return lastAlarm;
    }

    /**
     * Returns {@code NaN}: ARTime has no expected value.
     *
     * @return {@code NaN}
     */
    @Override
    public double expected() {
        return Double.NaN;
    }

    /**
     * Returns {@code NaN}: ARTime has no band.
     *
     * @return {@code NaN}
     */
    @Override
    public double lower() {
        return Double.NaN;
    }

    /**
     * Returns {@code NaN}: ARTime has no band.
     *
     * @return {@code NaN}
     */
    @Override
    public double upper() {
        return Double.NaN;
    }

    @Override
    public String reason() {
        if (!lastAlarm) {
            return "";
        }
        return String.format(Locale.ROOT, "unpredicted pattern: the last %d points match no learnt pattern "
                + "(similarity %.2f, below vigilance %.2f)", step * options.window(), lastMatch, lastRhoLb);
    }

    /**
     * Explains the last point in French.
     *
     * @return the reason, empty when the last point raised no alarm
     */
    public String reasonFr() {
        if (!lastAlarm) {
            return "";
        }
        return String.format(Locale.FRANCE, "motif imprévu : les %d derniers points ne ressemblent à aucun motif "
                + "appris (similarité %.2f, sous la vigilance %.2f)", step * options.window(), lastMatch, lastRhoLb);
    }

    /**
     * Distance-based fuzzy ART with complement coding (the reference's compact DVFA), one sample
     * at a time. Keeps only the last match, not the whole history.
     */
    private static final class Art {
        private final int dimComp;
        private final int energyIndex;
        private final int cap;
        /** Category weights, one run of {@code dimComp} per category, in one array (cache-friendly). */
        private double[] w = new double[0];
        private int[] labels = new int[0];
        private int size;
        private int clusters;
        private int replaceNext = 1;
        private double[] m = new double[0];
        private double[] me = new double[0];
        /** Per category, the sum of the absolute weights (the reference recomputes it each time). */
        private double[] nw = new double[0];
        /** The complement-coded input, reused (copied when it becomes a category). */
        private final double[] xScratch;
        double rhoLb;
        double rhoUb;
        double lastA;
        double lastAe;

        Art(int dimComp, int cap) {
            this.dimComp = dimComp;
            this.energyIndex = dimComp / 2 - 1;
            this.cap = cap;
            this.xScratch = new double[dimComp];
        }

        int train(double[] f, boolean learning) {
            double[] x = xScratch;
            int d = f.length;
            for (int k = 0; k < d; k++) {
                x[k] = f[k];
                x[d + k] = 1 - f[k];
            }
            if (size == 0) {
                double[] ones = new double[dimComp];
                Arrays.fill(ones, 1.0);
                add(ones, 1);
                clusters = 1;
                lastA = 0.0;
                lastAe = 0.0;
                return 1;
            }
            activation(x);
            // The reference sorts the categories by decreasing activation (stable) and walks them:
            // every category at or above the upper vigilance learns, then the next one decides. The
            // same walk without the sort: the maximum (first index on ties) gives maxBmu; the
            // categories at or above rhoUb learn (the label is the last of the maximum's ties); the
            // largest activation below rhoUb (first index on ties) is the next one visited.
            double maxBmu = 0.0;
            double maxBmue = 0.0;
            for (int j = 0; j < size; j++) {
                if (m[j] > maxBmu) {
                    maxBmu = m[j];
                    maxBmue = me[j];
                }
            }
            boolean mismatch = true;
            int label = -1;
            if (learning) {
                int next = -1;
                for (int j = 0; j < size; j++) {
                    double mj = m[j];
                    if (mj >= rhoUb) {
                        int o = j * dimComp;
                        for (int k = 0; k < dimComp; k++) {
                            w[o + k] = Math.min(x[k], w[o + k]);
                        }
                        nw[j] = norm1(w, o, dimComp);
                        if (mj >= maxBmu) {
                            label = labels[j];
                        }
                        mismatch = false;
                    } else if (next < 0 || mj > m[next]) {
                        next = j;
                    }
                }
                if (next >= 0 && m[next] >= rhoLb && mismatch) {
                    if (m[next] >= maxBmu) {
                        label = labels[next];
                    }
                    add(x, label);
                    mismatch = false;
                }
            }
            lastA = maxBmu;
            lastAe = maxBmue;
            if (mismatch && learning) {
                label = -1;
                add(x, clusters + 1);
                clusters++;
            }
            return label;
        }

        /** Makes room for {@code n} restored categories (their weights and labels are then read in). */
        void restore(int n) {
            int capacity = Math.max(n, 1);
            w = new double[capacity * dimComp];
            labels = new int[capacity];
            m = new double[capacity];
            me = new double[capacity];
            nw = new double[capacity];
            size = n;
        }

        private void add(double[] weights, int label) {
            if (size == cap) {
                // departure: at the cap, overwrite the oldest category but the first
                System.arraycopy(weights, 0, w, replaceNext * dimComp, dimComp);
                nw[replaceNext] = norm1(weights, 0, dimComp);
                labels[replaceNext] = label;
                replaceNext = replaceNext + 1 == cap ? 1 : replaceNext + 1;
                return;
            }
            if (size == labels.length) {
                int n = Math.min(cap, Math.max(16, 2 * size));
                w = Arrays.copyOf(w, n * dimComp);
                labels = Arrays.copyOf(labels, n);
                m = Arrays.copyOf(m, n);
                me = Arrays.copyOf(me, n);
                nw = Arrays.copyOf(nw, n);
            }
            System.arraycopy(weights, 0, w, size * dimComp, dimComp);
            nw[size] = norm1(weights, 0, dimComp);
            labels[size] = label;
            size++;
        }

        static double norm1(double[] weights, int from, int length) {
            double n = 0.0;
            for (int k = from; k < from + length; k++) {
                n += Math.abs(weights[k]);
            }
            return n;
        }

        private void activation(double[] x) {
            int ei = energyIndex;
            int last = dimComp - 1;
            for (int j = 0; j < size; j++) {
                int o = j * dimComp;
                // Inputs and weights lie in [0, 1], so |min| = min. Four running sums (as Julia's
                // SIMD sum reorders them), added pairwise at the end.
                double n0 = 0.0;
                double n1 = 0.0;
                double n2 = 0.0;
                double n3 = 0.0;
                for (int k = 0; k < dimComp; k += 4) {
                    n0 += Math.min(x[k], w[o + k]);
                    n1 += Math.min(x[k + 1], w[o + k + 1]);
                    n2 += Math.min(x[k + 2], w[o + k + 2]);
                    n3 += Math.min(x[k + 3], w[o + k + 3]);
                }
                double num = (n0 + n1) + (n2 + n3);
                double n = nw[j] == 0 ? 0.001 : nw[j];
                double fs = num / n;
                double es = (Math.abs(Math.min(x[ei], w[o + ei])) + Math.abs(Math.min(x[last], w[o + last])))
                        / (Math.abs(w[o + ei]) + Math.abs(w[o + last]));
                m[j] = (fs * fs * fs) * (es * es); // fs^3 * es^2 as Julia's literal powers
                me[j] = es;
            }
        }
    }
}
