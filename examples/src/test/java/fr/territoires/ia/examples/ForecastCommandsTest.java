package fr.territoires.ia.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.territoires.ia.core.TimeSeries;
import fr.territoires.ia.forecasting.synthetic.RiverSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForecastCommandsTest {

    @TempDir
    Path dir;

    private Path csv;

    /** A long-format file: the simulated river under station R1, and a decoy station R2. */
    @BeforeEach
    void writeRiver() throws IOException {
        TimeSeries river = RiverSimulator.simulate(LocalDate.of(2000, 1, 1), 12 * 365, 4.0, 0.0, 5L);
        StringBuilder sb = new StringBuilder("date,station_code,level_mm\n");
        for (int i = 0; i < river.size(); i++) {
            LocalDate d = LocalDate.ofInstant(river.timestamp(i), ZoneOffset.UTC);
            sb.append(d).append(",R1,").append(Math.round(river.value(i))).append('\n');
            sb.append(d).append(",R2,").append(1).append('\n');
        }
        csv = dir.resolve("river.csv");
        Files.writeString(csv, sb);
    }

    @Test
    void forecastEvents_everyDateAfterCutOffInOrder_probabilitiesAndAlerts() throws IOException {
        Path out = dir.resolve("events.csv");
        var r = RunnerTest.run("forecast-events", "--input", csv.toString(), "--time-column", "date", "--value-column",
                "level_mm", "--where", "station_code=R1", "--threshold", "2500", "--horizon", "3", "--train-until",
                "2009-12-31", "--output", out.toString());
        assertEquals(0, r.status(), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals("date,probability,alert", lines.get(0));
        LocalDate previous = LocalDate.of(2009, 12, 31);
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            LocalDate d = LocalDate.parse(c[0]);
            assertTrue(d.isAfter(previous), line);
            previous = d;
            double p = Double.parseDouble(c[1]);
            assertTrue(p >= 0 && p <= 1, line);
            assertTrue(c[2].equals("0") || c[2].equals("1"), line);
        }
        // Two years after the cut-off, less the few last days whose features need no future: all dates present.
        assertTrue(lines.size() - 1 >= 2 * 365 - 5, "rows " + (lines.size() - 1));
    }

    @Test
    void forecast_horizons1toH_intervalsAroundForecast() throws IOException {
        Path out = dir.resolve("levels.csv");
        var r = RunnerTest.run("forecast", "--input", csv.toString(), "--value-column", "level_mm", "--where",
                "station_code=R1", "--horizon", "2", "--train-until", "2010-12-31", "--output", out.toString());
        assertEquals(0, r.status(), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals("date,horizon,forecast,lower,upper", lines.get(0));
        assertTrue(lines.get(1).startsWith("2011-01-01,1,"), lines.get(1));
        assertTrue(lines.get(2).startsWith("2011-01-01,2,"), lines.get(2));
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            double f = Double.parseDouble(c[2]);
            assertTrue(Double.parseDouble(c[3]) <= f && f <= Double.parseDouble(c[4]), line);
        }
    }

    @Test
    void forecastEvents_badInput_oneLineStatus2NoOutput() throws IOException {
        Path out = dir.resolve("events.csv");
        Path dup = dir.resolve("dup.csv");
        Files.writeString(dup, "date,level_mm\n2001-01-01,1\n2001-01-01,2\n");
        String[][] cases = {
            {csv.toString(), "level_mm", "station_code=R1", "2009-13-01", "--train-until must be a date"},
            {csv.toString(), "flow", "station_code=R1", "2009-12-31", "value column \"flow\" not found"},
            {csv.toString(), "level_mm", "station_code=R9", "2009-12-31", "has no data row matching --where"},
            {dup.toString(), "level_mm", "x", "2009-12-31", "--where must be COLUMN=VALUE"},
        };
        for (String[] c : cases) {
            var r = RunnerTest.run("forecast-events", "--input", c[0], "--value-column", c[1], "--where", c[2],
                    "--threshold", "2500", "--horizon", "3", "--train-until", c[3], "--output", out.toString());
            assertEquals(2, r.status(), c[4]);
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains(c[4]), r.err());
            assertFalse(Files.exists(out));
        }
        var d = RunnerTest.run("forecast-events", "--input", dup.toString(), "--value-column", "level_mm",
                "--threshold", "2500", "--horizon", "3", "--train-until", "2001-12-31", "--output", out.toString());
        assertEquals(2, d.status());
        assertTrue(d.err().contains("line 3 of " + dup), d.err());
        assertFalse(Files.exists(out));
    }

    /** Three simulated rivers of one basin, wide (one column each) and long (one row per river and date). */
    private Path[] writeNetwork() throws IOException {
        TimeSeries[] rivers = new TimeSeries[3];
        for (int k = 0; k < 3; k++) {
            rivers[k] = RiverSimulator.simulate(LocalDate.of(2000, 1, 1), 12 * 365, 4.0, 0.0, 11L + k);
        }
        StringBuilder wide = new StringBuilder("date,A,B,C\n");
        StringBuilder lng = new StringBuilder("date,station_code,level_mm\n");
        for (int i = 0; i < rivers[0].size(); i++) {
            LocalDate d = LocalDate.ofInstant(rivers[0].timestamp(i), ZoneOffset.UTC);
            wide.append(d);
            for (int k = 0; k < 3; k++) {
                // River B misses one reading in ten after the cut-off.
                boolean gap = k == 1 && d.getYear() >= 2010 && i % 10 == 3;
                String v = gap ? "" : Long.toString(Math.round(rivers[k].value(i)));
                wide.append(',').append(v);
                lng.append(d).append(',').append("ABC".charAt(k)).append(',').append(v).append('\n');
            }
            wide.append('\n');
        }
        Path w = dir.resolve("wide.csv");
        Path l = dir.resolve("long.csv");
        Files.writeString(w, wide);
        Files.writeString(l, lng);
        return new Path[] {w, l};
    }

    @Test
    void forecastEvents_network_wideAndLongFilesGiveTheSameSeriesRows() throws IOException {
        Path[] files = writeNetwork();
        Path outWide = dir.resolve("wide-events.csv");
        Path outLong = dir.resolve("long-events.csv");
        var a = RunnerTest.run("forecast-events", "--input", files[0].toString(), "--value-column", "A,B,C",
                "--threshold", "2500", "--horizon", "3", "--train-until", "2009-12-31", "--output", outWide.toString());
        assertEquals(0, a.status(), a.err());
        var b = RunnerTest.run("forecast-events", "--input", files[1].toString(), "--value-column", "level_mm",
                "--series-column", "station_code", "--threshold", "2500", "--horizon", "3", "--train-until",
                "2009-12-31", "--output", outLong.toString());
        assertEquals(0, b.status(), b.err());
        List<String> lines = Files.readAllLines(outWide);
        assertEquals(lines, Files.readAllLines(outLong));
        assertEquals("date,series,probability,alert", lines.get(0));
        java.util.Map<String, Integer> perSeries = new java.util.TreeMap<>();
        LocalDate previous = LocalDate.of(2009, 12, 31);
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            LocalDate d = LocalDate.parse(c[0]);
            assertFalse(d.isBefore(previous), line);
            previous = d;
            perSeries.merge(c[1], 1, Integer::sum);
            double p = Double.parseDouble(c[2]);
            assertTrue(p >= 0 && p <= 1, line);
        }
        // Every date of the two test years is forecast for every river, B's missing readings
        // included (its latest value is at most one day old).
        assertEquals(java.util.Set.of("A", "B", "C"), perSeries.keySet());
        assertEquals(1, new java.util.HashSet<>(perSeries.values()).size(), perSeries.toString());
        assertTrue(perSeries.get("B") >= 2 * 365 - 5, perSeries.toString());
        assertTrue(a.out().contains("for 3 series") && a.out().contains("0 skipped"), a.out());
    }

    @Test
    void forecast_network_seriesColumnAndEveryHorizon() throws IOException {
        Path[] files = writeNetwork();
        Path out = dir.resolve("levels.csv");
        var r = RunnerTest.run("forecast", "--input", files[0].toString(), "--value-column", "A", "--value-column", "C",
                "--horizon", "2", "--train-until", "2010-12-31", "--output", out.toString());
        assertEquals(0, r.status(), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals("date,series,horizon,forecast,lower,upper", lines.get(0));
        assertTrue(lines.get(1).startsWith("2011-01-01,A,1,"), lines.get(1));
        assertTrue(lines.get(2).startsWith("2011-01-01,A,2,"), lines.get(2));
        assertTrue(lines.get(3).startsWith("2011-01-01,C,1,"), lines.get(3));
    }

    @Test
    void forecastEvents_networkBadArguments_oneLineStatus2NoOutput() throws IOException {
        Path[] files = writeNetwork();
        Path out = dir.resolve("events.csv");
        String[][] cases = {
            {files[1].toString(), "level_mm,A", "--series-column", "station_code", "--series-column takes one --value-column"},
            {files[1].toString(), "level_mm", "--series-column", "station", "series column \"station\" not found"},
            {files[0].toString(), "A,A", "--where", "x=y", "--value-column must not repeat a column"},
        };
        for (String[] c : cases) {
            var r = RunnerTest.run("forecast-events", "--input", c[0], "--value-column", c[1], c[2], c[3],
                    "--threshold", "2500", "--horizon", "3", "--train-until", "2009-12-31", "--output", out.toString());
            assertEquals(2, r.status(), c[4] + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains(c[4]), r.err());
            assertFalse(Files.exists(out));
        }
    }

    /**
     * The long file of {@link #writeNetwork} with its rows shuffled within each date (C first on the first date, so
     * the series come as C, A, B) and a fourth station left out by {@code --where}.
     */
    private Path writeShuffledLong(Path[] files) throws IOException {
        List<String> lines = Files.readAllLines(files[1]);
        StringBuilder sb = new StringBuilder("date,network,station_code,level_mm\n");
        java.util.Random r = new java.util.Random(3);
        for (int i = 1; i < lines.size(); i += 3) {
            List<String> day = new java.util.ArrayList<>(lines.subList(i, i + 3));
            java.util.Collections.shuffle(day, r);
            if (i == 1) {
                day.sort(java.util.Comparator.comparing((String l) -> "CAB".indexOf(l.split(",")[1])));
            }
            String date = day.get(0).split(",")[0];
            day.forEach(l -> sb.append(l.replaceFirst(",", ",basin,")).append('\n'));
            sb.append(date).append(",other,Z,").append(i).append('\n');
        }
        Path f = dir.resolve("shuffled.csv");
        Files.writeString(f, sb);
        return f;
    }

    @Test
    void forecast_longFileThreeSeriesShuffledRows_readOnceSameRowsAsTheWideFile() throws IOException {
        Path[] files = writeNetwork();
        Path shuffled = writeShuffledLong(files);
        assertTrue(Files.readAllLines(shuffled).get(1).contains(",C,"), "C comes first");
        Path outWide = dir.resolve("wide-levels.csv");
        Path outLong = dir.resolve("long-levels.csv");
        var a = RunnerTest.run("forecast", "--input", files[0].toString(), "--value-column", "C,A,B", "--horizon",
                "2", "--train-until", "2010-12-31", "--output", outWide.toString());
        assertEquals(0, a.status(), a.err());
        var b = RunnerTest.run("forecast", "--input", shuffled.toString(), "--value-column", "level_mm",
                "--series-column", "station_code", "--where", "network=basin", "--horizon", "2", "--train-until",
                "2010-12-31", "--output", outLong.toString());
        assertEquals(0, b.status(), b.err());
        List<String> lines = Files.readAllLines(outLong);
        assertEquals(Files.readAllLines(outWide), lines);
        // The series in order of first appearance in the file, every one forecast.
        assertTrue(lines.get(1).startsWith("2011-01-01,C,1,"), lines.get(1));
        assertTrue(lines.get(3).startsWith("2011-01-01,A,1,"), lines.get(3));
        assertTrue(lines.get(5).startsWith("2011-01-01,B,1,"), lines.get(5));
        assertFalse(lines.stream().anyMatch(l -> l.contains(",Z,")));
    }

    @Test
    void forecastEvents_longFileBadValueInOneSeries_namesFileAndLineStatus2NoOutput() throws IOException {
        Path[] files = writeNetwork();
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(files[1]));
        // Line 1000 of the file (index 999): a reading of river C, series seen third.
        assertTrue(lines.get(999).contains(",C,"), lines.get(999));
        lines.set(999, lines.get(999).replaceFirst(",[0-9]*$", ",12 mm"));
        Path bad = dir.resolve("bad.csv");
        Files.write(bad, lines);
        Path out = dir.resolve("events.csv");
        var r = RunnerTest.run("forecast-events", "--input", bad.toString(), "--value-column", "level_mm",
                "--series-column", "station_code", "--threshold", "2500", "--horizon", "3", "--train-until",
                "2009-12-31", "--output", out.toString());
        assertEquals(2, r.status(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("line 1000 of " + bad + ": value \"12 mm\" in column \"level_mm\" is not a number"),
                r.err());
        assertFalse(Files.exists(out));
    }
}
