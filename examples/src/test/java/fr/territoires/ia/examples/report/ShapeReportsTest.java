package fr.territoires.ia.examples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.territoires.ia.core.metrics.ConfusionMatrix;
import fr.territoires.ia.core.trust.ModelCard;
import fr.territoires.ia.geo.Feature;
import fr.territoires.ia.geo.synthetic.FootprintSimulator;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTReader;
import org.w3c.dom.Document;

class ShapeReportsTest {

    @Test
    void shapes_fifteenThousandFootprints_everyOneDrawnUnderFiveMegabytes() {
        List<Feature> fs = FootprintSimulator.simulate(15_000, 1L);
        List<Geometry> g = fs.stream().map(Feature::geometry).toList();
        List<String> kind = fs.stream().map(f -> f.property("kind").orElseThrow().asText()).toList();
        double[] conf = new double[g.size()];
        int low = 0;
        for (int i = 0; i < conf.length; i++) {
            conf[i] = i % 7 == 0 ? 0.4 : 0.9;
            low += i % 7 == 0 ? 1 : 0;
        }
        String html = ShapeReports.shapes(new ShapeReports.Shapes("sim.geojson", "EPSG:2154", g, kind, conf, 0.6,
                Optional.empty()), Lang.EN);
        int bytes = html.getBytes(StandardCharsets.UTF_8).length;
        assertTrue(bytes < 5_000_000, "bytes " + bytes);
        Document d = Xml.parse(html);
        assertEquals(15_000, Xml.count(d, Xml.cls("path", "footprint")));
        assertEquals(low, Xml.count(d, Xml.cls("path", "low")));
        assertEquals(1, Xml.count(d, Xml.cls("rect", "scale")));
        // One legend entry per predicted class.
        assertEquals(new java.util.HashSet<>(kind).size(), Xml.count(d, "//p[@class='legend']/span"));
    }

    @Test
    void shapes_perigueuxOsmFootprints_everyOneDrawnUnderFiveMegabytes() throws Exception {
        java.nio.file.Path file = fr.territoires.ia.testing.SharedData.resolve("geo/perigueux_osm_buildings.geojson");
        List<Feature> fs = fr.territoires.ia.geo.GeoJson.read(file).features();
        List<Geometry> g = fs.stream().map(Feature::geometry).toList();
        List<String> label = fs.stream().map(f -> f.property("label").filter(v -> v.isTextual())
                .map(v -> v.asText()).orElse("unlabelled")).toList();
        double[] conf = new double[g.size()];
        java.util.Arrays.fill(conf, 0.9);
        String html = ShapeReports.shapes(new ShapeReports.Shapes(file.getFileName().toString(), "EPSG:2154", g, label,
                conf, 0.6, Optional.empty()), Lang.FR);
        int bytes = html.getBytes(StandardCharsets.UTF_8).length;
        assertTrue(bytes < 5_000_000, "bytes " + bytes);
        assertEquals(14_774, Xml.count(Xml.parse(html), Xml.cls("path", "footprint")));
    }

    @Test
    void shapes_squareOf100m_drawnToScaleNorthUpWithAScaleBar() throws Exception {
        Geometry a = new WKTReader().read("POLYGON ((0 0, 100 0, 100 100, 0 100, 0 0))");
        Geometry b = new WKTReader().read("POLYGON ((800 400, 900 400, 900 500, 800 500, 800 400))");
        String svg = ShapeReports.map(new ShapeReports.Shapes("x", "EPSG:2154", List.of(a, b), List.of("h", "i"),
                new double[] {0.9, 0.9}, 0.6, Optional.empty()), List.of("h", "i"), Lang.FR);
        // 900 m wide → 900 px: one pixel a metre; y flipped (north up): the first square is at the bottom.
        assertTrue(svg.contains("d=\"M0,500L100,500L100,400L0,400Z\""), svg);
        assertTrue(svg.contains("d=\"M800,100L900,100L900,0L800,0Z\""), svg);
        assertTrue(svg.contains(">200 m</text>"), svg);
    }

    @Test
    void shapes_withEvaluation_heatMapCellsAndOneBarPerClass() {
        List<String> labels = List.of("a", "b", "c");
        ConfusionMatrix cm = ConfusionMatrix.of(labels, List.of("a", "a", "b", "c", "c"),
                List.of("a", "b", "b", "c", "a"));
        ShapeReports.Evaluation e = new ShapeReports.Evaluation(cm, ModelCard.Metric.of("macro", cm.macroF1(), ""),
                List.of(new ModelCard.Metric("F1 a", 0.5, 0.2, 0.8, ""), ModelCard.Metric.of("F1 b", 0.67, ""),
                        ModelCard.Metric.of("F1 c", 0.67, "")), "test");
        Geometry sq = new org.locationtech.jts.geom.GeometryFactory().toGeometry(
                new org.locationtech.jts.geom.Envelope(0, 10, 0, 10));
        String html = ShapeReports.shapes(new ShapeReports.Shapes("x", "EPSG:2154", List.of(sq), List.of("a"),
                new double[] {0.9}, 0.6, Optional.of(e)), Lang.FR);
        Document d = Xml.parse(html);
        assertEquals(9, Xml.count(d, Xml.cls("rect", "cell")));
        assertEquals(3, Xml.count(d, Xml.cls("rect", "bar")));
        assertEquals(3, Xml.count(d, Xml.cls("line", "whisker")));
        assertTrue(html.contains("Matrice de confusion"));
    }
}
