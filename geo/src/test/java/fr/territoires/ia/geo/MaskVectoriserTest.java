package fr.territoires.ia.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Polygon;

class MaskVectoriserTest {

    @TempDir
    Path dir;

    /** A 5 x 5 ring of foreground (a 3 x 3 hole inside) and, apart, a 1 x 2 block. */
    private static final String[] GRID = {
        "#####..",
        "#...#..",
        "#...#.#",
        "#...#.#",
        "#####..",
    };

    private static boolean[][] grid() {
        boolean[][] m = new boolean[GRID.length][];
        for (int r = 0; r < GRID.length; r++) {
            m[r] = new boolean[GRID[r].length()];
            for (int c = 0; c < m[r].length; c++) {
                m[r][c] = GRID[r].charAt(c) == '#';
            }
        }
        return m;
    }

    @Test
    void vectorise_gridWithHole_givesPolygonWithHoleInMapUnits() {
        // 2 m pixels, top-left corner at (1000, 5000), north up
        MaskVectoriser.GeoTransform t = MaskVectoriser.GeoTransform.northUp(1000, 5000, 2.0);
        List<Polygon> ps = MaskVectoriser.vectorise(grid(), t, 2.0, 2154);
        assertEquals(2, ps.size());
        Polygon ring = ps.get(0);
        assertEquals(1, ring.getNumInteriorRing());
        // (25 - 9) pixels of 4 m2 = 64 m2; the hole 9 pixels = 36 m2
        assertEquals(64.0, ring.getArea(), 1e-9);
        assertEquals(36.0, Math.abs(org.locationtech.jts.algorithm.Area.ofRing(
                ring.getInteriorRingN(0).getCoordinates())), 1e-9);
        assertEquals(new Envelope(1000, 1010, 4990, 5000), ring.getEnvelopeInternal());
        assertEquals(2154, ring.getSRID());
        // the block: column 6, rows 2-3 -> x 1012..1014, y 4992..4996, 8 m2
        assertEquals(8.0, ps.get(1).getArea(), 1e-9);
        assertEquals(new Envelope(1012, 1014, 4992, 4996), ps.get(1).getEnvelopeInternal());
        assertTrue(ring.isValid());
    }

    @Test
    void vectorise_staircase_isStraightenedAtOnePixel() {
        boolean[][] m = new boolean[20][20];
        for (int r = 0; r < 20; r++) {
            for (int c = 0; c <= r; c++) {
                m[r][c] = true; // lower-left triangle made of steps
            }
        }
        List<Polygon> raw = MaskVectoriser.vectorise(m, MaskVectoriser.GeoTransform.northUp(0,
                20, 1.0), 0.0, 0);
        List<Polygon> simple = MaskVectoriser.vectorise(m,
                MaskVectoriser.GeoTransform.northUp(0, 20, 1.0));
        // 20 steps: 2 * 20 + 2 distinct vertices and the closing one before; a near triangle after
        assertTrue(raw.get(0).getNumPoints() >= 43, raw.get(0).toText());
        assertTrue(simple.get(0).getNumPoints() <= 6, simple.get(0).toText());
        assertEquals(210.0, raw.get(0).getArea(), 1e-9); // 1 + 2 + ... + 20
    }

    @Test
    void worldFile_centreOfPixel_movesOriginToCorner() throws IOException {
        Path pgw = dir.resolve("mask.pgw");
        Files.writeString(pgw, "0.5\n0\n0\n-0.5\n700000.25\n6600000.75\n");
        MaskVectoriser.GeoTransform t = MaskVectoriser.GeoTransform.ofWorldFile(pgw);
        assertEquals(700000.0, t.originX(), 1e-9);
        assertEquals(6600001.0, t.originY(), 1e-9);
        assertEquals(0.5, t.pixelSize(), 1e-12);
    }

    @Test
    void vectorise_png_readsForegroundFromBrightPixels() throws IOException {
        BufferedImage img = new BufferedImage(7, 5, BufferedImage.TYPE_BYTE_GRAY);
        boolean[][] g = grid();
        for (int r = 0; r < 5; r++) {
            for (int c = 0; c < 7; c++) {
                img.getRaster().setSample(c, r, 0, g[r][c] ? 255 : 0);
            }
        }
        Path png = dir.resolve("mask.png");
        ImageIO.write(img, "png", png.toFile());
        List<Polygon> ps = MaskVectoriser.vectorise(png,
                MaskVectoriser.GeoTransform.northUp(0, 0, 1.0), 2154);
        assertEquals(2, ps.size());
        assertEquals(16.0, ps.get(0).getArea(), 1e-9);
    }

    @Test
    void vectorise_raggedRows_throwsNamingRow() {
        boolean[][] m = {{true, true}, {true}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MaskVectoriser.vectorise(m, MaskVectoriser.GeoTransform.northUp(0, 0, 1)));
        assertTrue(e.getMessage().contains("mask[1] must have length 2"), e.getMessage());
    }

    @Test
    void vectorise_emptyMask_givesNoPolygon() {
        assertEquals(List.of(), MaskVectoriser.vectorise(new boolean[3][3],
                MaskVectoriser.GeoTransform.northUp(0, 0, 1)));
    }
}
