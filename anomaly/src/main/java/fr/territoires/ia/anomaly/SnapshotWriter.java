package fr.territoires.ia.anomaly;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes the primitive fields of a detector snapshot into a growing byte array: counts and
 * integers as variable-length integers (7 bits a byte, signed ones zigzag-coded), doubles as their
 * 8 raw IEEE 754 bytes, big-endian, so that a restored value is bit for bit the saved one.
 *
 * <p>Not thread-safe: confine each instance to one thread.
 */
final class SnapshotWriter {

    private byte[] bytes = new byte[256];
    private int size;

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }

    void writeByte(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
    }

    void writeBoolean(boolean b) {
        writeByte(b ? 1 : 0);
    }

    /** A non-negative integer, 1 to 10 bytes. */
    void writeCount(long n) {
        if (n < 0) {
            throw new IllegalStateException("count must be >= 0, was " + n);
        }
        writeUnsigned(n);
    }

    /** Any long, zigzag-coded so that small magnitudes take few bytes. */
    void writeLong(long v) {
        writeUnsigned((v << 1) ^ (v >> 63));
    }

    private void writeUnsigned(long v) {
        ensure(10);
        long rest = v;
        while ((rest & ~0x7FL) != 0) {
            bytes[size++] = (byte) ((rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        bytes[size++] = (byte) rest;
    }

    /** The 8 raw bytes of the double ({@link Double#doubleToRawLongBits}), big-endian. */
    void writeDouble(double d) {
        writeFixedLong(Double.doubleToRawLongBits(d));
    }

    void writeFixedLong(long bits) {
        ensure(8);
        for (int k = 7; k >= 0; k--) {
            bytes[size++] = (byte) (bits >>> (8 * k));
        }
    }

    void writeFixedInt(int v) {
        ensure(4);
        for (int k = 3; k >= 0; k--) {
            bytes[size++] = (byte) (v >>> (8 * k));
        }
    }

    /** {@code n} doubles from {@code from}, without their count (the reader knows it). */
    void writeDoubles(double[] values, int from, int n) {
        for (int k = from; k < from + n; k++) {
            writeDouble(values[k]);
        }
    }

    /** An array whose tail is often {@code +0.0}: the count of leading values up to the last non-zero, then them. */
    void writeDoublesTrimmed(double[] values) {
        int n = values.length;
        while (n > 0 && Double.doubleToRawLongBits(values[n - 1]) == 0L) {
            n--;
        }
        writeCount(n);
        writeDoubles(values, 0, n);
    }

    /** Ascending non-negative longs: count, first value, then the gaps. */
    void writeAscending(long[] values, int n) {
        writeCount(n);
        long previous = 0;
        for (int k = 0; k < n; k++) {
            writeCount(values[k] - previous);
            previous = values[k];
        }
    }

    void writeString(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        writeCount(utf8.length);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, bytes, size, utf8.length);
        size += utf8.length;
    }

    int size() {
        return size;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }
}
