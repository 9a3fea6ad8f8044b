package fr.territoires.ia.geo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.NullNode;
import fr.territoires.ia.geo.synthetic.FootprintSimulator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

/** Cell and fold assignment of the spatial-block cross-validation, and its front door. */
class SpatialCrossValidationTest {

    private static final ShapeClassifier.Options OPTIONS = ShapeClassifier.Options.defaults()
            .withTrees(20).withMaxDepth(4);

    @Test
    void blockFolds_handMadeCells_largestCellFirstEachToTheSmallestFold() {
        // cell 10 holds 5 rows, 20 and 30 hold 3 each, 40 holds 1
        List<Long> cells = List.of(20L, 10L, 40L, 10L, 30L, 10L, 20L, 30L, 10L, 30L, 20L, 10L);
        int[] fold = SpatialCrossValidation.blockFolds(cells, 2);
        // 10 -> fold 0 (5, 0); 20 -> fold 1 (5, 3); 30 -> fold 1 (5, 6); 40 -> fold 0 (6, 6)
        assertArrayEquals(new int[] {1, 0, 0, 0, 1, 0, 1, 1, 0, 1, 1, 0}, fold);
        SpatialCrossValidation.Part part = SpatialCrossValidation.part(fold, 1);
        assertEquals(List.of(0, 4, 6, 7, 9, 10), part.test());
        assertEquals(List.of(1, 2, 3, 5, 8, 11), part.train());
        assertEquals(List.of(20L, 30L, 20L, 30L, 30L, 20L), part.test(cells));
        assertEquals(List.of(10L, 40L, 10L, 10L, 10L, 10L), part.train(cells));
    }

    @Test
    void blockFolds_fewerCellsThanFolds_null() {
        assertNull(SpatialCrossValidation.blockFolds(List.of(1L, 1L, 2L, 2L), 3));
    }

    @Test
    void blockFolds_simulatedFootprints_everyFeatureInOneFoldAndNoCellSplit() {
        List<Feature> features = FootprintSimulator.simulate(600, 7L);
        List<Long> cells = new ArrayList<>();
        for (Feature f : features) {
            cells.add(SpatialCrossValidation.cellOf(f, 500.0));
        }
        int folds = 5;
        int[] fold = SpatialCrossValidation.blockFolds(cells, folds);
        assertEquals(features.size(), fold.length);
        Map<Long, Integer> foldOfCell = new HashMap<>();
        Map<Long, Integer> sizeOfCell = new HashMap<>();
        int[] sizes = new int[folds];
        for (int k = 0; k < fold.length; k++) {
            assertTrue(fold[k] >= 0 && fold[k] < folds, "row " + k + " in fold " + fold[k]);
            sizes[fold[k]]++;
            Integer before = foldOfCell.putIfAbsent(cells.get(k), fold[k]);
            assertTrue(before == null || before == fold[k],
                    "cell " + cells.get(k) + " split between folds " + before + " and " + fold[k]);
            sizeOfCell.merge(cells.get(k), 1, Integer::sum);
        }
        assertTrue(foldOfCell.size() > folds, "only " + foldOfCell.size() + " cells");
        int largestCell = sizeOfCell.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        int max = IntStream.of(sizes).max().orElseThrow();
        int min = IntStream.of(sizes).min().orElseThrow();
        // greedy largest-first assignment: folds differ by at most the largest cell
        assertTrue(min > 0 && max - min <= largestCell,
                "fold sizes " + java.util.Arrays.toString(sizes) + ", largest cell " + largestCell);
    }

    @Test
    void cellOf_squaresAlignedOnTheCrsOrigin() {
        double side = 500.0;
        long first = SpatialCrossValidation.cellOf(square(250, 250), side);
        assertEquals(first, SpatialCrossValidation.cellOf(square(2, 498), side));
        assertNotEquals(first, SpatialCrossValidation.cellOf(square(502, 250), side));
        assertNotEquals(first, SpatialCrossValidation.cellOf(square(250, 502), side));
        // floor, not truncation: just west of the origin is another cell
        assertNotEquals(first, SpatialCrossValidation.cellOf(square(-2, 250), side));
        assertEquals(SpatialCrossValidation.cellOf(square(-2, 250), side),
                SpatialCrossValidation.cellOf(square(-498, 2), side));
    }

    @Test
    void evaluate_simulated_eachLabelledFeaturePredictedOnceWithFoldsOfWholeCells() {
        List<Feature> features = new ArrayList<>(FootprintSimulator.simulate(600, 7L));
        features.set(10, features.get(10).withProperty("kind", NullNode.getInstance()));
        features.set(20, features.get(20).withProperty("kind", " "));
        ShapeClassifier.CrossValidation cv = SpatialCrossValidation.evaluate(features, "kind", OPTIONS, 3,
                500.0);
        assertEquals(List.of(10, 20), cv.unlabelled());
        List<Integer> labelled = new ArrayList<>();
        List<Long> cells = new ArrayList<>();
        for (Feature f : features) {
            if (f.index() != 10 && f.index() != 20) {
                labelled.add(f.index());
                cells.add(SpatialCrossValidation.cellOf(f, 500.0));
            }
        }
        assertEquals(labelled, cv.predictions().stream().map(ShapeClassifier.Prediction::index).toList());
        int[] fold = SpatialCrossValidation.blockFolds(cells, 3);
        List<Integer> sizes = new ArrayList<>(List.of(0, 0, 0));
        for (int f : fold) {
            sizes.set(f, sizes.get(f) + 1);
        }
        assertEquals(sizes, cv.foldSizes());
        assertTrue(cv.notes().stream().anyMatch(n -> n.startsWith("2 features without a usable \"kind\"")),
                cv.notes().toString());
        // the old entry point is the same computation
        assertEquals(cv, ShapeClassifier.spatialBlockCrossValidation(features, "kind", OPTIONS, 3, 500.0));
    }

    @Test
    void evaluate_badArguments_throwNamingTheRule() {
        List<Feature> features = FootprintSimulator.simulate(60, 7L);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SpatialCrossValidation.evaluate(features, "kind", OPTIONS, 1, 500.0));
        assertEquals("folds must be >= 2, was 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SpatialCrossValidation.evaluate(features, "kind", OPTIONS, 3, Double.NaN));
        assertEquals("cellSize must be finite and > 0, was NaN", e.getMessage());
        // 60 footprints on an 80 m grid span one cell of 10 km
        e = assertThrows(IllegalArgumentException.class,
                () -> SpatialCrossValidation.evaluate(features, "kind", OPTIONS, 3, 10_000.0));
        assertEquals("folds must be <= the number of non-empty cells (1), was 3", e.getMessage());
    }

    /** A 2 m square feature centred on (x, y), Lambert-93. */
    private static Feature square(double x, double y) {
        GeometryFactory gf = new GeometryFactory(new PrecisionModel(), 2154);
        Polygon p = gf.createPolygon(new Coordinate[] {new Coordinate(x - 1, y - 1),
            new Coordinate(x + 1, y - 1), new Coordinate(x + 1, y + 1), new Coordinate(x - 1, y + 1),
            new Coordinate(x - 1, y - 1)});
        return new Feature(0, p, Map.of(), "EPSG:2154");
    }
}
