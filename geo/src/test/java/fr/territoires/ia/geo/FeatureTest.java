package fr.territoires.ia.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

class FeatureTest {

    @Test
    void properties_objectValue_isCopiedInAndOut() throws ParseException {
        ObjectNode tags = JsonNodeFactory.instance.objectNode().put("a", 1);
        Map<String, JsonNode> props = new LinkedHashMap<>();
        props.put("tags", tags);
        Feature f = new Feature(0, new WKTReader().read("POLYGON ((0 0, 1 0, 1 1, 0 0))"), props,
                "EPSG:2154");
        tags.put("a", 2);
        ((ObjectNode) f.properties().get("tags")).put("a", 3);
        assertEquals(1, f.properties().get("tags").get("a").asInt());
        assertThrows(UnsupportedOperationException.class, () -> f.properties().clear());
    }

    @Test
    void withProperty_existingKey_keepsPlaceAndOrder() throws ParseException {
        Map<String, JsonNode> props = new LinkedHashMap<>();
        props.put("a", JsonNodeFactory.instance.textNode("x"));
        props.put("b", JsonNodeFactory.instance.textNode("y"));
        Feature f = new Feature(4, new WKTReader().read("POLYGON ((0 0, 1 0, 1 1, 0 0))"), props,
                "EPSG:2154").withProperty("a", "z").withProperty("c", 0.5);
        assertEquals(List.of("a", "b", "c"), List.copyOf(f.properties().keySet()));
        assertEquals("z", f.properties().get("a").asText());
        assertEquals(4, f.index());
    }

    @Test
    void constructor_lineString_throwsNamingIndex() throws ParseException {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Feature(7, new WKTReader().read("LINESTRING (0 0, 1 1)"), Map.of(),
                        "EPSG:2154"));
        assertTrue(e.getMessage().contains("features[7].geometry"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new Feature(0, new WKTReader().read("POLYGON ((0 0, 1 0, 1 1, 0 0))"),
                        Map.of(), "EPSG:2154").withProperty("x", Double.NaN));
    }
}
