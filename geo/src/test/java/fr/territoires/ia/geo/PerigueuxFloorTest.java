package fr.territoires.ia.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.NullNode;
import fr.territoires.ia.testing.SharedData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Holds the house-versus-apartment floor on the shared Périgueux OpenStreetMap extract: the 784
 * buildings labelled {@code residential_individual} (354) or {@code residential_collective}
 * (430) among 14,774 footprints, spatial-block 5-fold cross-validation with 500 m cells, from the
 * footprints alone. The other footprints are kept unlabelled: they are the neighbourhood of the
 * labelled ones (descriptors are computed over the whole town) but are not trained on.
 */
@Tag("slow")
class PerigueuxFloorTest {

    private static final String FILE = "geo/perigueux_osm_buildings.geojson";
    private static final Set<String> RESIDENTIAL = Set.of("residential_individual", "residential_collective");
    /** Floor asked by the issue. */
    private static final double BALANCED_ACCURACY = 0.70;

    @Test
    void spatialBlockCrossValidation_houseVersusApartment_holdsFloorAndBeatsAreaThreshold() throws IOException {
        FeatureCollection fc = GeoJson.read(SharedData.resolve(FILE));
        assertEquals(14774, fc.features().size());
        List<Feature> features = new ArrayList<>(fc.features().size());
        List<double[]> areaAndLabel = new ArrayList<>();
        for (Feature f : fc.features()) {
            String label = f.property("label").filter(v -> v.isTextual()).map(v -> v.textValue()).orElse("");
            if (RESIDENTIAL.contains(label)) {
                features.add(f);
                areaAndLabel.add(new double[] {f.geometry().getArea(), label.equals("residential_individual") ? 1 : 0});
            } else {
                features.add(f.withProperty("label", NullNode.getInstance()));
            }
        }
        assertEquals(784, areaAndLabel.size());
        ShapeClassifier.CrossValidation cv = ShapeClassifier.spatialBlockCrossValidation(features, "label",
                ShapeClassifier.Options.defaults(), 5, 500.0);
        double balanced = cv.confusion().balancedAccuracy();
        double baseline = bestAreaThreshold(areaAndLabel);
        System.out.printf("Périgueux, house vs apartment: balanced accuracy %.3f (best area threshold %.3f)%n%s%n",
                balanced, baseline, cv.toMarkdown());
        assertTrue(balanced >= BALANCED_ACCURACY, "balanced accuracy " + balanced + " below " + BALANCED_ACCURACY);
        assertTrue(balanced > baseline, "balanced accuracy " + balanced + " not above the area threshold's " + baseline);
    }

    /**
     * Balanced accuracy of the best single area threshold ("house below t m²"), chosen on all
     * 784 buildings: an optimistic baseline, since its threshold sees the test buildings.
     */
    private static double bestAreaThreshold(List<double[]> rows) {
        List<double[]> sorted = new ArrayList<>(rows);
        sorted.sort((a, b) -> Double.compare(a[0], b[0]));
        double houses = sorted.stream().filter(r -> r[1] == 1).count();
        double flats = sorted.size() - houses;
        double best = 0.5;
        double housesBelow = 0;
        double flatsBelow = 0;
        for (double[] r : sorted) {
            housesBelow += r[1];
            flatsBelow += 1 - r[1];
            // threshold just above r: houses below are right, flats above are right
            best = Math.max(best, 0.5 * (housesBelow / houses + (flats - flatsBelow) / flats));
        }
        return best;
    }
}
