package fr.territoires.ia.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The preprocessing protocol, fixed before any run: seven configurations (the raw engine, grey, grey plus
 * each single step, every step), chosen by leave-one-sub-corpus-out: for each sub-corpus held out, the
 * configuration with the lowest CER on the four others is scored on it. Slow (seven passes over 57
 * pages): runs only with {@code -Docr.explore=true}; engine results are cached under
 * {@code java.io.tmpdir/territoires-ocr-explore}.
 */
class OcrExplorationTest {

    static Map<String, OcrEngine.Options> configs() {
        OcrEngine.Options base = OcrEngine.Options.defaults().withSplitColumns(false);
        OcrEngine.Preprocessing raw = OcrEngine.Preprocessing.none();
        OcrEngine.Preprocessing grey = raw.withGrey(true);
        Map<String, OcrEngine.Options> m = new LinkedHashMap<>();
        m.put("raw", base.withPreprocessing(raw));
        m.put("grey", base.withPreprocessing(grey));
        OcrEngine.Options split = base.withSplitColumns(true);
        m.put("raw+split", split.withPreprocessing(raw));
        m.put("raw+split+sauvola", split.withPreprocessing(raw.withBinarisation(OcrEngine.Binarisation.SAUVOLA)));
        m.put("grey+split", split.withPreprocessing(grey));
        m.put("grey+split+borders", split.withPreprocessing(grey.withRemoveBorders(true)));
        m.put("grey+split+xheight25", split.withPreprocessing(grey.withTargetXHeight(25)));
        m.put("grey+split+deskew", split.withPreprocessing(grey.withDeskew(true)));
        // Second round, added after the first round's results: Sauvola with the steps that were neutral.
        m.put("grey+split+sauvola", split.withPreprocessing(grey.withBinarisation(OcrEngine.Binarisation.SAUVOLA)));
        m.put("grey+split+sauvola+deskew", split.withPreprocessing(grey.withDeskew(true)
                .withBinarisation(OcrEngine.Binarisation.SAUVOLA)));
        return m;
    }

    @Test
    void leaveOneSubCorpusOut() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("ocr.explore"), "exploration runs with -Docr.explore=true");
        Assumptions.assumeTrue(Tessdata.find(null, "fra").isPresent(), "fra.traineddata not installed");
        List<Tapuscorpus.Page> pages = Tapuscorpus.load();
        assertEquals(57, pages.size());
        String only = System.getProperty("ocr.configs", "");
        Map<String, Map<String, Tapuscorpus.Score>> scores = new LinkedHashMap<>();
        for (var e : configs().entrySet()) {
            if (!only.isEmpty() && !List.of(only.split(",")).contains(e.getKey())) {
                continue;
            }
            scores.put(e.getKey(), run(e.getKey(), e.getValue(), pages));
        }
        TreeSet<String> subs = new TreeSet<>();
        pages.forEach(p -> subs.add(p.subCorpus()));
        StringBuilder sb = new StringBuilder("config");
        for (String s : subs) {
            sb.append(" | ").append(s);
        }
        sb.append(" | all CER | all WER\n");
        for (var e : scores.entrySet()) {
            sb.append(e.getKey());
            Tapuscorpus.Score all = Tapuscorpus.Score.zero();
            for (String s : subs) {
                Tapuscorpus.Score sc = e.getValue().get(s);
                all = all.plus(sc);
                sb.append(String.format(Locale.ROOT, " | %.3f/%.3f", sc.cer(), sc.wer()));
            }
            sb.append(String.format(Locale.ROOT, " | %.4f | %.4f | unmatched %d%n", all.cer(), all.wer(),
                    all.unmatchedChars()));
        }
        Tapuscorpus.Score held = Tapuscorpus.Score.zero();
        for (String out : subs) {
            String best = null;
            double bestCer = Double.POSITIVE_INFINITY;
            for (var e : scores.entrySet()) {
                Tapuscorpus.Score train = Tapuscorpus.Score.zero();
                for (String s : subs) {
                    if (!s.equals(out)) {
                        train = train.plus(e.getValue().get(s));
                    }
                }
                if (train.cer() < bestCer) {
                    bestCer = train.cer();
                    best = e.getKey();
                }
            }
            Tapuscorpus.Score h = scores.get(best).get(out);
            held = held.plus(h);
            sb.append(String.format(Locale.ROOT, "held out %s: chosen %s (train CER %.4f), held-out CER %.4f WER %.4f%n",
                    out, best, bestCer, h.cer(), h.wer()));
        }
        sb.append(String.format(Locale.ROOT, "LOSO held-out pooled: CER %.4f WER %.4f%n", held.cer(), held.wer()));
        System.out.println(sb);
        Files.writeString(cacheRoot().resolve("report.txt"), sb.toString());
    }

    static Path cacheRoot() {
        return Path.of(System.getProperty("java.io.tmpdir"), "territoires-ocr-explore");
    }

    static Map<String, Tapuscorpus.Score> run(String name, OcrEngine.Options options, List<Tapuscorpus.Page> pages)
            throws Exception {
        Path dir = cacheRoot().resolve(name);
        Files.createDirectories(dir);
        ThreadLocal<OcrEngine> engines = ThreadLocal.withInitial(() -> OcrEngine.open(options));
        List<OcrEngine> all = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<OcrLine>>> futures = new ArrayList<>();
            for (Tapuscorpus.Page p : pages) {
                futures.add(pool.submit(() -> {
                    Path cache = dir.resolve(p.name().replace('/', '_') + ".tsv");
                    if (Files.isRegularFile(cache)) {
                        return readLines(cache);
                    }
                    OcrEngine engine = engines.get();
                    if (!all.contains(engine)) {
                        all.add(engine);
                    }
                    BufferedImage img = ImageIO.read(p.image().toFile());
                    OcrPage page = engine.recognize(img);
                    writeLines(cache, page.lines());
                    return page.lines();
                }));
            }
            Map<String, Tapuscorpus.Score> bySub = new LinkedHashMap<>();
            for (int i = 0; i < pages.size(); i++) {
                Tapuscorpus.Page p = pages.get(i);
                Tapuscorpus.Score s = Tapuscorpus.score(p.lines(), futures.get(i).get());
                if (Boolean.getBoolean("ocr.perPage")) {
                    System.out.printf(Locale.ROOT, "%s %s CER %.3f chars %d%n", name, p.name(), s.cer(), s.chars());
                }
                bySub.merge(p.subCorpus(), s, Tapuscorpus.Score::plus);
            }
            return bySub;
        } finally {
            pool.shutdown();
            pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
            all.forEach(OcrEngine::close);
        }
    }

    static void writeLines(Path file, List<OcrLine> lines) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (OcrLine l : lines) {
            Box b = l.box();
            sb.append(b.x()).append('\t').append(b.y()).append('\t').append(b.width()).append('\t').append(b.height())
                    .append('\t').append(l.text().replace('\t', ' ').replace('\n', ' ')).append('\n');
        }
        Files.writeString(file, sb.toString());
    }

    static List<OcrLine> readLines(Path file) throws Exception {
        List<OcrLine> out = new ArrayList<>();
        for (String row : Files.readAllLines(file)) {
            String[] f = row.split("\t", 5);
            Box b = new Box(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]));
            out.add(new OcrLine(b, List.of(new OcrWord(f.length > 4 ? f[4] : "", b, 1))));
        }
        return out;
    }
}
