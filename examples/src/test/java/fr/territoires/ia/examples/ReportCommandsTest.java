package fr.territoires.ia.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.territoires.ia.core.TimeSeries;
import fr.territoires.ia.core.synthetic.WaterMeterSimulator;
import fr.territoires.ia.forecasting.synthetic.RiverSimulator;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class ReportCommandsTest {

    @TempDir
    Path dir;

    static Document xml(Path html) throws IOException {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new InputSource(new StringReader(Files.readString(html))));
        } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new AssertionError(html + " is not well-formed: " + e.getMessage(), e);
        }
    }

    static int count(Document d, String element, String cssClass) {
        try {
            return ((NodeList) XPathFactory.newInstance().newXPath().evaluate("//" + element
                    + "[contains(concat(' ', normalize-space(@class), ' '), ' " + cssClass + " ')]", d,
                    XPathConstants.NODESET)).getLength();
        } catch (javax.xml.xpath.XPathExpressionException e) {
            throw new AssertionError(e);
        }
    }

    /** A new document holding a copy of the first element of that name. */
    static Document first(Document d, String element) {
        try {
            Document one = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
            one.appendChild(one.importNode(d.getElementsByTagName(element).item(0), true));
            return one;
        } catch (javax.xml.parsers.ParserConfigurationException e) {
            throw new AssertionError(e);
        }
    }

    /** Five weeks of hourly district flow with a 150 L/h leak from week 4. */
    private Path meter() throws IOException {
        TimeSeries flow = WaterMeterSimulator.simulate(WaterMeterSimulator.Options.defaults().withHours(24 * 7 * 5)
                .withLeak(24 * 28, 150));
        StringBuilder sb = new StringBuilder("timestamp,value\n");
        for (int i = 0; i < flow.size(); i++) {
            if (i >= 300 && i < 306) {
                continue; // a six-hour gap
            }
            sb.append(flow.timestamp(i)).append(',').append(i % 50 == 7 ? "" : DetectCommand.num(flow.value(i)))
                    .append('\n');
        }
        Path csv = dir.resolve("meter.csv");
        Files.writeString(csv, sb);
        return csv;
    }

    @Test
    void detect_report_oneMarkerPerFlaggedRowAndIncidentTable() throws Exception {
        Path csv = meter();
        Path out = dir.resolve("scores.csv");
        Path html = dir.resolve("detect.html");
        var r = RunnerTest.run("detect", "--input", csv.toString(), "--output", out.toString(), "--report",
                html.toString(), "--lang", "en");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("report written to " + html), r.out());
        long flagged = Files.readAllLines(out).stream().skip(1).filter(l -> l.split(",", -1)[3].equals("1")).count();
        assertTrue(flagged > 0);
        Document d = xml(html);
        // The overview draws every flagged row; five weeks exceed 15 days, so week panels follow.
        NodeList svgs = d.getElementsByTagName("svg");
        assertTrue(svgs.getLength() >= 2, "panels " + svgs.getLength());
        Document overview = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
        overview.appendChild(overview.importNode(svgs.item(0), true));
        assertEquals(flagged, count(overview, "circle", "marker"));
        assertEquals(1, count(overview, "path", "series"));
        assertEquals(1, count(overview, "path", "band"));
        assertTrue(Files.readString(html).contains("No labels"));
    }

    @Test
    void detect_multivariateReport_drawsTheScoreWithOneMarkerPerFlaggedRow() throws Exception {
        StringBuilder sb = new StringBuilder("timestamp,flow,pressure\n");
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        java.time.Instant t = java.time.Instant.parse("2024-01-01T00:00:00Z");
        for (int i = 0; i < 600; i++) {
            double a = Math.sin(i / 10.0) + 0.1 * r.nextGaussian() + (i == 500 ? 5 : 0);
            double b = Math.cos(i / 10.0) + 0.1 * r.nextGaussian();
            sb.append(t.plusSeconds(60L * i)).append(',').append(a).append(',').append(b).append('\n');
        }
        Path csv = dir.resolve("mv.csv");
        Files.writeString(csv, sb);
        Path out = dir.resolve("mv-scores.csv");
        Path html = dir.resolve("mv.html");
        var run = RunnerTest.run("detect", "--input", csv.toString(), "--all-numeric", "--output", out.toString(),
                "--report", html.toString());
        assertEquals(0, run.status(), run.err());
        long flagged = Files.readAllLines(out).stream().skip(1).filter(l -> l.split(",", -1)[3].equals("1")).count();
        assertTrue(flagged >= 1);
        Document d = xml(html);
        assertEquals(flagged, count(first(d, "svg"), "circle", "marker"));
        assertTrue(Files.readString(html).contains("multivariate: the chart shows the anomaly score"));
    }

    @Test
    void checkSeries_report_gapAndMissingValuesShaded() throws IOException {
        Path csv = meter();
        Path html = dir.resolve("check.html");
        var r = RunnerTest.run("check-series", "--input", csv.toString(), "--report", html.toString());
        assertEquals(0, r.status(), r.err());
        Document d = xml(html);
        assertEquals(1, count(d, "rect", "gap"));
        // One shaded span per run of empty cells in the file (every 50th row, and the simulator's own).
        List<String> lines = Files.readAllLines(csv);
        int runs = 0;
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).endsWith(",") && !lines.get(i - 1).endsWith(",")) {
                runs++;
            }
        }
        assertTrue(runs >= 16, "runs " + runs);
        assertEquals(runs, count(d, "rect", "missing"));
        assertTrue(Files.readString(html).contains("<html lang=\"fr\">"));
    }

    @Test
    void detect_badLang_isBadInput() throws IOException {
        var r = RunnerTest.run("detect", "--input", meter().toString(), "--output", dir.resolve("o.csv").toString(),
                "--report", dir.resolve("r.html").toString(), "--lang", "de");
        assertEquals(2, r.status());
        assertEquals("detect: --lang must be fr or en, was \"de\"", r.err().strip());
    }

    private Path river() throws IOException {
        TimeSeries river = RiverSimulator.simulate(LocalDate.of(2000, 1, 1), 12 * 365, 4.0, 0.0, 5L);
        StringBuilder sb = new StringBuilder("date,level_mm\n");
        for (int i = 0; i < river.size(); i++) {
            sb.append(LocalDate.ofInstant(river.timestamp(i), ZoneOffset.UTC)).append(',')
                    .append(Math.round(river.value(i))).append('\n');
        }
        Path csv = dir.resolve("river.csv");
        Files.writeString(csv, sb);
        return csv;
    }

    @Test
    void forecastEvents_report_alertsMarkedCurvesDrawnAndTestMetricsInCard() throws IOException {
        Path csv = river();
        Path out = dir.resolve("events.csv");
        Path html = dir.resolve("events.html");
        Path card = dir.resolve("card.md");
        var r = RunnerTest.run("forecast-events", "--input", csv.toString(), "--value-column", "level_mm",
                "--threshold", "2500", "--horizon", "3", "--train-until", "2009-12-31", "--output", out.toString(),
                "--report", html.toString(), "--card", card.toString());
        assertEquals(0, r.status(), r.err());
        long alerts = Files.readAllLines(out).stream().skip(1).filter(l -> l.endsWith(",1")).count();
        Document d = xml(html);
        assertEquals(alerts, count(d, "circle", "alert"));
        assertEquals(2, count(d, "line", "threshold"));
        assertEquals(1, count(d, "path", "reliability"));
        assertEquals(1, count(d, "path", "pr-model"));
        assertEquals(1, count(d, "path", "pr-persistence"));
        String md = Files.readString(card);
        assertTrue(md.contains("| test average precision |"), md);
        assertTrue(md.contains("| test average precision, persistence |"), md);
        // What the runner knows of the training: file, digest, rows up to the cut-off, command line.
        assertTrue(md.contains("| Training data SHA-256 | " + Cards.sha256(csv) + " |"), md);
        assertTrue(md.contains("| Source | river.csv |"), md);
        assertTrue(md.contains("| Rows | " + (java.time.LocalDate.of(2000, 1, 1).until(java.time.LocalDate.of(2010, 1, 1),
                java.time.temporal.ChronoUnit.DAYS)) + " |"), md);
        assertTrue(md.contains("| runner.commandLine | java -jar territoires-ia.jar forecast-events --input "), md);
        assertTrue(!md.contains("| Trained at | not stated |"), md);
    }

    @Test
    void forecast_report_forecastBandAndObservationsPerHorizon() throws IOException {
        Path csv = river();
        Path html = dir.resolve("levels.html");
        Path card = dir.resolve("levels.md");
        var r = RunnerTest.run("forecast", "--input", csv.toString(), "--value-column", "level_mm", "--horizon", "3",
                "--train-until", "2010-12-31", "--output", dir.resolve("levels.csv").toString(), "--report",
                html.toString(), "--lang", "en", "--card", card.toString());
        assertEquals(0, r.status(), r.err());
        String md = Files.readString(card);
        for (int h = 1; h <= 3; h++) {
            assertTrue(md.contains("| test MAE, horizon " + h + " |"), md);
            assertTrue(md.contains("| test MAE of persistence, horizon " + h + " |"), md);
            assertTrue(md.contains("| test interval coverage, horizon " + h + " |"), md);
        }
        assertTrue(md.contains("| Source | river.csv |"), md);
        Document d = xml(html);
        assertEquals(2, count(d, "path", "forecast"));
        assertEquals(2, count(d, "path", "observed"));
        assertEquals(2, count(d, "path", "band"));
        List<String> text = List.of(Files.readString(html).split("<tr>"));
        // The error table: one row per horizon (its first cell, the horizon, is numeric).
        assertEquals(3, text.stream().filter(t -> t.startsWith("<td class=\"num\">")).count());
    }
}
