package fr.territoires.ia.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Names and readable labels of the classifier's descriptors. */
class DescriptorCatalogueTest {

    private static final ShapeClassifier.Options WITH_HEIGHT = ShapeClassifier.Options.defaults()
            .withHeightProperty("hauteur");

    @Test
    void names_defaults_shapeThenNeighbourhoodThenNeighboursMeans_heightLastWhenAsked() {
        List<String> expected = new ArrayList<>(ShapeDescriptors.names());
        expected.addAll(NeighbourhoodDescriptors.names());
        for (String a : List.of("rectangularity", "elongation", "convexity", "corners", "mrr_width", "area")) {
            expected.add("neighbours_avg_" + a);
        }
        List<String> names = DescriptorCatalogue.names(ShapeClassifier.Options.defaults());
        assertEquals(expected, names);
        assertEquals(names.size(), new HashSet<>(names).size(), "repeated names in " + names);
        expected.add("height");
        assertEquals(expected, DescriptorCatalogue.names(WITH_HEIGHT));
    }

    @Test
    void label_everyDescriptorOfTheOptions_hasDistinctEnglishAndFrenchNames() {
        for (String name : DescriptorCatalogue.names(WITH_HEIGHT)) {
            String english = DescriptorCatalogue.label(name, false);
            String french = DescriptorCatalogue.label(name, true);
            assertFalse(english.isBlank(), name);
            assertFalse(french.isBlank(), name);
            assertNotEquals(english, french, name + " has no French name");
            assertNotEquals(name.replace('_', ' '), french, name + " has no French name");
            assertEquals(english, ShapeClassifier.label(name, false), name);
            assertEquals(french, ShapeClassifier.label(name, true), name);
        }
    }

    @Test
    void labelled_holdsNoNameThatNoDescriptorHas() {
        Set<String> used = new HashSet<>(DescriptorCatalogue.names(WITH_HEIGHT));
        used.removeIf(n -> n.startsWith(DescriptorCatalogue.NEIGHBOURS_MEAN));
        assertEquals(used, DescriptorCatalogue.labelled());
    }

    @Test
    void label_unknownName_throwsNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DescriptorCatalogue.label("roof_colour", true));
        assertEquals("name must be a descriptor of the catalogue, was \"roof_colour\"", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> DescriptorCatalogue.label("neighbours_avg_roof_colour", false));
        assertTrue(e.getMessage().contains("\"neighbours_avg_roof_colour\""), e.getMessage());
    }

    @Test
    void readable_unknownName_fallsBackAsTheClassifiersLabelAlwaysDid() {
        assertEquals("neighbours' mean roof colour", DescriptorCatalogue.readable("neighbours_avg_roof_colour", false));
        assertEquals("moyenne des voisins : roof colour", ShapeClassifier.label("neighbours_avg_roof_colour", true));
        assertEquals("roof colour", ShapeClassifier.label("roof_colour", true));
        assertEquals("neighbours' mean width of the enclosing rectangle (m)",
                DescriptorCatalogue.label("neighbours_avg_mrr_width", false));
    }
}
