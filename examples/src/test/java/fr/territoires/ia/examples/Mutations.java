package fr.territoires.ia.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded mutations of valid input files, for the bad-input corpus: each call with the same seed
 * gives the same bytes.
 *
 * <p>Not thread-safe: each call uses its own {@link Random}; the class keeps no state.
 */
final class Mutations {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Cells that readers commonly trip over. */
    private static final String[] AWKWARD_CELLS = {"", "NaN", "nan", "Infinity", "-Infinity", "1e309", "-1e309",
        "1e-400", "0x1p3", "1,5", "\"1,5\"", "1 234", "12 L", "+", "-", ".", "e5", "1e", "--1", "null", "N/A", "\"\"",
        "\"", "\"a\nb\"", "9999999999999999999999999", "-0", "1.7976931348623157e308", "\u00e9t\u00e9", "\uFEFF1",
        "\u0000", "\t", " ", "true", "1;2", "2024-01-01", "99999999999999999999.5"};

    /** Timestamps in formats the readers accept and many they do not. */
    private static final String[] AWKWARD_TIMES = {"", "2024-01-01", "2024-01-01T00:00:00Z", "2024-01-01T00:00:00+14:00",
        "2024-01-01T00:00:00-12:00", "2024-01-01 00:00", "01/01/2024 00:00", "1704067200", "2024-13-01 00:00:00",
        "2024-02-30 00:00:00", "2024-01-01 25:00:00", "2024-03-31 02:30:00", "2024-10-27 02:30:00", "0000-01-01",
        "9999-12-31 23:59:59", "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "2024-W01-1", "2024-001",
        "2024-01-01T00:00:00.000000000001Z", "2024-01-01T00:00:00[Europe/Paris]", "yesterday", "\u0032\u0030\u0032\u0034",
        "1970-01-01T00:00:00Z", "2038-01-19T03:14:08Z", "1583-01-01", "1582-10-10"};

    private static final String[] TEXT_OPERATORS = {"delete-line", "duplicate-line", "swap-lines", "truncate",
        "replace-char", "insert-char", "delete-char", "awkward-cell", "awkward-time", "semicolons", "extra-field",
        "missing-field", "crlf", "utf16", "latin1", "bom", "quote-cell", "blank-header", "shuffle-block",
        "repeat-block"};

    private static final String[] JSON_OPERATORS = {"truncate", "replace-char", "insert-char", "delete-char",
        "node-null", "node-string", "node-number", "node-empty-array", "node-empty-object", "remove-key",
        "open-ring", "drop-position", "swap-lon-lat", "scale-coordinates", "coordinate-3d", "coordinate-string",
        "nest-deep", "duplicate-feature", "geometry-type", "huge-coordinate"};

    private Mutations() {
    }

    /** One mutation of a CSV file; returns its name and bytes. */
    static Map.Entry<String, byte[]> csv(String text, long seed) {
        Random r = new Random(seed);
        String op = TEXT_OPERATORS[r.nextInt(TEXT_OPERATORS.length)];
        List<String> lines = new ArrayList<>(text.lines().toList());
        int n = lines.size();
        int i = 1 + r.nextInt(Math.max(1, n - 1));
        String out;
        switch (op) {
            case "delete-line" -> {
                lines.remove(Math.min(i, n - 1));
                out = join(lines);
            }
            case "duplicate-line" -> {
                lines.add(i, lines.get(Math.min(i, n - 1)));
                out = join(lines);
            }
            case "swap-lines" -> {
                int j = Math.min(i + 1, n - 1);
                String a = lines.get(i);
                lines.set(i, lines.get(j));
                lines.set(j, a);
                out = join(lines);
            }
            case "truncate" -> out = text.substring(0, r.nextInt(text.length()));
            case "replace-char", "insert-char", "delete-char" -> out = charEdit(text, op, r);
            case "awkward-cell" -> {
                String[] cells = lines.get(i).split(",", -1);
                cells[cells.length - 1] = AWKWARD_CELLS[r.nextInt(AWKWARD_CELLS.length)];
                lines.set(i, String.join(",", cells));
                out = join(lines);
            }
            case "awkward-time" -> {
                String[] cells = lines.get(i).split(",", -1);
                cells[0] = AWKWARD_TIMES[r.nextInt(AWKWARD_TIMES.length)];
                lines.set(i, String.join(",", cells));
                out = join(lines);
            }
            case "semicolons" -> out = text.replace(',', ';');
            case "extra-field" -> {
                lines.set(i, lines.get(i) + ",extra");
                out = join(lines);
            }
            case "missing-field" -> {
                String l = lines.get(i);
                lines.set(i, l.contains(",") ? l.substring(0, l.lastIndexOf(',')) : "");
                out = join(lines);
            }
            case "crlf" -> out = text.replace("\n", "\r\n");
            case "utf16" -> {
                return Map.entry(op, ("\uFEFF" + text).getBytes(StandardCharsets.UTF_16LE));
            }
            case "latin1" -> {
                lines.set(i, lines.get(i) + "\u00e9");
                return Map.entry(op, join(lines).getBytes(StandardCharsets.ISO_8859_1));
            }
            case "bom" -> out = "\uFEFF" + text;
            case "quote-cell" -> {
                lines.set(i, "\"" + lines.get(i));
                out = join(lines);
            }
            case "blank-header" -> {
                lines.set(0, "");
                out = join(lines);
            }
            case "shuffle-block" -> {
                List<String> block = lines.subList(i, Math.min(n, i + 10));
                java.util.Collections.shuffle(block, r);
                out = join(lines);
            }
            case "repeat-block" -> {
                List<String> block = new ArrayList<>(lines.subList(i, Math.min(n, i + 20)));
                lines.addAll(Math.min(n, i + 20), block);
                out = join(lines);
            }
            default -> throw new IllegalStateException(op);
        }
        return Map.entry(op, out.getBytes(StandardCharsets.UTF_8));
    }

