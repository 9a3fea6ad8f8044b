package fr.territoires.ia.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * Every report of the tour, opened in a real browser: headless Chromium renders each page to PNG,
 * and the picture must show the report's chart colours (the SVG was drawn), not a blank page.
 * The page's SVG elements are counted from its markup. Skipped, with the reason, when no Chromium
 * is installed (Debian package {@code chromium}).
 */
@Tag("slow")
class ReportsInBrowserTest {

    @TempDir
    static Path dir;

    private static final List<String> BROWSERS = List.of("chromium", "chromium-browser", "google-chrome");

    /** A colour only the report's charts draw, per report. */
    private static final Map<String, Integer> CHART_COLOUR = Map.of(
            "meter-data-quality-report", 0xe76f00,
            "water-meter-leak-report", 0xc9d3f5,
            "traffic-counter-freeze-report", 0xc9d3f5,
            "flood-alert-report", 0xe76f00,
            "flood-alert-levels-report", 0xe76f00,
            "pollution-peak-report", 0xe76f00,
            "building-classification-report", 0x4477aa);

    private static List<Path> reports = List.of();

    @BeforeAll
    static void tour() throws IOException {
        var r = RunnerTest.run("tour", "--cards", dir.toString());
        assertEquals(0, r.status(), r.err());
        List<Path> found = new ArrayList<>();
        for (String line : r.out().split("\n")) {
            if (line.startsWith("  report: ")) {
                found.add(Path.of(line.substring("  report: ".length()).strip()));
            }
        }
        reports = found;
    }

    static Optional<Path> chromium() {
        String path = System.getenv("PATH");
        for (String b : BROWSERS) {
            for (String d : (path == null ? "" : path).split(File.pathSeparator)) {
                Path p = Path.of(d, b);
                if (!d.isEmpty() && Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /** Renders a page to PNG with headless Chromium. */
    static BufferedImage screenshot(Path browser, Path html, Path png, int width, int height)
            throws IOException, InterruptedException {
        Process p = new ProcessBuilder(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--hide-scrollbars", "--no-first-run", "--window-size=" + width + "," + height,
                "--screenshot=" + png.toAbsolutePath(), html.toAbsolutePath().toUri().toString())
                .redirectErrorStream(true).redirectOutput(png.resolveSibling(png.getFileName() + ".log").toFile())
                .start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(browser + " did not render " + html + " within 120 s");
        }
        assertTrue(Files.exists(png), "no screenshot of " + html + ": " + Files.readString(
                png.resolveSibling(png.getFileName() + ".log")));
        return ImageIO.read(png.toFile());
    }

    @Test
    void tour_everyReport_rendersInChromiumWithItsCharts() throws Exception {
        assertEquals(CHART_COLOUR.keySet(), reports.stream().map(p -> p.getFileName().toString().replace(".html", ""))
                .collect(java.util.stream.Collectors.toSet()));
        Optional<Path> browser = chromium();
        Assumptions.assumeTrue(browser.isPresent(), "Chromium not found on PATH (" + BROWSERS
                + "; Debian package chromium): browser rendering check skipped");
        for (Path html : reports) {
            String name = html.getFileName().toString().replace(".html", "");
            BufferedImage image = screenshot(browser.get(), html, dir.resolve(name + ".png"), 1000, 1400);
            int inked = 0;
            int chart = 0;
            int colour = CHART_COLOUR.get(name);
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    int rgb = image.getRGB(x, y) & 0xffffff;
                    inked += rgb != 0xffffff ? 1 : 0;
                    chart += close(rgb, colour) ? 1 : 0;
                }
            }
            double share = inked / (double) (image.getWidth() * image.getHeight());
            assertTrue(share > 0.03, name + ": page looks blank, " + share + " of pixels not white");
            assertTrue(chart >= 30, name + ": chart colour #" + Integer.toHexString(colour) + " on " + chart
                    + " pixels only");
        }
    }

    @Test
    void tour_everyReport_svgHasAxesSeriesAndMarkersInTheRightNumber() throws IOException {
        for (Path html : reports) {
            String name = html.getFileName().toString();
            Document d = ReportCommandsTest.xml(html);
            int svgs = d.getElementsByTagName("svg").getLength();
            assertTrue(svgs >= 1, name);
            if (!name.startsWith("building")) {
                assertTrue(ReportCommandsTest.count(d, "g", "axis") >= svgs - 2, name);
                assertTrue(ReportCommandsTest.count(d, "path", "series") >= 1, name);
            }
        }
        // Detect: one marker per flagged row on the whole-period chart (the first SVG).
        for (String useCase : List.of("water-meter-leak", "traffic-counter-freeze")) {
            long flagged;
            try (Stream<String> lines = Files.lines(dir.resolve(useCase + "-scores.csv"))) {
                flagged = lines.skip(1).filter(l -> l.split(",", -1)[3].equals("1")).count();
            }
            Document d = ReportCommandsTest.xml(dir.resolve(useCase + "-report.html"));
            Document first = ReportCommandsTest.first(d, "svg");
            assertEquals(flagged, ReportCommandsTest.count(first, "circle", "marker"), useCase);
        }
        // Forecast-events: one marker per alert.
        long alerts;
        try (Stream<String> lines = Files.lines(dir.resolve("flood-alert-events.csv"))) {
            alerts = lines.skip(1).filter(l -> l.endsWith(",1")).count();
        }
        assertEquals(alerts, ReportCommandsTest.count(ReportCommandsTest.xml(dir.resolve("flood-alert-report.html")),
                "circle", "alert"));
        // Shapes: one footprint per input feature.
        assertEquals(1200, ReportCommandsTest.count(ReportCommandsTest.xml(
                dir.resolve("building-classification-report.html")), "path", "footprint"));
    }

    private static boolean close(int a, int b) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs(((a >> shift) & 0xff) - ((b >> shift) & 0xff)) > 10) {
                return false;
            }
        }
        return true;
    }
}
