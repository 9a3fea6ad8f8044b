package fr.territoires.ia.anomaly.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.territoires.ia.core.OrderPolicy;
import fr.territoires.ia.core.TimeSeries;
import fr.territoires.ia.core.TimeSeriesCsv;
import fr.territoires.ia.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Golden test: the published NAB v1 per-file results of the numenta and windowedGaussian
 * detectors, for every file of the shared 40-file subset and all three profiles.
 */
class NabScorerGoldenTest {

    private static final List<String> DETECTORS = List.of("numenta", "windowedGaussian");
    private static final List<NabProfile> PROFILES =
            List.of(NabProfile.standard(), NabProfile.rewardLowFp(), NabProfile.rewardLowFn());

    private static Path root;
    private static NabCorpus corpus;
    private static JsonNode thresholds;
    /** detector/file -> anomaly scores. */
    private static final Map<String, TimeSeries> DETECTIONS = new HashMap<>();

    @BeforeAll
    static void load() throws IOException {
        root = SharedData.resolve("anomaly/nab");
        corpus = NabCorpus.load(root);
        thresholds = new ObjectMapper().readTree(root.resolve("labels/published_thresholds.json").toFile());
        TimeSeriesCsv.Options options = TimeSeriesCsv.Options.defaults().withValueColumn("anomaly_score")
                .withZone(ZoneOffset.UTC).withOrderPolicy(OrderPolicy.KEEP_ARRIVAL_ORDER);
        for (String detector : DETECTORS) {
            for (NabCorpus.DataFile f : corpus.files()) {
                Path p = root.resolve("published_detections").resolve(detector).resolve(f.name());
                DETECTIONS.put(detector + "/" + f.name(), TimeSeriesCsv.read(p, options));
            }
        }
    }

    private static NabFileScore scoreOf(String detector, NabProfile profile, NabCorpus.DataFile f) {
        TimeSeries d = DETECTIONS.get(detector + "/" + f.name());
        double threshold = thresholds.get(detector).get(profile.name()).get("threshold").asDouble();
        return NabScorer.score(d.epochMillis(), NabScorer.alarms(d.values(), threshold), f.windows(), profile);
    }

    @Test
    void load_subset_has40FilesAnd71Windows() {
        assertEquals(40, corpus.files().size());
        assertEquals(71, corpus.windowCount());
        NabCorpus.DataFile taxi = corpus.file("realKnownCause/nyc_taxi.csv").orElseThrow();
        assertEquals(10320, taxi.series().size());
        assertEquals(5, taxi.windows().size());
    }

    @Test
    void profiles_matchScoringProfilesFile() throws IOException {
        JsonNode p = new ObjectMapper().readTree(root.resolve("labels/scoring_profiles.json").toFile());
        for (NabProfile profile : PROFILES) {
            JsonNode m = p.get(profile.name()).get("CostMatrix");
            assertEquals(m.get("tpWeight").asDouble(), profile.tpWeight(), 0.0, profile.name());
            assertEquals(m.get("fpWeight").asDouble(), profile.fpWeight(), 0.0, profile.name());
            assertEquals(m.get("fnWeight").asDouble(), profile.fnWeight(), 0.0, profile.name());
        }
    }

    @Test
    void score_publishedDetections_reproducesPublishedPerFileResults() throws IOException {
        Map<String, NabProfile> profiles = new HashMap<>();
        PROFILES.forEach(p -> profiles.put(p.name(), p));
        int checked = 0;
        List<String> lines = Files.readAllLines(
                root.resolve("published_results/nab_v1_published_per_file_scores.csv"), StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            // Detector,Profile,File,Threshold,Score,TP,TN,FP,FN,Total_Count
            String[] c = line.split(",");
            if (!DETECTORS.contains(c[0])) {
                continue;
            }
            NabCorpus.DataFile f = corpus.file(c[2]).orElseThrow();
            NabFileScore s = scoreOf(c[0], profiles.get(c[1]), f);
            int rows = f.series().size();
            String what = line;
            assertEquals(Double.parseDouble(c[4]), s.score(), 1e-6, what);
            // TP, TN, FP, FN, Total_Count; these two detectors' Total_Count is the file's row count.
            assertArrayEquals(
                    new int[] {Integer.parseInt(c[5]), Integer.parseInt(c[6]), Integer.parseInt(c[7]),
                        Integer.parseInt(c[8]), Integer.parseInt(c[9])},
                    new int[] {s.truePositives(), s.trueNegatives(), s.falsePositives(), s.falseNegatives(), rows},
                    what);
            assertEquals(rows - NabScorer.probationaryLength(rows), s.counted(), what);
            checked++;
        }
        assertEquals(2 * 3 * 40, checked);
    }

    @Test
    void normalised_publishedDetections_matchesSubsetTable() {
        // README subset table (71 windows): standard / low FP / low FN.
        Map<String, double[]> expected = Map.of(
                "numenta", new double[] {70.9, 65.8, 74.9},
                "windowedGaussian", new double[] {36.6, 22.6, 42.7});
        for (String detector : DETECTORS) {
            for (int p = 0; p < PROFILES.size(); p++) {
                NabProfile profile = PROFILES.get(p);
                List<NabFileScore> scores = new ArrayList<>();
                for (NabCorpus.DataFile f : corpus.files()) {
                    scores.add(scoreOf(detector, profile, f));
                }
                assertEquals(71, scores.stream().mapToInt(NabFileScore::windows).sum());
                assertEquals(expected.get(detector)[p], NabScorer.normalised(scores, profile), 0.05,
                        detector + " " + profile.name());
            }
        }
    }
}
