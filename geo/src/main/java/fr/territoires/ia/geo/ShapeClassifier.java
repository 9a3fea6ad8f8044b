package fr.territoires.ia.geo;

import com.fasterxml.jackson.databind.JsonNode;
import fr.territoires.ia.core.fast.CompiledTrees;
import fr.territoires.ia.core.metrics.ConfusionMatrix;
import fr.territoires.ia.core.trust.Explanation;
import fr.territoires.ia.core.trust.ModelCard;
import fr.territoires.ia.core.trust.ModelFile;
import fr.territoires.ia.core.tribuo.TribuoModels;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.locationtech.jts.geom.Geometry;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.common.xgboost.XGBoostTrainer;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Classifies building footprints (house, industrial, greenhouse, church, …) from their shape and
 * neighbourhood, with gradient-boosted trees.
 *
 * <p>Each feature is described by the {@link ShapeDescriptors} of its polygon and the
 * {@link NeighbourhoodDescriptors} of the collection it belongs to (computed over the list given
 * to {@link #fit}, {@link #classify} or {@link SpatialCrossValidation#evaluate}), by the mean over
 * its neighbours (within the neighbourhood radius) of the rectangularity, elongation, convexity,
 * corners, rectangle width and area of their footprints, and optionally by
 * a numeric height property (BD TOPO {@code hauteur}; 0, missing or non-numeric values are
 * treated as unknown). Missing or undefined descriptors (NaN) are left out of the example and
 * handled as missing by the trees. The model is XGBoost (T. Chen and C. Guestrin, "XGBoost: A
 * Scalable Tree Boosting System", KDD 2016, doi:10.1145/2939672.2939785) trained through Tribuo
 * with the {@code multi:softprob} objective. Classes are weighted against imbalance: an example
 * of class {@code c} weighs {@code (n_max / n_c)^p}, where {@code n_max} is the size of the
 * largest class and {@code p} is {@link Options#classWeightPower()} (0 = unweighted, 1 = fully
 * balanced).
 *
 * <p><b>Decision.</b> Rare classes are seldom the most probable class even for footprints the
 * model ranks first for them, so the predicted class is the one of highest probability times a
 * per-class decision scale (1 for the majority class, at least 1 for the others). The scales are
 * chosen at fit to maximise macro-F1 on out-of-fold probabilities of {@link
 * Options#decisionFolds()} inner spatial-block folds of the training footprints, then shrunk
 * halfway towards 1 on a log scale (they rest on few examples); the model itself is trained on
 * all of them. They are kept in the card and the model file. With {@code decisionFolds} 0 the
 * most probable class is predicted. The probabilities are never rescaled: {@link
 * Prediction#confidence()} is the probability of the predicted class, which may then be below
 * that of another class.
 *
 * <p><b>Labels.</b> Training labels are the text values of {@code labelProperty}. Features whose
 * label is missing, null, not text or blank are not guessed: they are left out of training (they
 * still count as neighbours) and reported by {@link #unlabelled()} and in the card. In
 * cross-validation, labels absent from a fold's training part are reported in
 * {@link CrossValidation#notes()}.
 *
 * <p><b>Evaluation.</b> {@link SpatialCrossValidation#evaluate} (also reachable as
 * {@link #spatialBlockCrossValidation}) groups buildings by square cells of their centroids
 * (500 m by default) and assigns whole cells to folds, never random rows, since adjacent
 * buildings leak information. Cells are assigned as scikit-learn's {@code GroupKFold} does:
 * largest cell first, each to the fold with the fewest buildings so far. Each fold's model
 * chooses its decision scales inside its own training part, as {@link #fit} does.
 *
 * <p>Predictions are computed in one batch per call, by the trees of the booster compiled once
 * (at fit or load) into a {@link CompiledTrees}: plain Java, no per-example Tribuo objects, equal
 * to Tribuo's predictions within 1e-6. The same data and options (seed included)
 * give the same model and predictions. Saved files are {@link ModelFile}s of kind
 * {@value #KIND} holding Tribuo's protobuf and the card, never Java serialisation; the layout is
 * described in the package-private {@code ShapeModelCodec}.
 *
 * <p>Instances are immutable and safe for concurrent use.
 *
 * @since 0.1.0
 */
public final class ShapeClassifier {

    /** Model-file kind of a saved shape classifier. */
    public static final String KIND = ShapeModelCodec.KIND;

    /** The Tribuo model; package-private, never written after construction: the codec reads it. */
    final Model<Label> model;
    /** The booster's trees compiled for prediction. */
    private final Compiled compiled;
    private final Options options;
    private final List<String> labels;
    /** Decision scale of each label, in {@link #labels} order (see {@link DecisionScales}). */
    private final double[] scales;
    private final List<Integer> unlabelled;
    private final ModelCard card;

    private ShapeClassifier(Model<Label> model, Compiled compiled, Options options, List<String> labels,
            double[] scales, List<Integer> unlabelled, ModelCard card) {
        this.model = model;
        this.compiled = compiled;
        this.options = options;
        this.labels = labels;
        this.scales = scales;
        this.unlabelled = unlabelled;
        this.card = card;
    }

    /**
     * Settings of the classifier.
     *
     * <p>Instances are immutable and safe for concurrent use.
     *
     * @param trees boosting rounds (each grows one tree per class), {@code >= 1}
     * @param maxDepth maximum tree depth, {@code >= 1}
     * @param learningRate shrinkage (XGBoost {@code eta}), in (0, 1]
     * @param minChildWeight minimum sum of example weights in a leaf, {@code >= 0}
     * @param subsample share of examples drawn for each tree, in (0, 1]
     * @param featureSubsample share of descriptors drawn for each tree, in (0, 1]
     * @param classWeightPower exponent {@code p} of the class weights {@code (n_max/n_c)^p}, in
     *     [0, 1]
     * @param neighbourhood radius and wall tolerance of the neighbourhood descriptors
     * @param heightProperty name of a numeric height property to use as a descriptor, or empty
     *     (the default: footprints alone)
     * @param seed random seed of the booster
     * @param threads threads used by XGBoost, {@code >= 1}
     * @param decisionFolds number of inner spatial-block folds over the training footprints
     *     from which the per-class decision scales are chosen (see {@link ShapeClassifier}),
     *     0 to predict the most probable class, otherwise {@code >= 2}
     * @param decisionCellSize side of the square cells grouping the training footprints into
     *     those inner folds, m, finite and {@code > 0}
     * @since 0.1.0
     */
    public record Options(int trees, int maxDepth, double learningRate, double minChildWeight,
            double subsample, double featureSubsample, double classWeightPower,
            NeighbourhoodDescriptors.Options neighbourhood, Optional<String> heightProperty,
            long seed, int threads, int decisionFolds, double decisionCellSize) {

        /**
         * Validates the settings.
         *
         * @param trees boosting rounds
         * @param maxDepth tree depth
         * @param learningRate shrinkage
         * @param minChildWeight minimum leaf weight
         * @param subsample example share per tree
         * @param featureSubsample descriptor share per tree
         * @param classWeightPower class weight exponent
         * @param neighbourhood neighbourhood settings
         * @param heightProperty height property, or empty
         * @param seed seed
         * @param threads thread count
         * @param decisionFolds inner folds of the decision scales, 0 or {@code >= 2}
         * @param decisionCellSize side of the inner cells, m
         * @throws NullPointerException when an object argument is null
         * @throws IllegalArgumentException when a value is out of range
         */
        public Options {
            if (trees < 1) {
                throw new IllegalArgumentException("trees must be >= 1, was " + trees);
            }
            if (maxDepth < 1) {
                throw new IllegalArgumentException("maxDepth must be >= 1, was " + maxDepth);
            }
            if (!(learningRate > 0 && learningRate <= 1)) {
                throw new IllegalArgumentException(
                        "learningRate must be in (0, 1], was " + learningRate);
            }
            if (!(minChildWeight >= 0) || !Double.isFinite(minChildWeight)) {
                throw new IllegalArgumentException(
                        "minChildWeight must be finite and >= 0, was " + minChildWeight);
            }
            if (!(subsample > 0 && subsample <= 1)) {
                throw new IllegalArgumentException("subsample must be in (0, 1], was " + subsample);
            }
            if (!(featureSubsample > 0 && featureSubsample <= 1)) {
                throw new IllegalArgumentException(
                        "featureSubsample must be in (0, 1], was " + featureSubsample);
            }
            if (!(classWeightPower >= 0 && classWeightPower <= 1)) {
                throw new IllegalArgumentException(
                        "classWeightPower must be in [0, 1], was " + classWeightPower);
            }
            Objects.requireNonNull(neighbourhood, "neighbourhood");
            Objects.requireNonNull(heightProperty, "heightProperty");
            if (heightProperty.isPresent() && heightProperty.get().isBlank()) {
                throw new IllegalArgumentException("heightProperty must not be blank, was \""
                        + heightProperty.get() + "\"");
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, was " + threads);
            }
            if (decisionFolds < 0 || decisionFolds == 1) {
                throw new IllegalArgumentException("decisionFolds must be 0 or >= 2, was "
                        + decisionFolds);
            }
            if (!(decisionCellSize > 0) || !Double.isFinite(decisionCellSize)) {
                throw new IllegalArgumentException(
                        "decisionCellSize must be finite and > 0, was " + decisionCellSize);
            }
        }

        /**
         * Returns the defaults, chosen by spatial-block cross-validation on the Rodez-area BD TOPO
         * extract: 150 rounds of depth 3, learning rate 0.08, minimum leaf weight 3, subsample
         * 0.8, descriptor subsample 0.8, class weight power 0.5, the default
         * neighbourhood ({@link NeighbourhoodDescriptors.Options#defaults()}), no height, seed
         * 42, 1 thread, decision scales chosen on 4 inner folds of 500 m cells.
         *
         * @return the default options
         */
        public static Options defaults() {
            return new Options(150, 3, 0.08, 3.0, 0.8, 0.8, 0.5,
                    NeighbourhoodDescriptors.Options.defaults(), Optional.empty(), 42L, 1, 4,
                    500.0);
        }

        /**
         * Returns a copy with another number of boosting rounds.
         *
         * @param trees boosting rounds, {@code >= 1}
         * @return new options
         * @throws IllegalArgumentException when out of range
         */
        public Options withTrees(int trees) {
            return new Options(trees, maxDepth, learningRate, minChildWeight, subsample,
                    featureSubsample, classWeightPower, neighbourhood, heightProperty, seed,
                    threads, decisionFolds, decisionCellSize);
        }

        /**
         * Returns a copy with another tree depth.
         *
         * @param maxDepth depth, {@code >= 1}
         * @return new options
         * @throws IllegalArgumentException when out of range
         */
        public Options withMaxDepth(int maxDepth) {
            return new Options(trees, maxDepth, learningRate, minChildWeight, subsample,
                    featureSubsample, classWeightPower, neighbourhood, heightProperty, seed,
                    threads, decisionFolds, decisionCellSize);
        }

        /**
         * Returns a copy with another learning rate.
         *
         * @param learningRate shrinkage, in (0, 1]
         * @return new options
         * @throws IllegalArgumentException when out of range
         */
        public Options withLearningRate(double learningRate) {
            return new Options(trees, maxDepth, learningRate, minChildWeight, subsample,
                    featureSubsample, classWeightPower, neighbourhood, heightProperty, seed,
                    threads, decisionFolds, decisionCellSize);
        }

        /**
         * Returns a copy with another minimum leaf weight.
         *
         * @param minChildWeight minimum leaf weight, {@code >= 0}
         * @return new options
         * @throws IllegalArgumentException when out of range
         */
        public Options withMinChildWeight(double minChildWeight) {
            return new Options(trees, maxDepth, learningRate, minChildWeight, subsample,
                    featureSubsample, classWeightPower, neighbourhood, heightProperty, seed,
                    threads, decisionFolds, decisionCellSize);
        }

        /**
         * Returns a copy with other subsampling shares.
         *
         * @param subsample example share per tree, in (0, 1]
         * @param featureSubsample descriptor share per tree, in (0, 1]
         * @return new options
         * @throws IllegalArgumentException when out of range
         */
        public Options withSubsample(double subsample, double featureSubsample) {
            return new Options(trees, maxDepth, learningRate, minChildWeight, subsample,
                    featureSubsample, classWeightPower, neighbourhood, heightProperty, seed,
                    threads, decisionFolds, decisionCellSize);
        }

        /**
         * Returns a copy with another class weight exponent.
         *
         * @param classWeightPower exponent, in [0, 1]
         * @return new options
         * @throws IllegalArgumentException when out of range
         */
        public Options withClassWeightPower(double classWeightPower) {
            return new Options(trees, maxDepth, learningRate, minChildWeight, subsample,
                    featureSubsample, classWeightPower, neighbourhood, heightProperty, seed,
                    threads, decisionFolds, decisionCellSize);
        }

        /**
         * Returns a copy with other neighbourhood settings.
         *
         * @param neighbourhood radius and wall tolerance
         * @return new options
         * @throws NullPointerException when {@code neighbourhood} is null
         */
        public Options withNeighbourhood(NeighbourhoodDescriptors.Options neighbourhood) {
            return new Options(trees, maxDepth, learningRate, minChildWeight, subsample,
                    featureSubsample, classWeightPower, neighbourhood, heightProperty, seed,
                    threads, decisionFolds, decisionCellSize);
        }

        /**
         * Returns a copy that also uses a numeric height property.
         *
         * @param heightProperty property name, such as {@code "hauteur"}
         * @return new options
         * @throws NullPointerException when {@code heightProperty} is null
         * @throws IllegalArgumentException when it is blank
         */
        public Options withHeightProperty(String heightProperty) {
            return new Options(trees, maxDepth, learningRate, minChildWeight, subsample,
                    featureSubsample, classWeightPower, neighbourhood,
                    Optional.of(Objects.requireNonNull(heightProperty, "heightProperty")), seed,
                    threads, decisionFolds, decisionCellSize);
        }

        /**
         * Returns a copy with another seed.
         *
         * @param seed seed
         * @return new options
         */
        public Options withSeed(long seed) {
            return new Options(trees, maxDepth, learningRate, minChildWeight, subsample,
                    featureSubsample, classWeightPower, neighbourhood, heightProperty, seed,
                    threads, decisionFolds, decisionCellSize);
        }

        /**
         * Returns a copy with another thread count.
         *
         * @param threads threads, {@code >= 1}
         * @return new options
         * @throws IllegalArgumentException when out of range
         */
        public Options withThreads(int threads) {
            return new Options(trees, maxDepth, learningRate, minChildWeight, subsample,
                    featureSubsample, classWeightPower, neighbourhood, heightProperty, seed,
                    threads, decisionFolds, decisionCellSize);
        }

        /**
         * Returns a copy with another number of inner folds for the decision scales.
         *
         * @param decisionFolds 0 (predict the most probable class) or {@code >= 2}
         * @return new options
         * @throws IllegalArgumentException when out of range
         */
        public Options withDecisionFolds(int decisionFolds) {
            return new Options(trees, maxDepth, learningRate, minChildWeight, subsample,
                    featureSubsample, classWeightPower, neighbourhood, heightProperty, seed,
                    threads, decisionFolds, decisionCellSize);
        }

        /**
         * Returns a copy with another cell side for the inner folds of the decision scales.
         *
         * @param decisionCellSize side, m, finite and {@code > 0}
         * @return new options
         * @throws IllegalArgumentException when out of range
         */
        public Options withDecisionCellSize(double decisionCellSize) {
            return new Options(trees, maxDepth, learningRate, minChildWeight, subsample,
                    featureSubsample, classWeightPower, neighbourhood, heightProperty, seed,
                    threads, decisionFolds, decisionCellSize);
        }
    }

    /**
     * The class predicted for one feature.
     *
     * <p>Instances are immutable and safe for concurrent use.
     *
     * @param index the feature's {@link Feature#index()}
     * @param label predicted label: the class of highest probability times its decision scale
     *     (the most probable class when the options' {@code decisionFolds} is 0)
     * @param confidence probability of the predicted label, in [0, 1]
     * @param probabilities probability of every label, in {@link #labels()} order, summing to 1
     * @since 0.1.0
     */
    public record Prediction(int index, String label, double confidence,
            Map<String, Double> probabilities) {

        /**
         * Validates and copies the fields.
         *
         * @param index feature index
         * @param label predicted label
         * @param confidence probability of the label
         * @param probabilities probability per label
         * @throws NullPointerException when an argument is null
         * @throws IllegalArgumentException when {@code confidence} is outside [0, 1]
         */
        public Prediction {
            Objects.requireNonNull(label, "label");
            if (!(confidence >= 0 && confidence <= 1)) {
                throw new IllegalArgumentException(
                        "confidence must be in [0, 1], was " + confidence);
            }
            probabilities = Collections.unmodifiableMap(new LinkedHashMap<>(
                    Objects.requireNonNull(probabilities, "probabilities")));
        }
    }

    /**
     * Result of a spatial-block cross-validation: out-of-fold predictions of every labelled
     * feature and their metrics.
     *
     * <p>Instances are immutable and safe for concurrent use.
     *
     * @param confusion confusion matrix of actual against out-of-fold predicted labels (labels
     *     by decreasing support)
     * @param macroF1 unweighted mean F1 over the labels, in [0, 1]
     * @param perClass precision, recall and F1 per label
     * @param averagePrecision one-versus-rest average precision (PR-AUC) per label, from the
     *     out-of-fold probabilities, in [0, 1]
     * @param predictions out-of-fold predictions, in input order (labelled features only)
     * @param folds number of folds
     * @param cellSize side of the square cells used as groups, m
     * @param foldSizes number of labelled features in each fold
     * @param unlabelled indices of the features left out because their label is missing
     * @param notes problems found, such as a label absent from a fold's training part
     * @since 0.1.0
     */
    public record CrossValidation(ConfusionMatrix confusion, double macroF1,
            List<ConfusionMatrix.ClassMetrics> perClass, Map<String, Double> averagePrecision,
            List<Prediction> predictions, int folds, double cellSize, List<Integer> foldSizes,
            List<Integer> unlabelled, List<String> notes) {

        /**
         * Copies the lists.
         *
         * @param confusion confusion matrix
         * @param macroF1 macro-F1
         * @param perClass per-class metrics
         * @param averagePrecision average precision per label
         * @param predictions out-of-fold predictions
         * @param folds fold count
         * @param cellSize cell side, m
         * @param foldSizes fold sizes
         * @param unlabelled unlabelled feature indices
         * @param notes notes
         * @throws NullPointerException when an argument is null
         */
        public CrossValidation {
            Objects.requireNonNull(confusion, "confusion");
            perClass = List.copyOf(perClass);
            averagePrecision = Collections.unmodifiableMap(new LinkedHashMap<>(averagePrecision));
            predictions = List.copyOf(predictions);
            foldSizes = List.copyOf(foldSizes);
            unlabelled = List.copyOf(unlabelled);
            notes = List.copyOf(notes);
        }

        /**
         * Returns the confusion matrix and per-class metrics as Markdown, preceded by macro-F1
         * and followed by the average precision per label.
         *
         * @return Markdown text
         */
        public String toMarkdown() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "Spatial-block %d-fold cross-validation "
                    + "(%.0f m cells): macro-F1 %.4f, accuracy %.4f, balanced accuracy %.4f%n%n",
                    folds, cellSize, macroF1, confusion.accuracy(),
                    confusion.balancedAccuracy()));
            sb.append(confusion.toMarkdown()).append('\n');
            sb.append("| label | average precision (one vs rest) |\n|---|---:|\n");
            for (Map.Entry<String, Double> e : averagePrecision.entrySet()) {
                sb.append(String.format(Locale.ROOT, "| %s | %.4f |%n", e.getKey(),
                        e.getValue()));
            }
            return sb.toString();
        }
    }

    /** Descriptor rows of a list of features, NaN where undefined. */
    record Matrix(String[] names, double[][] rows) {
    }

    /**
     * The descriptor rows of the features, in the columns of
     * {@link DescriptorCatalogue#names(Options)}; neighbourhoods are computed over the whole list.
     */
    static Matrix describe(List<Feature> features, Options options) {
        Objects.requireNonNull(features, "features");
        int n = features.size();
        List<Geometry> geometries = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            geometries.add(Objects.requireNonNull(features.get(i), "features[" + i + "]")
                    .geometry());
        }
        NeighbourhoodDescriptors.checkPolygons(geometries);
        List<String> names = DescriptorCatalogue.names(options);
        int shape = ShapeDescriptors.names().size();
        int orientationColumn = ShapeDescriptors.names().indexOf("orientation");
        double[][] rows = new double[n][names.size()];
        double[] orientations = new double[n];
        double[][] averaged = new double[n][DescriptorCatalogue.AVERAGED.size()];
        int[] averagedColumns = new int[DescriptorCatalogue.AVERAGED.size()];
        for (int k = 0; k < averagedColumns.length; k++) {
            averagedColumns[k] = ShapeDescriptors.names().indexOf(DescriptorCatalogue.AVERAGED.get(k));
        }
        for (int i = 0; i < n; i++) {
            double[] s = ShapeDescriptors.compute(geometries.get(i));
            System.arraycopy(s, 0, rows[i], 0, shape);
            orientations[i] = s[orientationColumn];
            for (int k = 0; k < averagedColumns.length; k++) {
                averaged[i][k] = s[averagedColumns[k]];
            }
        }
        double[][] nb = NeighbourhoodDescriptors.compute(geometries, options.neighbourhood(),
                orientations, averaged);
        int neigh = NeighbourhoodDescriptors.names().size() + DescriptorCatalogue.AVERAGED.size();
        for (int i = 0; i < n; i++) {
            System.arraycopy(nb[i], 0, rows[i], shape, neigh);
        }
        if (options.heightProperty().isPresent()) {
            String key = options.heightProperty().get();
            for (int i = 0; i < n; i++) {
                JsonNode h = features.get(i).properties().get(key);
                double v = h != null && h.isNumber() ? h.doubleValue() : Double.NaN;
                rows[i][shape + neigh] = v > 0 && Double.isFinite(v) ? v : Double.NaN;
            }
        }
        return new Matrix(names.toArray(new String[0]), rows);
    }

    private static Example<Label> example(Label label, String[] names, double[] row) {
        int k = 0;
        for (double v : row) {
            if (Double.isFinite(v)) {
                k++;
            }
        }
        String[] ns = new String[k];
        double[] vs = new double[k];
        k = 0;
        for (int j = 0; j < row.length; j++) {
            if (Double.isFinite(row[j])) {
                ns[k] = names[j];
                vs[k++] = row[j];
            }
        }
        return new ArrayExample<>(label, ns, vs);
    }

    /** The feature's label: its non-blank text value of {@code labelProperty}, if any. */
    static Optional<String> labelOf(Feature f, String labelProperty) {
        JsonNode v = f.properties().get(labelProperty);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(v.asText());
    }

    /**
     * Fits a classifier on labelled features.
     *
     * @param training features of one collection (one CRS, in metres); unlabelled ones serve as
     *     neighbours only and are reported
     * @param labelProperty name of the text property holding the class
     * @param options settings
     * @return the fitted classifier
     * @throws NullPointerException when an argument or element is null
     * @throws IllegalArgumentException when no feature is labelled, fewer than 2 labels occur,
     *     or a geometry is invalid for the descriptors (mixed SRIDs, non-polygon)
     */
    public static ShapeClassifier fit(List<Feature> training, String labelProperty,
            Options options) {
        Objects.requireNonNull(labelProperty, "labelProperty");
        Objects.requireNonNull(options, "options");
        Matrix matrix = describe(training, options);
        List<Integer> rows = new ArrayList<>();
        List<String> y = new ArrayList<>();
        List<Long> cells = new ArrayList<>();
        List<Integer> unlabelled = new ArrayList<>();
        for (int i = 0; i < training.size(); i++) {
            Optional<String> label = labelOf(training.get(i), labelProperty);
            if (label.isPresent()) {
                rows.add(i);
                y.add(label.get());
                cells.add(SpatialCrossValidation.cellOf(training.get(i), options.decisionCellSize()));
            } else {
                unlabelled.add(training.get(i).index());
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("training must hold features with a text \""
                    + labelProperty + "\" property, was " + training.size()
                    + " features without one");
        }
        List<String> labels = labelOrder(y);
        if (labels.size() < 2) {
            throw new IllegalArgumentException("training must hold at least 2 labels, was "
                    + labels);
        }
        Fitted fitted = fitRows(matrix, rows, y, cells, labels, options);
        // Global importance: mean absolute contribution to the predicted class's score over the
        // training footprints.
        List<Explanation> explained = explain(fitted.compiled(), labels, fitted.scales(), matrix,
                rows, training);
        ModelCard card = card(fitted.model(), options, labelProperty, labels, fitted.scales(), y,
                unlabelled, training.size()).toBuilder()
                .featureImportance(Explanation.importance(explained)).build();
        return new ShapeClassifier(fitted.model(), fitted.compiled(), options, labels,
                fitted.scales(), List.copyOf(unlabelled), card);
    }

    /** The distinct labels, by decreasing count, ties in natural order. */
    static List<String> labelOrder(List<String> y) {
        Map<String, Integer> counts = new HashMap<>();
        for (String s : y) {
            counts.merge(s, 1, Integer::sum);
        }
        List<String> labels = new ArrayList<>(counts.keySet());
        labels.sort(Comparator.comparing((String s) -> -counts.get(s))
                .thenComparing(Comparator.naturalOrder()));
        return List.copyOf(labels);
    }

    private static Model<Label> train(Matrix matrix, List<Integer> rows, List<String> y,
            Options options) {
        Map<String, Integer> counts = new HashMap<>();
        for (String s : y) {
            counts.merge(s, 1, Integer::sum);
        }
        int max = Collections.max(counts.values());
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> data = new MutableDataset<>(
                new SimpleDataSourceProvenance("building footprint descriptors", factory),
                factory);
        for (int k = 0; k < rows.size(); k++) {
            Example<Label> ex = example(new Label(y.get(k)), matrix.names(),
                    matrix.rows()[rows.get(k)]);
            double w = Math.pow((double) max / counts.get(y.get(k)), options.classWeightPower());
            ex.setWeight((float) w);
            data.add(ex);
        }
        XGBoostClassificationTrainer trainer = new XGBoostClassificationTrainer(
                XGBoostTrainer.BoosterType.GBTREE, XGBoostTrainer.TreeMethod.HIST,
                options.trees(), options.learningRate(), 0.0, options.maxDepth(),
                options.minChildWeight(), options.subsample(), options.featureSubsample(), 1.0,
                0.0, options.threads(), XGBoostTrainer.LoggingVerbosity.SILENT, options.seed());
        return trainer.train(data);
    }

    private static ModelCard card(Model<Label> model, Options options, String labelProperty,
            List<String> labels, double[] scales, List<String> y, List<Integer> unlabelled,
            int total) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String s : y) {
            counts.merge(s, 1, Integer::sum);
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("labelProperty", labelProperty);
        for (String label : labels) {
            details.put("count." + label, Integer.toString(counts.get(label)));
        }
        details.put("unlabelled", Integer.toString(unlabelled.size()));
        details.put("descriptors", String.join(", ", DescriptorCatalogue.names(options)));
        Map<String, String> opts = ShapeModelCodec.cardOptions(options, labelProperty, labels,
                scales);
        List<String> caveats = new ArrayList<>();
        caveats.add("Trained on footprints of one area; shapes and class shares differ between "
                + "regions: evaluate on local data (spatial-block cross-validation) before use.");
        caveats.add("Rare classes are learned from few examples; check per-class F1, not accuracy.");
        boolean scaled = Arrays.stream(scales).anyMatch(v -> v != 1.0);
        if (options.decisionFolds() >= 2 && !scaled) {
            caveats.add("No decision scale differs from 1, so the most probable class is "
                    + "predicted: no scale raised the macro-F1 of the inner folds, or they could "
                    + "not be formed (training footprints in fewer than " + options.decisionFolds()
                    + " cells of " + options.decisionCellSize() + " m, or an inner fold training "
                    + "on a single label).");
        }
        if (scaled) {
            caveats.add("The predicted class is the one of highest probability times its decision "
                    + "scale " + ShapeModelCodec.json(scales) + " (labels in the order "
                    + labels + "), not always the most probable: scales above 1, chosen on "
                    + options.decisionFolds() + " inner spatial folds of the training data, "
                    + "trade precision of rare classes for recall.");
        }
        if (!unlabelled.isEmpty()) {
            caveats.add(unlabelled.size() + " of " + total + " features had no usable \""
                    + labelProperty + "\" label and were left out of training (first indices: "
                    + unlabelled.subList(0, Math.min(10, unlabelled.size())) + ").");
        }
        return TribuoModels.cardBuilder("shape classifier", model)
                .description("Gradient-boosted trees (XGBoost, multi:softprob) over shape and "
                        + "neighbourhood descriptors of building footprints"
                        + options.heightProperty().map(h -> " and the height property " + h)
                                .orElse("") + ".")
                .options(opts)
                .libraryVersion(ModelFile.libraryVersion())
                .intendedUse(new ModelCard.IntendedUse("Classifying building footprints into "
                        + "the types " + labels + " to prepare, not replace, an expert survey.",
                        List.of("local government GIS teams"),
                        List.of("decisions about individual owners without human review")))
                .trainingData(new ModelCard.DataSummary("GeoJSON footprints", "",
                        y.size(), details))
                .caveats(caveats)
                .build();
    }

    /**
     * Returns the labels the model can predict, by decreasing training count.
     *
     * @return an unmodifiable list of at least 2 labels
     */
    public List<String> labels() {
        return labels;
    }

    /**
     * Returns the decision scale of each label (see the class comment): the predicted class is
     * the one of highest probability times its scale.
     *
     * @return label to scale, in {@link #labels()} order, unmodifiable; all 1 when the options'
     *     {@code decisionFolds} is 0, the training footprints spanned fewer cells than folds, an
     *     inner training part held a single label, or no scale raised the inner macro-F1
     */
    public Map<String, Double> decisionScales() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int c = 0; c < labels.size(); c++) {
            m.put(labels.get(c), scales[c]);
        }
        return Collections.unmodifiableMap(m);
    }

    /**
     * Returns the options the classifier was fitted with.
     *
     * @return the options
     */
    public Options options() {
        return options;
    }

    /**
     * Returns the indices of the training features left out for lack of a usable label.
     *
     * @return an unmodifiable list, empty for a loaded model
     */
    public List<Integer> unlabelled() {
        return unlabelled;
    }

    /**
     * Returns the model card.
     *
     * @return the card
     */
    public ModelCard card() {
        return card;
    }

    /**
     * Returns this classifier with another card, such as its card completed with a
     * cross-validated evaluation or the training file's name and digest; predictions are
     * unchanged, and {@link #save(Path)} writes the new card.
     *
     * @param card the new card; its options must equal this card's, which {@link #load(Path)}
     *     reads back
     * @return a classifier sharing this one's model, with the new card
     * @throws NullPointerException when {@code card} is null
     * @throws IllegalArgumentException when the card's options differ from this card's
     */
    public ShapeClassifier withCard(ModelCard card) {
        Objects.requireNonNull(card, "card");
        if (!card.details().options().equals(this.card.details().options())) {
            throw new IllegalArgumentException("card options must equal the classifier's options "
                    + this.card.details().options() + ", was " + card.details().options());
        }
        return new ShapeClassifier(model, compiled, options, labels, scales, unlabelled, card);
    }

    /**
     * Classifies features, in one batch. Neighbourhood descriptors are computed over the given
     * list, which should therefore be a whole area, not a sample.
     *
     * @param features features of one collection (one CRS, in metres)
     * @return one prediction per feature, in input order
     * @throws NullPointerException when the list or an element is null
     * @throws IllegalArgumentException when a geometry is invalid for the descriptors
     */
    public List<Prediction> classify(List<Feature> features) {
        Matrix matrix = describe(features, options);
        List<Integer> all = new ArrayList<>(features.size());
        for (int i = 0; i < features.size(); i++) {
            all.add(i);
        }
        return predict(compiled, labels, scales, matrix, all, features);
    }

    /**
     * Explains the predicted class of each feature: the score (softmax margin) of the class
     * {@link #classify(List)} predicts, as a base value plus one contribution per descriptor
     * (Saabas contributions of the compiled trees; see {@link Explanation}). The scores of all
     * classes go through a softmax to give the probabilities, so a descriptor with a positive
     * contribution pushes the footprint towards the predicted class. Descriptor names are those
     * of the card's {@code descriptors} detail; {@link #label(String, boolean)} gives readable
     * names. Neighbourhood descriptors are computed over the given list, as in
     * {@link #classify(List)}.
     *
     * @param features features of one collection (one CRS, in metres)
     * @return one explanation per feature, in input order
     * @throws NullPointerException when the list or an element is null
     * @throws IllegalArgumentException when a geometry is invalid for the descriptors
     */
    public List<Explanation> explain(List<Feature> features) {
        return classifyAndExplain(features).stream().map(Explained::explanation).toList();
    }

    /**
     * A prediction and its explanation.
     *
     * <p>Instances are immutable and safe for concurrent use.
     *
     * @param prediction the prediction, as {@link #classify(List)} gives it
     * @param explanation the explanation of its class, as {@link #explain(List)} gives it
     * @since 0.1.0
     */
    public record Explained(Prediction prediction, Explanation explanation) {

        /**
         * Checks the components.
         *
         * @param prediction the prediction
         * @param explanation its explanation
         * @throws NullPointerException when a component is null
         */
        public Explained {
            Objects.requireNonNull(prediction, "prediction");
            Objects.requireNonNull(explanation, "explanation");
        }
    }

    /**
     * Classifies and explains features in one pass: the same predictions as
     * {@link #classify(List)} and explanations as {@link #explain(List)}, with the descriptors
     * computed once.
     *
     * @param features features of one collection (one CRS, in metres)
     * @return one prediction and explanation per feature, in input order
     * @throws NullPointerException when the list or an element is null
     * @throws IllegalArgumentException when a geometry is invalid for the descriptors
     */
    public List<Explained> classifyAndExplain(List<Feature> features) {
        Matrix matrix = describe(features, options);
        List<Integer> all = new ArrayList<>(features.size());
        for (int i = 0; i < features.size(); i++) {
            all.add(i);
        }
        return explained(compiled, labels, scales, matrix, all, features);
    }

    private static List<Explanation> explain(Compiled compiled, List<String> labels,
            double[] scales, Matrix matrix, List<Integer> rows, List<Feature> features) {
        return explained(compiled, labels, scales, matrix, rows, features).stream()
                .map(Explained::explanation).toList();
    }

    private static List<Explained> explained(Compiled compiled, List<String> labels,
            double[] scales, Matrix matrix, List<Integer> rows, List<Feature> features) {
        List<Prediction> predicted = predict(compiled, labels, scales, matrix, rows, features);
        List<String> names = List.of(matrix.names());
        List<Explained> out = new ArrayList<>(rows.size());
        double[] cell = new double[names.size()];
        for (int i = 0; i < rows.size(); i++) {
            double[] row = matrix.rows()[rows.get(i)];
            for (int j = 0; j < cell.length; j++) {
                cell[j] = Double.isFinite(row[j]) ? row[j] : Double.NaN;
            }
            String label = predicted.get(i).label();
            int c = compiled.classes().indexOf(label);
            out.add(new Explained(predicted.get(i), Explanation.of("score of class " + label + " (softmax margin)",
                    "score de la classe " + label + " (marge softmax)", names, cell,
                    compiled.trees().contributions(cell, c), compiled.trees().margin(cell, c))));
        }
        return List.copyOf(out);
    }

    /**
     * Returns a readable name of a descriptor, with its unit, in English or in French, for
     * explanations and public notices: {@code area} is "footprint area (m²)" ("surface au sol
     * (m²)"), {@code nearest_distance} "distance to the nearest building (m)" ("distance au
     * bâtiment le plus proche (m)"); {@code neighbours_avg_} followed by a name is read as the
     * neighbours' mean of that name. A name without a translation is returned with its
     * underscores as spaces. The names and translations are kept in the package's descriptor
     * catalogue, beside the descriptors; this method is its public entry.
     *
     * @param name a descriptor name
     * @param french whether to answer in French
     * @return the readable name
     * @throws NullPointerException when {@code name} is null
     */
    public static String label(String name, boolean french) {
        return DescriptorCatalogue.readable(name, french);
    }

    /**
     * The trees of a Tribuo XGBoost classifier compiled for prediction, and the label of each of
     * their outputs.
     */
    record Compiled(CompiledTrees trees, List<String> classes) {

        static Compiled of(Model<Label> model, List<String> columns) {
            if (!(model instanceof XGBoostModel<Label> xgb) || xgb.getInnerModels().size() != 1) {
                throw new IllegalArgumentException("model must be a Tribuo XGBoost classifier with one "
                        + "booster, was " + model.getClass().getName());
            }
            Booster booster = xgb.getInnerModels().get(0);
            String[] dump;
            try {
                dump = booster.getModelDump((String) null, true, "json");
            } catch (XGBoostError e) {
                throw new IllegalArgumentException("model must be a readable XGBoost booster, was not: "
                        + e.getMessage(), e);
            }
            ImmutableFeatureMap map = model.getFeatureIDMap();
            List<String> byId = new ArrayList<>(map.size());
            for (int i = 0; i < map.size(); i++) {
                byId.add(map.get(i).getName());
            }
            ImmutableOutputInfo<Label> outputs = model.getOutputIDInfo();
            List<String> classes = new ArrayList<>(outputs.size());
            for (int i = 0; i < outputs.size(); i++) {
                classes.add(outputs.getOutput(i).getLabel());
            }
            // Tribuo trains multi:softprob with XGBoost's default base score 0.5.
            CompiledTrees trees = CompiledTrees.fromXgboostJson(List.of(dump),
                    CompiledTrees.Objective.MULTI_SOFTPROB, classes.size(), 0.5, byId, columns);
            return new Compiled(trees, List.copyOf(classes));
        }
    }

    /**
     * Tribuo's own predictions, for tests comparing them with the compiled trees'.
     *
     * @param features features of one collection
     * @return one prediction per feature, in input order
     */
    List<Prediction> classifyWithTribuo(List<Feature> features) {
        Matrix matrix = describe(features, options);
        List<Integer> all = new ArrayList<>(features.size());
        for (int i = 0; i < features.size(); i++) {
            all.add(i);
        }
        return predictWithTribuo(model, labels, scales, matrix, all, features);
    }

    /**
     * Probabilities of the rows from the compiled trees, one array per row in {@code labels}
     * order; labels the model lacks get probability 0.
     */
    private static double[][] probabilities(Compiled compiled, List<String> labels,
            Matrix matrix, List<Integer> rows) {
        int p = matrix.names().length;
        int k = compiled.classes().size();
        double[] flat = new double[rows.size() * p];
        for (int i = 0; i < rows.size(); i++) {
            double[] row = matrix.rows()[rows.get(i)];
            for (int j = 0; j < p; j++) {
                // Non-finite cells are left out of Tribuo's examples: missing for the trees.
                flat[i * p + j] = Double.isFinite(row[j]) ? row[j] : Double.NaN;
            }
        }
        double[] raw = new double[rows.size() * k];
        if (!rows.isEmpty()) {
            compiled.trees().predictBatch(flat, raw);
        }
        int[] column = new int[labels.size()];
        for (int c = 0; c < column.length; c++) {
            column[c] = compiled.classes().indexOf(labels.get(c));
        }
        double[][] out = new double[rows.size()][labels.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (int c = 0; c < column.length; c++) {
                out[i][c] = column[c] < 0 ? 0.0
                        : Math.max(0.0, Math.min(1.0, raw[i * k + column[c]]));
            }
        }
        return out;
    }

    /** Predicts the rows with the compiled trees and the decision scales. */
    static List<Prediction> predict(Compiled compiled, List<String> labels,
            double[] scales, Matrix matrix, List<Integer> rows, List<Feature> features) {
        double[][] probabilities = probabilities(compiled, labels, matrix, rows);
        List<Prediction> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Double> probs = new LinkedHashMap<>();
            for (int c = 0; c < labels.size(); c++) {
                probs.put(labels.get(c), probabilities[i][c]);
            }
            int d = DecisionScales.decide(probabilities[i], scales);
            out.add(new Prediction(features.get(rows.get(i)).index(), labels.get(d),
                    probabilities[i][d], probs));
        }
        return out;
    }

    /** A booster, its compiled trees and the decision scales of its labels. */
    record Fitted(Model<Label> model, Compiled compiled, double[] scales) {
    }

    /**
     * Trains on the given rows and, when {@link Options#decisionFolds()} asks for it, chooses
     * the decision scales on out-of-fold probabilities of inner spatial-block folds over the
     * same rows ({@code cells}: the cell of each row). All scales are 1 when the rows span fewer
     * cells than inner folds or an inner training part would hold a single label.
     */
    static Fitted fitRows(Matrix matrix, List<Integer> rows, List<String> y,
            List<Long> cells, List<String> labels, Options options) {
        Model<Label> model = train(matrix, rows, y, options);
        Compiled compiled = Compiled.of(model, Arrays.asList(matrix.names()));
        double[] scales = new double[labels.size()];
        Arrays.fill(scales, 1.0);
        int folds = options.decisionFolds();
        int[] fold = folds >= 2 ? SpatialCrossValidation.blockFolds(cells, folds) : null;
        if (fold != null) {
            // Every inner training part must hold at least 2 labels to train a booster.
            for (int f = 0; f < folds && fold != null; f++) {
                java.util.Set<String> present = new java.util.HashSet<>();
                for (int k = 0; k < rows.size(); k++) {
                    if (fold[k] != f) {
                        present.add(y.get(k));
                    }
                }
                if (present.size() < 2) {
                    fold = null;
                }
            }
        }
        if (fold != null) {
            double[][] oof = new double[rows.size()][];
            for (int f = 0; f < folds; f++) {
                SpatialCrossValidation.Part part = SpatialCrossValidation.part(fold, f);
                double[][] ps = probabilities(Compiled.of(train(matrix, part.train(rows),
                        part.train(y), options), Arrays.asList(matrix.names())), labels, matrix,
                        part.test(rows));
                for (int k = 0; k < ps.length; k++) {
                    oof[part.test().get(k)] = ps[k];
                }
            }
            int[] actual = new int[rows.size()];
            for (int k = 0; k < actual.length; k++) {
                actual[k] = labels.indexOf(y.get(k));
            }
            scales = DecisionScales.choose(oof, actual);
        }
        return new Fitted(model, compiled, scales);
    }

    private static List<Prediction> predictWithTribuo(Model<Label> model, List<String> labels,
            double[] scales, Matrix matrix, List<Integer> rows, List<Feature> features) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Example<Label>> examples = new ArrayList<>(rows.size());
        for (int r : rows) {
            examples.add(example(LabelFactory.UNKNOWN_LABEL, matrix.names(), matrix.rows()[r]));
        }
        List<org.tribuo.Prediction<Label>> raw = model.predict(examples);
        List<Prediction> out = new ArrayList<>(rows.size());
        for (int k = 0; k < rows.size(); k++) {
            Map<String, Label> scores = raw.get(k).getOutputScores();
            Map<String, Double> probs = new LinkedHashMap<>();
            double[] p = new double[labels.size()];
            for (int c = 0; c < p.length; c++) {
                Label l = scores.get(labels.get(c));
                p[c] = l == null ? 0.0 : Math.max(0.0, Math.min(1.0, l.getScore()));
                probs.put(labels.get(c), p[c]);
            }
            int d = DecisionScales.decide(p, scales);
            out.add(new Prediction(features.get(rows.get(k)).index(), labels.get(d), p[d], probs));
        }
        return out;
    }

    /**
     * Saves the classifier as a {@link ModelFile} of kind {@value #KIND}: the card, then Tribuo's
     * protobuf of the booster. Written whole or not at all.
     *
     * @param path file to create or replace
     * @throws IOException when writing fails
     */
    public void save(Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        ShapeModelCodec.toModelFile(this).save(path);
    }

    /**
     * Loads a classifier saved by {@link #save(Path)}.
     *
     * @param path model file
     * @return the classifier, predicting as the saved one
     * @throws IOException when reading fails
     * @throws IllegalArgumentException when the file is not a shape-classifier model file, is
     *     corrupt, or its card lacks the options
     */
    public static ShapeClassifier load(Path path) throws IOException {
        return ShapeModelCodec.load(path);
    }

    /**
     * Writes the classifier to a stream, as {@link #save(Path)} writes its file: the bytes to
     * hand to {@link #read(InputStream, String)}, for instance to broadcast a classifier to the
     * executors of a cluster without Java serialisation.
     *
     * @param out destination; not closed
     * @throws IOException when writing fails
     */
    public void write(OutputStream out) throws IOException {
        Objects.requireNonNull(out, "out");
        ShapeModelCodec.toModelFile(this).write(out);
    }

    /**
     * Reads a classifier written by {@link #write(OutputStream)} or saved by {@link #save(Path)}.
     *
     * @param in source, read to its end; not closed
     * @param sourceName name of the source for error messages
     * @return the classifier, predicting as the written one
     * @throws IOException when reading fails
     * @throws IllegalArgumentException when the bytes are not a shape-classifier model file, are
     *     corrupt, or the card lacks the options; the message starts with {@code sourceName}
     */
    public static ShapeClassifier read(InputStream in, String sourceName) throws IOException {
        return ShapeModelCodec.read(in, sourceName);
    }

    /**
     * Assembles a classifier read back from a model file, compiling its booster's trees; used by
     * {@link ShapeModelCodec}.
     */
    static ShapeClassifier loaded(Model<Label> model, Options options, List<String> labels,
            double[] scales, ModelCard card) {
        return new ShapeClassifier(model, Compiled.of(model, DescriptorCatalogue.names(options)),
                options, labels, scales, List.of(), card);
    }

    /**
     * Runs a spatial-block cross-validation: buildings are grouped by the square cell of side
     * {@code cellSize} holding their centroid, whole cells are assigned to {@code folds} folds
     * (largest first, each to the smallest fold), and each fold is predicted by a model fitted
     * on the others. Descriptors are computed once over the whole list (they use no label).
     * Delegates to {@link SpatialCrossValidation#evaluate}, the front door of spatial
     * cross-validation, and returns the same result; kept for existing callers.
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
    public static CrossValidation spatialBlockCrossValidation(List<Feature> features,
            String labelProperty, Options options, int folds, double cellSize) {
        return SpatialCrossValidation.evaluate(features, labelProperty, options, folds,
                cellSize);
    }
}
