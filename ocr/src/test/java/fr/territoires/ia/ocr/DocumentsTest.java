package fr.territoires.ia.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentsTest {

    @BeforeAll
    static void needsFrench() {
        Assumptions.assumeTrue(Tessdata.find(null, "fra").isPresent(),
                "fra.traineddata not found (apt-get install tesseract-ocr-fra): OCR tests skipped");
    }

    static Path textPdf(Path dir, String text) throws Exception {
        Path f = dir.resolve("text.pdf");
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.beginText();
                cs.setFont(new PDType1Font(Standard14Fonts.FontName.COURIER), 14);
                cs.newLineAtOffset(72, 700);
                cs.showText(text);
                cs.endText();
            }
            doc.save(f.toFile());
        }
        return f;
    }

    @Test
    void pdfWithTextReturnsItsTextLayerUnlessForced(@TempDir Path dir) throws Exception {
        Path pdf = textPdf(dir, "Deliberation du 10 mars 1917");
        try (OcrEngine engine = OcrEngine.open(OcrEngine.Options.defaults())) {
            List<OcrPage> pages = engine.recognizeFile(pdf);
            assertEquals(1, pages.size());
            assertEquals(OcrPage.Source.PDF_TEXT_LAYER, pages.get(0).source());
            assertEquals("Deliberation du 10 mars 1917", pages.get(0).text());
            // 72 pt from the left edge at 300 dpi = 300 px.
            assertEquals(300, pages.get(0).lines().get(0).box().x(), 3);
        }
        try (OcrEngine engine = OcrEngine.open(OcrEngine.Options.defaults().withForceOcr(true))) {
            OcrPage page = engine.recognizeFile(pdf).get(0);
            assertEquals(OcrPage.Source.OCR, page.source());
            assertTrue(page.text().contains("10 mars 1917"), page.text());
            assertEquals(2550, page.width(), "US Letter at 300 dpi");
        }
    }

    @Test
    void encryptedPdfIsBadInput(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("locked.pdf");
        try (PDDocument doc = new PDDocument()) {
            doc.addPage(new PDPage());
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner", "user", new AccessPermission());
            doc.protect(policy);
            doc.save(f.toFile());
        }
        try (OcrEngine engine = OcrEngine.open(OcrEngine.Options.defaults())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> engine.recognizeFile(f));
            assertTrue(e.getMessage().contains("encrypted"), e.getMessage());
        }
    }

    @Test
    void notAnImageIsBadInput(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("notes.png");
        Files.writeString(f, "this is not an image");
        try (OcrEngine engine = OcrEngine.open(OcrEngine.Options.defaults())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> engine.recognizeFile(f));
            assertTrue(e.getMessage().contains("PNG, JPEG, TIFF or PDF"), e.getMessage());
        }
    }

    @Test
    void leptonicaFallbackDecodesAPageAndRefusesAMissingFile(@TempDir Path dir) throws Exception {
        // The fallback used when Java's decoders refuse a file (e.g. a CMYK JPEG).
        Path png = dir.resolve("page.png");
        ImageIO.write(TestPages.render(TestPages.DECREE.subList(0, 2), 0), "png", png.toFile());
        BufferedImage viaLeptonica = Documents.readWithLeptonica(png);
        assertEquals(1240, viaLeptonica.getWidth());
        assertEquals(900, viaLeptonica.getHeight());
        assertEquals(null, Documents.readWithLeptonica(dir.resolve("absent.png")));
    }

    @Test
    void multiPageTiffGivesOnePagePerImage(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("two.tif");
        BufferedImage a = TestPages.render(TestPages.DECREE.subList(0, 2), 0);
        BufferedImage b = TestPages.render(TestPages.DECREE.subList(4, 6), 0);
        ImageWriter w = ImageIO.getImageWritersByFormatName("tiff").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(f.toFile())) {
            w.setOutput(out);
            w.prepareWriteSequence(null);
            w.writeToSequence(new IIOImage(a, null, null), null);
            w.writeToSequence(new IIOImage(b, null, null), null);
            w.endWriteSequence();
        } finally {
            w.dispose();
        }
        try (OcrEngine engine = OcrEngine.open(OcrEngine.Options.defaults())) {
            List<OcrPage> pages = engine.recognizeFile(f);
            assertEquals(2, pages.size());
            assertTrue(pages.get(0).text().contains("ARRETE"), pages.get(0).text());
            assertTrue(pages.get(1).text().contains("1 234,56"), pages.get(1).text());
        }
    }
}
