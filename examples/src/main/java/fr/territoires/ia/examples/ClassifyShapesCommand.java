package fr.territoires.ia.examples;

import fr.territoires.ia.geo.Feature;
import fr.territoires.ia.geo.FeatureCollection;
import fr.territoires.ia.geo.GeoJson;
import fr.territoires.ia.geo.ShapeClassifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code classify-shapes}: trains (or loads) a building classifier and labels every input footprint. */
@Command(name = "classify-shapes", mixinStandardHelpOptions = true,
        description = "Classify building footprints from their shape (GeoJSON).")
final class ClassifyShapesCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Either a training file and its label property, or a saved model. */
    static final class Source {
        @ArgGroup(exclusive = false)
        Train train;

        @Option(names = "--model", paramLabel = "FILE", description = "A model saved with --save-model.")
        Path model;
    }

    /** Training options. */
    static final class Train {
        @Option(names = "--train", required = true, paramLabel = "FILE", description = "Labelled footprints (GeoJSON).")
        Path train;

        @Option(names = "--label-property", required = true, paramLabel = "NAME",
                description = "Property holding the class; features whose label is null are not trained on.")
        String labelProperty;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Source source;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "Footprints to classify (GeoJSON).")
    private Path input;

    @Option(names = "--output", required = true, paramLabel = "FILE",
            description = "GeoJSON: every input feature, plus predicted_label and confidence (written whole or not at all).")
    private Path output;

    @Option(names = "--save-model", paramLabel = "FILE", description = "Save the trained model (with its card).")
    private Path saveModel;

    @Option(names = "--card", paramLabel = "FILE",
            description = "Also write the model card of the classifier used, with its ALTAI self-assessment "
                    + "(.html, .json, otherwise Markdown).")
    private Path card;

    @Option(names = "--explain", description = "Add top_factors and top_factors_fr properties: the three "
            + "descriptors that raise or lower the score of the predicted class most (tree-path contributions, "
            + "summing with the base value to the class score), in English and French.")
    private boolean explain;

    @Option(names = "--evaluate", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "With --train: run the spatial-block " + ShapeEvaluation.FOLDS + "-fold cross-validation "
                    + "(500 m cells) of the classifier's settings on the training file and put its per-class F1 with "
                    + "bootstrap intervals into the card and the report; it fits " + ShapeEvaluation.FOLDS
                    + " more models (--no-evaluate skips it; default: on).")
    private boolean evaluate;

    @Option(names = "--report", paramLabel = "FILE",
            description = "Also write a standalone HTML report: a map of the footprints coloured by predicted class, "
                    + "low-confidence ones outlined; with the evaluation, the confusion matrix and per-class F1.")
    private Path report;

    @Option(names = "--lang", defaultValue = "fr", paramLabel = "LANG",
            description = "Language of the report: fr or en (default: ${DEFAULT-VALUE}).")
    private String lang;

    /** Footprints whose confidence is below this are outlined on the report's map. */
    static final double LOW_CONFIDENCE = 0.6;

    @Override
    public Integer call() throws IOException {
        fr.territoires.ia.examples.report.Lang reportLang = fr.territoires.ia.examples.report.Lang.of(lang);
        PrintWriter out = spec.commandLine().getOut();
        ShapeClassifier classifier;
        ShapeEvaluation.Result evaluated = null;
        if (source.model != null) {
            if (saveModel != null) {
                throw new IllegalArgumentException("--save-model needs --train, not --model");
            }
            classifier = ShapeClassifier.load(source.model);
        } else {
            FeatureCollection training = GeoJson.read(source.train.train);
            report(out, source.train.train, training);
            try {
                classifier = ShapeClassifier.fit(training.features(), source.train.labelProperty,
                        ShapeClassifier.Options.defaults());
            } catch (IllegalArgumentException e) {
                throw ForecastInput.named(source.train.train, e);
            }
            out.println(source.train.train + ": trained on " + (training.features().size()
                    - classifier.unlabelled().size()) + " labelled footprints (" + classifier.unlabelled().size()
                    + " without label ignored), classes " + classifier.labels());
            out.println(source.train.train + ": decision scales (probability x scale decides the "
                    + "class) " + scalesText(classifier));
            fr.territoires.ia.core.trust.ModelCard trained = Cards.withRunnerFacts(classifier.card(),
                    java.time.Instant.now(), source.train.train, training.features().size(),
                    spec.commandLine().getParseResult().originalArgs());
            if (evaluate) {
                try {
                    evaluated = ShapeEvaluation.run(training.features(), source.train.labelProperty,
                            classifier.options(), trained, source.train.train.getFileName().toString());
                } catch (IllegalArgumentException e) {
                    spec.commandLine().getErr().println("classify-shapes: warning: evaluation skipped: "
                            + e.getMessage());
                }
            }
            if (evaluated != null) {
                trained = evaluated.card();
                out.println(source.train.train + String.format(java.util.Locale.ROOT, ": spatial-block %d-fold "
                        + "cross-validation (%.0f m cells, %.1f s): macro-F1 %.4f %s", ShapeEvaluation.FOLDS,
                        ShapeEvaluation.CELL_M, evaluated.seconds(), evaluated.evaluation().macroF1().value(),
                        interval(evaluated.evaluation().macroF1())));
            }
            classifier = classifier.withCard(trained);
            if (saveModel != null) {
                classifier.save(saveModel);
            }
        }
        FeatureCollection in = GeoJson.read(input);
        report(out, input, in);
        List<ShapeClassifier.Explained> explained;
        List<ShapeClassifier.Prediction> predictions;
        try {
            explained = explain ? classifier.classifyAndExplain(in.features()) : List.of();
            predictions = explain ? explained.stream().map(ShapeClassifier.Explained::prediction).toList()
                    : classifier.classify(in.features());
        } catch (IllegalArgumentException e) {
            throw ForecastInput.named(input, e);
        }
        List<Feature> labelled = new ArrayList<>(in.features().size());
        for (int i = 0; i < in.features().size(); i++) {
            ShapeClassifier.Prediction p = predictions.get(i);
            Feature f = in.features().get(i).withProperty("predicted_label", p.label())
                    .withProperty("confidence", p.confidence());
            if (explain) {
                fr.territoires.ia.core.trust.Explanation e = explained.get(i).explanation();
                f = f.withProperty("top_factors", e.toEnglish(3, n -> ShapeClassifier.label(n, false)))
                        .withProperty("top_factors_fr", e.toFrench(3, n -> ShapeClassifier.label(n, true)));
            }
            labelled.add(f);
        }
        GeoJson.write(output, labelled, in.sourceCrs());
        List<String> properties = propertyNames(in);
        List<List<String>> samples = propertySamples(in, properties);
        Cards.warnPersonalData(spec.commandLine().getErr(), "classify-shapes", properties, samples);
        if (card != null) {
            Cards.write(card, Cards.complete(classifier.card(), properties, samples));
            out.println("model card written to " + card);
        }
        out.println(input + ": " + labelled.size() + " footprints classified; written to " + output);
        if (report != null) {
            List<org.locationtech.jts.geom.Geometry> geometries = new ArrayList<>(in.features().size());
            List<String> predicted = new ArrayList<>(in.features().size());
            double[] confidence = new double[in.features().size()];
            for (int i = 0; i < confidence.length; i++) {
                geometries.add(in.features().get(i).geometry());
                predicted.add(predictions.get(i).label());
                confidence[i] = predictions.get(i).confidence();
            }
            java.util.Optional<fr.territoires.ia.examples.report.ShapeReports.Evaluation> evaluation =
                    evaluated == null ? java.util.Optional.empty() : java.util.Optional.of(evaluated.evaluation());
            fr.territoires.ia.core.AtomicFiles.writeString(report, fr.territoires.ia.examples.report.ShapeReports.shapes(
                    new fr.territoires.ia.examples.report.ShapeReports.Shapes(input.getFileName().toString(), in.crs(),
                            geometries, predicted, confidence, LOW_CONFIDENCE, evaluation), reportLang));
            out.println("report written to " + report);
        }
        return 0;
    }

    /** Property names of the features, in first-seen order. */
    static List<String> propertyNames(FeatureCollection fc) {
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        for (Feature f : fc.features()) {
            names.addAll(f.properties().keySet());
        }
        return List.copyOf(names);
    }

    /** The text values of the first 50 features, one row per feature, aligned with {@code names}. */
    static List<List<String>> propertySamples(FeatureCollection fc, List<String> names) {
        List<List<String>> rows = new ArrayList<>();
        for (Feature f : fc.features().subList(0, Math.min(50, fc.features().size()))) {
            List<String> row = new ArrayList<>(names.size());
            for (String n : names) {
                row.add(f.property(n).filter(v -> v.isTextual()).map(v -> v.textValue()).orElse(""));
            }
            rows.add(row);
        }
        return rows;
    }

    static void report(PrintWriter out, Path file, FeatureCollection fc) {
        if (!fc.repaired().isEmpty()) {
            out.println(file + ": " + fc.repaired().size() + " invalid polygons repaired (features "
                    + fc.repaired().subList(0, Math.min(10, fc.repaired().size())) + (fc.repaired().size() > 10 ? ", …" : "")
                    + ")");
        }
    }

    private static String interval(fr.territoires.ia.core.trust.ModelCard.Metric m) {
        return m.hasInterval() ? String.format(java.util.Locale.ROOT, "[%.4f, %.4f]", m.lower(), m.upper()) : "";
    }

    private static String scalesText(ShapeClassifier classifier) {
        StringBuilder b = new StringBuilder();
        for (java.util.Map.Entry<String, Double> e : classifier.decisionScales().entrySet()) {
            b.append(b.length() == 0 ? "" : ", ").append(e.getKey()).append(' ')
                    .append(String.format(java.util.Locale.ROOT, "%.2f", e.getValue()));
        }
        return b.toString();
    }
}
