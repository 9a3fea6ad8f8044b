package fr.territoires.ia.anomaly;

import fr.territoires.ia.anomaly.evaluation.NabCorpus;
import fr.territoires.ia.anomaly.evaluation.NabFileScore;
import fr.territoires.ia.anomaly.evaluation.NabProfile;
import fr.territoires.ia.anomaly.evaluation.NabScorer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The protocol that chooses the default streaming detector and its alarm threshold, fixed before
 * any candidate was scored, and the harness that runs it.
 *
 * <h2>Protocol (fixed 2026-12-04, before the reproductions existed)</h2>
 * <ol>
 *   <li><b>Candidates</b>, each as it would ship (with the flatline test for stuck sensors, which
 *       cities need whatever NAB says, and the value range and probationary period NAB gives
 *       every detector: the file's minimum and maximum, {@code min(floor(0.15 n), 750)} points):
 *       the Java reproduction of CAD OSE and the Java reproduction of ARTime, each with its
 *       published settings. Nothing else about the algorithms is chosen on the data.</li>
 *   <li><b>The one setting chosen on data: the alarm threshold</b>, from a grid fixed in advance:
 *       0.05 to 0.95 by 0.05, then 0.97, 0.99, 0.995, 0.999, 1.0, and the candidate's published
 *       NAB standard threshold.</li>
 *   <li><b>Leave one category out</b> over the 7 categories of the 40 shared NAB files: for each
 *       held-out category, the (candidate, threshold) pair with the highest normalised standard
 *       NAB score on the 6 other categories is chosen (ties: the higher threshold), and the
 *       held-out files are scored with it. The headline figure is the normalised score of these
 *       held-out raw scores over all 40 files; it is also given per category, and for the low-FP
 *       and low-FN profiles with the same choices.</li>
 *   <li><b>What ships:</b> the candidate chosen in most folds (ties: ARTime, for its published
 *       full-corpus score) with the median of the thresholds chosen for it. Its score on all 40
 *       files is the in-sample figure, reported beside the headline and labelled so.</li>
 * </ol>
 *
 * <p>Test support, not API.
 */
final class LeaveOneCategoryOut {

    /** The threshold grid of the protocol, before the candidate's published threshold is added. */
    static final double[] GRID = grid();

    private LeaveOneCategoryOut() {
    }

    private static double[] grid() {
        List<Double> g = new ArrayList<>();
        for (int i = 1; i <= 19; i++) {
            g.add(i * 0.05);
        }
        for (double v : new double[] {0.97, 0.99, 0.995, 0.999, 1.0}) {
            g.add(v);
        }
        return g.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * A candidate: its name, its published standard threshold and how to build it for one file.
     *
     * @param name name of the candidate
     * @param publishedThreshold the published NAB standard threshold, added to the grid
     * @param factory a fresh detector configured for the file (range, probation)
     */
    record Candidate(String name, double publishedThreshold, Function<NabCorpus.DataFile, StreamingDetector> factory) {

        double[] thresholds() {
            double[] t = java.util.Arrays.copyOf(GRID, GRID.length + 1);
            t[GRID.length] = publishedThreshold;
            java.util.Arrays.sort(t);
            return t;
        }
    }

    /**
     * Scores of one candidate on every file, as {@link StreamingDetector#update} returns them (a
     * flatline scores 1); the threshold is applied afterwards, so one run serves the whole grid.
     */
    static Map<String, double[]> rawScores(NabCorpus corpus, Candidate c) {
        return CACHE.computeIfAbsent(c.name() + "@" + System.identityHashCode(corpus), k -> computeRawScores(corpus, c));
    }

    /** Scores already computed in this JVM, per candidate and corpus (each run costs seconds). */
    private static final Map<String, Map<String, double[]>> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    private static Map<String, double[]> computeRawScores(NabCorpus corpus, Candidate c) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (NabCorpus.DataFile f : corpus.files()) {
            StreamingDetector d = c.factory().apply(f);
            double[] s = new double[f.series().size()];
            for (int i = 0; i < s.length; i++) {
                s[i] = d.update(f.series().epochMilli(i), f.series().value(i));
            }
            out.put(f.name(), s);
        }
        return out;
    }

    static String category(String name) {
        return name.substring(0, name.indexOf('/'));
    }

    /** Per-file raw scores of thresholded detector scores, for the three profiles. */
    static Map<String, NabFileScore[]> fileScores(NabCorpus corpus, Map<String, double[]> scores, double threshold,
            NabProfile[] profiles) {
        Map<String, NabFileScore[]> out = new LinkedHashMap<>();
        for (NabCorpus.DataFile f : corpus.files()) {
            boolean[] a = NabScorer.alarms(scores.get(f.name()), threshold);
            NabFileScore[] s = new NabFileScore[profiles.length];
            for (int p = 0; p < profiles.length; p++) {
                s[p] = NabScorer.score(f.series().epochMillis(), a, f.windows(), profiles[p]);
            }
            out.put(f.name(), s);
        }
        return out;
    }

    static double normalised(Map<String, NabFileScore[]> scores, int profileIndex, NabProfile profile,
            String exceptCategory) {
        List<NabFileScore> list = new ArrayList<>();
        scores.forEach((name, s) -> {
            if (exceptCategory == null || !category(name).equals(exceptCategory)) {
                list.add(s[profileIndex]);
            }
        });
        return NabScorer.normalised(list, profile);
    }

    /**
     * The outcome of the protocol.
     *
     * @param heldOut per file, the raw scores under the choice made without its category
     * @param choices per held-out category, the chosen candidate and threshold
     * @param shipped the candidate that ships
     * @param shippedThreshold its threshold
     * @param inSample per file, the raw scores of what ships
     */
    record Outcome(Map<String, NabFileScore[]> heldOut, Map<String, String> choices, String shipped,
            double shippedThreshold, Map<String, NabFileScore[]> inSample) {
    }

    /**
     * Runs the protocol.
     *
     * @param corpus the NAB files
     * @param candidates the candidates, the first one preferred on ties of the majority vote
     * @param profiles standard first, then any other profiles to report
     * @return the outcome
     */
    static Outcome run(NabCorpus corpus, List<Candidate> candidates, NabProfile[] profiles) {
        // Every candidate × threshold, scored once.
        List<String> names = new ArrayList<>();
        List<Double> thresholds = new ArrayList<>();
        List<Map<String, NabFileScore[]>> results = new ArrayList<>();
        for (Candidate c : candidates) {
            Map<String, double[]> raw = rawScores(corpus, c);
            for (double t : c.thresholds()) {
                names.add(c.name());
                thresholds.add(t);
                results.add(fileScores(corpus, raw, t, profiles));
            }
        }
        TreeSet<String> categories = new TreeSet<>();
        corpus.files().forEach(f -> categories.add(category(f.name())));
        Map<String, NabFileScore[]> heldOut = new LinkedHashMap<>();
        Map<String, String> choices = new LinkedHashMap<>();
        Map<String, List<Double>> chosenThresholds = new LinkedHashMap<>();
        for (String c : categories) {
            int best = -1;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int g = 0; g < results.size(); g++) {
                double s = normalised(results.get(g), 0, profiles[0], c);
                if (s > bestScore || (s == bestScore && thresholds.get(g) > thresholds.get(best))) {
                    bestScore = s;
                    best = g;
                }
            }
            final int chosen = best;
            results.get(chosen).forEach((name, s) -> {
                if (category(name).equals(c)) {
                    heldOut.put(name, s);
                }
            });
            choices.put(c, String.format(java.util.Locale.ROOT, "%s at %.6g (%.1f on the other categories)",
                    names.get(chosen), thresholds.get(chosen), bestScore));
            chosenThresholds.computeIfAbsent(names.get(chosen), k -> new ArrayList<>()).add(thresholds.get(chosen));
        }
        String shipped = candidates.get(0).name();
        int votes = chosenThresholds.getOrDefault(shipped, List.of()).size();
        for (Candidate cand : candidates) {
            int v = chosenThresholds.getOrDefault(cand.name(), List.of()).size();
            if (v > votes) {
                shipped = cand.name();
                votes = v;
            }
        }
        List<Double> ts = new ArrayList<>(chosenThresholds.get(shipped));
        ts.sort(null);
        double median = ts.size() % 2 == 1 ? ts.get(ts.size() / 2)
                : 0.5 * (ts.get(ts.size() / 2 - 1) + ts.get(ts.size() / 2));
        Map<String, NabFileScore[]> inSample = null;
        for (Candidate cand : candidates) {
            if (cand.name().equals(shipped)) {
                inSample = fileScores(corpus, rawScores(corpus, cand), median, profiles);
            }
        }
        return new Outcome(heldOut, choices, shipped, median, inSample);
    }
}
