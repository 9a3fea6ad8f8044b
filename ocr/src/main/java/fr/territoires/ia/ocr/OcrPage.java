package fr.territoires.ia.ocr;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The text of one page, with its layout. Coordinates are pixels of the original page image (for a
 * PDF: of the page rendered at the requested dpi), origin top-left, y downwards. Immutable and
 * thread-safe.
 *
 * @param width page width in pixels
 * @param height page height in pixels
 * @param blocks text blocks in reading order
 * @param source where the text comes from
 * @param preprocessing the preprocessing applied before recognition (empty steps for a PDF text layer)
 */
public record OcrPage(int width, int height, List<OcrBlock> blocks, Source source, PreprocessReport preprocessing) {

    /** Where the text of a page comes from. */
    public enum Source {
        /** Recognised by the engine from pixels. */
        OCR,
        /** Read from the text layer of a PDF page (no recognition). */
        PDF_TEXT_LAYER
    }

    /**
     * Validates and copies the page.
     *
     * @param width width, at least 1
     * @param height height, at least 1
     * @param blocks blocks
     * @param source source
     * @param preprocessing preprocessing report
     */
    public OcrPage {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("page size must be >= 1 x 1, was " + width + " x " + height);
        }
        blocks = List.copyOf(blocks);
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(preprocessing, "preprocessing");
    }

    /**
     * Returns the lines of the page in reading order.
     *
     * @return the lines
     */
    public List<OcrLine> lines() {
        return blocks.stream().flatMap(b -> b.lines().stream()).toList();
    }

    /**
     * Returns the plain text: one line per recognised line, blocks separated by an empty line.
     *
     * @return the text, empty for a blank page
     */
    public String text() {
        return blocks.stream()
                .map(b -> b.lines().stream().map(OcrLine::text).collect(Collectors.joining("\n")))
                .filter(s -> !s.isBlank())
                .collect(Collectors.joining("\n\n"));
    }

    /**
     * Tells whether no text was found on the page.
     *
     * @return true when the page holds no word
     */
    public boolean isBlank() {
        return blocks.stream().allMatch(b -> b.lines().stream().allMatch(l -> l.words().isEmpty()));
    }

    /**
     * Returns the mean word confidence, weighted by word length.
     *
     * @return the mean confidence in [0, 1], NaN for a blank page
     */
    public double meanConfidence() {
        double sum = 0;
        long n = 0;
        for (OcrLine line : lines()) {
            for (OcrWord w : line.words()) {
                sum += w.confidence() * w.text().length();
                n += w.text().length();
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
