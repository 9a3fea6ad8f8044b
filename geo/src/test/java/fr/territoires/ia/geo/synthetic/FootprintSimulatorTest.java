package fr.territoires.ia.geo.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.territoires.ia.geo.Feature;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FootprintSimulatorTest {

    @Test
    void simulate_sameSeed_givesSameFootprints() {
        List<Feature> a = FootprintSimulator.simulate(50, 3L);
        List<Feature> b = FootprintSimulator.simulate(50, 3L);
        for (int i = 0; i < 50; i++) {
            assertTrue(a.get(i).geometry().equalsExact(b.get(i).geometry()));
            assertEquals(a.get(i).properties(), b.get(i).properties());
        }
        assertNotEquals(a.get(0).geometry().toText(),
                FootprintSimulator.simulate(50, 4L).get(0).geometry().toText());
    }

    @Test
    void simulate_400_givesValidLambert93FootprintsOfAllKinds() {
        List<Feature> fs = FootprintSimulator.simulate(400, 11L);
        Set<String> kinds = new HashSet<>();
        for (Feature f : fs) {
            assertTrue(f.geometry().isValid());
            assertEquals(2154, f.geometry().getSRID());
            assertEquals("EPSG:2154", f.sourceCrs());
            kinds.add(f.properties().get("kind").asText());
        }
        assertEquals(Set.of("house", "apartment_block", "shed", "greenhouse"), kinds);
        // buildings stay inside their 80 m cells: no two footprints intersect
        for (int i = 1; i < 20; i++) {
            assertTrue(!fs.get(i).geometry().intersects(fs.get(i - 1).geometry()));
        }
    }

    @Test
    void simulate_zero_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FootprintSimulator.simulate(0, 1L));
        assertEquals("count must be >= 1, was 0", e.getMessage());
    }
}
