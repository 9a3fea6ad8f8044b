package fr.territoires.ia.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The default pipeline on the 57 tapuscorpus pages, scored as the dataset's README describes; two engines
 * on two threads. Also the precision and recall of dates and amounts found in the OCR text against those
 * found by the same extractor in the ground-truth text.
 */
class TapuscorpusCerTest {

    /** Floors set from the measured figures (CER 0.0761, WER 0.1834) with a small margin. */
    static final double CER_FLOOR = 0.085;
    static final double WER_FLOOR = 0.20;

    @Test
    void defaultPipelineBeatsTheRawEngineOnTheSharedPages() throws Exception {
        Assumptions.assumeTrue(Tessdata.find(null, "fra").isPresent(),
                "fra.traineddata not found in " + Tessdata.candidates(null) + " (apt-get install tesseract-ocr-fra): "
                        + "CER test skipped");
        List<Tapuscorpus.Page> pages = Tapuscorpus.load();
        assertEquals(57, pages.size());
        OcrEngine.Options options = OcrEngine.Options.defaults();
        List<OcrEngine> opened = Collections.synchronizedList(new ArrayList<>());
        ThreadLocal<OcrEngine> engines = ThreadLocal.withInitial(() -> {
            OcrEngine e = OcrEngine.open(options);
            opened.add(e);
            return e;
        });
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<OcrPage> results = new ArrayList<>();
        try {
            List<Future<OcrPage>> futures = new ArrayList<>();
            for (Tapuscorpus.Page p : pages) {
                futures.add(pool.submit(() -> {
                    BufferedImage img = ImageIO.read(p.image().toFile());
                    return engines.get().recognize(img);
                }));
            }
            for (Future<OcrPage> f : futures) {
                results.add(f.get());
            }
        } finally {
            pool.shutdown();
            pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
            opened.forEach(OcrEngine::close);
        }
        Map<String, Tapuscorpus.Score> bySub = new LinkedHashMap<>();
        List<Tapuscorpus.Score> perPage = new ArrayList<>();
        Tapuscorpus.Score all = Tapuscorpus.Score.zero();
        for (int i = 0; i < pages.size(); i++) {
            Tapuscorpus.Score s = Tapuscorpus.score(pages.get(i).lines(), results.get(i).lines());
            perPage.add(s);
            bySub.merge(pages.get(i).subCorpus(), s, Tapuscorpus.Score::plus);
            all = all.plus(s);
        }
        StringBuilder sb = new StringBuilder("| sub-corpus | pages | CER | WER |\n|---|---|---|---|\n");
        for (var e : bySub.entrySet()) {
            long n = pages.stream().filter(p -> p.subCorpus().equals(e.getKey())).count();
            sb.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f |%n", e.getKey(), n, e.getValue().cer(),
                    e.getValue().wer()));
        }
        double[] ci = bootstrap(perPage, 2000, 20260314L);
        sb.append(String.format(Locale.ROOT, "| all | %d | %.4f [%.4f, %.4f] | %.4f | unmatched predicted chars %d%n",
                pages.size(), all.cer(), ci[0], ci[1], all.wer(), all.unmatchedChars()));
        double[] dates = new double[2];
        sb.append(extraction(pages, results, dates));
        System.out.println(sb);
        assertTrue(all.cer() <= CER_FLOOR, "CER " + all.cer() + " above the floor " + CER_FLOOR + "\n" + sb);
        assertTrue(all.wer() <= WER_FLOOR, "WER " + all.wer() + " above the floor " + WER_FLOOR + "\n" + sb);
        // Measured: dates precision 1.000, recall 0.350 (20 dates in the ground truth, all numeric d.m.yy).
        assertTrue(dates[0] >= 0.9 && dates[1] >= 0.3, "date extraction precision/recall " + dates[0] + "/" + dates[1]);
    }

    /** 95 % percentile bootstrap interval of the pooled CER, pages resampled with replacement. */
    static double[] bootstrap(List<Tapuscorpus.Score> pages, int rounds, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] cers = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long e = 0;
            long n = 0;
            for (int i = 0; i < pages.size(); i++) {
                Tapuscorpus.Score s = pages.get(rnd.nextInt(pages.size()));
                e += s.charEdits();
                n += s.chars();
            }
            cers[r] = (double) e / n;
        }
        java.util.Arrays.sort(cers);
        return new double[] {cers[(int) (0.025 * rounds)], cers[(int) (0.975 * rounds) - 1]};
    }

    /** Precision and recall of dates and amounts, OCR text against ground-truth text, per page multisets. */
    static String extraction(List<Tapuscorpus.Page> pages, List<OcrPage> results, double[] datePrecisionRecall) {
        StringBuilder sb = new StringBuilder();
        for (FieldType type : List.of(FieldType.DATE, FieldType.AMOUNT)) {
            long tp = 0;
            long found = 0;
            long truth = 0;
            for (int i = 0; i < pages.size(); i++) {
                String gt = String.join("\n", pages.get(i).lines().stream().filter(l -> !l.skipped())
                        .map(Tapuscorpus.GtLine::text).toList());
                String ocr = String.join("\n", results.get(i).lines().stream()
                        .map(l -> Tapuscorpus.normalise(l.text())).toList());
                Map<String, Integer> g = counts(FieldExtractor.extract(gt), type);
                Map<String, Integer> o = counts(FieldExtractor.extract(ocr), type);
                for (var e : o.entrySet()) {
                    tp += Math.min(e.getValue(), g.getOrDefault(e.getKey(), 0));
                    found += e.getValue();
                }
                truth += g.values().stream().mapToInt(Integer::intValue).sum();
            }
            if (type == FieldType.DATE) {
                datePrecisionRecall[0] = found == 0 ? 0 : (double) tp / found;
                datePrecisionRecall[1] = truth == 0 ? 0 : (double) tp / truth;
            }
            sb.append(String.format(Locale.ROOT, "%s: %d in ground truth, %d found in OCR text, %d correct: "
                    + "precision %.3f recall %.3f%n", type, truth, found, tp, found == 0 ? Double.NaN : (double) tp / found,
                    truth == 0 ? Double.NaN : (double) tp / truth));
        }
        return sb.toString();
    }

    private static Map<String, Integer> counts(List<Field> fields, FieldType type) {
        Map<String, Integer> m = new HashMap<>();
        fields.stream().filter(f -> f.type() == type).forEach(f -> m.merge(f.value(), 1, Integer::sum));
        return m;
    }
}
