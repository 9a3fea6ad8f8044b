package fr.territoires.ia.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.territoires.ia.core.TimeSeries;
import fr.territoires.ia.core.synthetic.WaterMeterSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectCommandTest {

    @TempDir
    Path dir;

    private Path meterCsv() throws IOException {
        TimeSeries flow = WaterMeterSimulator.simulate(WaterMeterSimulator.Options.defaults().withLeak(24 * 35, 150));
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        StringBuilder sb = new StringBuilder("timestamp,flow\n");
        for (int i = 0; i < flow.size(); i++) {
            sb.append(f.format(flow.timestamp(i).atZone(ZoneId.of("Europe/Paris")))).append(',')
                    .append(flow.isMissing(i) ? "" : Double.toString(flow.value(i))).append('\n');
        }
        Path p = dir.resolve("meter.csv");
        Files.writeString(p, sb);
        return p;
    }

    @Test
    void detect_univariate_oneRowPerInputRowInOrderWithExactTimestamps() throws IOException {
        Path in = meterCsv();
        Path out = dir.resolve("out.csv");
        var r = RunnerTest.run("detect", "--input", in.toString(), "--output", out.toString(), "--value-column", "flow");
        assertEquals(0, r.status(), r.err());
        List<String> input = Files.readAllLines(in);
        List<String> output = Files.readAllLines(out);
        assertEquals(DetectCommand.HEADER, output.get(0));
        assertEquals(input.size(), output.size());
        boolean leakFlagged = false;
        for (int i = 1; i < input.size(); i++) {
            String ts = input.get(i).substring(0, input.get(i).indexOf(','));
            assertTrue(output.get(i).startsWith(ts + ","), "row " + i);
            String[] cells = output.get(i).split(",", 8);
            double score = Double.parseDouble(cells[2]);
            assertTrue(score >= 0 && score <= 1);
            assertTrue(cells[3].equals("0") || cells[3].equals("1"));
            if (cells[3].equals("1") && i - 1 >= 24 * 35) {
                leakFlagged = true;
                assertTrue(cells[7].contains("expected"), cells[7]);
            }
        }
        assertTrue(leakFlagged, "the leak is flagged");
    }

    @Test
    void detect_multivariateAllNumeric_ignoresLabelsAndNamesTopColumns() throws IOException {
        StringBuilder sb = new StringBuilder("time;pressure;flow;label\n");
        java.util.SplittableRandom r = new java.util.SplittableRandom(4);
        for (int i = 0; i < 600; i++) {
            double p = 3 + 0.1 * r.nextDouble();
            double q = 30 + r.nextDouble();
            if (i == 500) {
                q = 60;
            }
            sb.append(String.format(java.util.Locale.ROOT, "2020-03-09 10:%02d:%02d;%.3f;%.3f;%d%n", i / 60, i % 60, p, q,
                    i == 500 ? 1 : 0));
        }
        Path in = dir.resolve("pump.csv");
        Files.writeString(in, sb);
        Path out = dir.resolve("out.csv");
        var res = RunnerTest.run("detect", "--input", in.toString(), "--output", out.toString(), "--separator", ";",
                "--time-column", "time", "--all-numeric", "--ignore-column", "label");
        assertEquals(0, res.status(), res.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals(601, lines.size());
        String row = lines.get(501);
        assertTrue(row.startsWith("2020-03-09 10:08:20,,"), row);
        assertTrue(row.contains(",1,,,,"), row);
        assertTrue(row.contains("flow"), row);
        assertFalse(row.contains("label"), row);
    }

    @Test
    void detect_badInput_oneLineStatus2AndNoOutput() throws IOException {
        Path out = dir.resolve("out.csv");
        Path empty = dir.resolve("empty.csv");
        Files.writeString(empty, "");
        Path headerOnly = dir.resolve("header.csv");
        Files.writeString(headerOnly, "timestamp,value\n");
        Path badNumber = dir.resolve("bad.csv");
        Files.writeString(badNumber, "timestamp,value\n2024-01-01 00:00:00,1\n2024-01-01 01:00:00,x1\n");
        Path badTime = dir.resolve("badtime.csv");
        Files.writeString(badTime, "timestamp,value\n2024-01-01 00:00:00,1\nyesterday,2\n");
        String[][] cases = {
            {empty.toString(), "value", "is empty"},
            {headerOnly.toString(), "value", "has a header but no data row"},
            {badNumber.toString(), "value", "line 3 of"},
            {badTime.toString(), "value", "line 3 of"},
            {badNumber.toString(), "flow", "value column \"flow\" not found"},
        };
        for (String[] c : cases) {
            var r = RunnerTest.run("detect", "--input", c[0], "--output", out.toString(), "--value-column", c[1]);
            assertEquals(2, r.status(), c[0]);
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains(c[2]), r.err());
            assertTrue(r.err().contains(c[0]), "names the file: " + r.err());
            assertFalse(Files.exists(out), "no output left for " + c[0]);
        }
    }

    @Test
    void detect_duplicateTimestamps_keptScoredAndWarned() throws IOException {
        Path in = dir.resolve("dup.csv");
        StringBuilder sb = new StringBuilder("timestamp,value\n");
        for (int i = 0; i < 50; i++) {
            sb.append(String.format("2024-01-01 %02d:%02d:00,%d%n", i / 12, (i % 12) * 5, 10 + i % 3));
        }
        sb.append("2024-01-01 04:05:00,11\n");
        Files.writeString(in, sb);
        Path out = dir.resolve("out.csv");
        var r = RunnerTest.run("detect", "--input", in.toString(), "--output", out.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals(52, Files.readAllLines(out).size());
        assertTrue(r.err().startsWith("detect: warning: " + in + ": 1 row is not after the previous one (first at line 52)"),
                r.err());
    }
}
