package fr.territoires.ia.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunnerTest {

    @TempDir
    Path dir;

    /** Output, error and status of one run. */
    record Result(int status, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Runner.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(status, out.toString(), err.toString());
    }

    @Test
    void noCommand_runsTourOfEveryUseCase() {
        Result r = run();
        assertEquals(0, r.status(), r.err());
        for (UseCase u : Catalogue.useCases()) {
            assertTrue(r.out().contains("(" + u.capability() + ", " + u.id() + ")"), u.id());
        }
        assertTrue(r.out().contains("Tour complete: " + Catalogue.useCases().size() + " use cases ran."), r.out());
    }

    @Test
    void tour_only_runsOneUseCase_unknownIdIsBadInput() {
        Result r = run("tour", "--only", "holiday-calendar");
        assertEquals(0, r.status());
        assertTrue(r.out().contains("11 public holidays in 2026"), r.out());
        assertFalse(r.out().contains("meter-data-quality"));
        Result bad = run("tour", "--only", "nope");
        assertEquals(2, bad.status());
        assertEquals("tour: --only must name a use case of the catalogue, was \"nope\"; use tour --list",
                bad.err().strip());
    }

    @Test
    void help_listsEveryCommandWithOneLine() {
        Result r = run("--help");
        assertEquals(0, r.status());
        String commands = r.out().substring(r.out().indexOf("Commands:"), r.out().indexOf("Exit status"));
        // One line per command: name, then its description on the same line, no continuation lines.
        var lines = commands.lines().skip(1).filter(l -> !l.isBlank()).toList();
        assertEquals(10, lines.size(), commands);
        for (String c : new String[] {"tour", "detect", "forecast-events", "forecast", "classify-shapes",
            "describe-shapes", "check-series", "holidays", "card", "ocr"}) {
            assertTrue(lines.stream().anyMatch(l -> l.strip().startsWith(c + " ") && l.strip().length() > c.length() + 10),
                    c + " in\n" + commands);
        }
    }

    @Test
    void unknownCommandOrOption_oneLineAndStatus2() {
        Result r = run("predict-the-future");
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("territoires-ia: Unmatched argument"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace");
        Result missing = run("check-series");
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("Missing required option: '--input=FILE'"), missing.err());
    }

    @Test
    void checkSeries_goodFile_reportsAndWritesJson() throws IOException {
        Path csv = dir.resolve("gauge.csv");
        Files.writeString(csv, "date,level\n2005-01-01,1200\n2005-01-02,\n2005-01-05,1350\n");
        Path json = dir.resolve("report.json");
        Result r = run("check-series", "--input", csv.toString(), "--time-column", "date", "--value-column", "level",
                "--format", "date", "--zone", "UTC", "--output", json.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("3 rows; 1 missing value (level 1)"), r.out());
        assertTrue(r.out().contains("gaps: 1"), r.out());
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertEquals(3, report.get("rows").asInt());
        assertEquals(1, report.get("missing").get("level").asInt());
        assertEquals(2, report.get("gaps").get(0).get("missing_steps").asInt());
        assertEquals(86400.0, report.get("step_seconds").asDouble());
    }

    @Test
    void checkSeries_badNumber_namesLineStatus2AndWritesNothing() throws IOException {
        Path csv = dir.resolve("meter.csv");
        Files.writeString(csv, "timestamp,value\n2024-01-01 00:00:00,12\n2024-01-01 01:00:00,12 L\n");
        Path json = dir.resolve("report.json");
        Result r = run("check-series", "--input", csv.toString(), "--output", json.toString());
        assertEquals(2, r.status());
        assertEquals("check-series: line 3 of " + csv + ": value \"12 L\" in column \"value\" is not a number",
                r.err().strip());
        assertFalse(Files.exists(json));
        assertFalse(r.err().contains("\tat "), "no stack trace");
    }

    @Test
    void checkSeries_duplicateRow_rejectedUnlessKeepOrder() throws IOException {
        Path csv = dir.resolve("meter.csv");
        Files.writeString(csv, "timestamp,value\n2024-01-01 00:00:00,1\n2024-01-01 00:00:00,2\n");
        Result rejected = run("check-series", "--input", csv.toString());
        assertEquals(2, rejected.status());
        assertTrue(rejected.err().startsWith("check-series: line 3 of " + csv), rejected.err());
        Result kept = run("check-series", "--input", csv.toString(), "--keep-order");
        assertEquals(0, kept.status(), kept.err());
        assertTrue(kept.out().contains("1 row not after the previous one, kept in arrival order (lines 3)"), kept.out());
    }

    @Test
    void checkSeries_missingFileOrBadZone_oneLineStatus2() {
        Result r = run("check-series", "--input", dir.resolve("absent.csv").toString());
        assertEquals(2, r.status());
        assertEquals("check-series: file not found: " + dir.resolve("absent.csv"), r.err().strip());
        Result zone = run("check-series", "--input", "x.csv", "--zone", "Mars/Olympus");
        assertEquals(2, zone.status());
        assertTrue(zone.err().contains("--zone must be a time-zone id"), zone.err());
    }

    @Test
    void holidays_writesCsvWithHolidaysAndBridgeDays() throws IOException {
        Path out = dir.resolve("h.csv");
        Result r = run("holidays", "--year", "2026", "--output", out.toString());
        assertEquals(0, r.status(), r.err());
        var lines = Files.readAllLines(out);
        assertEquals("date,kind,name_fr,name_en", lines.get(0));
        assertEquals(11, lines.stream().filter(l -> l.contains(",public_holiday,")).count());
        assertTrue(lines.contains("2026-05-15,bridge_day,pont,bridge day"), lines.toString());
        Result alsace = run("holidays", "--year", "2026", "--alsace-moselle");
        assertEquals(13, alsace.out().lines().filter(l -> l.contains(",public_holiday,")).count());
        Result bad = run("holidays", "--year", "1200");
        assertEquals(2, bad.status());
        assertEquals("holidays: --year must be in [1583, 9999], was 1200", bad.err().strip());
    }
}
