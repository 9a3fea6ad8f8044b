package fr.territoires.ia.ocr;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A field found in recognised text. Immutable and thread-safe.
 *
 * @param type the kind of field
 * @param text the text as found
 * @param value the normalised value (ISO date {@code yyyy-MM-dd} or {@code --MM-dd} without a year, amount
 *     as a decimal with a dot, identifiers without spaces, postal code and commune joined by a space)
 * @param start offset of the first character in the text searched (UTF-16 units)
 * @param end offset after the last character
 * @param box box in the pixels of the original image, null when extracted from plain text
 * @param confidence the lowest confidence of the words it spans, in [0, 1] (1 for plain text)
 * @param rule the name of the rule that found it (e.g. {@code date-long}, {@code siret-luhn})
 */
public record Field(FieldType type, String text, String value, int start, int end, @Nullable Box box,
        double confidence, String rule) {

    /**
     * Validates the field.
     *
     * @param type type
     * @param text text
     * @param value value
     * @param start start offset
     * @param end end offset
     * @param box box or null
     * @param confidence confidence
     * @param rule rule
     */
    public Field {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(rule, "rule");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("need 0 <= start <= end, was " + start + ", " + end);
        }
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be in [0, 1], was " + confidence);
        }
    }
}
