package fr.territoires.ia.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.territoires.ia.core.trust.ModelCard;
import fr.territoires.ia.core.trust.ModelFile;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading and writing model-file JSON payloads with path-named errors. */
class JsonPayloadTest {

    private static final JsonPayload P = new JsonPayload("test.kind", 2);

    private static final ModelCard CARD = ModelCard.builder("test model").build();

    private static JsonNode parse(String json) {
        return P.parse(ModelFile.of("test.kind", 2, ModelFile.Encoding.JSON, CARD,
                json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void num_nonFiniteWrittenAsStrings_readBackToTheSameBits() {
        ObjectNode root = P.newObject();
        double[] values = {1.5, -0.0, Double.MIN_VALUE, 0.1 + 0.2, Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY};
        JsonPayload.add(root.putArray("v"), values);
        JsonPayload.add(root.putArray("i"), new int[] {-1, 7});
        JsonPayload.add(root.putArray("l"), List.of(3, 4));
        root.set("x", JsonPayload.num(Double.NaN));
        ModelFile file = P.toModelFile(CARD, root);
        assertEquals("{\"v\":[1.5,-0.0,4.9E-324,0.30000000000000004,\"NaN\",\"Infinity\",\"-Infinity\"],"
                + "\"i\":[-1,7],\"l\":[3,4],\"x\":\"NaN\"}", new String(file.payload(), StandardCharsets.UTF_8));
        assertEquals(2, file.kindVersion());
        JsonNode back = P.parse(file);
        for (int k = 0; k < values.length; k++) {
            double v = P.number(back.get("v").get(k), "v[" + k + "]");
            assertEquals(Double.doubleToRawLongBits(values[k]), Double.doubleToRawLongBits(v), "v[" + k + "]");
        }
        assertTrue(Double.isNaN(P.dbl(back, "x")));
        assertArrayEquals(new int[] {-1, 7}, P.ints(back, "i", 2));
        assertArrayEquals(new int[] {3, 4}, P.ints(back, "l", -1));
    }

    @Test
    void readers_errorsNameTheKindThePathAndTheRule() {
        JsonNode root = parse("{\"o\": {\"a\": [1.0, \"NaN\"], \"n\": \"x\", \"b\": 1, \"i\": 2.5,"
                + " \"t\": 3, \"d\": \"MONDAY\", \"e\": \"FUNDAY\", \"is\": [1, 2.0]}}");
        JsonNode o = P.object(root, "o");
        assertEquals("test.kind payload field o.missing is missing",
                assertThrows(IllegalArgumentException.class, () -> P.field(o, "o.missing")).getMessage());
        assertEquals("test.kind payload field o.a must hold 3 numbers, was 2",
                assertThrows(IllegalArgumentException.class, () -> P.doubles(o, "o.a", 3)).getMessage());
        assertEquals("test.kind payload field o.a[1] must be finite, was NaN",
                assertThrows(IllegalArgumentException.class, () -> P.doubles(o, "o.a", 2)).getMessage());
        assertEquals("test.kind payload field o.n must be a number (or \"NaN\", \"Infinity\", \"-Infinity\"), "
                + "was \"x\"", assertThrows(IllegalArgumentException.class, () -> P.dbl(o, "o.n")).getMessage());
        assertEquals("test.kind payload field o.b must be true or false, was NUMBER",
                assertThrows(IllegalArgumentException.class, () -> P.bool(o, "o.b")).getMessage());
        assertEquals("test.kind payload field o.i must be an integer, was 2.5",
                assertThrows(IllegalArgumentException.class, () -> P.integer(o, "o.i")).getMessage());
        assertEquals("test.kind payload field o.t must be text, was NUMBER",
                assertThrows(IllegalArgumentException.class, () -> P.text(o, "o.t")).getMessage());
        assertEquals("test.kind payload field o.t must be an array, was NUMBER",
                assertThrows(IllegalArgumentException.class, () -> P.ints(o, "o.t", -1)).getMessage());
        assertEquals("test.kind payload field o.is must hold 1 integers, was 2",
                assertThrows(IllegalArgumentException.class, () -> P.ints(o, "o.is", 1)).getMessage());
        assertEquals("test.kind payload field o.is[1] must be an integer, was 2.0",
                assertThrows(IllegalArgumentException.class, () -> P.ints(o, "o.is", 2)).getMessage());
        assertEquals("test.kind payload field o.b must be an object, was NUMBER",
                assertThrows(IllegalArgumentException.class, () -> P.object(o, "o.b")).getMessage());
        assertEquals(DayOfWeek.MONDAY, P.constant(DayOfWeek.class, o, "o.d"));
        assertEquals("test.kind payload field o.e must be one of [MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, "
                + "SATURDAY, SUNDAY], was \"FUNDAY\"",
                assertThrows(IllegalArgumentException.class, () -> P.constant(DayOfWeek.class, o, "o.e"))
                        .getMessage());
        IllegalArgumentException inner = new IllegalArgumentException("trees must be >= 1, was 0");
        assertEquals("test.kind payload field o: trees must be >= 1, was 0", P.within("o", inner).getMessage());
        IllegalArgumentException named = P.bad("o.x", "must be > 0, was 0");
        assertEquals(named, P.within("o", named));
    }

    @Test
    void parse_otherKindNewerVersionOtherEncodingOrNotAnObject_refused() {
        byte[] json = "{}".getBytes(StandardCharsets.UTF_8);
        assertEquals("model file kind must be \"test.kind\", was \"other\"",
                assertThrows(IllegalArgumentException.class, () -> P.parse(ModelFile.of("other", 1,
                        ModelFile.Encoding.JSON, CARD, json))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> P.parse(ModelFile.of("test.kind", 3,
                ModelFile.Encoding.JSON, CARD, json))).getMessage()
                .startsWith("model file kindVersion must be at most 2 (this library's layout of test.kind), was 3"));
        assertEquals("model file encoding must be json for test.kind, was tribuo-protobuf",
                assertThrows(IllegalArgumentException.class, () -> P.parse(ModelFile.of("test.kind", 1,
                        ModelFile.Encoding.TRIBUO_PROTOBUF, CARD, json))).getMessage());
        assertEquals("test.kind payload must be a JSON object",
                assertThrows(IllegalArgumentException.class, () -> parse("[1]")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("{\"a\":1,\"a\":2}")).getMessage()
                .startsWith("test.kind payload must be JSON: "));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("{} {}")).getMessage()
                .startsWith("test.kind payload must be JSON: "));
    }
}
