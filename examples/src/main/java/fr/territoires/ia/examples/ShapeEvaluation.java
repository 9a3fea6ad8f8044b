package fr.territoires.ia.examples;

import fr.territoires.ia.core.metrics.ConfusionMatrix;
import fr.territoires.ia.core.trust.Bootstrap;
import fr.territoires.ia.core.trust.ModelCard;
import fr.territoires.ia.examples.report.ShapeReports;
import fr.territoires.ia.geo.Feature;
import fr.territoires.ia.geo.ShapeClassifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.locationtech.jts.geom.Point;

/**
 * {@code classify-shapes --evaluate}: the library's spatial-block cross-validation of the
 * classifier's settings on the training file, with 95 % bootstrap intervals that resample whole
 * cells (buildings of one cell are not independent), written into the card.
 *
 * <p>Instances are immutable and safe for concurrent use (the class has none).
 */
final class ShapeEvaluation {

    static final int FOLDS = 5;
    static final double CELL_M = 500;
    private static final int RESAMPLES = 1000;
    private static final long SEED = 42L;

    private ShapeEvaluation() {
    }

    /** The evaluation and the card completed with it. */
    record Result(ShapeReports.Evaluation evaluation, ModelCard card, double seconds) {
    }

    /**
     * Cross-validates and completes the card.
     *
     * @throws IllegalArgumentException when the footprints span fewer cells than folds
     */
    static Result run(List<Feature> features, String labelProperty, ShapeClassifier.Options options, ModelCard card,
            String source) {
        long t0 = System.nanoTime();
        ShapeClassifier.CrossValidation cv = ShapeClassifier.spatialBlockCrossValidation(features, labelProperty,
                options, FOLDS, CELL_M);
        double seconds = (System.nanoTime() - t0) / 1e9;
        ConfusionMatrix cm = cv.confusion();
        List<String> labels = cm.labels();
        Map<String, Integer> code = new HashMap<>();
        for (int c = 0; c < labels.size(); c++) {
            code.put(labels.get(c), c);
        }
        Map<Integer, Feature> byIndex = new HashMap<>();
        for (Feature f : features) {
            byIndex.put(f.index(), f);
        }
        int n = cv.predictions().size();
        int[] actual = new int[n];
        int[] predicted = new int[n];
        Map<Long, List<Integer>> cells = new LinkedHashMap<>();
        for (int k = 0; k < n; k++) {
            ShapeClassifier.Prediction p = cv.predictions().get(k);
            Feature f = byIndex.get(p.index());
            actual[k] = code.get(f.property(labelProperty).orElseThrow().asText().strip());
            predicted[k] = code.get(p.label());
            Point c = f.geometry().getCentroid();
            long cell = ((long) Math.floor(c.getX() / CELL_M) << 32) ^ (Math.floorMod((long) Math.floor(c.getY() / CELL_M),
                    1L << 32));
            cells.computeIfAbsent(cell, x -> new ArrayList<>()).add(k);
        }
        List<int[]> groups = new ArrayList<>();
        cells.values().forEach(g -> groups.add(g.stream().mapToInt(Integer::intValue).toArray()));
        int k = labels.size();
        String how = "spatial-block " + FOLDS + "-fold cross-validation (" + (int) CELL_M + " m cells, out-of-fold "
                + "predictions of " + n + " labelled footprints of " + source + "); 95 % interval from " + RESAMPLES
                + " bootstrap resamples of the " + groups.size() + " cells";
        ModelCard.Metric macro = Bootstrap.metric("cross-validated macro-F1", how, groups.size(),
                cellsIdx -> f1s(cellsIdx, groups, actual, predicted, k)[k], RESAMPLES, 0.95, SEED);
        List<ModelCard.Metric> perClass = new ArrayList<>();
        List<ModelCard.QuantitativeAnalysis> analyses = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            int cls = c;
            ToDoubleFunction<int[]> stat = cellsIdx -> f1s(cellsIdx, groups, actual, predicted, k)[cls];
            ModelCard.Metric f1 = Bootstrap.metric("F1 " + labels.get(c), how, groups.size(), stat, RESAMPLES, 0.95,
                    SEED + 1 + c);
            perClass.add(f1);
            ConfusionMatrix.ClassMetrics m = cm.perClass().get(c);
            analyses.add(new ModelCard.QuantitativeAnalysis("class", labels.get(c), List.of(
                    new ModelCard.Metric("cross-validated F1", f1.value(), f1.lower(), f1.upper(), how),
                    ModelCard.Metric.of("cross-validated precision", m.precision(), "out-of-fold, " + n + " footprints"),
                    ModelCard.Metric.of("cross-validated recall", m.recall(), "out-of-fold, " + n + " footprints"),
                    ModelCard.Metric.of("support", m.support(), "labelled footprints of the class"))));
        }
        List<ModelCard.Metric> metrics = new ArrayList<>(card.metrics());
        metrics.add(macro);
        metrics.add(ModelCard.Metric.of("cross-validated accuracy", cm.accuracy(), "out-of-fold, " + n
                + " footprints; dominated by the largest class, read macro-F1 first"));
        List<String> caveats = new ArrayList<>(card.caveats());
        caveats.add(String.format(Locale.ROOT, "Cost of the evaluation: %d more models fitted (one per fold), %.1f s "
                + "on the machine that trained this one; classify-shapes --no-evaluate skips it.", FOLDS, seconds));
        cv.notes().forEach(note -> caveats.add("Cross-validation: " + note + "."));
        Map<String, String> details = new LinkedHashMap<>();
        details.put("folds", Integer.toString(FOLDS));
        details.put("cell size (m)", Integer.toString((int) CELL_M));
        details.put("fold sizes", cv.foldSizes().toString());
        details.put("cells", Integer.toString(groups.size()));
        ModelCard completed = card.toBuilder().metrics(metrics).quantitativeAnalyses(analyses).caveats(caveats)
                .evaluationData(new ModelCard.DataSummary(source, "spatial-block " + FOLDS + "-fold cross-validation, "
                        + (int) CELL_M + " m cells", n, details))
                .build();
        return new Result(new ShapeReports.Evaluation(cm, macro, perClass, how), completed, seconds);
    }

    /** F1 of each class and their mean (last entry) over the footprints of the given cells. */
    private static double[] f1s(int[] cellsIdx, List<int[]> groups, int[] actual, int[] predicted, int k) {
        long[] tp = new long[k];
        long[] fp = new long[k];
        long[] fn = new long[k];
        for (int g : cellsIdx) {
            for (int i : groups.get(g)) {
                if (actual[i] == predicted[i]) {
                    tp[actual[i]]++;
                } else {
                    fn[actual[i]]++;
                    fp[predicted[i]]++;
                }
            }
        }
        double[] out = new double[k + 1];
        double sum = 0;
        for (int c = 0; c < k; c++) {
            long denominator = 2 * tp[c] + fp[c] + fn[c];
            out[c] = denominator == 0 ? Double.NaN : 2.0 * tp[c] / denominator;
            sum += Double.isNaN(out[c]) ? 0 : out[c];
        }
        out[k] = sum / k;
        return out;
    }
}
