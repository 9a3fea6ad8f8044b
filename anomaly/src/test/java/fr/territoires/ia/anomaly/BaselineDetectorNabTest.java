package fr.territoires.ia.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.territoires.ia.anomaly.evaluation.NabCorpus;
import fr.territoires.ia.anomaly.evaluation.NabFileScore;
import fr.territoires.ia.anomaly.evaluation.NabProfile;
import fr.territoires.ia.testing.SharedData;
import java.io.IOException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Holds the floor of the default streaming detector on the 40 shared NAB files: one frozen
 * configuration and one alarm threshold for every file, run online.
 */
class BaselineDetectorNabTest {

    @Test
    void defaultDetector_sharedNabFiles_standardScoreAtLeast60() throws IOException {
        NabCorpus corpus = NabCorpus.load(SharedData.resolve("anomaly/nab"));
        assertEquals(40, corpus.files().size());
        // NAB timestamps carry no zone: read as UTC. Everything else is the frozen default.
        BaselineDetector.Options options = BaselineDetector.Options.defaults().withZone(ZoneOffset.UTC);
        NabProfile[] profiles = {NabProfile.standard(), NabProfile.rewardLowFp(), NabProfile.rewardLowFn()};
        Map<String, NabFileScore[]> scores = NabTuning.scoreAll(corpus, options, profiles);
        double[] normalised = new double[3];
        for (int p = 0; p < 3; p++) {
            normalised[p] = NabTuning.normalised(scores, p, profiles[p], null, null);
        }
        System.out.printf("NAB (40 shared files), default BaselineDetector: standard %.1f, low FP %.1f, low FN %.1f%n",
                normalised[0], normalised[1], normalised[2]);
        assertTrue(normalised[0] >= 60.0, "standard NAB score " + normalised[0]);
        // Beside the published detectors on this subset: windowed Gaussian 36.6, RCF 49.8.
        assertTrue(normalised[1] >= 50.0, "low-FP NAB score " + normalised[1]);
        assertTrue(normalised[2] >= 60.0, "low-FN NAB score " + normalised[2]);
        List<String> silent = new ArrayList<>();
        scores.forEach((name, s) -> {
            if (s[0].windows() > 0 && s[0].truePositives() == 0) {
                silent.add(name);
            }
        });
        assertTrue(silent.size() <= 10, "files with windows and no detection: " + silent);
    }
}
