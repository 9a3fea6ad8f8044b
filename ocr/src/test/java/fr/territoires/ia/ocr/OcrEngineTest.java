package fr.territoires.ia.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class OcrEngineTest {

    @BeforeAll
    static void needsFrench() {
        Assumptions.assumeTrue(Tessdata.find(null, "fra").isPresent(),
                "fra.traineddata not found in " + Tessdata.candidates(null) + " (apt-get install tesseract-ocr-fra): "
                        + "OCR tests skipped");
    }

    static double cer(String truth, String predicted) {
        Integer[] a = truth.codePoints().boxed().toArray(Integer[]::new);
        Integer[] b = predicted.codePoints().boxed().toArray(Integer[]::new);
        return (double) Levenshtein.distance(a, b) / a.length;
    }

    @Test
    void readsARenderedDecreeWithBoxesInTheOriginalPixels() throws Exception {
        try (OcrEngine engine = OcrEngine.open(OcrEngine.Options.defaults())) {
            OcrPage page = engine.recognize(TestPages.render(TestPages.DECREE, 0));
            String truth = String.join("\n", TestPages.DECREE);
            double cer = cer(truth, String.join("\n", page.lines().stream().map(OcrLine::text).toList()));
            assertTrue(cer < 0.03, "CER " + cer + " on a clean page: " + page.text());
            assertEquals(6, page.lines().size());
            // First line drawn at x = 80 with its baseline at y = 150 (32 px font).
            Box first = page.lines().get(0).box();
            assertTrue(Math.abs(first.x() - 80) <= 6 && first.y() > 115 && first.y() + first.height() < 165,
                    "box " + first);
            assertTrue(page.meanConfidence() > 0.8);
        }
    }

    @Test
    void deskewMeasuresTheAngleAndMapsBoxesBack() {
        BufferedImage skewed = TestPages.render(TestPages.DECREE, 2.0);
        double measured = Preprocessor.measureSkew(GreyImage.of(skewed));
        assertEquals(2.0, measured, 0.3);
        assertEquals(-1.5, Preprocessor.measureSkew(GreyImage.of(TestPages.render(TestPages.DECREE, -1.5))), 0.3);
        OcrEngine.Options options = OcrEngine.Options.defaults()
                .withPreprocessing(OcrEngine.Preprocessing.defaults().withDeskew(true));
        try (OcrEngine engine = OcrEngine.open(options)) {
            OcrPage page = engine.recognize(skewed);
            assertEquals(2.0, page.preprocessing().skewDegrees(), 0.3);
            assertTrue(page.text().contains("1 234,56"), page.text());
            // The last line, drawn from (80, 500) and rotated about the centre (620, 450), rises by
            // about 540 * tan(2 deg) = 19 px to the right: its box in the original pixels holds both ends.
            Box last = page.lines().get(page.lines().size() - 1).box();
            assertTrue(last.y() < 500 && last.y() + last.height() > 480 && last.height() > 40, "box " + last);
        }
    }

    @Test
    void blankPageGivesEmptyText() {
        BufferedImage blank = new BufferedImage(800, 600, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = blank.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 800, 600);
        g.dispose();
        try (OcrEngine engine = OcrEngine.open(OcrEngine.Options.defaults())) {
            OcrPage page = engine.recognize(blank);
            assertTrue(page.isBlank());
            assertEquals("", page.text());
        }
    }

    @Test
    void oneEnginePerThreadGivesTheSameResultsAsOneThread() throws Exception {
        List<BufferedImage> pages = List.of(TestPages.render(TestPages.DECREE, 0),
                TestPages.render(TestPages.DECREE.subList(0, 3), 0), TestPages.render(TestPages.DECREE.subList(3, 6), 0),
                TestPages.render(TestPages.DECREE.subList(1, 5), 0));
        List<String> sequential;
        try (OcrEngine engine = OcrEngine.open(OcrEngine.Options.defaults())) {
            sequential = pages.stream().map(p -> engine.recognize(p).text()).toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        ThreadLocal<OcrEngine> engines = ThreadLocal.withInitial(() -> OcrEngine.open(OcrEngine.Options.defaults()));
        List<OcrEngine> opened = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        try {
            List<Future<String>> futures = pages.stream().map(p -> pool.submit(() -> {
                OcrEngine e = engines.get();
                if (!opened.contains(e)) {
                    opened.add(e);
                }
                return e.recognize(p).text();
            })).toList();
            for (int i = 0; i < pages.size(); i++) {
                assertEquals(sequential.get(i), futures.get(i).get());
            }
        } finally {
            pool.shutdown();
            pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
            opened.forEach(OcrEngine::close);
        }
        assertTrue(opened.size() >= 1);
    }

    @Test
    void altoHasBlocksLinesAndWordsWithConfidences() throws Exception {
        OcrPage page;
        try (OcrEngine engine = OcrEngine.open(OcrEngine.Options.defaults())) {
            page = engine.recognize(TestPages.render(TestPages.DECREE, 0));
        }
        String alto = AltoWriter.toAlto("decree.png", List.of(page));
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        org.w3c.dom.Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(alto.getBytes(StandardCharsets.UTF_8)));
        assertEquals(AltoWriter.NAMESPACE, doc.getDocumentElement().getNamespaceURI());
        NodeList lines = doc.getElementsByTagNameNS(AltoWriter.NAMESPACE, "TextLine");
        assertEquals(page.lines().size(), lines.getLength());
        NodeList strings = doc.getElementsByTagNameNS(AltoWriter.NAMESPACE, "String");
        int words = page.lines().stream().mapToInt(l -> l.words().size()).sum();
        assertEquals(words, strings.getLength());
        Element s0 = (Element) strings.item(0);
        assertEquals(page.lines().get(0).words().get(0).text(), s0.getAttribute("CONTENT"));
        double wc = Double.parseDouble(s0.getAttribute("WC"));
        assertTrue(wc > 0 && wc <= 1);
        assertEquals(Integer.toString(page.lines().get(0).words().get(0).box().x()), s0.getAttribute("HPOS"));
        assertTrue(OcrJson.toJson("decree.png", List.of(new OcrJson.PageResult(page, FieldExtractor.extract(page),
                List.of()))).contains("\"AMOUNT\""));
    }

    @Test
    void missingModelIsOneClearError(@TempDir Path empty) {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> OcrEngine.open(OcrEngine.Options.defaults().withLanguage("zzz").withTessdata(empty)));
        assertTrue(e.getMessage().contains("zzz.traineddata") && e.getMessage().contains(empty.toString())
                && e.getMessage().contains("apt-get install tesseract-ocr-zzz"), e.getMessage());
    }

    @Test
    void optionsRejectBadValues() {
        assertThrows(IllegalArgumentException.class, () -> OcrEngine.Options.defaults().withDpi(20));
        assertThrows(IllegalArgumentException.class, () -> OcrEngine.Options.defaults().withLanguage("fra;rm"));
        assertThrows(IllegalArgumentException.class,
                () -> OcrEngine.Preprocessing.none().withDeskew(true));
    }
}
