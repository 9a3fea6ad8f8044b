package fr.territoires.ia.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.territoires.ia.anomaly.evaluation.NabCorpus;
import fr.territoires.ia.anomaly.evaluation.NabFileScore;
import fr.territoires.ia.anomaly.evaluation.NabProfile;
import fr.territoires.ia.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Runs the protocol of {@link LeaveOneCategoryOut} on the 40 shared NAB files, holds its
 * out-of-sample floor, and checks that what {@link StreamDetector.Options#defaults()} ships is
 * what the protocol chose.
 */
class StreamDetectorNabTest {

    private static final NabProfile[] PROFILES = {NabProfile.standard(), NabProfile.rewardLowFp(),
        NabProfile.rewardLowFn()};

    static LeaveOneCategoryOut.Candidate candidate(StreamDetector.Algorithm algorithm, double published) {
        return new LeaveOneCategoryOut.Candidate(algorithm.name(), published,
                f -> StreamDetector.create(StreamDetector.Options.defaults().withZone(ZoneOffset.UTC)
                        .withAlgorithm(algorithm).fittedTo(f.series())));
    }

    private static NabCorpus corpus;

    private static synchronized NabCorpus corpus() throws IOException {
        if (corpus == null) {
            corpus = NabCorpus.load(SharedData.resolve("anomaly/nab"));
        }
        return corpus;
    }

    @Test
    void leaveOneCategoryOut_defaultDetector_holdsOutOfSampleFloorAndShipsTheChoice() throws IOException {
        NabCorpus corpus = corpus();
        assertEquals(40, corpus.files().size());
        List<LeaveOneCategoryOut.Candidate> candidates = List.of(
                candidate(StreamDetector.Algorithm.ARTIME, ArtimeDetector.PUBLISHED_STANDARD_THRESHOLD),
                candidate(StreamDetector.Algorithm.CONTEXT, ContextAnomalyDetector.PUBLISHED_STANDARD_THRESHOLD));
        LeaveOneCategoryOut.Outcome o = LeaveOneCategoryOut.run(corpus, candidates, PROFILES);

        StringBuilder report = new StringBuilder("# Default streaming detector: leave one NAB category out\n\n");
        report.append("| held-out category | chosen on the other six | held-out standard score |\n|---|---|---:|\n");
        TreeSet<String> categories = new TreeSet<>(o.choices().keySet());
        for (String c : categories) {
            List<NabFileScore> only = new ArrayList<>();
            o.heldOut().forEach((name, s) -> {
                if (LeaveOneCategoryOut.category(name).equals(c)) {
                    only.add(s[0]);
                }
            });
            String held = only.stream().mapToInt(NabFileScore::windows).sum() == 0
                    ? String.format(Locale.ROOT, "raw %.2f (no window)",
                            only.stream().mapToDouble(NabFileScore::score).sum())
                    : String.format(Locale.ROOT, "%.1f", fr.territoires.ia.anomaly.evaluation.NabScorer.normalised(
                            only, PROFILES[0]));
            report.append("| ").append(c).append(" | ").append(o.choices().get(c)).append(" | ").append(held)
                    .append(" |\n");
        }
        double[] loco = new double[3];
        double[] in = new double[3];
        for (int p = 0; p < 3; p++) {
            loco[p] = LeaveOneCategoryOut.normalised(o.heldOut(), p, PROFILES[p], null);
            in[p] = LeaveOneCategoryOut.normalised(o.inSample(), p, PROFILES[p], null);
        }
        report.append(String.format(Locale.ROOT, "%nOut of sample (leave one category out), 40 files: standard %.1f, "
                + "low FP %.1f, low FN %.1f%n", loco[0], loco[1], loco[2]));
        report.append(String.format(Locale.ROOT, "Shipped: %s at threshold %.6g; in sample, 40 files: standard %.1f, "
                + "low FP %.1f, low FN %.1f%n", o.shipped(), o.shippedThreshold(), in[0], in[1], in[2]));
        System.out.print(report);
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            Files.writeString(target.resolve("default-detector-loco.md"), report.toString());
        }

        StreamDetector.Options shipped = StreamDetector.Options.defaults();
        assertEquals(o.shipped(), shipped.algorithm().name(), "the default alarm source is the protocol's choice");
        assertEquals(o.shippedThreshold(), shipped.threshold(), 1e-12, "the default threshold is the protocol's");
        assertTrue(loco[0] >= 65.0, "leave-one-category-out standard NAB score " + loco[0]);
        assertTrue(in[0] >= 70.0, "in-sample standard NAB score " + in[0]);
        Map<String, NabFileScore[]> held = o.heldOut();
        assertEquals(40, held.size());
    }

    @Test
    void leaveOneCategoryOut_eachAlarmSourceAlone_reported() throws IOException {
        NabCorpus corpus = corpus();
        StringBuilder report = new StringBuilder();
        for (LeaveOneCategoryOut.Candidate c : List.of(
                candidate(StreamDetector.Algorithm.ARTIME, ArtimeDetector.PUBLISHED_STANDARD_THRESHOLD),
                candidate(StreamDetector.Algorithm.CONTEXT, ContextAnomalyDetector.PUBLISHED_STANDARD_THRESHOLD))) {
            LeaveOneCategoryOut.Outcome o = LeaveOneCategoryOut.run(corpus, List.of(c), PROFILES);
            double[] loco = new double[3];
            double[] in = new double[3];
            for (int p = 0; p < 3; p++) {
                loco[p] = LeaveOneCategoryOut.normalised(o.heldOut(), p, PROFILES[p], null);
                in[p] = LeaveOneCategoryOut.normalised(o.inSample(), p, PROFILES[p], null);
            }
            Map<String, double[]> raw = LeaveOneCategoryOut.rawScores(corpus, c);
            Map<String, NabFileScore[]> published = LeaveOneCategoryOut.fileScores(corpus, raw, c.publishedThreshold(),
                    PROFILES);
            report.append(String.format(Locale.ROOT, "%s with the flatline test: leave one category out %.1f / %.1f / "
                    + "%.1f; in sample at the median fold threshold %.4g: %.1f / %.1f / %.1f; at the published threshold: "
                    + "%.1f / %.1f / %.1f%n", c.name(), loco[0], loco[1], loco[2], o.shippedThreshold(), in[0], in[1],
                    in[2], LeaveOneCategoryOut.normalised(published, 0, PROFILES[0], null),
                    LeaveOneCategoryOut.normalised(published, 1, PROFILES[1], null),
                    LeaveOneCategoryOut.normalised(published, 2, PROFILES[2], null)));
            assertTrue(loco[0] > 50, c.name() + " held-out score " + loco[0]);
        }
        System.out.print(report);
    }
}
