package fr.territoires.ia.anomaly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import fr.territoires.ia.anomaly.evaluation.NabCorpus;
import fr.territoires.ia.core.TimeSeries;
import fr.territoires.ia.core.synthetic.WaterMeterSimulator;
import fr.territoires.ia.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Snapshot and restore of {@link StreamDetector}: a detector restored from a snapshot and fed the
 * rest of a stream gives, bit for bit, what the uninterrupted detector gives; bad snapshots are
 * refused with an {@link IllegalArgumentException} naming the rule broken.
 */
class StreamDetectorSnapshotTest {

    /** The outputs of one point, compared bit for bit. */
    private record Out(long score, boolean alarm, long expected, long lower, long upper, String reason,
            String reasonFr) {

        /**
         * The reasons are read on alarms and on every twentieth point (a non-alarm's reason is
         * empty or "missing value": formatting it at every point would dominate the test's time).
         */
        static Out of(StreamDetector d, double score, int index) {
            boolean read = d.alarm() || index % 20 == 0;
            return new Out(Double.doubleToRawLongBits(score), d.alarm(), Double.doubleToRawLongBits(d.expected()),
                    Double.doubleToRawLongBits(d.lower()), Double.doubleToRawLongBits(d.upper()),
                    read ? d.reason() : "", read ? d.reasonFr() : "");
        }
    }

    /**
     * Runs the series uninterrupted, snapshotting at every split point (the snapshot must not
     * disturb the detector), then restores each snapshot, checks that re-snapshotting the
     * restored detector gives the same bytes, and continues it to the end: every later point must
     * equal the uninterrupted run.
     *
     * @return the size of the snapshot at the end of the series, in bytes
     */
    private static int checkSplits(TimeSeries s, StreamDetector.Options options, int[] splits, String label) {
        StreamDetector reference = StreamDetector.create(options);
        Out[] expected = new Out[s.size()];
        byte[][] snapshots = new byte[splits.length][];
        int alarms = 0;
        for (int i = 0; i < s.size(); i++) {
            for (int k = 0; k < splits.length; k++) {
                if (splits[k] == i) {
                    snapshots[k] = reference.snapshot();
                    assertArrayEquals(snapshots[k], reference.snapshot(), label + ": two snapshots without update");
                }
            }
            expected[i] = Out.of(reference, reference.update(s.epochMilli(i), s.value(i)), i);
            alarms += expected[i].alarm() ? 1 : 0;
        }
        for (int k = 0; k < splits.length; k++) {
            StreamDetector restored = StreamDetector.restore(snapshots[k]);
            assertArrayEquals(snapshots[k], restored.snapshot(), label + ": restored then snapshot at " + splits[k]);
            assertEquals(options, restored.options());
            for (int i = splits[k]; i < s.size(); i++) {
                Out got = Out.of(restored, restored.update(s.epochMilli(i), s.value(i)), i);
                if (!got.equals(expected[i])) {
                    fail(label + ": restored at point " + splits[k] + ", point " + i + " differs: " + got + " instead of "
                            + expected[i]);
                }
            }
        }
        // Guard against a vacuous comparison: the runs must have raised alarms somewhere overall.
        ALARMS[0] += alarms;
        // Cost of a round trip at the end of the stream (reported, not asserted: wall clock).
        byte[] last = reference.snapshot();
        long t0 = System.nanoTime();
        for (int r = 0; r < ROUND_TRIPS; r++) {
            last = reference.snapshot();
        }
        long t1 = System.nanoTime();
        for (int r = 0; r < ROUND_TRIPS; r++) {
            StreamDetector.restore(last);
        }
        NANOS[0] += t1 - t0;
        NANOS[1] += System.nanoTime() - t1;
        NANOS[2] += ROUND_TRIPS;
        return last.length;
    }

    private static final int ROUND_TRIPS = 10;
    private static final long[] ALARMS = new long[1];
    /** Nanoseconds spent in snapshot() and in restore(), and the number of each. */
    private static final long[] NANOS = new long[3];

    private static int[] splits(int n, int probation) {
        TreeSet<Integer> at = new TreeSet<>();
        for (int p : new int[] {probation / 2, probation + 1, (3 * n) / 4}) {
            if (p >= 0 && p < n) {
                at.add(p);
            }
        }
        return at.stream().mapToInt(Integer::intValue).toArray();
    }

    private static NabCorpus corpus;

    private static synchronized NabCorpus corpus() throws IOException {
        if (corpus == null) {
            corpus = NabCorpus.load(SharedData.resolve("anomaly/nab"));
        }
        return corpus;
    }

