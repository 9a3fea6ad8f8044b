package fr.territoires.ia.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.territoires.ia.core.TimeSeries;
import fr.territoires.ia.core.synthetic.WaterMeterSimulator;
import fr.territoires.ia.core.trust.Altai;
import fr.territoires.ia.core.trust.ModelCard;
import fr.territoires.ia.core.trust.PublicNotice;
import fr.territoires.ia.geo.GeoJson;
import fr.territoires.ia.geo.synthetic.FootprintSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trust options of the runner: card, --card, --explain and the personal-data warning. */
class TrustCommandsTest {

    @TempDir
    Path dir;

    @Test
    void classifyShapes_explainAndCard_thenCardCommandInEveryFormat() throws IOException {
        Path train = dir.resolve("train.geojson");
        GeoJson.write(train, FootprintSimulator.simulate(300, 9L));
        Path input = dir.resolve("input.geojson");
        GeoJson.write(input, FootprintSimulator.simulate(40, 10L));
        Path out = dir.resolve("out.geojson");
        Path model = dir.resolve("model.tiamodel");
        Path html = dir.resolve("card.html");
        var r = RunnerTest.run("classify-shapes", "--train", train.toString(), "--label-property", "kind",
                "--input", input.toString(), "--output", out.toString(), "--save-model", model.toString(),
                "--card", html.toString(), "--explain");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("model card written to " + html), r.out());
        JsonNode features = new ObjectMapper().readTree(out.toFile()).get("features");
        for (JsonNode f : features) {
            String en = f.get("properties").get("top_factors").asText();
            String fr = f.get("properties").get("top_factors_fr").asText();
            // the predicted class's score, then its top descriptors, separated by "; " and " ; "
            String label = f.get("properties").get("predicted_label").asText();
            assertTrue(en.startsWith("score of class " + label + " (softmax margin) "), en);
            assertTrue(fr.startsWith("score de la classe " + label + " (marge softmax) "), fr);
            // at most three factors (fewer when fewer descriptors are split on along the paths)
            int n = en.split("; ").length;
            assertTrue(n >= 1 && n <= 3, en);
            assertEquals(n, fr.split(" ; ").length, fr);
            assertTrue(en.matches(".*(raises|lowers) it by .*"), en);
            assertTrue(fr.matches(".*(l'augmente|la diminue) de .*"), fr);
        }
        String page = Files.readString(html);
        assertTrue(page.startsWith("<!DOCTYPE html>"));
        assertTrue(page.contains("<h2>ALTAI self-assessment</h2>"), page);

        var json = RunnerTest.run("card", "--model", model.toString(), "--format", "json");
        assertEquals(0, json.status(), json.err());
        ModelCard card = ModelCard.fromJson(json.out());
        assertEquals(7, card.altai().assessments().size());
        assertTrue(card.altai().assessments().get(0).openQuestions().get(0).endsWith(Altai.TO_BE_ANSWERED));

        Path notice = dir.resolve("notice.md");
        var fr = RunnerTest.run("card", "--model", model.toString(), "--format", "notice-fr", "--output",
                notice.toString());
        assertEquals(0, fr.status(), fr.err());
        String text = Files.readString(notice);
        assertTrue(text.startsWith("# Notice d'information : traitement algorithmique"), text);
        assertTrue(text.contains(PublicNotice.TO_COMPLETE), text);
        // the global importance of the descriptors is filled in, no longer left to complete
        assertTrue(text.contains("| Donnée d'entrée | Poids |"), text);
        // descriptors named in plain French, their technical name in brackets
        assertTrue(text.contains("| surface au sol (m²) (area) | "), text);

        var md = RunnerTest.run("card", "--model", model.toString());
        assertTrue(md.out().startsWith("# Model card: "), md.out());

