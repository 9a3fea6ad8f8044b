package fr.territoires.ia.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.territoires.ia.ocr.Tessdata;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OcrCommandTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void needsFrench() {
        Assumptions.assumeTrue(Tessdata.find(null, "fra").isPresent(),
                "fra.traineddata not found (apt-get install tesseract-ocr-fra): OCR command tests skipped");
    }

    private Path scan() throws Exception {
        Path png = dir.resolve("arrete.png");
        ImageIO.write(DecreeOcrExample.degrade(DecreeOcrExample.render(), 2.0, 117L), "png", png.toFile());
        return png;
    }

    @Test
    void ocr_textAltoJsonWithExtractionAndRedaction() throws Exception {
        Path png = scan();
        Path txt = dir.resolve("arrete.txt");
        var r = RunnerTest.run("ocr", "--input", png.toString(), "--output", txt.toString(), "--dpi", "150",
                "--redact", "--card", dir.resolve("card.md").toString());
        assertEquals(0, r.status(), r.err());
        String text = Files.readString(txt);
        assertTrue(text.contains("SIRET 732 829 320 00074"), text);
        assertFalse(text.contains("42 60 33"), "phone masked: " + text);
        assertTrue(r.out().contains("redacted: 1 identifiers ({PHONE=1})"), r.out());
        String cardText = Files.readString(dir.resolve("card.md"));
        assertTrue(cardText.contains("CER") && cardText.contains("Personal identifiers found in the input documents: "
                + "{PHONE=1} (masked in the outputs)"), cardText);

        Path alto = dir.resolve("arrete.alto.xml");
        r = RunnerTest.run("ocr", "--input", png.toString(), "--output", alto.toString(), "--dpi", "150");
        assertEquals(0, r.status(), r.err());
        String xml = Files.readString(alto);
        assertTrue(xml.contains("http://www.loc.gov/standards/alto/ns-v4#") && xml.contains("WC=\""), xml);
        assertTrue(xml.contains("CONTENT=\"00074.\"") || xml.contains("CONTENT=\"00074\""), xml);

        Path json = dir.resolve("arrete.json");
        r = RunnerTest.run("ocr", "--input", png.toString(), "--output", json.toString(), "--dpi", "150", "--extract");
        assertEquals(0, r.status(), r.err());
        String j = Files.readString(json);
        assertTrue(j.contains("\"value\" : \"73282932000074\"") && j.contains("\"value\" : \"1250.00\"")
                && j.contains("\"value\" : \"2024-03-10\""), j);
        assertTrue(r.out().contains("fields: {"), r.out());
        Path notice = dir.resolve("ocr.notice-fr.md");
        r = RunnerTest.run("ocr", "--input", png.toString(), "--output", dir.resolve("again.txt").toString(), "--dpi",
                "150", "--card", notice.toString());
        assertEquals(0, r.status(), r.err());
        String n = Files.readString(notice);
        assertTrue(n.contains("ocr-pipeline") && !n.contains("| Character"), n);
    }

    @Test
    void ocr_folderWritesOneOutputPerInputAndBlankPageIsReported() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        BufferedImage blank = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = blank.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 400, 300);
        g.dispose();
        ImageIO.write(blank, "png", in.resolve("blank.png").toFile());
        Files.copy(scan(), in.resolve("arrete.png"));
        Path out = dir.resolve("out");
        var r = RunnerTest.run("ocr", "--input", in.toString(), "--output", out.toString(), "--format", "json");
        assertEquals(0, r.status(), r.err());
        assertTrue(Files.isRegularFile(out.resolve("arrete.json")));
        assertTrue(Files.isRegularFile(out.resolve("blank.json")));
        assertTrue(r.out().contains("blank.png: blank page (no text found)"), r.out());
    }

    @Test
    void ocr_badInputIsOneLineAndStatus2() throws Exception {
        Path fake = dir.resolve("fake.png");
        Files.writeString(fake, "not an image");
        var r = RunnerTest.run("ocr", "--input", fake.toString(), "--output", dir.resolve("o.txt").toString());
        assertEquals(2, r.status());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("PNG, JPEG, TIFF or PDF"), r.err());
        assertFalse(Files.exists(dir.resolve("o.txt")));
        r = RunnerTest.run("ocr", "--input", scan().toString(), "--output", dir.resolve("o.docx").toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--output must end with .txt, .alto.xml or .json"), r.err());
    }

    @Test
    void decreeExample_extractsDateAmountSiretAndMasksPhone() {
        String s = DecreeOcrExample.run(card -> { });
        assertTrue(s.contains("date: 2024-03-10"), s);
        assertTrue(s.contains("amount: 1250.00"), s);
        assertTrue(s.contains("siret: 73282932000074"), s);
        assertTrue(s.contains("masked for publication: PHONE"), s);
        assertTrue(s.contains("published line: Article 2 : renseignements au ██ ██ ██ ██ ██."), s);
    }
}
