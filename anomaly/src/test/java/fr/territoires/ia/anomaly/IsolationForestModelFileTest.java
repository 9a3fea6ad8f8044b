package fr.territoires.ia.anomaly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.territoires.ia.core.MultivariateTimeSeries;
import fr.territoires.ia.core.trust.ModelFile;
import fr.territoires.ia.testing.ModelFileMutations;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saving a fitted Isolation Forest as a model file and reading it back. */
class IsolationForestModelFileTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void saveLoad_scoresAlarmsReasonsBitForBitAndCardEqual() throws IOException {
        MultivariateTimeSeries train = MultivariateFixtures.series("train", MultivariateFixtures.gaussian(1000, 1));
        IsolationForestDetector d = IsolationForestDetector.fit(train, IsolationForestDetector.Options.defaults());
        Path file = dir.resolve("forest.tiamodel");
        d.save(file);
        IsolationForestDetector back = IsolationForestDetector.load(file);
        MultivariateTimeSeries rows = MultivariateFixtures.withJointOutliers(500, 2);
        MultivariateScores a = d.score(rows);
        MultivariateScores b = back.score(rows);
        int alarms = 0;
        for (int r = 0; r < rows.size(); r++) {
            assertEquals(0, Double.compare(a.score(r), b.score(r)), "row " + r);
            assertEquals(a.alarm(r), b.alarm(r), "row " + r);
            assertEquals(a.reason(r), b.reason(r), "row " + r);
            alarms += a.alarm(r) ? 1 : 0;
        }
        assertTrue(alarms > 0);
        assertEquals(d.card(), back.card());
        assertEquals(d.options(), back.options());
        assertEquals(d.columns(), back.columns());
        assertEquals(d.sampleSize(), back.sampleSize());
        assertEquals(0, Double.compare(d.threshold(), back.threshold()));
        assertArrayEquals(d.toModelFile().payload(), back.toModelFile().payload());
        assertEquals(IsolationForestDetector.KIND, ModelFile.load(file).kind());
    }

    @Test
    void fromModelFile_randomlyMutatedPayloads_readOrRefusedWithIllegalArgumentOnly() {
        MultivariateTimeSeries train = MultivariateFixtures.series("train", MultivariateFixtures.gaussian(300, 3));
        ModelFile good = IsolationForestDetector.fit(train, IsolationForestDetector.Options.defaults().withTrees(5))
                .toModelFile();
        ModelFileMutations.Outcome o = ModelFileMutations.randomBytes(good, 300, 5,
                IsolationForestDetector::fromModelFile, back -> {
                    // What is read is a valid forest: its walks end and its scores are in [0, 1].
                    MultivariateScores s = back.score(train);
                    for (int r = 0; r < s.size(); r++) {
                        assertTrue(s.score(r) >= 0 && s.score(r) <= 1, "score " + s.score(r));
                    }
                });
        o.assertTried(300, 100);
    }

    private static IllegalArgumentException corrupt(ModelFile good, String field, Consumer<ObjectNode> edit)
            throws IOException {
        return ModelFileMutations.refused(good, IsolationForestDetector::fromModelFile, field, edit);
    }

    @Test
    void fromModelFile_wrongKindNewerVersionOrCorruptPayload_refusedNamingTheField() throws IOException {
        MultivariateTimeSeries train = MultivariateFixtures.series("train", MultivariateFixtures.gaussian(300, 3));
        ModelFile good = IsolationForestDetector.fit(train, IsolationForestDetector.Options.defaults()).toModelFile();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IsolationForestDetector.fromModelFile(ModelFile.of("forecasting.exceedance", 1,
                        ModelFile.Encoding.JSON, good.card(), good.payload())));
        assertEquals("model file kind must be \"anomaly.isolation-forest\", was \"forecasting.exceedance\"",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> IsolationForestDetector.fromModelFile(ModelFile.of(IsolationForestDetector.KIND, 2,
                        ModelFile.Encoding.JSON, good.card(), good.payload())));
        assertTrue(e.getMessage().startsWith("model file kindVersion must be at most 1"), e.getMessage());

        e = corrupt(good, "threshold", r -> r.remove("threshold"));
        assertEquals("anomaly.isolation-forest payload field threshold is missing", e.getMessage());
        e = corrupt(good, "sampleSizeUsed", r -> r.put("sampleSizeUsed", "256"));
        assertEquals("anomaly.isolation-forest payload field sampleSizeUsed must be an integer, was \"256\"",
                e.getMessage());
        e = corrupt(good, "split", r -> ((ArrayNode) r.get("split")).remove(0));
        assertTrue(e.getMessage().startsWith("anomaly.isolation-forest payload field split must hold "),
                e.getMessage());
        e = corrupt(good, "medians", r -> ((ArrayNode) r.get("medians")).add(1.0));
        assertEquals("anomaly.isolation-forest payload field medians must hold 3 numbers, was 4", e.getMessage());
        e = corrupt(good, "left[0]", r -> ((ArrayNode) r.get("left")).set(0, 0));
        assertEquals("anomaly.isolation-forest payload field left[0] must be a node in (0, "
                + r(good) + "), was 0", e.getMessage());
        e = corrupt(good, "options", r -> ((ObjectNode) r.get("options")).put("trees", 0));
        assertTrue(e.getMessage().startsWith("anomaly.isolation-forest payload field options: trees"),
                e.getMessage());
    }

    private static int r(ModelFile f) throws IOException {
        return JSON.readTree(f.payload()).get("feature").size();
    }
}