        var bad = RunnerTest.run("card", "--model", model.toString(), "--format", "pdf");
        assertEquals(2, bad.status());
        assertEquals("card: --format must be one of md, json, html, notice-fr, was \"pdf\"", bad.err().strip());
        var missing = RunnerTest.run("card", "--model", dir.resolve("nope").toString());
        assertEquals(2, missing.status());
        assertTrue(missing.err().startsWith("card: file not found: "), missing.err());
    }

    @Test
    void detect_explainAndCard_topFactorsOnAlarmsAndPersonalDataWarned() throws IOException {
        TimeSeries flow = WaterMeterSimulator.simulate(WaterMeterSimulator.Options.defaults().withLeak(24 * 35, 150));
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        StringBuilder sb = new StringBuilder("timestamp,flow,email\n");
        for (int i = 0; i < flow.size(); i++) {
            sb.append(f.format(flow.timestamp(i).atZone(ZoneId.of("Europe/Paris")))).append(',')
                    .append(flow.isMissing(i) ? "" : Double.toString(flow.value(i))).append(",x\n");
        }
        Path in = dir.resolve("meter.csv");
        Files.writeString(in, sb);
        Path out = dir.resolve("out.csv");
        Path cardFile = dir.resolve("card.md");
        var r = RunnerTest.run("detect", "--input", in.toString(), "--output", out.toString(), "--value-column",
                "flow", "--explain", "--card", cardFile.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("detect: warning: column email looks like personal data (e-mail, column name)"),
                r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals(DetectCommand.HEADER + ",top_factors,top_factors_fr", lines.get(0));
        int explained = 0;
        for (String line : lines.subList(1, lines.size())) {
            boolean alarm = line.split(",", 5)[3].equals("1");
            boolean hasFactors = !line.endsWith(",");
            assertEquals(alarm, hasFactors, line);
            if (alarm) {
                assertTrue(line.contains("expected ") && line.contains("attendu "), line);
            }
            explained += alarm ? 1 : 0;
        }
        assertTrue(explained > 0);
        String card = Files.readString(cardFile);
        assertTrue(card.contains("StreamDetector: ARTime"), card);
        assertTrue(card.contains("| Rows | " + flow.size() + " |"), card);
        assertTrue(card.contains("## ALTAI self-assessment"), card);
        assertTrue(card.contains("column email looks like personal data"), card);
    }

    @Test
    void detect_withoutExplain_headerUnchanged() throws IOException {
        Path in = dir.resolve("s.csv");
        StringBuilder sb = new StringBuilder("timestamp,value\n");
        for (int i = 0; i < 48; i++) {
            sb.append(String.format("2024-01-%02d %02d:00:00,%d%n", 1 + i / 24, i % 24, i % 5));
        }
        Files.writeString(in, sb);
        Path out = dir.resolve("o.csv");
        var r = RunnerTest.run("detect", "--input", in.toString(), "--output", out.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals(DetectCommand.HEADER, Files.readAllLines(out).get(0));
        assertFalse(r.err().contains("warning"), r.err());
    }

    @Test
    void forecastEvents_factors_levelAndChanges() {
        var byDay = new java.util.TreeMap<java.time.LocalDate, Double>();
        java.time.LocalDate d = java.time.LocalDate.of(2024, 1, 10);
        byDay.put(d.minusDays(3), 1.5);
        byDay.put(d.minusDays(1), 2.0);
        byDay.put(d, 2.25);
        // 2.25 / 2.5 = 90 %; 2.25 - 2.0 = +0.25; 2.25 - 1.5 = +0.75
        assertEquals("level 2.25 on 2024-01-10 (90% of threshold 2.5); +0.250 over 1 day; +0.750 over 3 days",
                ForecastEventsCommand.factors(byDay, d.plusDays(1), 2.5));
        assertEquals("no observation before the issue date",
                ForecastEventsCommand.factors(byDay, d.minusDays(10), 2.5));
        assertEquals("niveau 2,25 le 2024-01-10 (90 % du seuil 2,5) ; +0,250 en 1 jour ; +0,750 en 3 jours",
                ForecastEventsCommand.facteurs(byDay, d.plusDays(1), 2.5));
    }

    @Test
    void tour_useCaseWithModel_writesMarkdownAndHtmlCardsAndPrintsPaths() throws IOException {
        Path cards = dir.resolve("cards");
        var r = RunnerTest.run("tour", "--only", "demand-baseline-card", "--cards", cards.toString());
        assertEquals(0, r.status(), r.err());
        Path md = cards.resolve("demand-baseline-card.md");
        Path html = cards.resolve("demand-baseline-card.html");
        assertTrue(r.out().contains("  model card: " + md + " and " + html), r.out());
        assertTrue(Files.readString(md).startsWith("# Model card: District 7 water-demand baseline"));
        String page = Files.readString(html);
        assertTrue(page.contains("<h3>By group</h3>"), page);
        // The reader's questions first, the provenance folded after.
        assertTrue(page.indexOf("<h2>What it is for</h2>") < page.indexOf("<h2>How good it is</h2>"));
        assertTrue(page.indexOf("<h2>How good it is</h2>") < page.indexOf("<details>"));
        assertTrue(page.indexOf("<details>") < page.indexOf("<h3>Provenance</h3>"));
        Path notice = cards.resolve("demand-baseline-card.notice-fr.md");
        assertTrue(r.out().contains("; French notice: " + notice), r.out());
        assertTrue(Files.readString(notice).startsWith("# Notice d'information : traitement algorithmique"));
        var none = RunnerTest.run("tour", "--only", "holiday-calendar", "--cards", dir.resolve("none").toString());
        assertFalse(none.out().contains("model card:"), none.out());
        assertFalse(Files.exists(dir.resolve("none")));
    }

    @Test
    void examples_cards_metricsWithIntervalsAndBreakdowns() {
        List<ModelCard> flood = new java.util.ArrayList<>();
        FloodAlertExample.run(flood::add);
        assertEquals(1, flood.size());
        ModelCard.Metric brier = flood.get(0).metrics().stream().filter(m -> m.name().equals("test Brier score"))
                .findFirst().orElseThrow();
        assertTrue(brier.hasInterval() && brier.lower() <= brier.value() && brier.value() <= brier.upper(),
                brier.toString());
        assertEquals(List.of("winter", "spring", "summer", "autumn"), flood.get(0).quantitativeAnalyses().stream()
                .map(ModelCard.QuantitativeAnalysis::group).toList());
        // each season's Brier score carries its moving-block bootstrap interval
        assertTrue(flood.get(0).quantitativeAnalyses().stream().allMatch(q -> q.metrics().get(0).hasInterval()
                && q.metrics().get(0).description().contains("moving-block")), flood.get(0).quantitativeAnalyses().toString());

        List<ModelCard> buildings = new java.util.ArrayList<>();
        BuildingClassificationExample.run(buildings::add);
        ModelCard b = buildings.get(0);
        assertEquals("macro-F1", b.metrics().get(b.metrics().size() - 2).name());
        assertTrue(b.metrics().get(b.metrics().size() - 2).hasInterval());
        // one analysis per class (4), each with F1, precision and recall
        assertEquals(4, b.quantitativeAnalyses().size());
        assertEquals(3, b.quantitativeAnalyses().get(0).metrics().size());
        assertEquals("building class", b.quantitativeAnalyses().get(0).factor());
        // 587 + 231 + 198 + 184 = 1200 footprints
        assertEquals(1200, b.evaluationData().rows());

        List<ModelCard> leak = new java.util.ArrayList<>();
        WaterMeterLeakExample.run(leak::add);
        assertEquals("District water meter leak detector", leak.get(0).name());
        assertEquals("false alarms before the leak", leak.get(0).metrics().get(0).name());
    }

    @Test
    void forecastEvents_explainAndCard_alertRowsExplainedCardWritten() throws IOException {
        TimeSeries river = fr.territoires.ia.forecasting.synthetic.RiverSimulator.simulate(
                java.time.LocalDate.of(2000, 1, 1), 12 * 365, 4.0, 0.0, 5L);
        StringBuilder sb = new StringBuilder("date,level_mm\n");
        for (int i = 0; i < river.size(); i++) {
            sb.append(java.time.LocalDate.ofInstant(river.timestamp(i), java.time.ZoneOffset.UTC)).append(',')
                    .append(Math.round(river.value(i))).append('\n');
        }
        Path csv = dir.resolve("river.csv");
        Files.writeString(csv, sb);
        Path out = dir.resolve("events.csv");
        Path cardFile = dir.resolve("card.json");
        var r = RunnerTest.run("forecast-events", "--input", csv.toString(), "--value-column", "level_mm",
                "--threshold", "2500", "--horizon", "3", "--train-until", "2009-12-31", "--output", out.toString(),
                "--explain", "--card", cardFile.toString());
        assertEquals(0, r.status(), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals("date,probability,alert,top_factors,top_factors_fr", lines.get(0));
        int alerts = 0;
        for (String line : lines.subList(1, lines.size())) {
            if (line.split(",")[2].equals("1")) {
                alerts++;
                assertTrue(line.contains("% of threshold 2500"), line);
                assertTrue(line.contains(" % du seuil 2500"), line);
                assertTrue(line.contains("log-odds of exceedance before calibration"), line);
                assertTrue(line.contains("log-cote de dépassement avant calibration"), line);
            } else {
                assertTrue(line.endsWith(",,"), line);
            }
        }
        assertTrue(alerts > 0);
        ModelCard card = ModelCard.fromJson(Files.readString(cardFile));
        assertEquals(7, card.altai().assessments().size());
        assertEquals(1.0, card.featureImportance().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
        assertTrue(card.featureImportance().containsKey("lag0"), card.featureImportance().toString());
    }

    @Test
    void detect_multivariateExplainAndCard_topColumnsAndGlobalImportance() throws IOException {
        StringBuilder sb = new StringBuilder("time,pressure,flow\n");
        java.util.SplittableRandom r = new java.util.SplittableRandom(4);
        for (int i = 0; i < 600; i++) {
            double p = 3 + 0.1 * r.nextDouble();
            double q = i == 500 ? 60 : 30 + r.nextDouble();
            sb.append(String.format(java.util.Locale.ROOT, "2020-03-09 10:%02d:%02d,%.3f,%.3f%n", i / 60, i % 60, p, q));
        }
        Path in = dir.resolve("pump.csv");
        Files.writeString(in, sb);
        Path out = dir.resolve("out.csv");
        Path cardFile = dir.resolve("card.json");
        var res = RunnerTest.run("detect", "--input", in.toString(), "--output", out.toString(), "--time-column",
                "time", "--all-numeric", "--explain", "--card", cardFile.toString());
        assertEquals(0, res.status(), res.err());
        String row = Files.readAllLines(out).get(501);
        // the flow spike row: top_factors names flow first, with its share in percent
        assertTrue(row.matches(".*,\"?flow \\d+% of the score.*"), row);
        assertTrue(row.matches(".*,\"?flow \\d+ % du score.*"), row);
        ModelCard card = ModelCard.fromJson(Files.readString(cardFile));
        assertFalse(card.featureImportance().isEmpty());
        double sum = card.featureImportance().values().stream().mapToDouble(Double::doubleValue).sum();
        assertEquals(1.0, sum, 1e-9);
        assertTrue(card.toNoticeFr().contains("| Donnée d'entrée | Poids |"), card.toNoticeFr());
    }
}
