package fr.territoires.ia.ocr;

import java.awt.image.BufferedImage;

/**
 * An 8-bit grey image as a row-major array (0 black, 255 white). Package-private working buffer of
 * the preprocessing; not thread-safe (mutable).
 */
final class GreyImage {

    final int width;
    final int height;
    final byte[] pixels;

    GreyImage(int width, int height, byte[] pixels) {
        if (pixels.length != width * height) {
            throw new IllegalArgumentException("pixels must hold width * height = " + width * height
                    + " values, was " + pixels.length);
        }
        this.width = width;
        this.height = height;
        this.pixels = pixels;
    }

    int get(int x, int y) {
        return pixels[y * width + x] & 0xff;
    }

    /** Converts with the ITU-R BT.601 luma weights (0.299 R + 0.587 G + 0.114 B). */
    static GreyImage of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] out = new byte[w * h];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int p = row[x];
                int a = p >>> 24;
                int r = (p >> 16) & 0xff;
                int g = (p >> 8) & 0xff;
                int b = p & 0xff;
                int l = (299 * r + 587 * g + 114 * b + 500) / 1000;
                // Transparent pixels read as paper (white).
                l = (l * a + 255 * (255 - a) + 127) / 255;
                out[y * w + x] = (byte) l;
            }
        }
        return new GreyImage(w, h, out);
    }

    /** Packs an image as 3 bytes per pixel (R, G, B), for the engine's own grey conversion. */
    static byte[] rgbBytes(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] out = new byte[w * h * 3];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int p = row[x];
                int i = (y * w + x) * 3;
                out[i] = (byte) (p >> 16);
                out[i + 1] = (byte) (p >> 8);
                out[i + 2] = (byte) p;
            }
        }
        return out;
    }
}