    /** One mutation of a GeoJSON file; returns its name and bytes. */
    static Map.Entry<String, byte[]> geoJson(String text, long seed) throws java.io.IOException {
        Random r = new Random(seed);
        String op = JSON_OPERATORS[r.nextInt(JSON_OPERATORS.length)];
        if (op.equals("truncate")) {
            return Map.entry(op, text.substring(0, r.nextInt(text.length())).getBytes(StandardCharsets.UTF_8));
        }
        if (op.endsWith("-char")) {
            return Map.entry(op, charEdit(text, op, r).getBytes(StandardCharsets.UTF_8));
        }
        ObjectNode root = (ObjectNode) JSON.readTree(text);
        ArrayNode features = (ArrayNode) root.get("features");
        int fi = r.nextInt(features.size());
        ObjectNode feature = (ObjectNode) features.get(fi);
        ObjectNode geometry = (ObjectNode) feature.get("geometry");
        ArrayNode ring = (ArrayNode) geometry.get("coordinates").get(0);
        int pi = r.nextInt(ring.size());
        JsonNodeFactory nf = JsonNodeFactory.instance;
        switch (op) {
            case "node-null", "node-string", "node-number", "node-empty-array", "node-empty-object" -> {
                List<JsonNode> containers = new ArrayList<>();
                collect(root, containers);
                JsonNode target = containers.get(r.nextInt(containers.size()));
                JsonNode replacement = switch (op) {
                    case "node-null" -> nf.nullNode();
                    case "node-string" -> nf.textNode("x");
                    case "node-number" -> nf.numberNode(-1);
                    case "node-empty-array" -> nf.arrayNode();
                    default -> nf.objectNode();
                };
                if (target instanceof ArrayNode a && !a.isEmpty()) {
                    a.set(r.nextInt(a.size()), replacement);
                } else if (target instanceof ObjectNode o && !o.isEmpty()) {
                    List<String> names = new ArrayList<>();
                    o.fieldNames().forEachRemaining(names::add);
                    o.set(names.get(r.nextInt(names.size())), replacement);
                }
            }
            case "remove-key" -> {
                List<JsonNode> containers = new ArrayList<>();
                collect(root, containers);
                for (JsonNode c : containers) {
                    if (c instanceof ObjectNode o && !o.isEmpty() && r.nextInt(3) == 0) {
                        List<String> names = new ArrayList<>();
                        o.fieldNames().forEachRemaining(names::add);
                        o.remove(names.get(r.nextInt(names.size())));
                        break;
                    }
                }
            }
            case "open-ring" -> ((ArrayNode) ring.get(ring.size() - 1)).set(0, ring.get(0).get(0).asDouble() + 1);
            case "drop-position" -> ring.remove(pi);
            case "swap-lon-lat" -> {
                for (JsonNode p : ring) {
                    ArrayNode a = (ArrayNode) p;
                    JsonNode x = a.get(0);
                    a.set(0, a.get(1));
                    a.set(1, x);
                }
            }
            case "scale-coordinates" -> {
                double k = r.nextBoolean() ? 1e-5 : 1e5;
                for (JsonNode p : ring) {
                    ArrayNode a = (ArrayNode) p;
                    a.set(0, a.get(0).asDouble() * k);
                    a.set(1, a.get(1).asDouble() * k);
                }
            }
            case "coordinate-3d" -> {
                for (JsonNode p : ring) {
                    ((ArrayNode) p).add(r.nextGaussian() * 100);
                }
            }
            case "coordinate-string" -> ((ArrayNode) ring.get(pi)).set(0, nf.textNode(ring.get(pi).get(0).asText()));
            case "nest-deep" -> {
                // Deeper than any writer allows: spliced in as text.
                ((ObjectNode) feature.get("properties")).put("deep", "__DEEP__");
                int depth = 500 + r.nextInt(5000);
                return Map.entry(op, JSON.writeValueAsString(root).replace("\"__DEEP__\"",
                        "[".repeat(depth) + "]".repeat(depth)).getBytes(StandardCharsets.UTF_8));
            }
            case "duplicate-feature" -> features.add(feature.deepCopy());
            case "geometry-type" -> geometry.put("type",
                    new String[] {"Point", "LineString", "MultiPolygon", "polygon", ""}[r.nextInt(5)]);
            case "huge-coordinate" -> ((ArrayNode) ring.get(pi)).set(0, nf.numberNode(new java.math.BigDecimal("1e400")));
            default -> throw new IllegalStateException(op);
        }
        return Map.entry(op, JSON.writeValueAsBytes(root));
    }

