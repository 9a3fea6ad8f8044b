package fr.territoires.ia.anomaly;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * The snapshot format of the streaming detectors: the frame (magic number, format version,
 * detector kind, algorithm, checksum) and the options; each detector writes and reads its own
 * state. The layout is documented on {@link StreamDetector#restore(byte[])}.
 *
 * <p>Instances are immutable and safe for concurrent use (static methods only).
 */
final class DetectorSnapshots {

    /** {@code "TIAS"}: Territoires IA snapshot. */
    static final int MAGIC = 0x54494153;
    /** The format written; the only one read. */
    static final int VERSION = 1;
    /** Detector kind: {@link StreamDetector}. */
    static final int KIND_STREAM_DETECTOR = 1;
    /** Magic, version, kind, algorithm. */
    static final int HEADER_BYTES = 7;
    static final int CHECKSUM_BYTES = 4;
    private static final int MAX_ZONE_BYTES = 128;

    private DetectorSnapshots() {
    }

    static byte[] write(StreamDetector detector) {
        SnapshotWriter out = new SnapshotWriter();
        StreamDetector.Options o = detector.options();
        out.writeFixedInt(MAGIC);
        out.writeByte(VERSION);
        out.writeByte(KIND_STREAM_DETECTOR);
        out.writeByte(o.algorithm().ordinal());
        out.writeString(o.zone().getId());
        out.writeDouble(o.min());
        out.writeDouble(o.max());
        out.writeCount(o.probationaryPoints());
        out.writeDouble(o.threshold());
        out.writeBoolean(o.flatline());
        detector.writeState(out);
        byte[] body = out.toByteArray();
        out.writeFixedInt(crc(body, body.length));
        return out.toByteArray();
    }

    static StreamDetector read(byte[] snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        int n = snapshot.length;
        if (n < HEADER_BYTES + CHECKSUM_BYTES) {
            throw SnapshotReader.bad("must hold at least " + (HEADER_BYTES + CHECKSUM_BYTES) + " bytes, was " + n);
        }
        SnapshotReader header = new SnapshotReader(snapshot, 0, HEADER_BYTES);
        int magic = header.readFixedInt("magic");
        if (magic != MAGIC) {
            throw SnapshotReader.bad(String.format(Locale.ROOT, "must start with the magic number 0x%08X (\"TIAS\"), "
                    + "was 0x%08X: not a detector snapshot", MAGIC, magic));
        }
        int version = header.readByte("version");
        if (version != VERSION) {
            throw SnapshotReader.bad("format version must be " + VERSION + ", was " + version
                    + (version > VERSION ? " (written by a newer version of the library)" : ""));
        }
        int kind = header.readByte("kind");
        if (kind != KIND_STREAM_DETECTOR) {
            throw SnapshotReader.bad("detector kind must be " + KIND_STREAM_DETECTOR + " (StreamDetector), was " + kind);
        }
        int algorithm = header.readByte("algorithm");
        StreamDetector.Algorithm[] algorithms = StreamDetector.Algorithm.values();
        if (algorithm >= algorithms.length) {
            throw SnapshotReader.bad("algorithm must be in [0, " + (algorithms.length - 1) + "], was " + algorithm);
        }
        int stored = new SnapshotReader(snapshot, n - CHECKSUM_BYTES, n).readFixedInt("checksum");
        int computed = crc(snapshot, n - CHECKSUM_BYTES);
        if (stored != computed) {
            throw SnapshotReader.bad(String.format(Locale.ROOT, "checksum must match its content, was 0x%08X for "
                    + "content of CRC-32 0x%08X: corrupted or truncated", stored, computed));
        }
        SnapshotReader in = new SnapshotReader(snapshot, HEADER_BYTES, n - CHECKSUM_BYTES);
        StreamDetector.Options options = readOptions(in, algorithms[algorithm]);
        if (!Double.isNaN(options.min())) {
            checkSourceFits(options, in.remaining());
        }
        StreamDetector detector = StreamDetector.create(options);
        detector.readState(in);
        in.end();
        return detector;
    }

    private static StreamDetector.Options readOptions(SnapshotReader in, StreamDetector.Algorithm algorithm) {
        String zoneId = in.readString("options.zone", MAX_ZONE_BYTES);
        ZoneId zone;
        try {
            zone = ZoneId.of(zoneId);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("snapshot options.zone must be a known zone id, was \"" + zoneId + "\"",
                    e);
        }
        double min = in.readDouble("options.min");
        double max = in.readDouble("options.max");
        int probation = (int) in.readCount("options.probationaryPoints", Integer.MAX_VALUE);
        double threshold = in.readDouble("options.threshold");
        boolean flatline = in.readBoolean("options.flatline");
        try {
            return new StreamDetector.Options(zone, algorithm, min, max, probation, threshold, flatline);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("snapshot options are invalid: " + e.getMessage(), e);
        }
    }

    /**
     * Checks, before an alarm source is created for these options, that the state it would
     * allocate in proportion to the probationary period is present in the bytes left, so that a
     * forged period cannot exhaust memory.
     */
    static void checkSourceFits(StreamDetector.Options options, int remaining) {
        long p = options.probationaryPoints();
        long doubles;
        if (options.algorithm() == StreamDetector.Algorithm.CONTEXT) {
            doubles = p / 5; // the rest window
        } else {
            ArtimeDetector.Options d = ArtimeDetector.Options.defaults();
            long even = Math.max(14, p) & ~1L;
            doubles = Math.max(1, even / ((long) d.window() * d.windowsPerProbation())); // the downsampling window
        }
        if (8 * doubles > remaining) {
            throw SnapshotReader.bad("options.probationaryPoints " + p + " must agree with the size of the snapshot: "
                    + "it implies at least " + 8 * doubles + " bytes of state, " + remaining + " bytes left");
        }
    }

    static int crc(byte[] bytes, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }
}
