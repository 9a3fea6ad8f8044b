package fr.territoires.ia.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import fr.territoires.ia.core.trust.ModelCard;
import fr.territoires.ia.core.trust.ModelFile;
import fr.territoires.ia.geo.synthetic.FootprintSimulator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shape classifier's model-file layout, held against a file written by an earlier version. */
class ShapeModelCodecTest {

    /**
     * Written by the library before the codec had its own class: default options with 5 rounds of
     * depth 2 and the height property {@code height}, fitted on {@code simulate(200, 3)}.
     */
    private static final String GOLDEN = "golden/shape-classifier-v2.tiamodel";
    /** That model's predictions of {@code simulate(40, 11)}, written with it. */
    private static final String GOLDEN_PREDICTIONS = "golden/shape-classifier-v2-predictions.csv";

    private static ShapeClassifier golden;

    @BeforeAll
    static void loadGolden() throws IOException, URISyntaxException {
        golden = ShapeClassifier.load(resource(GOLDEN));
    }

    @Test
    void load_fileOfTheEarlierVersion_predictsBitForBitAsWhenWritten() throws IOException, URISyntaxException {
        StringBuilder sb = new StringBuilder();
        for (ShapeClassifier.Prediction p : golden.classify(FootprintSimulator.simulate(40, 11L))) {
            sb.append(p.index()).append(',').append(p.label()).append(',').append(p.confidence());
            for (Map.Entry<String, Double> e : p.probabilities().entrySet()) {
                sb.append(',').append(e.getKey()).append('=').append(e.getValue());
            }
            sb.append('\n');
        }
        assertEquals(Files.readString(resource(GOLDEN_PREDICTIONS)), sb.toString());
        assertEquals(List.of("house", "greenhouse", "apartment_block", "shed"), golden.labels());
        assertEquals(Map.of("house", 1.0, "greenhouse", 1.224744871391589, "apartment_block", 1.0, "shed", 1.0),
                golden.decisionScales());
        assertEquals(ShapeClassifier.Options.defaults().withTrees(5).withMaxDepth(2).withHeightProperty("height"),
                golden.options());
    }

    @Test
    void cardOptions_sameKeysInTheSameOrderAsTheEarlierVersion() {
        ShapeClassifier fitted = ShapeClassifier.fit(FootprintSimulator.simulate(200, 3L), "kind",
                golden.options());
        assertEquals(List.copyOf(golden.card().details().options().keySet()),
                List.copyOf(fitted.card().details().options().keySet()));
        assertEquals(golden.card().trainingData().details().get("descriptors"),
                fitted.card().trainingData().details().get("descriptors"));
    }

    @Test
    void write_thenRead_sameCardAndPredictions() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        golden.write(out);
        ShapeClassifier back = ShapeClassifier.read(new ByteArrayInputStream(out.toByteArray()), "bytes");
        assertEquals(golden.card(), back.card());
        List<Feature> features = FootprintSimulator.simulate(40, 11L);
        assertEquals(golden.classify(features), back.classify(features));
    }

    @Test
    void read_otherKind_throwsNamingSourceAndKinds() throws IOException {
        ModelFile file = ShapeModelCodec.toModelFile(golden);
        byte[] other = bytes(ModelFile.of("forecasting.exceedance", 1, file.encoding(), file.card(), file.payload()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ShapeClassifier.read(new ByteArrayInputStream(other), "src"));
        assertEquals("src holds a model of kind \"forecasting.exceedance\", expected \"geo.shape-classifier\"",
                e.getMessage());
    }

    @Test
    void read_cardWithoutAnEntryOrWithBadScales_throwsNamingIt() throws IOException {
        Map<String, String> options = new LinkedHashMap<>(golden.card().details().options());
        options.remove("labels");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ShapeClassifier.read(withOptions(options), "src"));
        assertEquals("src: card options must hold \"labels\", was missing", e.getMessage());
        Map<String, String> scales = new LinkedHashMap<>(golden.card().details().options());
        scales.put("decisionScales", "[1.0,1.0]");
        e = assertThrows(IllegalArgumentException.class, () -> ShapeClassifier.read(withOptions(scales), "src"));
        assertEquals("src: card option decisionScales must hold one scale per label (4), was 2", e.getMessage());
        Map<String, String> trees = new LinkedHashMap<>(golden.card().details().options());
        trees.put("trees", "five");
        e = assertThrows(IllegalArgumentException.class, () -> ShapeClassifier.read(withOptions(trees), "src"));
        assertEquals("src: card options must hold numbers, was For input string: \"five\"", e.getMessage());
    }

    private static InputStream withOptions(Map<String, String> options) throws IOException {
        ModelFile file = ShapeModelCodec.toModelFile(golden);
        ModelCard card = file.card().toBuilder().options(options).build();
        return new ByteArrayInputStream(bytes(ModelFile.of(file.kind(), file.kindVersion(), file.encoding(), card,
                file.payload())));
    }

    private static byte[] bytes(ModelFile file) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        file.write(out);
        return out.toByteArray();
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(Objects.requireNonNull(ShapeModelCodecTest.class.getResource(name), name).toURI());
    }
}
