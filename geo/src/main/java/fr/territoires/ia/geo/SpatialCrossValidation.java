package fr.territoires.ia.geo;

import fr.territoires.ia.core.metrics.BinaryMetrics;
import fr.territoires.ia.core.metrics.ConfusionMatrix;
import fr.territoires.ia.geo.ShapeClassifier.Prediction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.locationtech.jts.geom.Point;

/**
 * Spatial-block cross-validation of a {@link ShapeClassifier}: the front door for measuring how
 * well a classifier with given options does on buildings it was not trained on.
 *
 * <p>Adjacent buildings leak information (same street, same builder, same era), so folds are
 * never random rows. Buildings are grouped by the square cell of side {@code cellSize} holding
 * their centroid, and whole cells are assigned to folds as scikit-learn's {@code GroupKFold}
 * does: the cell holding the most labelled buildings first, each to the fold holding the fewest
 * labelled buildings so far (ties to the lowest fold; cells of equal size in a fixed order), so a
 * cell is never split between folds. Each fold is predicted by a classifier fitted on the
 * others, which chooses its decision scales inside its own training part, as
 * {@link ShapeClassifier#fit} does. Descriptors are computed once over the whole list (they use
 * no label), so every building keeps its whole neighbourhood, unlabelled ones included. The
 * result ({@link ShapeClassifier.CrossValidation}) holds the out-of-fold predictions, their
 * confusion matrix, per-class precision, recall and F1, macro-F1 and one-versus-rest average
 * precision from the out-of-fold probabilities.
 *
 * <p>Coordinates and units: the features are in one projected CRS in metres (Lambert-93,
 * EPSG:2154, as {@link GeoJson} delivers them by default); cells are squares of side
 * {@code cellSize} metres aligned on the CRS origin (cell {@code (floor(x / cellSize),
 * floor(y / cellSize))} of the centroid {@code (x, y)}). The same features, options (seed
 * included), folds and cell size give the same folds, predictions and metrics.
 *
 * <p>Instances are immutable and safe for concurrent use (the class has none).
 *
 * @since 0.1.0
 */
public final class SpatialCrossValidation {

    private SpatialCrossValidation() {
    }

    /**
     * Runs a spatial-block cross-validation: buildings are grouped by the square cell of side
     * {@code cellSize} holding their centroid, whole cells are assigned to {@code folds} folds
     * (largest first, each to the smallest fold), and each fold is predicted by a model fitted
     * on the others. Features whose label is missing, null, not text or blank are left out of
     * the folds and reported (they still count as neighbours); labels absent from a fold's
     * training part are reported in {@link ShapeClassifier.CrossValidation#notes()}.
     *
     * @param features features of one collection (one CRS, in metres)
     * @param labelProperty name of the text property holding the class
     * @param options settings of each fold's model
     * @param folds number of folds, {@code >= 2}
     * @param cellSize side of the cells, m, finite and {@code > 0} (500 m is a usual choice)
     * @return out-of-fold predictions and metrics
     * @throws NullPointerException when an argument or element is null
     * @throws IllegalArgumentException when {@code folds} or {@code cellSize} is out of range,
     *     there are fewer non-empty cells than folds, fewer than 2 labels, or a geometry is
     *     invalid for the descriptors
     */
    public static ShapeClassifier.CrossValidation evaluate(List<Feature> features,
            String labelProperty, ShapeClassifier.Options options, int folds, double cellSize) {
        Objects.requireNonNull(labelProperty, "labelProperty");
        Objects.requireNonNull(options, "options");
        if (folds < 2) {
            throw new IllegalArgumentException("folds must be >= 2, was " + folds);
        }
        if (!(cellSize > 0) || !Double.isFinite(cellSize)) {
            throw new IllegalArgumentException("cellSize must be finite and > 0, was " + cellSize);
        }
        ShapeClassifier.Matrix matrix = ShapeClassifier.describe(features, options);
        List<Integer> rows = new ArrayList<>();
        List<String> y = new ArrayList<>();
        List<Long> outerCells = new ArrayList<>();
        List<Long> innerCells = new ArrayList<>();
        List<Integer> unlabelled = new ArrayList<>();
        for (int i = 0; i < features.size(); i++) {
            Optional<String> label = ShapeClassifier.labelOf(features.get(i), labelProperty);
            if (label.isEmpty()) {
                unlabelled.add(features.get(i).index());
                continue;
            }
            outerCells.add(cellOf(features.get(i), cellSize));
            innerCells.add(cellOf(features.get(i), options.decisionCellSize()));
            rows.add(i);
            y.add(label.get());
        }
        List<String> labels = ShapeClassifier.labelOrder(y);
        if (labels.size() < 2) {
            throw new IllegalArgumentException("features must hold at least 2 labels, was "
                    + labels);
        }
        int[] fold = blockFolds(outerCells, folds);
        if (fold == null) {
            throw new IllegalArgumentException("folds must be <= the number of non-empty cells ("
                    + new HashSet<>(outerCells).size() + "), was " + folds);
        }
        int[] sizes = new int[folds];
        for (int f : fold) {
            sizes[f]++;
        }
        Prediction[] oof = new Prediction[rows.size()];
        List<String> notes = new ArrayList<>();
        for (int f = 0; f < folds; f++) {
            Part part = part(fold, f);
            List<Integer> trainRows = part.train(rows);
            List<String> trainY = part.train(y);
            List<Long> trainCells = part.train(innerCells);
            List<Integer> testPositions = part.test();
            List<Integer> testRows = part.test(rows);
            List<String> present = ShapeClassifier.labelOrder(trainY);
            for (String label : labels) {
                if (!present.contains(label)) {
                    notes.add("fold " + f + ": label \"" + label + "\" is absent from the "
                            + "training part, so its buildings in this fold cannot be predicted");
                }
            }
            // The decision scales are chosen inside the training part, as fit does.
            ShapeClassifier.Fitted fitted = ShapeClassifier.fitRows(matrix, trainRows, trainY,
                    trainCells, labels, options);
            List<Prediction> ps = ShapeClassifier.predict(fitted.compiled(), labels,
                    fitted.scales(), matrix, testRows, features);
            for (int k = 0; k < ps.size(); k++) {
                oof[testPositions.get(k)] = ps.get(k);
            }
        }
        List<Prediction> predictions = List.of(oof);
        List<String> predicted = new ArrayList<>(rows.size());
        for (Prediction p : predictions) {
            predicted.add(p.label());
        }
        ConfusionMatrix cm = ConfusionMatrix.of(labels, y, predicted);
        Map<String, Double> ap = new LinkedHashMap<>();
        for (String label : labels) {
            boolean[] actual = new boolean[rows.size()];
            double[] scores = new double[rows.size()];
            for (int k = 0; k < rows.size(); k++) {
                actual[k] = y.get(k).equals(label);
                scores[k] = predictions.get(k).probabilities().get(label);
            }
            ap.put(label, BinaryMetrics.averagePrecision(actual, scores));
        }
        List<Integer> foldSizes = new ArrayList<>();
        for (int s : sizes) {
            foldSizes.add(s);
        }
        if (!unlabelled.isEmpty()) {
            notes.add(unlabelled.size() + " features without a usable \"" + labelProperty
                    + "\" label were left out of evaluation (they still count as neighbours)");
        }
        return new ShapeClassifier.CrossValidation(cm, cm.macroF1(), cm.perClass(), ap, predictions, folds,
                cellSize, foldSizes, unlabelled, notes);
    }