    /** One mutation of a model file's bytes; returns its name and bytes. */
    static Map.Entry<String, byte[]> modelFile(byte[] bytes, long seed) {
        Random r = new Random(seed);
        int headerEnd = indexOf(bytes, (byte) '\n', indexOf(bytes, (byte) '\n', 0) + 1);
        byte[] out = bytes.clone();
        switch (r.nextInt(6)) {
            case 0 -> {
                return Map.entry("truncate", java.util.Arrays.copyOf(bytes, r.nextInt(bytes.length)));
            }
            case 1 -> {
                int at = r.nextInt(headerEnd);
                out[at] = (byte) (out[at] ^ (1 << r.nextInt(8)));
                return Map.entry("flip-header-bit", out);
            }
            case 2 -> {
                int at = headerEnd + 1 + r.nextInt(bytes.length - headerEnd - 1);
                out[at] = (byte) (out[at] ^ (1 << r.nextInt(8)));
                return Map.entry("flip-body-bit", out);
            }
            case 3 -> {
                byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 1 + r.nextInt(100));
                return Map.entry("append", longer);
            }
            case 4 -> {
                String header = new String(bytes, 0, headerEnd, StandardCharsets.UTF_8);
                String[] fields = {"cardLength", "payloadLength", "kindVersion"};
                String f = fields[r.nextInt(fields.length)];
                String[] values = {"-1", "0", "4611686018427387904", "2147483647", "1e3", "\"12\"", "null", "99999999999999999999"};
                String edited = header.replaceFirst("\"" + f + "\":[^,}]*", "\"" + f + "\":" + values[r.nextInt(values.length)]);
                byte[] h = edited.getBytes(StandardCharsets.UTF_8);
                byte[] res = new byte[h.length + bytes.length - headerEnd];
                System.arraycopy(h, 0, res, 0, h.length);
                System.arraycopy(bytes, headerEnd, res, h.length, bytes.length - headerEnd);
                return Map.entry("header-length", res);
            }
            default -> {
                int at = r.nextInt(bytes.length);
                byte[] res = new byte[bytes.length - 1];
                System.arraycopy(bytes, 0, res, 0, at);
                System.arraycopy(bytes, at + 1, res, at, bytes.length - at - 1);
                return Map.entry("delete-byte", res);
            }
        }
    }

    private static int indexOf(byte[] b, byte v, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == v) {
                return i;
            }
        }
        return b.length - 1;
    }

    private static void collect(JsonNode node, List<JsonNode> containers) {
        if (node.isContainerNode()) {
            containers.add(node);
            for (Iterator<JsonNode> it = node.elements(); it.hasNext();) {
                collect(it.next(), containers);
            }
        }
    }

    private static String charEdit(String text, String op, Random r) {
        String awkward = ",;\"\n\r\t\u0000 .-eE{}[]:\u00e9\uFEFF\\0123456789";
        int at = r.nextInt(Math.max(1, text.length()));
        char c = awkward.charAt(r.nextInt(awkward.length()));
        return switch (op) {
            case "replace-char" -> text.substring(0, at) + c + text.substring(Math.min(text.length(), at + 1));
            case "insert-char" -> text.substring(0, at) + c + text.substring(at);
            default -> text.substring(0, at) + text.substring(Math.min(text.length(), at + 1));
        };
    }

    private static String join(List<String> lines) {
        return String.join("\n", lines) + "\n";
    }
}
