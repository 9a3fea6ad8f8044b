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
import java.util.function.Function;

/**
 * The golden check of a reproduced NAB detector on the 40 shared files: its scores, thresholded at
 * the detector's published threshold of each profile and scored by NAB's rules, against the
 * published per-file raw scores; a per-file table goes to standard output and to
 * {@code target/<name>-nab-reproduction.md}. Test support, not API.
 */
final class NabReproduction {

    private static final NabProfile[] PROFILES = {NabProfile.standard(), NabProfile.rewardLowFp(),
        NabProfile.rewardLowFn()};

    private NabReproduction() {
    }

    /**
     * Runs the check and asserts the standard score within 3 points of the published one, each
     * profile within 0.5, and at least 38 of the 40 files equal to the published raw score (39
     * within 0.25): both reproductions are exact on every file, the margin is for last bits.
     *
     * @param detector the detector's name in the published results ({@code ARTime}, {@code contextOSE})
     * @param title the title of the report
     * @param reportName the report's file name in {@code target}
     * @param scores the detector run on one file as NAB's adapter runs it
     * @param note a line added under the title (time, memory)
     * @throws IOException when the data cannot be read
     */
    static void check(String detector, String title, String reportName, Function<TimeSeries, double[]> scores,
            Function<Long, String> note) throws IOException {
        Path root = SharedData.resolve("anomaly/nab");
        NabCorpus corpus = NabCorpus.load(root);
        assertEquals(40, corpus.files().size());
        long start = System.nanoTime();
        long points = 0;
        List<double[]> all = new ArrayList<>();
        for (NabCorpus.DataFile f : corpus.files()) {
            all.add(scores.apply(f.series()));
            points += f.series().size();
        }
        double nanosPerPoint = (System.nanoTime() - start) / (double) points;
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "# %s NAB reproduction (40 shared files)%n%n"
                + "Detector time: %.2f µs per point over %d points; %s.%n%n", title, nanosPerPoint / 1e3, points,
                note.apply(points)));
        double[] ours = new double[3];
        double[] published = new double[3];
        int[] close = new int[3];
        int[] exact = new int[3];
        for (int p = 0; p < 3; p++) {
            String profile = PublishedNabResults.PROFILES[p];
            double threshold = PublishedNabResults.threshold(root, detector, profile);
            Map<String, PublishedNabResults.Row> pub = PublishedNabResults.perFile(root, detector, profile);
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
                NabFileScore s = NabScorer.score(f.series().epochMillis(), NabScorer.alarms(all.get(k), threshold),
                        f.windows(), PROFILES[p]);
                mine.add(s);
                pubSum += row.score();
                double diff = Math.abs(s.score() - row.score());
                close[p] += diff <= 0.25 ? 1 : 0;
                exact[p] += diff <= 1e-6 ? 1 : 0;
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
        Path out = Path.of("target", reportName);
        Files.createDirectories(out.getParent());
        Files.writeString(out, md.toString(), StandardCharsets.UTF_8);
        assertEquals(published[0], ours[0], 3.0, "standard normalised score");
        for (int p = 0; p < 3; p++) {
            String profile = PublishedNabResults.PROFILES[p];
            assertEquals(published[p], ours[p], 0.5, "normalised score " + profile);
            assertTrue(exact[p] >= 38, "files equal to the published raw score, " + profile + ": " + exact[p]);
            assertTrue(close[p] >= 39, "files within 0.25 of the published raw score, " + profile + ": " + close[p]);
        }
    }

    /** The file's minimum and maximum, as NAB gives every detector. */
    static double[] range(TimeSeries s) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < s.size(); i++) {
            min = Math.min(min, s.value(i));
            max = Math.max(max, s.value(i));
        }
        return new double[] {min, max};
    }
}