    /**
     * The positions of one fold's training and test parts in the fold assignment, each in
     * increasing order.
     *
     * @param train positions whose fold is another one
     * @param test positions in the fold
     */
    record Part(List<Integer> train, List<Integer> test) {

        /** The values at the training positions, in order. */
        <T> List<T> train(List<T> values) {
            return pick(values, train);
        }

        /** The values at the test positions, in order. */
        <T> List<T> test(List<T> values) {
            return pick(values, test);
        }

        private static <T> List<T> pick(List<T> values, List<Integer> positions) {
            List<T> out = new ArrayList<>(positions.size());
            for (int k : positions) {
                out.add(values.get(k));
            }
            return out;
        }
    }

    /**
     * Splits the positions of a fold assignment into fold {@code f} and the others.
     *
     * @param fold the fold of each position, as {@link #blockFolds} gives it
     * @param f the fold to test on
     * @return its training and test positions
     */
    static Part part(int[] fold, int f) {
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int k = 0; k < fold.length; k++) {
            (fold[k] == f ? test : train).add(k);
        }
        return new Part(train, test);
    }

    /**
     * Key of the square cell of side {@code cellSize} holding the feature's centroid: cell
     * {@code (floor(x / cellSize), floor(y / cellSize))} in the features' CRS, as
     * {@code cx * 1000003 + cy}, distinct for cells fewer than 1,000,003 rows apart (over
     * 1,000 km of 1 m cells).
     *
     * @param feature a feature in a projected CRS, in metres
     * @param cellSize side of the cells, m, finite and {@code > 0} (not checked)
     * @return the cell's key
     */
    static long cellOf(Feature feature, double cellSize) {
        Point c = feature.geometry().getCentroid();
        long cx = (long) Math.floor(c.getX() / cellSize);
        long cy = (long) Math.floor(c.getY() / cellSize);
        return cx * 1_000_003L + cy;
    }

    /**
     * Assigns whole cells to folds, the most populated cell first (cells of equal size by
     * increasing key), each to the fold holding the fewest rows so far (ties to the lowest
     * fold): the rows of one cell always share a fold.
     *
     * @param cells cell of each row
     * @param folds number of folds
     * @return the fold of each row, or null when fewer cells than folds hold rows
     */
    static int @Nullable [] blockFolds(List<Long> cells, int folds) {
        Map<Long, List<Integer>> members = new HashMap<>();
        for (int k = 0; k < cells.size(); k++) {
            members.computeIfAbsent(cells.get(k), key -> new ArrayList<>()).add(k);
        }
        if (members.size() < folds) {
            return null;
        }
        List<Map.Entry<Long, List<Integer>>> groups = new ArrayList<>(members.entrySet());
        groups.sort(Comparator.comparing((Map.Entry<Long, List<Integer>> e) -> -e.getValue()
                .size()).thenComparing(Map.Entry::getKey));
        int[] fold = new int[cells.size()];
        int[] sizes = new int[folds];
        for (Map.Entry<Long, List<Integer>> g : groups) {
            int best = 0;
            for (int f = 1; f < folds; f++) {
                if (sizes[f] < sizes[best]) {
                    best = f;
                }
            }
            sizes[best] += g.getValue().size();
            for (int r : g.getValue()) {
                fold[r] = best;
            }
        }
        return fold;
    }
}
