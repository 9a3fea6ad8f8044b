package fr.territoires.ia.ocr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The preprocessing steps, on 8-bit grey images. Package-private; stateless and thread-safe.
 *
 * <p>Coordinates: the result image relates to the input by a scale {@code s} (about the origin) then
 * a rotation by the skew angle about the centre of the scaled image, on a canvas of the same size;
 * {@link Result#toOriginal} inverts this for boxes.
 */
final class Preprocessor {

    /** Largest skew searched, degrees. */
    static final double MAX_SKEW = 5.0;

    private Preprocessor() {
    }

    /** The processed image and the transform back to the original pixels. */
    record Result(GreyImage image, double scale, double angleDegrees, PreprocessReport report) {

        /** Maps a box of the processed image back to the pixels of the original image. */
        Box toOriginal(int x0, int y0, int x1, int y1, int originalWidth, int originalHeight) {
            double[] xs = {x0, x1, x0, x1};
            double[] ys = {y0, y0, y1, y1};
            double minX = Double.POSITIVE_INFINITY;
            double minY = Double.POSITIVE_INFINITY;
            double maxX = Double.NEGATIVE_INFINITY;
            double maxY = Double.NEGATIVE_INFINITY;
            double cx = image.width / 2.0;
            double cy = image.height / 2.0;
            double a = Math.toRadians(angleDegrees);
            double cos = Math.cos(a);
            double sin = Math.sin(a);
            for (int i = 0; i < 4; i++) {
                double dx = xs[i] - cx;
                double dy = ys[i] - cy;
                // Same mapping as the sampling in rotate(): processed pixel -> scaled original pixel.
                double ux = cx + dx * cos + dy * sin;
                double uy = cy - dx * sin + dy * cos;
                minX = Math.min(minX, ux / scale);
                maxX = Math.max(maxX, ux / scale);
                minY = Math.min(minY, uy / scale);
                maxY = Math.max(maxY, uy / scale);
            }
            int bx0 = clamp((int) Math.floor(minX), originalWidth);
            int by0 = clamp((int) Math.floor(minY), originalHeight);
            int bx1 = clamp((int) Math.ceil(maxX), originalWidth);
            int by1 = clamp((int) Math.ceil(maxY), originalHeight);
            return new Box(bx0, by0, bx1 - bx0, by1 - by0);
        }

        private static int clamp(int v, int max) {
            return Math.max(0, Math.min(max, v));
        }
    }

    static Result run(GreyImage grey, OcrEngine.Preprocessing p) {
        List<String> steps = new ArrayList<>();
        steps.add("grey");
        GreyImage img = new GreyImage(grey.width, grey.height, grey.pixels.clone());
        double xHeight = Double.NaN;
        double scale = 1;
        if (p.removeBorders()) {
            int removed = removeBorders(img);
            steps.add("borders " + removed + " px");
        }
        if (p.targetXHeight() > 0) {
            xHeight = estimateXHeight(img);
            if (!Double.isNaN(xHeight)) {
                double s = p.targetXHeight() / xHeight;
                // Leave pages in the engine's comfortable band alone: only rescale when far from it.
                if (s > 1.25 || s < 0.6) {
                    s = Math.max(0.25, Math.min(4, s));
                    img = rescale(img, s);
                    scale = s;
                    steps.add(String.format(Locale.ROOT, "rescale x%.2f (x-height %.1f px)", s, xHeight));
                } else {
                    steps.add(String.format(Locale.ROOT, "rescale none (x-height %.1f px)", xHeight));
                }
            }
        }
        double angle = 0;
        if (p.deskew()) {
            angle = measureSkew(img);
            if (Math.abs(angle) >= 0.1) {
                img = rotate(img, angle);
            }
            steps.add(String.format(Locale.ROOT, "deskew %.2f deg", angle));
        }
        return new Result(img, scale, angle, new PreprocessReport(steps, scale, angle, xHeight));
    }

    /** Otsu's threshold of the grey histogram (N. Otsu, IEEE Trans. SMC 9(1), 1979). */
    static int otsu(GreyImage img) {
        long[] hist = new long[256];
        for (byte b : img.pixels) {
            hist[b & 0xff]++;
        }
        long total = img.pixels.length;
        double sumAll = 0;
        for (int i = 0; i < 256; i++) {
            sumAll += i * (double) hist[i];
        }
        double sumB = 0;
        long wB = 0;
        double best = -1;
        int threshold = 128;
        for (int t = 0; t < 256; t++) {
            wB += hist[t];
            if (wB == 0) {
                continue;
            }
            long wF = total - wB;
            if (wF == 0) {
                break;
            }
            sumB += t * (double) hist[t];
            double mB = sumB / wB;
            double mF = (sumAll - sumB) / wF;
            double between = (double) wB * wF * (mB - mF) * (mB - mF);
            if (between > best) {
                best = between;
                threshold = t;
            }
        }
        return threshold;
    }

    /**
     * Estimates the x-height: the median height of the connected components of ink (Otsu) whose size
     * looks like a character. Returns NaN when fewer than 20 such components exist (blank page).
     */
    static double estimateXHeight(GreyImage img) {
        int t = otsu(img);
        int w = img.width;
        int h = img.height;
        int[] labels = new int[w * h];
        int[] stack = new int[w * h];
        List<Integer> heights = new ArrayList<>();
        int label = 0;
        for (int start = 0; start < w * h; start++) {
            if (labels[start] != 0 || (img.pixels[start] & 0xff) > t) {
                continue;
            }
            label++;
            int sp = 0;
            stack[sp++] = start;
            labels[start] = label;
            int minX = w;
            int maxX = -1;
            int minY = h;
            int maxY = -1;
            int count = 0;
            while (sp > 0) {
                int i = stack[--sp];
                int x = i % w;
                int y = i / w;
                count++;
                minX = Math.min(minX, x);
                maxX = Math.max(maxX, x);
                minY = Math.min(minY, y);
                maxY = Math.max(maxY, y);
                if (x > 0) {
                    sp = push(img, labels, stack, sp, i - 1, t, label);
                }
                if (x < w - 1) {
                    sp = push(img, labels, stack, sp, i + 1, t, label);
                }
                if (y > 0) {
                    sp = push(img, labels, stack, sp, i - w, t, label);
                }
                if (y < h - 1) {
                    sp = push(img, labels, stack, sp, i + w, t, label);
                }
            }
            int cw = maxX - minX + 1;
            int ch = maxY - minY + 1;
            if (ch >= 4 && ch <= 150 && cw >= 2 && cw <= 3 * ch && ch <= 4 * cw && count >= 8) {
                heights.add(ch);
            }
        }
        if (heights.size() < 20) {
            return Double.NaN;
        }
        int[] hs = heights.stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(hs);
        return hs[hs.length / 2];
    }

    private static int push(GreyImage img, int[] labels, int[] stack, int sp, int j, int t, int label) {
        if (labels[j] == 0 && (img.pixels[j] & 0xff) <= t) {
            labels[j] = label;
            stack[sp] = j;
            return sp + 1;
        }
        return sp;
    }

    /** Bilinear rescaling (area averaging when shrinking by more than 2 is not needed for the range used). */
    static GreyImage rescale(GreyImage img, double s) {
        int w = Math.max(1, (int) Math.round(img.width * s));
        int h = Math.max(1, (int) Math.round(img.height * s));
        byte[] out = new byte[w * h];
        for (int y = 0; y < h; y++) {
            double sy = Math.min(img.height - 1.0, Math.max(0, (y + 0.5) / s - 0.5));
            int y0 = (int) sy;
            int y1 = Math.min(img.height - 1, y0 + 1);
            double fy = sy - y0;
            for (int x = 0; x < w; x++) {
                double sx = Math.min(img.width - 1.0, Math.max(0, (x + 0.5) / s - 0.5));
                int x0 = (int) sx;
                int x1 = Math.min(img.width - 1, x0 + 1);
                double fx = sx - x0;
                double v = (img.get(x0, y0) * (1 - fx) + img.get(x1, y0) * fx) * (1 - fy)
                        + (img.get(x0, y1) * (1 - fx) + img.get(x1, y1) * fx) * fy;
                out[y * w + x] = (byte) Math.round(v);
            }
        }
        return new GreyImage(w, h, out);
    }

    /**
     * Measures the skew by the projection-profile method (W. Postl, "Detection of linear oblique
     * structures and skew scan in digitized documents", ICPR 1986): the angle maximising the variance of
     * the row sums of ink pixels, searched in [-5, 5] degrees by 0.5 then 0.05 degree steps.
     *
     * @return the skew in degrees, counter-clockwise positive (text lines rising to the right)
     */
    static double measureSkew(GreyImage img) {
        int t = otsu(img);
        // Ink pixel coordinates, subsampled to keep the search cheap.
        int step = Math.max(1, (int) Math.ceil(Math.max(img.width, img.height) / 1200.0));
        int n = 0;
        int[] xs = new int[img.width * img.height / (step * step) + img.width + img.height];
        int[] ys = new int[xs.length];
        for (int y = 0; y < img.height; y += step) {
            for (int x = 0; x < img.width; x += step) {
                if ((img.pixels[y * img.width + x] & 0xff) <= t) {
                    xs[n] = x;
                    ys[n] = y;
                    n++;
                }
            }
        }
        if (n < 100 || n > xs.length * 0.6) {
            return 0;
        }
        double best = 0;
        double bestScore = profileScore(xs, ys, n, 0, img, step);
        for (double a = -MAX_SKEW; a <= MAX_SKEW + 1e-9; a += 0.5) {
            double sc = profileScore(xs, ys, n, a, img, step);
            if (sc > bestScore) {
                bestScore = sc;
                best = a;
            }
        }
        double centre = best;
        for (double a = centre - 0.5; a <= centre + 0.5 + 1e-9; a += 0.05) {
            double sc = profileScore(xs, ys, n, a, img, step);
            if (sc > bestScore) {
                bestScore = sc;
                best = a;
            }
        }
        return Math.round(best * 100) / 100.0;
    }

    private static double profileScore(int[] xs, int[] ys, int n, double angle, GreyImage img, int step) {
        double r = Math.toRadians(angle);
        double tan = Math.tan(r);
        int offset = (int) Math.ceil(img.width * Math.abs(tan)) + 1;
        int bins = (img.height + 2 * offset) / step + 2;
        int[] rows = new int[bins];
        for (int i = 0; i < n; i++) {
            // Row of the pixel once the page is rotated by -angle: y + x tan(angle).
            double yy = ys[i] + xs[i] * tan + offset;
            rows[(int) (yy / step)]++;
        }
        double sum = 0;
        for (int v : rows) {
            sum += (double) v * v;
        }
        return sum;
    }

    /** Rotates by {@code -angle} about the centre (undoing a skew of {@code angle}), white fill, bilinear. */
    static GreyImage rotate(GreyImage img, double angleDegrees) {
        int w = img.width;
        int h = img.height;
        byte[] out = new byte[w * h];
        double a = Math.toRadians(angleDegrees);
        double cos = Math.cos(a);
        double sin = Math.sin(a);
        double cx = w / 2.0;
        double cy = h / 2.0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double dx = x - cx;
                double dy = y - cy;
                double sx = cx + dx * cos + dy * sin;
                double sy = cy - dx * sin + dy * cos;
                int x0 = (int) Math.floor(sx);
                int y0 = (int) Math.floor(sy);
                double v;
                if (x0 < 0 || y0 < 0 || x0 + 1 >= w || y0 + 1 >= h) {
                    v = 255;
                } else {
                    double fx = sx - x0;
                    double fy = sy - y0;
                    v = (img.get(x0, y0) * (1 - fx) + img.get(x0 + 1, y0) * fx) * (1 - fy)
                            + (img.get(x0, y0 + 1) * (1 - fx) + img.get(x0 + 1, y0 + 1) * fx) * fy;
                }
                out[y * w + x] = (byte) Math.round(v);
            }
        }
        return new GreyImage(w, h, out);
    }

    /**
     * Whitens the dark regions connected to the image edge (scanner borders, book edges): ink
     * components (Otsu) touching the edge whose extent exceeds a tenth of the page side.
     *
     * @return the number of pixels whitened
     */
    static int removeBorders(GreyImage img) {
        int t = otsu(img);
        int w = img.width;
        int h = img.height;
        boolean[] seen = new boolean[w * h];
        int[] stack = new int[w * h];
        int removed = 0;
        for (int e = 0; e < 2 * (w + h); e++) {
            int start;
            if (e < w) {
                start = e;
            } else if (e < 2 * w) {
                start = (h - 1) * w + (e - w);
            } else if (e < 2 * w + h) {
                start = (e - 2 * w) * w;
            } else {
                start = (e - 2 * w - h) * w + w - 1;
            }
            if (seen[start] || (img.pixels[start] & 0xff) > t) {
                continue;
            }
            List<Integer> members = new ArrayList<>();
            int sp = 0;
            stack[sp++] = start;
            seen[start] = true;
            int minX = w;
            int maxX = 0;
            int minY = h;
            int maxY = 0;
            while (sp > 0) {
                int i = stack[--sp];
                members.add(i);
                int x = i % w;
                int y = i / w;
                minX = Math.min(minX, x);
                maxX = Math.max(maxX, x);
                minY = Math.min(minY, y);
                maxY = Math.max(maxY, y);
                int[] nb = {x > 0 ? i - 1 : -1, x < w - 1 ? i + 1 : -1, y > 0 ? i - w : -1, y < h - 1 ? i + w : -1};
                for (int j : nb) {
                    if (j >= 0 && !seen[j] && (img.pixels[j] & 0xff) <= t) {
                        seen[j] = true;
                        stack[sp++] = j;
                    }
                }
            }
            if (maxX - minX > w / 10 || maxY - minY > h / 10) {
                for (int i : members) {
                    img.pixels[i] = (byte) 255;
                }
                removed += members.size();
            }
        }
        return removed;
    }
}
