package fr.territoires.ia.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.territoires.ia.anomaly.evaluation.NabCorpus;
import fr.territoires.ia.anomaly.evaluation.NabFileScore;
import fr.territoires.ia.anomaly.evaluation.NabProfile;
import fr.territoires.ia.anomaly.evaluation.NabScorer;
import fr.territoires.ia.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code detect} command with its defaults, run on the 40 shared NAB files as an outside
 * evaluator runs it: {@code is_anomaly} as the alarm, scored by NAB's rules. This is the in-sample
 * figure of the default detector (its threshold was chosen on these files, one category held out
 * at a time); the out-of-sample one is held by {@code StreamDetectorNabTest} in the anomaly module.
 */
class DetectNabTest {

    @TempDir
    Path dir;

    @Test
    void detectCommand_defaults_sharedNabFiles_inSampleAtLeast70() throws IOException {
        Path nab = SharedData.resolve("anomaly/nab");
        NabCorpus corpus = NabCorpus.load(nab);
        NabProfile[] profiles = {NabProfile.standard(), NabProfile.rewardLowFp(), NabProfile.rewardLowFn()};
        List<List<NabFileScore>> scores = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (NabCorpus.DataFile f : corpus.files()) {
            Path out = dir.resolve(f.name().replace('/', '_'));
            var r = RunnerTest.run("detect", "--input", nab.resolve("data").resolve(f.name()).toString(), "--output", out.toString());
            assertEquals(0, r.status(), f.name() + ": " + r.err());
            List<String> lines = Files.readAllLines(out);
            assertEquals(f.series().size() + 1, lines.size(), f.name());
            boolean[] alarms = new boolean[f.series().size()];
            for (int i = 0; i < alarms.length; i++) {
                alarms[i] = lines.get(i + 1).split(",", 5)[3].equals("1");
            }
            for (int p = 0; p < 3; p++) {
                scores.get(p).add(NabScorer.score(f.series().epochMillis(), alarms, f.windows(), profiles[p]));
            }
        }
        double[] n = new double[3];
        for (int p = 0; p < 3; p++) {
            n[p] = NabScorer.normalised(scores.get(p), profiles[p]);
        }
        System.out.printf(Locale.ROOT, "detect, defaults, 40 shared NAB files (in sample): standard %.1f, low FP %.1f, "
                + "low FN %.1f%n", n[0], n[1], n[2]);
        assertTrue(n[0] >= 70.0, "standard NAB score of the detect command " + n[0]);
    }
}
