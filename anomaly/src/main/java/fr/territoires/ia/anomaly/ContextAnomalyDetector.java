package fr.territoires.ia.anomaly;

import fr.territoires.ia.core.internal.Checks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * CAD OSE, the Contextual Anomaly Detector, Open Source Edition (M. Smirnov, 2016), reproduced in
 * Java: in NAB as {@code contextOSE}, the detector with the best low-false-positive score of the
 * published results.
 *
 * <p>The algorithm, as published (repository {@code smirmik/CAD}; the version NAB ran for its
 * published results is {@code numenta/NAB} at commit {@code a9853ca}:
 * {@code nab/detectors/context_ose/cad_ose.py}, {@code context_operator.py} and
 * {@code context_ose_detector.py}, read for the algorithm only; this is an independent
 * re-expression). A later edition in NAB offsets the value facts by 65536 and scores 0 when every
 * fact of the point was predicted; it does not give the published scores (36 of the 40 shared
 * files equal, standard score 70.2 instead of 71.4), so this class follows the published one:
 * <ol>
 *   <li>Each value is normalised to the range and cut into {@code 2^bits - 1} steps; the step
 *       number, written in binary, gives one <em>fact</em> per bit (its position and value).</li>
 *   <li>A <em>context</em> pairs a left semi-context (a set of facts: the previous point's facts
 *       and the contexts that were active then, as "neuron" facts) with a right semi-context (the
 *       facts of the point that followed). Zero-level contexts are the observed (previous,
 *       current) pairs; further contexts are made by crossing them with partial matches of the
 *       left part no longer than {@code maxLeftSemiContextsLength} facts.</li>
 *   <li>At each point the contexts whose left part matched the previous point are updated: they
 *       are credited with how much of their right part the new point holds; those fully matched
 *       become active, and the {@code maxActiveNeurons} most often active of them join the facts
 *       of the next left part. </li>
 *   <li>The point's anomaly is {@code (1 - active/selected + new/potential) / 2}: the share of
 *       the selected contexts that did not come true, plus the share of the potential new
 *       contexts that were really new. After a raw score reaches {@code baseThreshold} (0.75), the returned score
 *       stays 0 for a rest period ({@code probationaryPoints / 5} points, as NAB sets it).</li>
 * </ol>
 *
 * <p>Faithfulness. The port reproduces the reference's arithmetic and its orders where they change
 * results: contexts and semi-contexts are keyed by CPython 2's hash of their fact tuples, the
 * active contexts are ranked by (activations, left hash, right hash), and the right semi-contexts
 * of a left one are walked in the order of a CPython 2 dictionary (which decides the numbering of
 * new contexts, and so their facts). The context "0" is never updated, as in the reference (its
 * Python {@code False == 0} comparison). The published per-file scores on the 40 shared NAB files
 * are checked in CI (see the README).
 *
 * <p>Departures, none of which happens on NAB: a missing value ({@code NaN}) scores 0 and leaves
 * the state untouched (the reference fails); a value below the range is read as the range's
 * minimum (the reference writes a negative number's binary form, sign included); the number of
 * contexts is capped ({@link Options#maxContexts()}): at the cap no new context is stored and the
 * detector keeps scoring with those it has. The reference walks every semi-context at each point;
 * this port walks only those a fact of the point touches (same results), so a point costs time in
 * proportion to the contexts it touches, not to the whole memory.
 *
 * <p>Units: the score is in {@code [0, 1]}; values are in the stream's unit, read against the
 * range of {@link Options#withRange}. Timestamps are not used (arrival order only, as in NAB).
 * {@link #expected()}, {@link #lower()} and {@link #upper()} are {@code NaN}: the detector has no
 * expected value (the default {@link StreamDetector} adds a baseline for that).
 *
 * <p>Not thread-safe: confine each instance to one thread (one detector per stream).
 *
 * @since 0.2.0
 */
public final class ContextAnomalyDetector implements StreamingDetector {

    /** NAB's standard-profile threshold for contextOSE ({@code config/thresholds.json}). */
    public static final double PUBLISHED_STANDARD_THRESHOLD = 0.76552734375;

        private static final long NEURON_BASE = 1L << 31;
    private static final int MAX_BITS = 40;

    /**
     * Options of CAD OSE; {@link #defaults()} gives the published settings.
     *
     * @param min lower end of the value range, {@code NaN} until set
     * @param max upper end of the value range, {@code NaN} until set, at least {@code min}
     * @param probationaryPoints NAB's probationary period, at least 0; the rest period after a raw
     *     score above {@code baseThreshold} is {@code floor(probationaryPoints / 5)} points
     * @param threshold alarm threshold on the score, in {@code (0, 1]}
     * @param baseThreshold raw score that starts a rest period, in {@code (0, 1]}
     * @param maxLeftSemiContextsLength longest left part of a crossed context, at least 1
     * @param maxActiveNeurons active contexts fed back as facts, at least 1
     * @param numNormValueBits bits of the discretised value, 1 to 16
     * @param maxContexts cap on stored contexts, at least 1
     * @since 0.2.0
     */
    public record Options(double min, double max, int probationaryPoints, double threshold, double baseThreshold,
            int maxLeftSemiContextsLength, int maxActiveNeurons, int numNormValueBits, int maxContexts) {

        /**
         * Validates the options.
         *
         * @param min range minimum or NaN
         * @param max range maximum or NaN
         * @param probationaryPoints probationary period
         * @param threshold alarm threshold
         * @param baseThreshold rest-period threshold
         * @param maxLeftSemiContextsLength longest crossed left part
         * @param maxActiveNeurons neurons fed back
         * @param numNormValueBits bits per value
         * @param maxContexts context cap
         */
        public Options {
            if (Double.isNaN(min) != Double.isNaN(max)) {
                throw new IllegalArgumentException("min and max must both be set or both NaN, were " + min + " and "
                        + max);
            }
            if (!Double.isNaN(min)) {
                Checks.finite(min, "min");
                Checks.finite(max, "max");
                if (max < min) {
                    throw new IllegalArgumentException("max must be at least min, were " + min + " and " + max);
                }
            }
            Checks.atLeast(probationaryPoints, 0, "probationaryPoints");
            if (!(threshold > 0 && threshold <= 1)) {
                throw new IllegalArgumentException("threshold must be in (0, 1], was " + threshold);
            }
            if (!(baseThreshold > 0 && baseThreshold <= 1)) {
                throw new IllegalArgumentException("baseThreshold must be in (0, 1], was " + baseThreshold);
            }
            Checks.atLeast(maxLeftSemiContextsLength, 1, "maxLeftSemiContextsLength");
            Checks.atLeast(maxActiveNeurons, 1, "maxActiveNeurons");
            if (numNormValueBits < 1 || numNormValueBits > 16) {
                throw new IllegalArgumentException("numNormValueBits must be in [1, 16], was " + numNormValueBits);
            }
            Checks.atLeast(maxContexts, 1, "maxContexts");
        }

        /**
         * Returns the published settings (base threshold 0.75, left semi-contexts of at most 7
         * facts, 15 active neurons, 3 bits), NAB's standard threshold 0.7655, a probationary
         * period of 750 points, at most 1,000,000 contexts (about 150 MB), and no range: set one with
         * {@link #withRange}.
         *
         * @return the default options
         */
        public static Options defaults() {
            return new Options(Double.NaN, Double.NaN, 750, PUBLISHED_STANDARD_THRESHOLD, 0.75, 7, 15, 3, 1_000_000);
        }

        /**
         * Returns these options with a value range (NAB gives the file's minimum and maximum).
         *
         * @param newMin lower end, finite
         * @param newMax upper end, finite, at least {@code newMin}
         * @return new options
         */
        public Options withRange(double newMin, double newMax) {
            return new Options(newMin, newMax, probationaryPoints, threshold, baseThreshold,
                    maxLeftSemiContextsLength, maxActiveNeurons, numNormValueBits, maxContexts);
        }

        /**
         * Returns these options with another probationary period (and so rest period).
         *
         * @param points probationary points, at least 0
         * @return new options
         */
        public Options withProbationaryPoints(int points) {
            return new Options(min, max, points, threshold, baseThreshold, maxLeftSemiContextsLength,
                    maxActiveNeurons, numNormValueBits, maxContexts);
        }

        /**
         * Returns these options with another alarm threshold.
         *
         * @param newThreshold threshold on the score, in {@code (0, 1]}
         * @return new options
         */
        public Options withThreshold(double newThreshold) {
            return new Options(min, max, probationaryPoints, newThreshold, baseThreshold, maxLeftSemiContextsLength,
                    maxActiveNeurons, numNormValueBits, maxContexts);
        }

        /**
         * Returns these options with another cap on stored contexts.
         *
         * @param cap contexts kept at most, at least 1
         * @return new options
         */
        public Options withMaxContexts(int cap) {
            return new Options(min, max, probationaryPoints, threshold, baseThreshold, maxLeftSemiContextsLength,
                    maxActiveNeurons, numNormValueBits, cap);
        }
    }

    /** A semi-context: its facts' count, the facts of the current crossing, and (left) its contexts. */
    private static final class Semi {
        final int id;
        final int size;
        long[] matched = new long[4];
        int count;
        /** Left semi-contexts only: right semi-context id to context id, in CPython 2 dict order. */
        final PyIntDict contexts;

        Semi(int id, int size, boolean left) {
            this.id = id;
            this.size = size;
            this.contexts = left ? new PyIntDict() : null;
        }

        void add(long fact) {
            if (count == matched.length) {
                matched = Arrays.copyOf(matched, 2 * count);
            }
            matched[count++] = fact;
        }
    }

    /** A context: how often it was selected, credited, and fully active; its right facts. */
    private static final class Context {
        long selected;
        long credited;
        long active;
        final long[] rightFacts;
        boolean zeroLevel;
        final long leftHash;
        final long rightHash;

        Context(long[] rightFacts, boolean zeroLevel, long leftHash, long rightHash) {
            this.rightFacts = rightFacts;
            this.zeroLevel = zeroLevel;
            this.leftHash = leftHash;
            this.rightHash = rightHash;
        }
    }

    private final Options options;
    private final double minValueStep;
    private final double maxBinValue;
    private final int restPeriod;

    // Context memory (index 0: left, 1: right).
    private final List<Map<Long, List<Semi>>> factsDics = List.of(new HashMap<>(), new HashMap<>());
    private final List<Map<Long, Integer>> semiIds = List.of(new HashMap<>(), new HashMap<>());
    private final List<List<Semi>> semis = List.of(new ArrayList<>(), new ArrayList<>());
    private final List<List<Semi>> crossed = new ArrayList<>(List.of(new ArrayList<>(), new ArrayList<>()));
    private final List<Context> contexts = new ArrayList<>();
    /** The zero-level context created at this point, 0 when none (the reference's {@code False}). */
    private int newContextId;

    private long[] leftFactsGroup = new long[0];
    private final double[] restWindow;
    private int restCursor;
    private boolean capped;

    // Last point.
    private double outScore;
    private boolean outAlarm;

    private ContextAnomalyDetector(Options options) {
        this.options = options;
        this.maxBinValue = Math.pow(2, options.numNormValueBits()) - 1.0;
        double fullRange = options.max() - options.min();
        if (fullRange == 0.0) {
            fullRange = maxBinValue;
        }
        this.minValueStep = fullRange / maxBinValue;
        this.restPeriod = (int) (options.probationaryPoints() / 5.0);
        // The reference starts its history with one raw score of 1.0.
        this.restWindow = new double[Math.max(1, restPeriod)];
        restWindow[0] = 1.0;
        restCursor = 1 % restWindow.length;
    }

    /**
     * Creates a detector with no history.
     *
     * @param options detector options, with a range
     * @return a new detector
     * @throws IllegalArgumentException when no range is set
     */
    public static ContextAnomalyDetector create(Options options) {
        Checks.notNull(options, "options");
        if (Double.isNaN(options.min())) {
            throw new IllegalArgumentException("CAD OSE needs the value range: set Options.withRange(min, max) to the "
                    + "sensor's physical range or the range of its history (NAB gives the file's minimum and maximum)");
        }
        return new ContextAnomalyDetector(options);
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
     * Returns how many contexts the detector has stored.
     *
     * @return the number of contexts, at most {@link Options#maxContexts()}
     */
    public int contextCount() {
        return contexts.size();
    }

    @Override
    public double update(long epochMilli, double value) {
        outAlarm = false;
        outScore = 0;
        if (Double.isNaN(value)) {
            return 0;
        }
        long norm = (long) ((value - options.min()) / minValueStep);
        norm = Math.max(0, Math.min(norm, (1L << MAX_BITS) - 1));
        int bits = Math.max(options.numNormValueBits(), 64 - Long.numberOfLeadingZeros(norm));
        long[] sensor = new long[bits];
        for (int b = 0; b < bits; b++) {
            sensor[b] = 2L * b + ((norm >>> b) & 1L);
        }
        double[] step = step(sensor);
        double current = (1.0 - step[0] + step[1]) / 2.0;
        double recentMax = 0;
        if (restPeriod == 0) {
            recentMax = restWindow[0];
            restWindow[0] = Math.max(restWindow[0], current);
        } else {
            for (double r : restWindow) {
                recentMax = Math.max(recentMax, r);
            }
            restWindow[restCursor] = current;
            restCursor = (restCursor + 1) % restWindow.length;
        }
        double returned = recentMax < options.baseThreshold() ? current : 0.0;
        outScore = returned;
        outAlarm = returned >= options.threshold();
        return returned;
    }

    /** One step of the reference: returns {percentSelectedContextActive, percentAddedContextToUniqPotNew}. */
    private double[] step(long[] currSensFacts) {
        Set<FactPair> uniqPotNew = new HashSet<>();
        boolean newContextFlag = false;
        if (leftFactsGroup.length > 0 && currSensFacts.length > 0) {
            uniqPotNew.add(new FactPair(leftFactsGroup, currSensFacts));
            newContextFlag = zeroLevelContext(leftFactsGroup, currSensFacts);
        }
        // Right crossing, then the update of the contexts selected by the previous left crossing.
        cross(1, currSensFacts);
        List<long[]> active = new ArrayList<>();
        int[] selected = new int[1];
        List<FactPair> potNew = updateContextsAndGetActive(newContextFlag, active, selected);
        uniqPotNew.addAll(potNew);
        double pctActive = selected[0] > 0 ? active.size() / (double) selected[0] : 0.0;
        active.sort((x, y) -> {
            int c = Long.compare(x[1], y[1]);
            if (c != 0) {
                return c;
            }
            c = Long.compare(x[2], y[2]);
            return c != 0 ? c : Long.compare(x[3], y[3]);
        });
        int from = Math.max(0, active.size() - options.maxActiveNeurons());
        long[] group = new long[currSensFacts.length + active.size() - from];
        int g = 0;
        for (long f : currSensFacts) {
            group[g++] = f;
        }
        for (int i = from; i < active.size(); i++) {
            group[g++] = NEURON_BASE + active.get(i)[0];
        }
        Arrays.sort(group);
        leftFactsGroup = distinct(group);
        // Left crossing: store the potential new contexts, then predict.
        int numNew = potNew.isEmpty() ? 0 : addContexts(potNew);
        cross(0, leftFactsGroup);
        numNew += newContextFlag ? 1 : 0;
        double pctNew = newContextFlag && !uniqPotNew.isEmpty() ? numNew / (double) uniqPotNew.size() : 0.0;
        return new double[] {pctActive, pctNew};
    }

    private static long[] distinct(long[] sorted) {
        int n = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[n++] = sorted[i];
            }
        }
        return n == sorted.length ? sorted : Arrays.copyOf(sorted, n);
    }

    /** The reference's crossing of semi-contexts with the facts of a point (both sides). */
    private void cross(int side, long[] facts) {
        for (Semi s : crossed.get(side)) {
            s.count = 0;
        }
        List<Semi> touched = new ArrayList<>();
        Map<Long, List<Semi>> dic = factsDics.get(side);
        for (long fact : facts) {
            List<Semi> list = dic.get(fact);
            if (list == null) {
                continue;
            }
            for (Semi s : list) {
                if (s.count == 0) {
                    touched.add(s);
                }
                s.add(fact);
            }
        }
        touched.sort((a, b) -> Integer.compare(a.id, b.id));
        crossed.set(side, touched);
    }

    private List<FactPair> updateContextsAndGetActive(boolean newContextFlag, List<long[]> active, int[] selected) {
        List<FactPair> potential = new ArrayList<>();
        List<Semi> rights = semis.get(1);
        for (Semi left : crossed.get(0)) {
            PyIntDict d = left.contexts;
            for (int k = 0; k < d.slotCount(); k++) {
                if (!d.occupied(k)) {
                    continue;
                }
                int contextId = d.value(k);
                if (newContextId == contextId) {
                    continue;
                }
                Context c = contexts.get(contextId);
                Semi right = rights.get(d.key(k));
                if (left.size == left.count) {
                    selected[0]++;
                    c.selected += right.size;
                    if (right.count > 0) {
                        c.credited += right.count;
                        if (right.size == right.count) {
                            c.active++;
                            active.add(new long[] {contextId, c.active, c.leftHash, c.rightHash});
                        } else if (c.zeroLevel && newContextFlag && left.count <= options.maxLeftSemiContextsLength()) {
                            potential.add(new FactPair(Arrays.copyOf(left.matched, left.count),
                                    Arrays.copyOf(right.matched, right.count)));
                        }
                    }
                } else if (c.zeroLevel && newContextFlag && right.count > 0
                        && left.count <= options.maxLeftSemiContextsLength()) {
                    potential.add(new FactPair(Arrays.copyOf(left.matched, left.count),
                            Arrays.copyOf(right.matched, right.count)));
                }
            }
        }
        newContextId = 0;
        return potential;
    }

    /** The reference's {@code getContextByFacts} for one zero-level context: whether it is new. */
    private boolean zeroLevelContext(long[] left, long[] right) {
        int before = contexts.size();
        int id = context(left, right, true);
        if (id < 0) {
            return false;
        }
        if (id == before) {
            newContextId = id;
            return true;
        }
        contexts.get(id).zeroLevel = true;
        return false;
    }

    /** The reference's {@code getContextByFacts} for crossed contexts: how many were new. */
    private int addContexts(List<FactPair> pairs) {
        int added = 0;
        for (FactPair p : pairs) {
            int before = contexts.size();
            int id = context(p.left(), p.right(), false);
            if (id == before) {
                added++;
            }
        }
        return added;
    }

    /** Finds or stores the context of two fact tuples; -1 when it is new and the cap is reached. */
    private int context(long[] left, long[] right, boolean zeroLevel) {
        long leftHash = tupleHash(left);
        long rightHash = tupleHash(right);
        int leftId = semi(0, left, leftHash);
        int rightId = semi(1, right, rightHash);
        if (leftId < 0 || rightId < 0) {
            return -1;
        }
        PyIntDict d = semis.get(0).get(leftId).contexts;
        int existing = d.get(rightId);
        if (existing >= 0) {
            return existing;
        }
        if (contexts.size() >= options.maxContexts()) {
            capped = true;
            return -1;
        }
        int id = contexts.size();
        d.put(rightId, id);
        contexts.add(new Context(right.clone(), zeroLevel, leftHash, rightHash));
        return id;
    }

    private int semi(int side, long[] facts, long hash) {
        Integer id = semiIds.get(side).get(hash);
        if (id != null) {
            return id;
        }
        if (contexts.size() >= options.maxContexts()) {
            capped = true;
            return -1;
        }
        List<Semi> list = semis.get(side);
        Semi s = new Semi(list.size(), facts.length, side == 0);
        list.add(s);
        semiIds.get(side).put(hash, s.id);
        for (long f : facts) {
            factsDics.get(side).computeIfAbsent(f, k -> new ArrayList<>()).add(s);
        }
        return s.id;
    }

    /**
     * Tells whether the context cap was reached (then no new context is stored).
     *
     * @return whether the cap was reached
     */
    public boolean capped() {
        return capped;
    }

    /**
     * CPython 2's hash of a tuple of small integers (each integer hashes to itself; -1 to -2),
     * with C {@code long} overflow: the reference keys its semi-contexts and ranks its active
     * contexts by it.
     */
    static long tupleHash(long[] items) {
        long x = 0x345678L;
        long mult = 1000003L;
        int len = items.length;
        for (long item : items) {
            len--;
            long y = item == -1 ? -2 : item;
            x = (x ^ y) * mult;
            mult += 82520L + len + len;
        }
        x += 97531L;
        return x == -1 ? -2 : x;
    }

    /** Two fact tuples compared by content, as Python compares tuples in a set. */
    private record FactPair(long[] left, long[] right) {

        @Override
        public boolean equals(Object o) {
            return o instanceof FactPair p && Arrays.equals(left, p.left) && Arrays.equals(right, p.right);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(left) + Arrays.hashCode(right);
        }

        @Override
        public String toString() {
            return Arrays.toString(left) + "->" + Arrays.toString(right);
        }
    }

    /**
     * A dictionary of non-negative int keys to int values that keeps CPython 2.7's slot order
     * (open addressing with perturbation, resize to 4 times the used entries when two thirds full),
     * so that iterating it gives the reference's order.
     */
    static final class PyIntDict {
        private int[] keys = new int[8];
        private int[] values = new int[8];
        private boolean[] used = new boolean[8];
        private int size;

        int slotCount() {
            return keys.length;
        }

        /** Empties the table to {@code slots} slots (a power of two) for {@code entries} restored entries. */
        void restore(int slots, int entries) {
            keys = new int[slots];
            values = new int[slots];
            used = new boolean[slots];
            size = entries;
        }

        /** Puts a restored entry in its saved slot. */
        void set(int slot, int key, int value) {
            used[slot] = true;
            keys[slot] = key;
            values[slot] = value;
        }

        int size() {
            return size;
        }


        boolean occupied(int slot) {
            return used[slot];
        }

        int key(int slot) {
            return keys[slot];
        }

        int value(int slot) {
            return values[slot];
        }

        int get(int key) {
            int mask = keys.length - 1;
            long i = key & mask;
            long perturb = key;
            while (used[(int) (i & mask)]) {
                if (keys[(int) (i & mask)] == key) {
                    return values[(int) (i & mask)];
                }
                i = (i << 2) + i + perturb + 1;
                perturb >>>= 5;
            }
            return -1;
        }

        void put(int key, int value) {
            insert(key, value);
            size++;
            if (size * 3 >= keys.length * 2) {
                resize(4 * size);
            }
        }

        private void insert(int key, int value) {
            int mask = keys.length - 1;
            long i = key & mask;
            long perturb = key;
            while (used[(int) (i & mask)]) {
                i = (i << 2) + i + perturb + 1;
                perturb >>>= 5;
            }
            int slot = (int) (i & mask);
            used[slot] = true;
            keys[slot] = key;
            values[slot] = value;
        }

        private void resize(int minUsed) {
            int n = 8;
            while (n <= minUsed) {
                n <<= 1;
            }
            int[] oldKeys = keys;
            int[] oldValues = values;
            boolean[] oldUsed = used;
            keys = new int[n];
            values = new int[n];
            used = new boolean[n];
            for (int s = 0; s < oldKeys.length; s++) {
                if (oldUsed[s]) {
                    insert(oldKeys[s], oldValues[s]);
                }
            }
        }
    }

    /**
     * Writes the context memory and the last point's outputs (not the options, which the caller
     * saves): the layout is described in {@link DetectorSnapshots}. Each semi-context is saved as
     * its facts in ascending order (the order of every fact tuple the detector builds), from which
     * its key, its place in the fact index and the hashes and right facts of its contexts follow.
     */
    void writeState(SnapshotWriter out) {
        out.writeCount(contexts.size());
        for (Context c : contexts) {
            out.writeLong(c.selected);
            out.writeLong(c.credited);
            out.writeLong(c.active);
            out.writeBoolean(c.zeroLevel);
        }
        for (int side = 1; side >= 0; side--) {
            List<Semi> list = semis.get(side);
            long[][] facts = semiFacts(side);
            out.writeCount(list.size());
            for (int id = 0; id < list.size(); id++) {
                out.writeAscending(facts[id], facts[id].length);
                if (side == 0) {
                    PyIntDict d = list.get(id).contexts;
                    out.writeCount(Integer.numberOfTrailingZeros(d.slotCount()));
                    out.writeCount(d.size());
                    int previousSlot = -1;
                    for (int k = 0; k < d.slotCount(); k++) {
                        if (d.occupied(k)) {
                            out.writeCount(k - previousSlot - 1);
                            out.writeCount(d.key(k));
                            out.writeCount(d.value(k));
                            previousSlot = k;
                        }
                    }
                }
            }
        }
        for (int side = 0; side < 2; side++) {
            List<Semi> touched = crossed.get(side);
            out.writeCount(touched.size());
            for (Semi t : touched) {
                out.writeCount(t.id);
                out.writeCount(t.count);
                for (int k = 0; k < t.count; k++) {
                    out.writeLong(t.matched[k]);
                }
            }
        }
        out.writeCount(newContextId);
        out.writeAscending(leftFactsGroup, leftFactsGroup.length);
        out.writeCount(restWindow.length);
        out.writeDoubles(restWindow, 0, restWindow.length);
        out.writeCount(restCursor);
        out.writeBoolean(capped);
        out.writeDouble(outScore);
        out.writeBoolean(outAlarm);
    }

    /** The facts of each semi-context of a side, ascending, from the fact index. */
    private long[][] semiFacts(int side) {
        int n = semis.get(side).size();
        long[][] facts = new long[n][];
        int[] sizes = new int[n];
        for (Semi s : semis.get(side)) {
            facts[s.id] = new long[s.size];
        }
        for (Map.Entry<Long, List<Semi>> e : factsDics.get(side).entrySet()) {
            for (Semi s : e.getValue()) {
                facts[s.id][sizes[s.id]++] = e.getKey();
            }
        }
        for (long[] f : facts) {
            Arrays.sort(f);
        }
        return facts;
    }

    /** Reads what {@link #writeState} wrote into this new detector, created with the saved options. */
    void readState(SnapshotReader in) {
        int nContexts = in.readLength("context.contexts", options.maxContexts(), 4);
        long[][] counters = new long[nContexts][3];
        boolean[] zeroLevel = new boolean[nContexts];
        for (int c = 0; c < nContexts; c++) {
            counters[c][0] = in.readLong("context.selected");
            counters[c][1] = in.readLong("context.credited");
            counters[c][2] = in.readLong("context.active");
            zeroLevel[c] = in.readBoolean("context.zeroLevel");
        }
        int[] contextLeft = new int[nContexts];
        int[] contextRight = new int[nContexts];
        Arrays.fill(contextLeft, -1);
        long[][] rightFacts = null;
        long[][] hashes = new long[2][];
        for (int side = 1; side >= 0; side--) {
            String name = side == 0 ? "context.leftSemiContexts" : "context.rightSemiContexts";
            int n = in.readLength(name, Integer.MAX_VALUE - 8, side == 0 ? 3 : 1);
            List<Semi> list = semis.get(side);
            long[][] facts = new long[n][];
            hashes[side] = new long[n];
            for (int id = 0; id < n; id++) {
                facts[id] = in.readAscending(name + ".facts", Integer.MAX_VALUE - 8);
                long hash = tupleHash(facts[id]);
                if (semiIds.get(side).put(hash, id) != null) {
                    throw SnapshotReader.bad(name + " must be distinct, semi-context " + id + " repeats an earlier one");
                }
                hashes[side][id] = hash;
                Semi s = new Semi(id, facts[id].length, side == 0);
                list.add(s);
                for (long f : facts[id]) {
                    factsDics.get(side).computeIfAbsent(f, k -> new ArrayList<>()).add(s);
                }
                if (side == 0) {
                    readDict(in, s.contexts, hashes[1].length, contextLeft, contextRight, id);
                }
            }
            if (side == 1) {
                rightFacts = facts;
            }
        }
        for (int c = 0; c < nContexts; c++) {
            if (contextLeft[c] < 0) {
                throw SnapshotReader.bad("context " + c + " must belong to one left semi-context, belongs to none");
            }
            Context ctx = new Context(rightFacts[contextRight[c]].clone(), zeroLevel[c], hashes[0][contextLeft[c]],
                    hashes[1][contextRight[c]]);
            ctx.selected = counters[c][0];
            ctx.credited = counters[c][1];
            ctx.active = counters[c][2];
            contexts.add(ctx);
        }
        for (int side = 0; side < 2; side++) {
            String name = side == 0 ? "context.leftCrossing" : "context.rightCrossing";
            List<Semi> list = semis.get(side);
            int n = in.readLength(name, list.size(), 2);
            List<Semi> touched = new ArrayList<>(n);
            int previous = -1;
            for (int k = 0; k < n; k++) {
                int id = (int) in.readCount(name + ".id", list.size() - 1L);
                if (id <= previous) {
                    throw SnapshotReader.bad(name + " ids must be ascending, was " + id + " after " + previous);
                }
                previous = id;
                Semi s = list.get(id);
                int count = in.readLength(name + ".count", Integer.MAX_VALUE - 8, 1);
                if (count < 1) {
                    throw SnapshotReader.bad(name + ".count must be >= 1, was 0");
                }
                s.matched = new long[Math.max(4, count)];
                for (int f = 0; f < count; f++) {
                    s.matched[f] = in.readLong(name + ".facts");
                }
                s.count = count;
                touched.add(s);
            }
            crossed.set(side, touched);
        }
        newContextId = (int) in.readCount("context.newContextId", Math.max(0, nContexts - 1L));
        leftFactsGroup = in.readAscending("context.leftFacts", Integer.MAX_VALUE - 8);
        in.expectLength("context.restWindow", restWindow.length);
        in.readDoubles("context.restWindow", restWindow, 0, restWindow.length);
        restCursor = (int) in.readCount("context.restCursor", restWindow.length - 1L);
        capped = in.readBoolean("context.capped");
        outScore = in.readDouble("context.lastPoint.score");
        outAlarm = in.readBoolean("context.lastPoint.alarm");
    }

    /** Reads one left semi-context's dictionary of right semi-context to context, slot by slot. */
    private static void readDict(SnapshotReader in, PyIntDict d, int nRight, int[] contextLeft, int[] contextRight,
            int leftId) {
        int log2 = (int) in.readCount("context.dict.log2Slots", 30);
        int slots = 1 << log2;
        int size = in.readLength("context.dict.size", Integer.MAX_VALUE, 3);
        // CPython's table: at least 8 slots, less than two thirds used, at most 8 slots per entry.
        if (slots < 8 || size * 3L >= slots * 2L || (slots > 8 && slots > 8L * size)) {
            throw SnapshotReader.bad("context.dict of left semi-context " + leftId + " must have 8 or more slots, "
                    + "at most 8 per entry and under two thirds used, was " + slots + " slots for " + size + " entries");
        }
        d.restore(slots, size);
        int slot = -1;
        for (int e = 0; e < size; e++) {
            if (nRight == 0 || contextLeft.length == 0) {
                throw SnapshotReader.bad("context.dict entry must name an existing right semi-context and context, "
                        + "there are " + nRight + " and " + contextLeft.length);
            }
            slot += 1 + (int) in.readCount("context.dict.slotGap", Math.max(0, slots - 2L - slot));
            if (slot >= slots) {
                throw SnapshotReader.bad("context.dict slot must be below " + slots + ", was " + slot);
            }
            int key = (int) in.readCount("context.dict.key", nRight - 1L);
            int value = (int) in.readCount("context.dict.value", contextLeft.length - 1L);
            if (contextLeft[value] >= 0) {
                throw SnapshotReader.bad("context " + value + " must belong to one left semi-context, belongs to "
                        + contextLeft[value] + " and " + leftId);
            }
            contextLeft[value] = leftId;
            contextRight[value] = key;
            d.set(slot, key, value);
        }
    }

    @Override
    public boolean alarm() {
        return outAlarm;
    }

    @Override
    public double expected() {
        return Double.NaN;
    }

    @Override
    public double lower() {
        return Double.NaN;
    }

    @Override
    public double upper() {
        return Double.NaN;
    }

    @Override
    public String reason() {
        return outAlarm ? String.format(Locale.ROOT, "sequence of values never seen on this stream (CAD OSE score %.2f)",
                outScore) : "";
    }

    /**
     * Returns the reason of the last alarm in French.
     *
     * @return the French reason, empty when the last point raised no alarm
     */
    public String reasonFr() {
        return outAlarm ? String.format(Locale.ROOT, "enchaînement de valeurs jamais vu sur ce flux (score CAD OSE %.2f)",
                outScore).replace("0.", "0,") : "";
    }
}
