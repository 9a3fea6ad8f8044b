package fr.territoires.ia.anomaly;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

/**
 * Reads what {@link SnapshotWriter} wrote, checking every read against the bytes left: a bad
 * snapshot gives an {@link IllegalArgumentException} naming the field and the rule it breaks, never
 * an index or allocation error (every count is bounded by the bytes that remain before anything is
 * allocated for it).
 *
 * <p>Not thread-safe: confine each instance to one thread.
 */
final class SnapshotReader {

    private final byte[] bytes;
    private int pos;
    private final int limit;

    SnapshotReader(byte[] bytes, int from, int limit) {
        this.bytes = bytes;
        this.pos = from;
        this.limit = limit;
    }

    static IllegalArgumentException bad(String message) {
        return new IllegalArgumentException("snapshot " + message);
    }

    int remaining() {
        return limit - pos;
    }

    private void need(int n, String field) {
        if (limit - pos < n) {
            throw bad("is truncated: " + field + " needs " + n + " more bytes, " + (limit - pos) + " left");
        }
    }

    int readByte(String field) {
        need(1, field);
        return bytes[pos++] & 0xFF;
    }

    boolean readBoolean(String field) {
        int b = readByte(field);
        if (b > 1) {
            throw bad(field + " must be 0 or 1, was " + b);
        }
        return b == 1;
    }

    private long readUnsigned(String field) {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readByte(field);
            if (shift == 63 && b > 1) {
                throw bad(field + " must be a variable-length integer of at most 64 bits, was longer");
            }
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw bad(field + " must be a variable-length integer of at most 10 bytes, was longer");
    }

    long readLong(String field) {
        long u = readUnsigned(field);
        return (u >>> 1) ^ -(u & 1);
    }

    /** A count in {@code [0, max]}. */
    long readCount(String field, long max) {
        long n = readUnsigned(field);
        if (n < 0 || n > max) {
            throw bad(field + " must be in [0, " + max + "], was " + Long.toUnsignedString(n));
        }
        return n;
    }

    /** An int in {@code [min, max]} (zigzag-coded). */
    int readInt(String field, int min, int max) {
        long v = readLong(field);
        if (v < min || v > max) {
            throw bad(field + " must be in [" + min + ", " + max + "], was " + v);
        }
        return (int) v;
    }

    /**
     * The count of items that follow, each taking at least {@code minBytesEach} bytes: bounded by
     * the bytes left, so that no allocation exceeds the snapshot's own size.
     */
    int readLength(String field, int max, int minBytesEach) {
        long n = readCount(field, max);
        if (n * minBytesEach > remaining()) {
            throw bad("is truncated or inconsistent: " + field + " announces " + n + " items of at least "
                    + minBytesEach + " bytes, " + remaining() + " bytes left");
        }
        return (int) n;
    }

    /** A count that must equal what the detector's options imply. */
    void expectLength(String field, int expected) {
        long n = readUnsigned(field);
        if (n != expected) {
            throw bad(field + " length must be " + expected + " for these options, was " + Long.toUnsignedString(n));
        }
    }

    long readFixedLong(String field) {
        need(8, field);
        long v = 0;
        for (int k = 0; k < 8; k++) {
            v = (v << 8) | (bytes[pos++] & 0xFF);
        }
        return v;
    }

    int readFixedInt(String field) {
        need(4, field);
        int v = 0;
        for (int k = 0; k < 4; k++) {
            v = (v << 8) | (bytes[pos++] & 0xFF);
        }
        return v;
    }

    double readDouble(String field) {
        return Double.longBitsToDouble(readFixedLong(field));
    }

    void readDoubles(String field, double[] into, int from, int n) {
        need(8 * n, field);
        for (int k = from; k < from + n; k++) {
            into[k] = readDouble(field);
        }
    }

    /** Reads {@link SnapshotWriter#writeDoublesTrimmed} into an array of the expected length. */
    void readDoublesTrimmed(String field, double[] into) {
        int n = (int) readCount(field, into.length);
        readDoubles(field, into, 0, n);
        java.util.Arrays.fill(into, n, into.length, 0.0);
    }

    /** Reads {@link SnapshotWriter#writeAscending}: at most {@code max} non-negative ascending longs. */
    long[] readAscending(String field, int max) {
        int n = readLength(field, max, 1);
        long[] out = new long[n];
        long previous = 0;
        for (int k = 0; k < n; k++) {
            long gap = readUnsigned(field);
            long v = previous + gap;
            if (gap < 0 || v < previous) {
                throw bad(field + " must be ascending non-negative integers, item " + k + " overflows");
            }
            out[k] = v;
            previous = v;
        }
        return out;
    }

    String readString(String field, int maxBytes) {
        int n = readLength(field, maxBytes, 1);
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, pos, n)).toString();
            pos += n;
            return s;
        } catch (CharacterCodingException e) {
            throw bad(field + " must be UTF-8 text, was not");
        }
    }

    /** Checks that every byte was read. */
    void end() {
        if (pos != limit) {
            throw bad("has " + (limit - pos) + " trailing bytes after its last field");
        }
    }
}
