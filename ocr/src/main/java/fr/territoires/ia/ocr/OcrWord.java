package fr.territoires.ia.ocr;

import java.util.Objects;

/**
 * A recognised word. Immutable and thread-safe.
 *
 * @param text the word, never blank
 * @param box its box in the pixels of the original image
 * @param confidence the engine's confidence in [0, 1]
 */
public record OcrWord(String text, Box box, double confidence) {

    /**
     * Validates the word.
     *
     * @param text the word
     * @param box its box
     * @param confidence confidence in [0, 1]
     */
    public OcrWord {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(box, "box");
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be in [0, 1], was " + confidence);
        }
    }
}
