package fr.territoires.ia.ocr;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A recognised line: its words from left to right. Immutable and thread-safe.
 *
 * @param box the line's box in the pixels of the original image
 * @param words the words, in reading order
 */
public record OcrLine(Box box, List<OcrWord> words) {

    /**
     * Validates and copies the line.
     *
     * @param box the box
     * @param words the words
     */
    public OcrLine {
        Objects.requireNonNull(box, "box");
        words = List.copyOf(words);
    }

    /**
     * Returns the text of the line: the words joined by one space.
     *
     * @return the text
     */
    public String text() {
        return words.stream().map(OcrWord::text).collect(Collectors.joining(" "));
    }
}
