package fr.territoires.ia.examples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.territoires.ia.core.Gap;
import fr.territoires.ia.core.OrderViolation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class ReportsTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final long T0 = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();
    private static final long FIVE_MINUTES = 300_000L;

    /** A year of 5-minute readings with a daily cycle and {@code alarms} flagged rows spread over it. */
    static Reports.Detection year(int rows, int alarms) {
        long[] t = new long[rows];
        double[] v = new double[rows];
        double[] e = new double[rows];
        double[] lo = new double[rows];
        double[] hi = new double[rows];
        double[] s = new double[rows];
        boolean[] a = new boolean[rows];
        List<String> reason = new ArrayList<>(rows);
        java.util.SplittableRandom r = new java.util.SplittableRandom(7);
        for (int i = 0; i < rows; i++) {
            t[i] = T0 + i * FIVE_MINUTES;
            e[i] = 100 + 30 * Math.sin(2 * Math.PI * i / 288.0);
            v[i] = e[i] + r.nextGaussian() * 5;
            lo[i] = e[i] - 15;
            hi[i] = e[i] + 15;
            s[i] = 0.1 * r.nextDouble();
            reason.add("");
        }
        for (int k = 0; k < alarms; k++) {
            int i = (int) ((k + 0.5) * rows / alarms);
            v[i] = 400;
            a[i] = true;
            s[i] = 0.9;
            reason.set(i, "expected 100 ± 15, observed 400");
        }
        return new Reports.Detection("meter.csv", "test", PARIS, t, v, e, lo, hi, s, a, reason);
    }

    @Test
    void detect_yearOfFiveMinuteReadings_isWellFormedUnderTwoMegabytesWithOneMarkerPerAlarm() {
        Reports.Detection d = year(105_120, 12);
        String html = Reports.detect(d, Lang.FR);
        int bytes = html.getBytes(StandardCharsets.UTF_8).length;
        assertTrue(bytes < 2_000_000, "bytes " + bytes);
        Document doc = Xml.parse(html);
        // Overview: one marker per alarm; six week panels around the strongest incidents, each showing its own.
        assertEquals(7, Xml.count(doc, "//svg"));
        assertEquals(12, Xml.count(doc, "(//svg)[1]" + Xml.cls("circle", "marker")));
        assertEquals(7, Xml.count(doc, Xml.cls("path", "series")));
        assertEquals(7, Xml.count(doc, Xml.cls("path", "band")));
        assertTrue(Xml.count(doc, "(//svg)[1]" + Xml.cls("text", "tick")) >= 6);
        // Incident table: header + 12 rows.
        assertEquals(13, Xml.count(doc, "//table/tr"));
        assertTrue(html.contains("Aucune étiquette"));
        assertTrue(html.contains("0,0\u00a0%") || html.contains("0\u00a0%"), "alarm rate shown");
    }

    @Test
    void detect_english_spikeOfOneReadingIsDrawnAtItsHeight() {
        Reports.Detection d = year(105_120, 1);
        String html = Reports.detect(d, Lang.EN);
        assertTrue(html.startsWith("<!DOCTYPE html>\n<html lang=\"en\">"));
        assertTrue(html.contains("No labels"));
        Document doc = Xml.parse(html);
        String path = Xml.parse(html).getElementsByTagName("path").item(1).getAttributes().getNamedItem("d")
                .getNodeValue();
        // The overview's y axis reaches 400: the spike is the lowest y coordinate of the path (top of the plot).
        double minY = Double.MAX_VALUE;
        for (String p : path.split("[ML]")) {
            if (!p.isEmpty()) {
                minY = Math.min(minY, Double.parseDouble(p.split(",")[1]));
            }
        }
        // Axis 0..500 (nice range), plot 252 px high from y = 14: 400 is drawn at y = 14 + 100 / 500 * 252.
        assertEquals(TimeChart.TOP + 100 / 500.0 * (300 - TimeChart.TOP - TimeChart.BOTTOM), minY, 0.06);
        assertEquals(1, Xml.count(doc, "(//svg)[1]" + Xml.cls("circle", "marker")));
    }

    @Test
    void timeChart_fewerPointsThanPixels_bandIsOnePolygonAndBreaksAtAMissingBound() {
        double[] t = new double[10];
        double[] lo = new double[10];
        double[] hi = new double[10];
        for (int i = 0; i < 10; i++) {
            t[i] = T0 + i * 3_600_000.0;
            lo[i] = i;
            hi[i] = i + 2;
        }
        String one = new TimeChart("b", 900, 200, PARIS, Lang.EN).band(t, lo, hi).line("series", "#000", t, hi).render();
        String d = Xml.parse(one).getElementsByTagName("path").item(0).getAttributes().getNamedItem("d").getNodeValue();
        assertEquals(1, d.chars().filter(c -> c == 'M').count(), d);
        assertEquals(20, d.chars().filter(c -> c == 'M' || c == 'L').count(), d);
        lo[4] = Double.NaN;
        String two = new TimeChart("b", 900, 200, PARIS, Lang.EN).band(t, lo, hi).render();
        d = Xml.parse(two).getElementsByTagName("path").item(0).getAttributes().getNamedItem("d").getNodeValue();
        assertEquals(2, d.chars().filter(c -> c == 'M').count(), d);
    }

    @Test
    void incidents_alarmsTwoRowsApart_mergeIntoOneWithItsPeak() {
        boolean[] a = {false, true, false, false, true, false, false, false, true};
        double[] s = {0, .5, 0, 0, .9, 0, 0, 0, .7};
        List<Reports.Incident> in = Reports.incidents(a, s);
        assertEquals(List.of(new Reports.Incident(1, 4, 4), new Reports.Incident(8, 8, 8)), in);
    }

    @Test
    void checkSeries_gapsMissingDstAndOrder_areShadedAndMarkedOnePerFinding() {
        int n = 2000;
        long[] t = new long[n];
        double[] v = new double[n];
        long hour = 3_600_000L;
        long clock = T0;
        for (int i = 0; i < n; i++) {
            clock += i == 500 || i == 1500 ? 10 * hour : hour;
            t[i] = clock;
            v[i] = i % 97 == 0 ? Double.NaN : Math.sin(i / 10.0);
        }
        List<Gap> gaps = List.of(new Gap(500, Instant.ofEpochMilli(t[499]), Instant.ofEpochMilli(t[500]), 9),
                new Gap(1500, Instant.ofEpochMilli(t[1499]), Instant.ofEpochMilli(t[1500]), 9));
        List<OrderViolation> order = List.of(new OrderViolation(800, 802, Instant.ofEpochMilli(t[798]),
                Instant.ofEpochMilli(t[799])));
        String html = Reports.checkSeries(new Reports.SeriesCheck("m.csv", PARIS, List.of("flow"), t, List.of(v),
                gaps, order, List.of(1202L)), Lang.FR);
        Document doc = Xml.parse(html);
        assertEquals(2, Xml.count(doc, Xml.cls("rect", "gap")));
        int missing = (n - 1) / 97 + 1;
        assertEquals(missing, Xml.count(doc, Xml.cls("rect", "missing")));
        assertEquals(1, Xml.count(doc, Xml.cls("line", "dst")));
        assertEquals(1, Xml.count(doc, Xml.cls("line", "order")));
        assertEquals(1, Xml.count(doc, Xml.cls("path", "series")));
        assertFalse(html.contains("<script"));
        assertFalse(html.contains("http://") && !html.contains("http://www.w3.org/2000/svg"));
    }
}