    /** CAD OSE costs more per point: the split check runs on these NAB files for it. */
    private static final List<String> CONTEXT_FILES = List.of("realAdExchange/exchange-3_cpm_results.csv",
            "realTraffic/speed_7578.csv", "realKnownCause/rogue_agent_key_hold.csv",
            "realAWSCloudwatch/ec2_cpu_utilization_c6585a.csv");

    @ParameterizedTest
    @EnumSource(StreamDetector.Algorithm.class)
    void restore_nabFilesSplitAnywhere_continuesBitForBitAndReportsSizes(StreamDetector.Algorithm algorithm)
            throws IOException {
        NabCorpus c = corpus();
        assertEquals(40, c.files().size());
        ALARMS[0] = 0;
        Arrays.fill(NANOS, 0);
        List<Integer> learntSizes = new ArrayList<>();
        List<Integer> givenSizes = new ArrayList<>();
        StringBuilder table = new StringBuilder("| file | points | learnt range: bytes | given range: bytes |\n"
                + "|---|---:|---:|---:|\n");
        boolean artime = algorithm == StreamDetector.Algorithm.ARTIME;
        int checked = 0;
        for (int f = 0; f < c.files().size(); f++) {
            NabCorpus.DataFile file = c.files().get(f);
            // ARTime: every file; CAD OSE: the four files above.
            boolean split = artime || CONTEXT_FILES.contains(file.name());
            if (!artime && !split) {
                continue;
            }
            TimeSeries s = file.series();
            StreamDetector.Options base = StreamDetector.Options.defaults().withZone(ZoneOffset.UTC)
                    .withAlgorithm(algorithm);
            // Learnt range: the default 750 probationary points, so that a split falls in the buffer.
            StreamDetector.Options given = base.fittedTo(s);
            int learnt = checkSplits(s, base, split ? splits(s.size(), base.probationaryPoints()) : new int[0],
                    file.name() + " learnt");
            int fitted = checkSplits(s, given, split ? splits(s.size(), given.probationaryPoints()) : new int[0],
                    file.name() + " given");
            checked += split ? 1 : 0;
            learntSizes.add(learnt);
            givenSizes.add(fitted);
            table.append("| ").append(file.name()).append(" | ").append(s.size()).append(" | ").append(learnt)
                    .append(" | ").append(fitted).append(" |\n");
        }
        assertEquals(artime ? 40 : CONTEXT_FILES.size(), checked);
        assertTrue(ALARMS[0] > 0, "the compared runs must raise alarms");
        String report = String.format(Locale.ROOT, "# %s snapshot sizes at the end of the NAB files (bytes)%n%n"
                + "Learnt range: median %d, max %d; given range (fittedTo): median %d, max %d; %d files.%n"
                + "Mean time at the end of a file: snapshot() %.0f µs, restore() %.0f µs.%n%n%s",
                algorithm, median(learntSizes), max(learntSizes), median(givenSizes), max(givenSizes),
                learntSizes.size(), NANOS[0] / 1e3 / NANOS[2], NANOS[1] / 1e3 / NANOS[2], table);
        System.out.println(report);
        Files.writeString(Path.of("target", "snapshot-sizes-" + algorithm.name().toLowerCase(Locale.ROOT) + ".md"),
                report, StandardCharsets.UTF_8);
    }

    private static int median(List<Integer> v) {
        List<Integer> s = new ArrayList<>(v);
        s.sort(null);
        return s.get(s.size() / 2);
    }

    private static int max(List<Integer> v) {
        return v.stream().mapToInt(Integer::intValue).max().orElseThrow();
    }

    private static TimeSeries leakyMeter(long seed) {
        return WaterMeterSimulator.simulate(WaterMeterSimulator.Options.defaults().withHours(24 * 7 * 6)
                .withLeak(24 * 7 * 4, 150).withMissingRate(0.01).withSeed(seed));
    }

    @ParameterizedTest
    @EnumSource(StreamDetector.Algorithm.class)
    void restore_simulatedMeterSplitAnywhere_continuesBitForBit(StreamDetector.Algorithm algorithm) {
        // CAD OSE costs more per point: one simulated meter for it, two for ARTime.
        long seeds = algorithm == StreamDetector.Algorithm.ARTIME ? 2 : 1;
        for (long seed = 1; seed <= seeds; seed++) {
            TimeSeries s = leakyMeter(seed);
            StreamDetector.Options base = StreamDetector.Options.defaults().withAlgorithm(algorithm)
                    .withProbationaryPoints(200);
            int[] at = algorithm == StreamDetector.Algorithm.ARTIME
                    ? new int[] {0, 1, 7, 99, 199, 200, 201, s.size() / 2, s.size() - 1}
                    : new int[] {1, 99, 200, 201, s.size() - 1};
            checkSplits(s, base, at, "meter " + seed + " learnt");
            checkSplits(s, base.withRange(0, 1000), at, "meter " + seed + " given");
        }
    }

