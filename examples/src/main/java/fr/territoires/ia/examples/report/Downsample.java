package fr.territoires.ia.examples.report;

import java.util.Arrays;

/**
 * Reduces a long series for drawing: within each pixel column, only the first, lowest, highest
 * and last points are kept, in their original order, so a line drawn through the kept points
 * covers exactly the pixels the full line would (a one-reading spike survives). This is the M4
 * aggregation of U. Jugel, Z. Jerzak, G. Hackenbroich and V. Markl, "M4: A Visualization-Oriented
 * Time Series Data Aggregation", PVLDB 7(10), 2014, doi:10.14778/2732951.2732953.
 *
 * <p>Missing values (NaN) break the line: the points on each side are kept and the next kept point
 * starts a new segment. Points outside {@code [x0, x1]} are dropped. At most four points per
 * column are kept, so the output size is bounded by {@code 4 * columns} plus two per break.
 *
 * <p>Instances are immutable and safe for concurrent use (the class has none).
 */
final class Downsample {

    private Downsample() {
    }

    /**
     * Kept points, in order; {@code start[k]} is true when point k begins a new segment.
     *
     * @param x abscissas of the kept points, data units
     * @param y ordinates, finite
     * @param index index of each kept point in the input
     * @param start whether each point starts a segment
     */
    record Line(double[] x, double[] y, int[] index, boolean[] start) {

        int size() {
            return x.length;
        }
    }

    /**
     * Reduces the points to at most four per pixel column.
     *
     * @param x abscissas (e.g. epoch milliseconds), in non-decreasing order for a faithful line
     * @param y ordinates, NaN for missing
     * @param x0 left edge of the drawing, data units
     * @param x1 right edge, {@code > x0}
     * @param columns pixel columns, {@code >= 1}
     * @return the kept points
     * @throws IllegalArgumentException when the lengths differ, {@code x1 <= x0} or {@code columns < 1}
     */
    static Line minMax(double[] x, double[] y, double x0, double x1, int columns) {
        return minMax(x, y, x0, x1, columns, Double.POSITIVE_INFINITY);
    }

    /**
     * Reduces the points to at most four per pixel column, also breaking the line where two
     * consecutive points lie more than {@code breakAfter} apart (a gap in the readings).
     *
     * @param x abscissas, in non-decreasing order for a faithful line
     * @param y ordinates, NaN for missing
     * @param x0 left edge of the drawing, data units
     * @param x1 right edge, {@code > x0}
     * @param columns pixel columns, {@code >= 1}
     * @param breakAfter largest step drawn as a line, data units; infinity for none
     * @return the kept points
     * @throws IllegalArgumentException when the lengths differ, {@code x1 <= x0} or {@code columns < 1}
     */
    static Line minMax(double[] x, double[] y, double x0, double x1, int columns, double breakAfter) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y must have the same length, were " + x.length + " and "
                    + y.length);
        }
        if (!(x1 > x0)) {
            throw new IllegalArgumentException("x1 must be > x0 (" + x0 + "), was " + x1);
        }
        if (columns < 1) {
            throw new IllegalArgumentException("columns must be >= 1, was " + columns);
        }
        int cap = Math.min(x.length, 4 * columns + 16) + 16;
        double[] ox = new double[cap];
        double[] oy = new double[cap];
        int[] oi = new int[cap];
        boolean[] os = new boolean[cap];
        int n = 0;
        double scale = columns / (x1 - x0);
        int column = Integer.MIN_VALUE;
        int first = -1;
        int min = -1;
        int max = -1;
        int last = -1;
        boolean breakNext = true;
        int[] kept = new int[4];
        int previous = -1;
        for (int i = 0; i <= x.length; i++) {
            boolean end = i == x.length;
            boolean missing = !end && (Double.isNaN(y[i]) || x[i] < x0 || x[i] > x1);
            boolean gap = !end && !missing && previous >= 0 && x[i] - x[previous] > breakAfter;
            int c = end || missing ? Integer.MIN_VALUE : (int) Math.min(columns - 1, Math.floor((x[i] - x0) * scale));
            if (first >= 0 && (end || missing || gap || c != column)) {
                kept[0] = first;
                kept[1] = min;
                kept[2] = max;
                kept[3] = last;
                Arrays.sort(kept);
                int done = -1;
                for (int k : kept) {
                    if (k == done) {
                        continue;
                    }
                    done = k;
                    if (n == ox.length) {
                        int grown = n * 2;
                        ox = Arrays.copyOf(ox, grown);
                        oy = Arrays.copyOf(oy, grown);
                        oi = Arrays.copyOf(oi, grown);
                        os = Arrays.copyOf(os, grown);
                    }
                    ox[n] = x[k];
                    oy[n] = y[k];
                    oi[n] = k;
                    os[n] = breakNext;
                    breakNext = false;
                    n++;
                }
                first = -1;
            }
            if (end) {
                break;
            }
            if (missing) {
                breakNext = true;
                continue;
            }
            if (gap) {
                breakNext = true;
            }
            previous = i;
            if (first < 0) {
                column = c;
                first = i;
                min = i;
                max = i;
            }
            if (y[i] < y[min]) {
                min = i;
            }
            if (y[i] > y[max]) {
                max = i;
            }
            last = i;
        }
        return new Line(Arrays.copyOf(ox, n), Arrays.copyOf(oy, n), Arrays.copyOf(oi, n), Arrays.copyOf(os, n));
    }
}
