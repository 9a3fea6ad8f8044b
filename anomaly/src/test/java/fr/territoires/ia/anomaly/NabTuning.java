package fr.territoires.ia.anomaly;

import fr.territoires.ia.anomaly.evaluation.NabCorpus;
import fr.territoires.ia.anomaly.evaluation.NabFileScore;
import fr.territoires.ia.anomaly.evaluation.NabProfile;
import fr.territoires.ia.anomaly.evaluation.NabScorer;
import fr.territoires.ia.core.TimeSeries;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * How the default configuration of {@link BaselineDetector} was chosen (run by hand, never in CI):
 * a small grid over memory, alarm rule and CUSUM limit, scored on the NAB files, with a
 * leave-one-category-out check: for each category, the configuration is chosen on the other
 * categories and scored on the held-out one.
 *
 * <p>Run: {@code java -cp ... fr.territoires.ia.anomaly.NabTuning <nab folder>}
 */
public final class NabTuning {

    private NabTuning() {
    }

    static boolean[] run(BaselineDetector.Options o, TimeSeries s) {
        BaselineDetector d = BaselineDetector.create(o);
        boolean[] alarms = new boolean[s.size()];
        for (int i = 0; i < s.size(); i++) {
            d.update(s.epochMilli(i), s.value(i));
            alarms[i] = d.alarm();
        }
        return alarms;
    }

    static String category(String name) {
        return name.substring(0, name.indexOf('/'));
    }

    /** Per file, per profile raw scores of one configuration. */
    static Map<String, NabFileScore[]> scoreAll(NabCorpus corpus, BaselineDetector.Options o, NabProfile[] profiles) {
        Map<String, NabFileScore[]> out = new LinkedHashMap<>();
        for (NabCorpus.DataFile f : corpus.files()) {
            boolean[] a = run(o, f.series());
            NabFileScore[] s = new NabFileScore[profiles.length];
            for (int p = 0; p < profiles.length; p++) {
                s[p] = NabScorer.score(f.series().epochMillis(), a, f.windows(), profiles[p]);
            }
            out.put(f.name(), s);
        }
        return out;
    }

    static double normalised(Map<String, NabFileScore[]> scores, int p, NabProfile profile, String onlyCategory,
            String exceptCategory) {
        List<NabFileScore> list = new ArrayList<>();
        scores.forEach((name, s) -> {
            String c = category(name);
            if ((onlyCategory == null || c.equals(onlyCategory)) && (exceptCategory == null || !c.equals(exceptCategory))) {
                list.add(s[p]);
            }
        });
        return NabScorer.normalised(list, profile);
    }

    public static void main(String[] args) throws Exception {
        NabCorpus corpus = NabCorpus.load(Path.of(args[0]));
        NabProfile[] profiles = {NabProfile.standard(), NabProfile.rewardLowFp(), NabProfile.rewardLowFn()};
        List<BaselineDetector.Options> grid = new ArrayList<>();
        BaselineDetector.Options base = BaselineDetector.Options.defaults().withZone(java.time.ZoneId.of(System.getProperty("zone", "UTC")));
        for (int memory : new int[] {144, 288}) {
            for (double threshold : new double[] {0.99, 0.995, 0.999, 0.9995}) {
                for (double minSurprise : new double[] {3, 4, 5}) {
                    for (int hold : new int[] {30, 90, 270}) {
                        for (double cusum : new double[] {8, 16}) {
                            grid.add(base.withMemorySteps(memory).withAlarmRule(threshold, minSurprise, hold)
                                    .withCusumLimit(cusum));
                        }
                    }
                }
            }
        }
        if (args.length > 1 && args[1].equals("default")) {
            grid = List.of(base);
        }
        if (args.length > 1 && args[1].equals("files")) {
            if (args.length > 6) {
                base = base.withMemorySteps(Integer.parseInt(args[2])).withAlarmRule(Double.parseDouble(args[3]),
                        Double.parseDouble(args[4]), Integer.parseInt(args[5])).withCusumLimit(Double.parseDouble(args[6]));
            }
            scoreAll(corpus, base, profiles).forEach((name, s) -> System.out.printf(Locale.ROOT,
                    "%-60s score %6.2f TP %d FP %d FN %d windows %d%n", name, s[0].score(), s[0].truePositives(),
                    s[0].falsePositives(), s[0].falseNegatives(), corpus.file(name).orElseThrow().windows().size()));
            return;
        }
        List<Map<String, NabFileScore[]>> results = new ArrayList<>();
        TreeSet<String> categories = new TreeSet<>();
        corpus.files().forEach(f -> categories.add(category(f.name())));
        for (BaselineDetector.Options o : grid) {
            Map<String, NabFileScore[]> r = scoreAll(corpus, o, profiles);
            results.add(r);
            System.out.printf(Locale.ROOT, "mem=%d thr=%.3f min=%.1f hold=%d cusum=%.0f  std %.1f  lowFP %.1f  lowFN %.1f%n",
                    o.memorySteps(), o.threshold(), o.minSurprise(), o.holdSteps(), o.cusumLimit(),
                    normalised(r, 0, profiles[0], null, null), normalised(r, 1, profiles[1], null, null),
                    normalised(r, 2, profiles[2], null, null));
        }
        // Leave one category out (standard profile).
        Map<String, NabFileScore[]> heldOut = new LinkedHashMap<>();
        for (String c : categories) {
            int best = 0;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int g = 0; g < results.size(); g++) {
                double s = normalised(results.get(g), 0, profiles[0], null, c);
                if (s > bestScore) {
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
            BaselineDetector.Options o = grid.get(chosen);
            System.out.printf(Locale.ROOT, "held out %-22s chose mem=%d thr=%.3f min=%.1f hold=%d cusum=%.0f (in-sample %.1f)%n",
                    c, o.memorySteps(), o.threshold(), o.minSurprise(), o.holdSteps(), o.cusumLimit(), bestScore);
        }
        System.out.printf(Locale.ROOT, "leave-one-category-out score: std %.1f  lowFP %.1f  lowFN %.1f%n",
                normalised(heldOut, 0, profiles[0], null, null), normalised(heldOut, 1, profiles[1], null, null),
                normalised(heldOut, 2, profiles[2], null, null));
    }
}
