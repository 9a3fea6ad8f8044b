package fr.territoires.ia.ocr;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Masks personal identifiers (NIR, IBAN, e-mail, phone by default) in a recognised page before
 * publication: every letter and digit of a field found by {@link FieldExtractor} becomes {@value #MASK},
 * in the text and in the words (so ALTO and JSON outputs carry no trace of them; boxes are kept).
 * Stateless and thread-safe.
 */
public final class Redactor {

    /** The masking character. */
    public static final char MASK = '\u2588';

    /**
     * The result of a redaction.
     *
     * @param page the page with the identifiers masked
     * @param masked the fields masked (their {@code text} holds the original value: do not publish this list)
     */
    public record Redaction(OcrPage page, List<Field> masked) {

        /**
         * Validates and copies the result.
         *
         * @param page page
         * @param masked masked fields
         */
        public Redaction {
            Objects.requireNonNull(page, "page");
            masked = List.copyOf(masked);
        }
    }

    private Redactor() {
    }

    /**
     * Masks the personal fields ({@link FieldType#personal()}) of a page.
     *
     * @param page the page
     * @return the redacted page and what was masked
     */
    public static Redaction redact(OcrPage page) {
        EnumSet<FieldType> personal = EnumSet.noneOf(FieldType.class);
        for (FieldType t : FieldType.values()) {
            if (t.personal()) {
                personal.add(t);
            }
        }
        return redact(page, personal);
    }

    /**
     * Masks the fields of the given types in a page.
     *
     * @param page the page
     * @param types the field types to mask
     * @return the redacted page and what was masked
     */
    public static Redaction redact(OcrPage page, Set<FieldType> types) {
        FieldExtractor.PageText pt = FieldExtractor.PageText.of(page);
        List<Field> masked = new ArrayList<>();
        boolean[] mask = new boolean[pt.text().length()];
        for (Field f : FieldExtractor.extract(page)) {
            if (types.contains(f.type())) {
                masked.add(f);
                for (int i = f.start(); i < f.end(); i++) {
                    mask[i] = true;
                }
            }
        }
        if (masked.isEmpty()) {
            return new Redaction(page, masked);
        }
        java.util.Map<OcrWord, OcrWord> replaced = new java.util.IdentityHashMap<>();
        for (int i = 0; i < pt.words().size(); i++) {
            OcrWord w = pt.words().get(i);
            int s = pt.starts()[i];
            char[] cs = w.text().toCharArray();
            boolean changed = false;
            for (int j = 0; j < cs.length; j++) {
                if (mask[s + j] && Character.isLetterOrDigit(cs[j])) {
                    cs[j] = MASK;
                    changed = true;
                }
            }
            if (changed) {
                replaced.put(w, new OcrWord(new String(cs), w.box(), w.confidence()));
            }
        }
        List<OcrBlock> blocks = new ArrayList<>();
        for (OcrBlock b : page.blocks()) {
            List<OcrLine> lines = new ArrayList<>();
            for (OcrLine l : b.lines()) {
                lines.add(new OcrLine(l.box(), l.words().stream().map(w -> replaced.getOrDefault(w, w)).toList()));
            }
            blocks.add(new OcrBlock(b.box(), lines));
        }
        return new Redaction(new OcrPage(page.width(), page.height(), blocks, page.source(), page.preprocessing()),
                masked);
    }
}
