package fr.territoires.ia.examples;

import com.fasterxml.jackson.databind.JsonNode;
import fr.territoires.ia.core.AtomicFiles;
import fr.territoires.ia.geo.Feature;
import fr.territoires.ia.geo.FeatureCollection;
import fr.territoires.ia.geo.GeoJson;
import fr.territoires.ia.geo.NeighbourhoodDescriptors;
import fr.territoires.ia.geo.ShapeDescriptors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.locationtech.jts.geom.Geometry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code describe-shapes}: the shape and neighbourhood descriptors of every footprint, as CSV. */
@Command(name = "describe-shapes", mixinStandardHelpOptions = true,
        description = "Shape descriptors of every footprint, as CSV.")
final class DescribeShapesCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "Footprints (GeoJSON).")
    private Path input;

    @Option(names = "--output", required = true, paramLabel = "FILE",
            description = "CSV: index, id, then every descriptor (written whole or not at all).")
    private Path output;

    @Override
    public Integer call() throws IOException {
        FeatureCollection fc = GeoJson.read(input);
        ClassifyShapesCommand.report(spec.commandLine().getOut(), input, fc);
        List<Geometry> geometries = new ArrayList<>();
        for (Feature f : fc.features()) {
            geometries.add(f.geometry());
        }
        List<Map<String, Double>> around;
        try {
            around = NeighbourhoodDescriptors.of(geometries, NeighbourhoodDescriptors.Options.defaults());
        } catch (IllegalArgumentException e) {
            throw ForecastInput.named(input, e);
        }
        List<String> shapeNames = ShapeDescriptors.names();
        List<String> aroundNames = NeighbourhoodDescriptors.names();
        StringBuilder csv = new StringBuilder("index,id");
        shapeNames.forEach(n -> csv.append(',').append(n));
        aroundNames.forEach(n -> csv.append(',').append(n));
        csv.append('\n');
        for (int i = 0; i < fc.features().size(); i++) {
            Feature f = fc.features().get(i);
            JsonNode id = f.properties().get("id");
            csv.append(f.index()).append(',').append(id == null || id.isNull() ? "" : DetectCommand.csv(id.asText()));
            Map<String, Double> shape;
            try {
                shape = ShapeDescriptors.of(f.geometry());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(input + ": features[" + f.index() + "]: " + e.getMessage(), e);
            }
            for (String n : shapeNames) {
                csv.append(',').append(value(shape.get(n)));
            }
            for (String n : aroundNames) {
                csv.append(',').append(value(around.get(i).get(n)));
            }
            csv.append('\n');
        }
        AtomicFiles.writeString(output, csv.toString());
        spec.commandLine().getOut().println(input + ": " + fc.features().size() + " footprints described ("
                + (shapeNames.size() + aroundNames.size()) + " descriptors, units in the javadoc of ShapeDescriptors "
                + "and NeighbourhoodDescriptors); written to " + output);
        return 0;
    }

    private static String value(Double v) {
        return v == null || v.isNaN() ? "" : String.format(Locale.ROOT, "%.6g", v);
    }
}
