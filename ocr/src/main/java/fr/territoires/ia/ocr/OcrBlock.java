package fr.territoires.ia.ocr;

import java.util.List;
import java.util.Objects;

/**
 * A block of text (a paragraph or a column cell as laid out by the engine). Immutable and thread-safe.
 *
 * @param box the block's box in the pixels of the original image
 * @param lines the lines, in reading order
 */
public record OcrBlock(Box box, List<OcrLine> lines) {

    /**
     * Validates and copies the block.
     *
     * @param box the box
     * @param lines the lines
     */
    public OcrBlock {
        Objects.requireNonNull(box, "box");
        lines = List.copyOf(lines);
    }
}
