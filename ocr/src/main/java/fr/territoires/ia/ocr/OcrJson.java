package fr.territoires.ia.ocr;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Writes recognised pages as JSON: per page its size, source, preprocessing steps, text, blocks, lines and
 * words with boxes ({@code [x, y, width, height]} in pixels of the original image) and confidences, and
 * optionally the fields found and the fields masked. Stateless and thread-safe.
 */
public final class OcrJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private OcrJson() {
    }

    /**
     * One page and what was found in it.
     *
     * @param page the page (already redacted when redaction was asked)
     * @param fields the fields found, empty when extraction was not asked
     * @param masked the fields masked; written without their values (type, rule and box only)
     */
    public record PageResult(OcrPage page, List<Field> fields, List<Field> masked) {

        /**
         * Copies the lists.
         *
         * @param page page
         * @param fields fields
         * @param masked masked fields
         */
        public PageResult {
            java.util.Objects.requireNonNull(page, "page");
            fields = List.copyOf(fields);
            masked = List.copyOf(masked);
        }
    }

    /**
     * Returns the JSON document.
     *
     * @param source the input file name
     * @param pages the pages
     * @return the JSON text
     */
    public static String toJson(String source, List<PageResult> pages) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("source", source);
        root.put("engine", "tesseract " + OcrEngine.engineVersion());
        ArrayNode ps = root.putArray("pages");
        for (int i = 0; i < pages.size(); i++) {
            PageResult r = pages.get(i);
            OcrPage p = r.page();
            ObjectNode pn = ps.addObject();
            pn.put("number", i + 1);
            pn.put("width", p.width());
            pn.put("height", p.height());
            pn.put("source", p.source().name());
            pn.put("blank", p.isBlank());
            ArrayNode steps = pn.putArray("preprocessing");
            p.preprocessing().steps().forEach(steps::add);
            pn.put("text", p.text());
            ArrayNode blocks = pn.putArray("blocks");
            for (OcrBlock b : p.blocks()) {
                ObjectNode bn = blocks.addObject();
                box(bn, b.box());
                ArrayNode lines = bn.putArray("lines");
                for (OcrLine l : b.lines()) {
                    ObjectNode ln = lines.addObject();
                    box(ln, l.box());
                    ln.put("text", l.text());
                    ArrayNode words = ln.putArray("words");
                    for (OcrWord w : l.words()) {
                        ObjectNode wn = words.addObject();
                        wn.put("text", w.text());
                        box(wn, w.box());
                        wn.put("confidence", Math.round(w.confidence() * 1000) / 1000.0);
                    }
                }
            }
            if (!r.fields().isEmpty()) {
                ArrayNode fs = pn.putArray("fields");
                for (Field f : r.fields()) {
                    ObjectNode fn = fs.addObject();
                    fn.put("type", f.type().name());
                    fn.put("text", f.text());
                    fn.put("value", f.value());
                    fn.put("rule", f.rule());
                    fn.put("confidence", Math.round(f.confidence() * 1000) / 1000.0);
                    if (f.box() != null) {
                        box(fn, f.box());
                    }
                }
            }
            if (!r.masked().isEmpty()) {
                ArrayNode ms = pn.putArray("redacted");
                for (Field f : r.masked()) {
                    ObjectNode mn = ms.addObject();
                    mn.put("type", f.type().name());
                    mn.put("rule", f.rule());
                    if (f.box() != null) {
                        box(mn, f.box());
                    }
                }
            }
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("JSON writing failed", e);
        }
    }

    private static void box(ObjectNode n, Box b) {
        ArrayNode a = n.putArray("box");
        a.add(b.x()).add(b.y()).add(b.width()).add(b.height());
    }
}
