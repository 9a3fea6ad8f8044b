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

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        ShapeClassifier classifier;
        if (source.model != null) {
            if (saveModel != null) {
                throw new IllegalArgumentException("--save-model needs --train, not --model");
            }
            classifier = ShapeClassifier.load(source.model);
        } else {
            FeatureCollection training = GeoJson.read(source.train.train);
            report(out, source.train.train, training);
            classifier = ShapeClassifier.fit(training.features(), source.train.labelProperty,
                    ShapeClassifier.Options.defaults());
            out.println(source.train.train + ": trained on " + (training.features().size()
                    - classifier.unlabelled().size()) + " labelled footprints (" + classifier.unlabelled().size()
                    + " without label ignored), classes " + classifier.labels());
            if (saveModel != null) {
                classifier.save(saveModel);
            }
        }
        FeatureCollection in = GeoJson.read(input);
        report(out, input, in);
        List<ShapeClassifier.Prediction> predictions = classifier.classify(in.features());
        List<Feature> labelled = new ArrayList<>(in.features().size());
        for (int i = 0; i < in.features().size(); i++) {
            ShapeClassifier.Prediction p = predictions.get(i);
            labelled.add(in.features().get(i).withProperty("predicted_label", p.label())
                    .withProperty("confidence", p.confidence()));
        }
        GeoJson.write(output, labelled, in.sourceCrs());
        out.println(input + ": " + labelled.size() + " footprints classified; written to " + output);
        return 0;
    }

    static void report(PrintWriter out, Path file, FeatureCollection fc) {
        if (!fc.repaired().isEmpty()) {
            out.println(file + ": " + fc.repaired().size() + " invalid polygons repaired (features "
                    + fc.repaired().subList(0, Math.min(10, fc.repaired().size())) + (fc.repaired().size() > 10 ? ", …" : "")
                    + ")");
        }
    }
}
