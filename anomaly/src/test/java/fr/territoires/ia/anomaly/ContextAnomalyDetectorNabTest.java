package fr.territoires.ia.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.territoires.ia.anomaly.evaluation.NabCorpus;
import fr.territoires.ia.anomaly.evaluation.NabFileScore;
import fr.territoires.ia.anomaly.evaluation.NabProfile;
import fr.territoires.ia.anomaly.evaluation.NabScorer;
import fr.territoires.ia.core.TimeSeries;
import fr.territoires.ia.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Golden reproduction of the published NAB results of CAD OSE ({@code contextOSE}) on the 40
 * shared files: the detector runs as NAB's adapter runs it (range = the file's min and max,
 * probationary period {@code min(floor(0.15 rows), 750)}, rest period a fifth of it), its scores
 * are thresholded at the published threshold of each profile and scored by NAB's rules. Two
 * readings of the harness were tried and give the same 40 files: the probationary period without
 * the 750 cap (an older {@code base.py}), and scores rounded to 3 decimals as NAB writes them.
 */
class ContextAnomalyDetectorNabTest {

    private static final NabProfile[] PROFILES = {NabProfile.standard(), NabProfile.rewardLowFp(),
        NabProfile.rewardLowFn()};

    /** Largest number of contexts a file reached (to size the memory cap). */
    private static int maxCategories;

    /** Runs the detector on one file as NAB does; returns its scores. */
    static double[] nabScores(TimeSeries s) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < s.size(); i++) {
            min = Math.min(min, s.value(i));
            max = Math.max(max, s.value(i));
        }
        ContextAnomalyDetector d = ContextAnomalyDetector.create(ContextAnomalyDetector.Options.defaults().withRange(min, max)
                .withProbationaryPoints(NabScorer.probationaryLength(s.size())));
        double[] out = new double[s.size()];
        for (int i = 0; i < s.size(); i++) {
            out[i] = d.update(s.epochMilli(i), s.value(i));
        }
        maxCategories = Math.max(maxCategories, d.contextCount());
        return out;
    }

    @Test
    void sharedNabFiles_reproducePublishedContextOseScores() throws IOException {
        Path root = SharedData.resolve("anomaly/nab");
        NabCorpus corpus = NabCorpus.load(root);
        assertEquals(40, corpus.files().size());
        long start = System.nanoTime();
        long points = 0;
        List<double[]> allScores = new ArrayList<>();
        for (NabCorpus.DataFile f : corpus.files()) {
            allScores.add(nabScores(f.series()));
            points += f.series().size();
        }
        double nanosPerPoint = (System.nanoTime() - start) / (double) points;

        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "# CAD OSE NAB reproduction (40 shared files)%n%n"
                + "Detector time: %.2f µs per point over %d points; at most %d contexts in a file.%n%n",
                nanosPerPoint / 1e3, points, maxCategories));
        double[] ours = new double[3];
        double[] published = new double[3];
        int[] close = new int[3];
        int[] exact = new int[3];
        for (int p = 0; p < 3; p++) {
            String profile = PublishedNabResults.PROFILES[p];
            double threshold = PublishedNabResults.threshold(root, "contextOSE", profile);
            Map<String, PublishedNabResults.Row> pub = PublishedNabResults.perFile(root, "contextOSE", profile);
            List<NabFileScore> mine = new ArrayList<>();
            double pubSum = 0.0;
            md.append(String.format(Locale.ROOT, "## Profile %s (threshold %s)%n%n"
                    + "| file | published | ours | TP/FP/FN published | TP/FP/FN ours |%n|---|---:|---:|---|---|%n",
                    profile, threshold));
            for (int k = 0; k < corpus.files().size(); k++) {
                NabCorpus.DataFile f = corpus.files().get(k);
                String key = f.name().startsWith("data/") ? f.name().substring(5) : f.name();
                PublishedNabResults.Row row = pub.get(key);
                assertTrue(row != null, "published row for " + key);
                NabFileScore s = NabScorer.score(f.series().epochMillis(),
                        NabScorer.alarms(allScores.get(k), threshold), f.windows(), PROFILES[p]);
                mine.add(s);
                pubSum += row.score();
                double diff = Math.abs(s.score() - row.score());
                if (diff <= 0.25) {
                    close[p]++;
                }
                if (diff <= 1e-6) {
                    exact[p]++;
                }
                md.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %d/%d/%d | %d/%d/%d |%n", key,
                        row.score(), s.score(), row.tp(), row.fp(), row.fn(), s.truePositives(),
                        s.falsePositives(), s.falseNegatives()));
            }
            ours[p] = NabScorer.normalised(mine, PROFILES[p]);
            long windows = mine.stream().mapToLong(NabFileScore::windows).sum();
            double nullScore = -PROFILES[p].fnWeight() * windows;
            double perfect = PROFILES[p].tpWeight() * windows;
            published[p] = 100.0 * (pubSum - nullScore) / (perfect - nullScore);
            md.append(String.format(Locale.ROOT, "%nNormalised: published %.2f, ours %.2f; files equal to the "
                    + "published raw score (1e-6): %d/40, within 0.25: %d/40.%n%n", published[p], ours[p],
                    exact[p], close[p]));
        }
        System.out.println(md);
        Path out = Path.of("target", "context-ose-nab-reproduction.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md.toString(), StandardCharsets.UTF_8);
        assertEquals(published[0], ours[0], 3.0, "standard normalised score");
        for (int p = 0; p < 3; p++) {
            assertEquals(published[p], ours[p], 0.5, "normalised score " + PublishedNabResults.PROFILES[p]);
            // the reproduction is exact on this subset (40 of 40): allow two files off for last bits
            assertTrue(exact[p] >= 38, "files equal to the published raw score, " + PublishedNabResults.PROFILES[p]
                    + ": " + exact[p]);
            assertTrue(close[p] >= 39, "files within 0.25 of the published raw score, "
                    + PublishedNabResults.PROFILES[p] + ": " + close[p]);
        }
        assertTrue(maxCategories < ContextAnomalyDetector.Options.defaults().maxContexts(),
                "the category cap must not bind on NAB, max reached " + maxCategories);
    }
}