    @ParameterizedTest
    @EnumSource(StreamDetector.Algorithm.class)
    void restore_afterEveryFewPoints_equalsNeverStopped(StreamDetector.Algorithm algorithm) {
        // As a streaming engine does: the state goes to a store and back between micro-batches.
        TimeSeries s = leakyMeter(11);
        StreamDetector.Options options = StreamDetector.Options.defaults().withAlgorithm(algorithm)
                .withProbationaryPoints(150);
        StreamDetector uninterrupted = StreamDetector.create(options);
        StreamDetector restarted = StreamDetector.create(options);
        int alarms = 0;
        for (int i = 0; i < s.size(); i++) {
            if (i % 37 == 0) {
                restarted = StreamDetector.restore(restarted.snapshot());
            }
            Out a = Out.of(uninterrupted, uninterrupted.update(s.epochMilli(i), s.value(i)), 0);
            Out b = Out.of(restarted, restarted.update(s.epochMilli(i), s.value(i)), 0);
            assertEquals(a, b, "point " + i);
            alarms += a.alarm() ? 1 : 0;
        }
        assertTrue(alarms > 0, "the leak must raise alarms, raised none");
        assertArrayEquals(uninterrupted.snapshot(), restarted.snapshot());
    }

    @Test
    void snapshot_learningDetector_isSmallerThanStartedOne() {
        TimeSeries s = leakyMeter(3);
        StreamDetector d = StreamDetector.create(StreamDetector.Options.defaults().withProbationaryPoints(300));
        int empty = d.snapshot().length;
        for (int i = 0; i < 100; i++) {
            d.update(s.epochMilli(i), s.value(i));
        }
        int buffering = d.snapshot().length;
        for (int i = 100; i < s.size(); i++) {
            d.update(s.epochMilli(i), s.value(i));
        }
        int started = d.snapshot().length;
        assertTrue(empty < buffering && buffering < started, empty + " < " + buffering + " < " + started);
    }

    // ---- bad snapshots ----

    private static byte[] sample(StreamDetector.Algorithm algorithm, int points) {
        TimeSeries s = leakyMeter(5);
        StreamDetector d = StreamDetector.create(StreamDetector.Options.defaults().withAlgorithm(algorithm)
                .withProbationaryPoints(100));
        for (int i = 0; i < points; i++) {
            d.update(s.epochMilli(i), s.value(i));
        }
        return d.snapshot();
    }

    /** Rewrites the checksum, as a forger would: the structural checks must then catch the damage. */
    private static byte[] resign(byte[] b) {
        byte[] out = b.clone();
        int crc = DetectorSnapshots.crc(out, out.length - 4);
        for (int k = 0; k < 4; k++) {
            out[out.length - 4 + k] = (byte) (crc >>> (8 * (3 - k)));
        }
        return out;
    }

    private static String refused(byte[] b) {
        return assertThrows(IllegalArgumentException.class, () -> StreamDetector.restore(b)).getMessage();
    }

    @Test
    void restore_null_throwsNullPointer() {
        assertThrows(NullPointerException.class, () -> StreamDetector.restore(null));
    }

    @Test
    void restore_everyTruncation_isRefused() {
        byte[] full = sample(StreamDetector.Algorithm.ARTIME, 300);
        for (int n = 0; n < full.length; n++) {
            String m = refused(Arrays.copyOf(full, n));
            assertTrue(m.startsWith("snapshot "), m);
        }
        assertTrue(refused(new byte[3]).contains("at least 11 bytes"));
        assertTrue(refused(Arrays.copyOf(full, full.length - 1)).contains("checksum"));
    }

    @Test
    void restore_wrongMagicVersionKindAlgorithm_namesTheRule() {
        byte[] good = sample(StreamDetector.Algorithm.ARTIME, 50);
        byte[] b = good.clone();
        b[0] = 'X';
        assertTrue(refused(b).contains("magic number 0x54494153"), refused(b));
        b = good.clone();
        b[4] = 2;
        assertTrue(refused(b).contains("format version must be 1, was 2"), refused(b));
        b = good.clone();
        b[5] = 9;
        assertTrue(refused(b).contains("detector kind must be 1"), refused(b));
        b = good.clone();
        b[6] = 7;
        assertTrue(refused(b).contains("algorithm must be in [0, 1], was 7"), refused(b));
    }

