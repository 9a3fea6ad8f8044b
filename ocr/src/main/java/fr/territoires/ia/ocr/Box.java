package fr.territoires.ia.ocr;

/**
 * An axis-aligned rectangle in the pixels of the original page image: origin at the top-left corner,
 * x to the right, y downwards, {@code width} and {@code height} in pixels. Immutable and thread-safe.
 *
 * @param x left edge, pixels
 * @param y top edge, pixels
 * @param width width, pixels, at least 0
 * @param height height, pixels, at least 0
 */
public record Box(int x, int y, int width, int height) {

    /**
     * Validates the box.
     *
     * @param x left edge
     * @param y top edge
     * @param width width, at least 0
     * @param height height, at least 0
     */
    public Box {
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("width and height must be >= 0, was " + width + " x " + height);
        }
    }

    /**
     * Returns the area of the intersection of this box with another one.
     *
     * @param other the other box
     * @return the overlapping area in square pixels, 0 when disjoint
     */
    public long overlap(Box other) {
        long w = Math.min(x + width, other.x + other.width) - (long) Math.max(x, other.x);
        long h = Math.min(y + height, other.y + other.height) - (long) Math.max(y, other.y);
        return w <= 0 || h <= 0 ? 0 : w * h;
    }

    /**
     * Returns the smallest box holding this box and another one.
     *
     * @param other the other box
     * @return the union box
     */
    public Box union(Box other) {
        int x0 = Math.min(x, other.x);
        int y0 = Math.min(y, other.y);
        int x1 = Math.max(x + width, other.x + other.width);
        int y1 = Math.max(y + height, other.y + other.height);
        return new Box(x0, y0, x1 - x0, y1 - y0);
    }
}
