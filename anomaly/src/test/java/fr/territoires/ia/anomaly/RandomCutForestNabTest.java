package fr.territoires.ia.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazon.randomcutforest.parkservices.ThresholdedRandomCutForest;
import fr.territoires.ia.anomaly.evaluation.NabCorpus;
import fr.territoires.ia.anomaly.evaluation.NabFileScore;
import fr.territoires.ia.anomaly.evaluation.NabProfile;
import fr.territoires.ia.anomaly.evaluation.NabScorer;
import fr.territoires.ia.core.TimeSeries;
import fr.territoires.ia.testing.SharedData;
import java.io.IOException;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Our default streaming detector beside AWS Random Cut Forest (thresholded, parkservices 4.x) on
 * the 40 shared NAB files, in one run, both online, both scored by the same NAB scorer.
 */
class RandomCutForestNabTest {

    /** Shingle of 8 consecutive values of a single series. */
    static final int SHINGLE = 8;

    /** Fixed seed: the forest's sampling is random. */
    static final long SEED = 42L;

    /**
     * Thresholded RCF: shingle 8 over one value (8 dimensions), internal shingling, auto-adjusted
     * thresholds, fixed seed, everything else at the library's defaults.
     */
    static ThresholdedRandomCutForest newForest() {
        return ThresholdedRandomCutForest.builder()
                .dimensions(SHINGLE)
                .shingleSize(SHINGLE)
                .internalShinglingEnabled(true)
                .autoAdjust(true)
                .randomSeed(SEED)
                .build();
    }

    /** Online run of RCF over one series: a point is an alarm when its anomaly grade is above 0. */
    static boolean[] runForest(TimeSeries s) {
        ThresholdedRandomCutForest forest = newForest();
        boolean[] alarms = new boolean[s.size()];
        for (int i = 0; i < s.size(); i++) {
            alarms[i] = forest.process(new double[] {s.value(i)}, s.epochMilli(i) / 1000L).getAnomalyGrade() > 0.0;
        }
        return alarms;
    }

    static Map<String, NabFileScore[]> scoreForest(NabCorpus corpus, NabProfile[] profiles) {
        Map<String, NabFileScore[]> out = new LinkedHashMap<>();
        for (NabCorpus.DataFile f : corpus.files()) {
            boolean[] a = runForest(f.series());
            NabFileScore[] s = new NabFileScore[profiles.length];
            for (int p = 0; p < profiles.length; p++) {
                s[p] = NabScorer.score(f.series().epochMillis(), a, f.windows(), profiles[p]);
            }
            out.put(f.name(), s);
        }
        return out;
    }

    static double[] normalisedAll(Map<String, NabFileScore[]> scores, NabProfile[] profiles, String name) {
        double[] n = new double[profiles.length];
        for (int p = 0; p < profiles.length; p++) {
            n[p] = NabTuning.normalised(scores, p, profiles[p], null, null);
        }
        System.out.printf(Locale.ROOT, "NAB (40 shared files) %s: standard %.1f, low FP %.1f, low FN %.1f%n",
                name, n[0], n[1], n[2]);
        return n;
    }

    @Test
    void defaultDetectorAndRandomCutForest_sharedNabFiles_oursScoresHigherOnStandard() throws IOException {
        NabCorpus corpus = NabCorpus.load(SharedData.resolve("anomaly/nab"));
        assertEquals(40, corpus.files().size());
        NabProfile[] profiles = {NabProfile.standard(), NabProfile.rewardLowFp(), NabProfile.rewardLowFn()};

        long t0 = System.nanoTime();
        double[] ours = normalisedAll(NabTuning.scoreAll(corpus,
                BaselineDetector.Options.defaults().withZone(ZoneOffset.UTC), profiles), profiles, "BaselineDetector (default)");
        long t1 = System.nanoTime();
        double[] rcf = normalisedAll(scoreForest(corpus, profiles), profiles,
                "ThresholdedRandomCutForest (shingle 8, autoAdjust)");
        long t2 = System.nanoTime();
        System.out.printf(Locale.ROOT, "time: BaselineDetector %.1f s, RCF %.1f s%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9);

        for (int p = 0; p < profiles.length; p++) {
            assertTrue(Double.isFinite(ours[p]), "ours, profile " + p + ": " + ours[p]);
            assertTrue(Double.isFinite(rcf[p]), "RCF, profile " + p + ": " + rcf[p]);
        }
        assertTrue(ours[0] > rcf[0], "standard: ours " + ours[0] + ", RCF " + rcf[0]);
    }
}