    @Test
    void restore_flippedBit_isCaughtByTheChecksum() {
        byte[] good = sample(StreamDetector.Algorithm.CONTEXT, 400);
        for (int k = 7; k < good.length; k += Math.max(1, good.length / 200)) {
            byte[] b = good.clone();
            b[k] ^= 0x10;
            assertTrue(refused(b).contains("checksum"), "byte " + k);
        }
    }

    @Test
    void restore_trailingBytes_isRefused() {
        byte[] good = sample(StreamDetector.Algorithm.ARTIME, 50);
        byte[] longer = Arrays.copyOf(good, good.length + 3);
        System.arraycopy(good, good.length - 4, longer, longer.length - 4, 4);
        longer[good.length - 4] = 0;
        longer[good.length - 3] = 0;
        longer[good.length - 2] = 0;
        assertTrue(refused(resign(longer)).contains("3 trailing bytes"), refused(resign(longer)));
    }

    @Test
    void restore_forgedProbationaryPeriod_isRefusedWithoutAllocating() {
        // A snapshot of a detector with a given range, its probationary period forged to 2^31 - 1.
        StreamDetector d = StreamDetector.create(StreamDetector.Options.defaults().withRange(0, 10)
                .withAlgorithm(StreamDetector.Algorithm.CONTEXT).withZone(ZoneOffset.UTC));
        byte[] good = d.snapshot();
        // Header (7), zone "Z" (1 + 1), min and max (16): the period's varint starts at byte 25.
        assertEquals(750, (good[25] & 0x7F) | ((good[26] & 0x7F) << 7));
        byte[] forged = new byte[good.length + 3];
        System.arraycopy(good, 0, forged, 0, 25);
        forged[25] = (byte) 0xFF;
        forged[26] = (byte) 0xFF;
        forged[27] = (byte) 0xFF;
        forged[28] = (byte) 0xFF;
        forged[29] = 0x07;
        System.arraycopy(good, 27, forged, 30, good.length - 27);
        String m = refused(resign(forged));
        assertTrue(m.contains("probationaryPoints 2147483647 must agree with the size of the snapshot"), m);
    }

    @ParameterizedTest
    @EnumSource(StreamDetector.Algorithm.class)
    void restore_forgedBytesWithValidChecksum_throwsIllegalArgumentOrKeepsWorking(StreamDetector.Algorithm algorithm) {
        byte[] good = sample(algorithm, 600);
        TimeSeries meter = leakyMeter(5);
        SplittableRandom random = new SplittableRandom(17);
        int refusedCount = 0;
        int trials = algorithm == StreamDetector.Algorithm.ARTIME ? 2000 : 1000;
        for (int t = 0; t < trials; t++) {
            byte[] b = good.clone();
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                int k = 7 + random.nextInt(b.length - 11);
                b[k] = random.nextBoolean() ? (byte) random.nextInt(256) : (byte) (b[k] ^ (1 << random.nextInt(8)));
            }
            try {
                StreamDetector restored = StreamDetector.restore(resign(b));
                // What was accepted must keep working (forged doubles give odd numbers, not failures).
                for (int i = 600; i < 700; i++) {
                    restored.update(meter.epochMilli(i), meter.value(i));
                    restored.reason();
                }
            } catch (IllegalArgumentException expected) {
                assertTrue(expected.getMessage().startsWith("snapshot "), expected.getMessage());
                refusedCount++;
            } catch (RuntimeException | Error other) {
                throw new AssertionError("trial " + t + ": " + other, other);
            }
        }
        // Most edits land in doubles (any bit pattern is a double); those in counts and indices are refused.
        assertTrue(refusedCount > 0 && refusedCount < trials, refusedCount + " of " + trials + " refused");
        System.out.printf(Locale.ROOT, "%s: %d of %d forged snapshots refused, the others restored%n", algorithm,
                refusedCount, trials);
    }

    @Test
    void restore_unknownZone_isRefused() {
        StreamDetector d = StreamDetector.create(StreamDetector.Options.defaults().withZone(ZoneOffset.UTC));
        byte[] b = d.snapshot();
        assertEquals('Z', b[8]);
        b[8] = 'Q';
        assertTrue(refused(resign(b)).contains("options.zone must be a known zone id, was \"Q\""));
    }
}
