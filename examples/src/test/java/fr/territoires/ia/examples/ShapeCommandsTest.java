package fr.territoires.ia.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import fr.territoires.ia.geo.Feature;
import fr.territoires.ia.geo.GeoJson;
import fr.territoires.ia.geo.synthetic.FootprintSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShapeCommandsTest {

    @TempDir
    Path dir;

    @Test
    void classifyShapes_trainSaveReload_everyFeatureInOrderWithLabelAndConfidence() throws IOException {
        List<Feature> all = FootprintSimulator.simulate(400, 9L);
        List<Feature> train = new ArrayList<>();
        for (Feature f : all) {
            // A few unlabelled features: ignored in training, never guessed.
            train.add(f.index() % 50 == 0 ? f.withProperty("kind", NullNode.getInstance()) : f);
        }
        Path trainFile = dir.resolve("train.geojson");
        GeoJson.write(trainFile, train);
        Path input = dir.resolve("input.geojson");
        GeoJson.write(input, FootprintSimulator.simulate(100, 10L));
        Path out = dir.resolve("out.geojson");
        Path model = dir.resolve("model.tiamodel");
        var r = RunnerTest.run("classify-shapes", "--train", trainFile.toString(), "--label-property", "kind",
                "--input", input.toString(), "--output", out.toString(), "--save-model", model.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("(8 without label ignored)"), r.out());
        // the majority class's scale is 1 by construction; the line names every class
        assertTrue(r.out().matches("(?s).*decision scales \\(probability x scale decides the class\\) "
                + "\\w+ 1\\.00, .*"), r.out());
        JsonNode in = new ObjectMapper().readTree(input.toFile()).get("features");
        JsonNode res = new ObjectMapper().readTree(out.toFile()).get("features");
        assertEquals(in.size(), res.size());
        int correct = 0;
        for (int i = 0; i < in.size(); i++) {
            assertEquals(in.get(i).get("geometry"), res.get(i).get("geometry"), "geometry unchanged " + i);
            assertEquals(in.get(i).get("properties").get("kind"), res.get(i).get("properties").get("kind"));
            double c = res.get(i).get("properties").get("confidence").asDouble();
            assertTrue(c > 0 && c <= 1);
            correct += res.get(i).get("properties").get("predicted_label").asText()
                    .equals(in.get(i).get("properties").get("kind").asText()) ? 1 : 0;
        }
        assertTrue(correct >= 90, "correct " + correct);
        Path out2 = dir.resolve("out2.geojson");
        var again = RunnerTest.run("classify-shapes", "--model", model.toString(), "--input", input.toString(),
                "--output", out2.toString());
        assertEquals(0, again.status(), again.err());
        assertEquals(Files.readString(out), Files.readString(out2));
    }

    @Test
    void describeShapes_oneRowPerFeatureWithIndexAndDescriptors() throws IOException {
        Path input = dir.resolve("input.geojson");
        GeoJson.write(input, FootprintSimulator.simulate(30, 4L));
        Path out = dir.resolve("d.csv");
        var r = RunnerTest.run("describe-shapes", "--input", input.toString(), "--output", out.toString());
        assertEquals(0, r.status(), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals(31, lines.size());
        assertTrue(lines.get(0).startsWith("index,id,area,perimeter,"), lines.get(0));
        assertTrue(lines.get(5).startsWith("4,,"), lines.get(5));
    }

    @Test
    void shapes_badInput_namesFeatureStatus2NoOutput() throws IOException {
        Path out = dir.resolve("o.geojson");
        String[][] cases = {
            {"{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{},"
                + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]}}]}", "features[0]"},
            {"{\"type\":\"FeatureCollection\",\"features\":[", "invalid JSON"},
            {"{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:99999\"}},"
                + "\"features\":[]}", "99999"},
            {"{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{},"
                + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[1.0,43.0],[1.001,43.0],[1.001,43.001],[1.0,43.001]]]}}]}",
                "features[0]"},
        };
        for (String[] c : cases) {
            Path in = dir.resolve("bad.geojson");
            Files.writeString(in, c[0]);
            var r = RunnerTest.run("describe-shapes", "--input", in.toString(), "--output", out.toString());
            assertEquals(2, r.status(), c[1] + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains(c[1]), r.err());
            assertFalse(Files.exists(out));
        }
    }
}
