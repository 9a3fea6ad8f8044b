package fr.territoires.ia.ocr;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/** Renders typewriter-like test pages with Java2D. */
final class TestPages {

    static final List<String> DECREE = List.of(
            "ARRETE MUNICIPAL N° 2024-117",
            "Le maire de la commune de Saint-Exemple,",
            "Vu le code general des collectivites territoriales,",
            "Considerant la demande du 10 mars 2024,",
            "Article 1 : la somme de 1 234,56 € est allouee.",
            "Fait a Saint-Exemple, le 2 avril 2024.");

    private TestPages() {
    }

    /** A white A5-like page (1240 x 900 px) with the lines in a 32 px monospaced font, rotated by {@code degrees} (counter-clockwise positive). */
    static BufferedImage render(List<String> lines, double degrees) {
        BufferedImage img = new BufferedImage(1240, 900, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.rotate(Math.toRadians(-degrees), img.getWidth() / 2.0, img.getHeight() / 2.0);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 32));
        int y = 150;
        for (String l : lines) {
            g.drawString(l, 80, y);
            y += 70;
        }
        g.dispose();
        return img;
    }
}
