package fr.territoires.ia.examples;

import fr.territoires.ia.core.trust.ModelCard;
import fr.territoires.ia.ocr.Field;
import fr.territoires.ia.ocr.FieldExtractor;
import fr.territoires.ia.ocr.FieldType;
import fr.territoires.ia.ocr.OcrCard;
import fr.territoires.ia.ocr.OcrEngine;
import fr.territoires.ia.ocr.OcrPage;
import fr.territoires.ia.ocr.Redactor;
import fr.territoires.ia.ocr.Tessdata;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Use case: a city publishes its municipal decrees (arrêtés) as open data. A decree is rendered with Java2D,
 * degraded like a scan (150 dpi, 2° skew, blur, noise), read back with the OCR pipeline; the date, the
 * amount and the SIRET are extracted and the phone number is masked before publication.
 */
public final class DecreeOcrExample {

    static final List<String> DECREE = List.of(
            "REPUBLIQUE FRANCAISE",
            "COMMUNE DE SAINT-EXEMPLE",
            "ARRETE MUNICIPAL N° 2024-117",
            "portant attribution d'une subvention",
            "Le Maire de la commune de Saint-Exemple,",
            "Vu le code general des collectivites territoriales,",
            "Vu la demande de l'association du 10 mars 2024,",
            "ARRETE",
            "Article 1 : une subvention de 1 250,00 € est attribuee",
            "a l'association Les Amis du Parc, SIRET 732 829 320 00074.",
            "Article 2 : renseignements au 01 42 60 33 00.",
            "Fait a Saint-Exemple, le 2 avril 2024.",
            "Le Maire");

    private DecreeOcrExample() {
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        System.out.println(run(card -> { }));
    }

    /** An A4 page at 150 dpi (1240 x 1754 px) with the decree typed in a 12 pt monospaced font. */
    static BufferedImage render() {
        BufferedImage img = new BufferedImage(1240, 1754, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        // 12 pt at 150 dpi = 25 px.
        g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 25));
        int y = 180;
        for (String line : DECREE) {
            g.drawString(line, 130, y);
            y += line.equals("ARRETE") || line.startsWith("portant") ? 70 : 48;
        }
        g.dispose();
        return img;
    }

    /** Degrades like a scan: rotation by {@code degrees} (counter-clockwise), 3 x 3 blur, Gaussian noise (sd 18 grey levels). */
    static BufferedImage degrade(BufferedImage page, double degrees, long seed) {
        BufferedImage rotated = new BufferedImage(page.getWidth(), page.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rotated.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, page.getWidth(), page.getHeight());
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.rotate(Math.toRadians(-degrees), page.getWidth() / 2.0, page.getHeight() / 2.0);
        g.drawImage(page, 0, 0, null);
        g.dispose();
        float[] k = new float[9];
        java.util.Arrays.fill(k, 1f / 9);
        BufferedImage blurred = new ConvolveOp(new Kernel(3, 3, k), ConvolveOp.EDGE_NO_OP, null).filter(rotated, null);
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int y = 0; y < blurred.getHeight(); y++) {
            for (int x = 0; x < blurred.getWidth(); x++) {
                int v = blurred.getRGB(x, y) & 0xff;
                double noise = 18 * gaussian(rnd);
                int n = (int) Math.max(0, Math.min(255, Math.round(v + noise)));
                blurred.setRGB(x, y, (n << 16) | (n << 8) | n);
            }
        }
        return blurred;
    }

    private static double gaussian(SplittableRandom rnd) {
        double u = 1 - rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    static String run(Consumer<ModelCard> cards) {
        if (Tessdata.find(null, "fra").isEmpty()) {
            return "skipped: the French OCR model fra.traineddata is not installed (searched " + Tessdata.candidates(null)
                    + "; on Debian/Ubuntu: apt-get install tesseract-ocr-fra)";
        }
        BufferedImage scan = degrade(render(), 2.0, 117L);
        OcrEngine.Options options = OcrEngine.Options.defaults().withDpi(150);
        OcrPage page;
        try (OcrEngine engine = OcrEngine.open(options)) {
            page = engine.recognize(scan);
        }
        cards.accept(OcrCard.of(options));
        List<Field> fields = FieldExtractor.extract(page);
        Redactor.Redaction redaction = Redactor.redact(page);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "scanned decree (150 dpi, 2° skew, blur, noise): %d lines read, mean "
                + "confidence %.2f, measured skew %.1f°%n", page.lines().size(), page.meanConfidence(),
                page.preprocessing().skewDegrees()));
        for (FieldType t : List.of(FieldType.DATE, FieldType.AMOUNT, FieldType.SIRET)) {
            sb.append(t.name().toLowerCase(Locale.ROOT)).append(": ").append(fields.stream().filter(f -> f.type() == t)
                    .map(f -> f.value() + " (" + f.rule() + String.format(Locale.ROOT, ", confidence %.2f)", f.confidence()))
                    .collect(Collectors.joining(", "))).append('\n');
        }
        sb.append("masked for publication: ").append(redaction.masked().stream().map(f -> f.type().name())
                .collect(Collectors.joining(", "))).append('\n');
        String published = redaction.page().lines().stream().map(l -> l.text())
                .filter(l -> l.contains("Article 2")).findFirst().orElse("(line not found)");
        sb.append("published line: ").append(published);
        return sb.toString();
    }
}
