package fr.territoires.ia.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.territoires.ia.testing.SharedData;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimeSeriesCsvTest {

    private static final TimeSeriesCsv.Options UTC = TimeSeriesCsv.Options.defaults().withZone(ZoneOffset.UTC);

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    private static TimeSeriesCsv.Read<MultivariateTimeSeries> parse(String csv, TimeSeriesCsv.Options o)
            throws IOException {
        return TimeSeriesCsv.read(new StringReader(csv), "meters.csv", o);
    }

    @Test
    void read_nabStyleFile_readsTimestampsValuesAndStep() throws IOException {
        Path f = write("meter.csv", "timestamp,value\n2014-07-01 00:00:00,10844\n2014-07-01 00:30:00,8127\n"
                + "2014-07-01 01:00:00,6210.5\n");
        TimeSeries s = TimeSeriesCsv.read(f, UTC);
        assertEquals(3, s.size());
        assertEquals(Instant.parse("2014-07-01T00:30:00Z"), s.timestamp(1));
        assertEquals(6210.5, s.value(2));
        assertEquals(Duration.ofMinutes(30), s.step().orElseThrow());
        assertEquals("value", s.name());
        assertTrue(s.isStrictlyIncreasing());
    }

    @Test
    void read_localTimesInParis_usesSummerAndWinterOffsets() throws IOException {
        var r = parse("timestamp,value\n2024-01-15 12:00:00,1\n2024-07-15 12:00:00,2\n",
                TimeSeriesCsv.Options.defaults());
        // Paris is UTC+1 in January and UTC+2 in July.
        assertEquals(Instant.parse("2024-01-15T11:00:00Z"), r.series().timestamp(0));
        assertEquals(Instant.parse("2024-07-15T10:00:00Z"), r.series().timestamp(1));
        assertEquals(ZoneId.of("Europe/Paris"), r.series().zone());
    }

    @Test
    void read_isoWithOffsetZoneAndDates_allRecognisedByAuto() throws IOException {
        var r = parse("timestamp,value\n2024-03-01T10:00:00+01:00,1\n2024-03-01T09:30:00Z,2\n"
                + "2024-03-01T11:00:00+01:00[Europe/Paris],3\n", TimeSeriesCsv.Options.defaults());
        assertEquals(Instant.parse("2024-03-01T09:00:00Z"), r.series().timestamp(0));
        assertEquals(Instant.parse("2024-03-01T09:30:00Z"), r.series().timestamp(1));
        assertEquals(Instant.parse("2024-03-01T10:00:00Z"), r.series().timestamp(2));
        var d = parse("date,level\n2005-01-01,1200\n2005-01-02,1350\n",
                UTC.withTimestampColumn("date").withValueColumn("level").withFormat(TimestampFormat.date()));
        assertEquals(Instant.parse("2005-01-02T00:00:00Z"), d.series().timestamp(1));
        assertEquals(Duration.ofDays(1), d.series().step().orElseThrow());
    }

    @Test
    void read_customPatternAndFrenchSeparators_parsesDecimalComma() throws IOException {
        var o = TimeSeriesCsv.Options.defaults().withTimestampColumn("horodatage").withValueColumn("débit")
                .withFormat(TimestampFormat.pattern("dd/MM/yyyy HH:mm")).withSeparators(';', true);
        var r = parse("horodatage;débit\n01/03/2024 00:00;12,5\n01/03/2024 01:00;-3,25\n", o);
        assertEquals(12.5, r.series().value(0, 0));
        assertEquals(-3.25, r.series().value(1, 0));
        assertEquals(Instant.parse("2024-03-01T00:00:00Z"), r.series().timestamp(1));
    }

    @Test
    void read_missingCells_keptAsNaNAndCounted() throws IOException {
        var r = parse("timestamp,a,b\n2024-01-01 00:00:00,1,\n2024-01-01 01:00:00,NaN,2\n"
                + "2024-01-01 02:00:00,NA,n/a\n2024-01-01 03:00:00,4,null\n",
                UTC.withValueColumns(List.of("a", "b")));
        MultivariateTimeSeries s = r.series();
        assertEquals(4, s.size());
        assertEquals(2, s.missingCount(0));
        assertEquals(3, s.missingCount(1));
        assertEquals(5, r.report().missingTotal());
        assertEquals(2, r.report().missingPerColumn().get("a"));
        assertTrue(Double.isNaN(s.value(1, 0)));
        assertEquals(4.0, s.value(3, 0));
        assertTrue(r.report().summary().contains("5 missing values (a 2, b 3)"), r.report().summary());
    }

    @Test
    void read_gapsAndIrregularSteps_reportedNotFilled() throws IOException {
        var r = parse("timestamp,value\n2024-01-01 00:00:00,1\n2024-01-01 00:05:00,2\n2024-01-01 00:10:00,3\n"
                + "2024-01-01 00:25:00,4\n2024-01-01 00:30:00,5\n2024-01-01 00:37:00,6\n", UTC);
        TimeSeries s = r.series().column(0);
        assertEquals(6, s.size());
        assertEquals(Duration.ofMinutes(5), s.step().orElseThrow());
        List<Gap> gaps = s.gaps();
        // 00:10 -> 00:25 is 3 steps: two 5-minute rows are absent. 00:30 -> 00:37 is irregular, not a gap.
        assertEquals(1, gaps.size());
        assertEquals(3, gaps.get(0).index());
        assertEquals(2, gaps.get(0).missingSteps());
        assertEquals(Duration.ofMinutes(15), gaps.get(0).length());
        assertEquals(0, s.gaps(Duration.ofMinutes(20)).size());
    }

    @Test
    void read_duplicateTimestampUnderReject_throwsNamingLineAndFile() throws IOException {
        Path f = write("meters.csv", "timestamp,value\n2024-03-01 10:00:00,1\n2024-03-01 10:05:00,2\n"
                + "2024-03-01 10:05:00,3\n");
        var e = assertThrows(IllegalArgumentException.class, () -> TimeSeriesCsv.read(f, UTC));
        assertTrue(e.getMessage().startsWith("line 4 of " + f + ": timestamp 2024-03-01 10:05:00 is not after"),
                e.getMessage());
        assertTrue(e.getMessage().contains("duplicate"), e.getMessage());
    }

    @Test
    void read_outOfOrderRowsUnderKeep_keptInArrivalOrderAndReported() throws IOException {
        var r = parse("timestamp,value\n2024-03-01 10:00:00,1\n2024-03-01 10:10:00,2\n2024-03-01 10:05:00,3\n"
                + "2024-03-01 10:05:00,4\n2024-03-01 10:15:00,5\n", UTC.withOrderPolicy(OrderPolicy.KEEP_ARRIVAL_ORDER));
        MultivariateTimeSeries s = r.series();
        assertEquals(5, s.size());
        assertEquals(3.0, s.value(2, 0));
        List<OrderViolation> v = r.report().orderViolations();
        assertEquals(2, v.size());
        assertEquals(2, v.get(0).index());
        assertEquals(4, v.get(0).line());
        assertFalse(v.get(0).duplicate());
        assertEquals(5, v.get(1).line());
        assertTrue(v.get(1).duplicate());
        assertEquals(v, s.orderViolations());
        assertTrue(r.report().summary().contains("2 rows not after the previous one, kept in arrival order (lines 4, 5)"),
                r.report().summary());
    }

    @Test
    void read_autumnDaylightSavingRepeat_readsInOrderWithLaterOffset() throws IOException {
        // On 2024-10-27 Paris clocks go back from 03:00 CEST to 02:00 CET: 02:00-02:59 happen twice.
        var r = parse("timestamp,value\n2024-10-27 01:30:00,1\n2024-10-27 02:00:00,2\n2024-10-27 02:30:00,3\n"
                + "2024-10-27 02:00:00,4\n2024-10-27 02:30:00,5\n2024-10-27 03:00:00,6\n", TimeSeriesCsv.Options.defaults());
        MultivariateTimeSeries s = r.series();
        assertTrue(s.orderViolations().isEmpty());
        assertEquals(Instant.parse("2024-10-27T00:00:00Z"), s.timestamp(1));
        assertEquals(Instant.parse("2024-10-27T01:00:00Z"), s.timestamp(3));
        assertEquals(Instant.parse("2024-10-27T02:00:00Z"), s.timestamp(5));
        assertEquals(Duration.ofMinutes(30), s.step().orElseThrow());
    }

    @Test
    void read_springDaylightSavingGap_rejectedOrShiftedAndReported() throws IOException {
        // On 2024-03-31 Paris clocks jump from 02:00 to 03:00: 02:30 does not exist.
        String csv = "timestamp,value\n2024-03-31 01:30:00,1\n2024-03-31 02:30:00,2\n2024-03-31 03:30:00,3\n";
        var e = assertThrows(IllegalArgumentException.class, () -> parse(csv, TimeSeriesCsv.Options.defaults()));
        assertTrue(e.getMessage().startsWith("line 3 of meters.csv: local time 2024-03-31 02:30:00 does not exist"),
                e.getMessage());
        var r = parse(csv, TimeSeriesCsv.Options.defaults().withOrderPolicy(OrderPolicy.KEEP_ARRIVAL_ORDER));
        assertEquals(List.of(3L), r.report().dstShiftedLines());
        // Moved forward by the one-hour gap: 03:30 CEST = 01:30Z, equal to the next row, reported as a duplicate.
        assertEquals(Instant.parse("2024-03-31T01:30:00Z"), r.series().timestamp(1));
        assertEquals(1, r.report().orderViolations().size());
        assertEquals(4, r.report().orderViolations().get(0).line());
    }

    @Test
    void read_unparseableTimestamp_throwsNamingLineColumnAndValue() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> parse("timestamp,value\n2024-01-01 00:00:00,1\n2024-02-30 00:00:00,2\n", UTC));
        assertEquals("line 3 of meters.csv: timestamp \"2024-02-30 00:00:00\" in column \"timestamp\" "
                + "does not match the format auto", e.getMessage());
        var empty = assertThrows(IllegalArgumentException.class, () -> parse("timestamp,value\n,1\n", UTC));
        assertTrue(empty.getMessage().startsWith("line 2 of meters.csv: timestamp \"\""), empty.getMessage());
    }

    @Test
    void read_unparseableNumber_throwsNamingLineColumnAndValue() {
        for (String bad : new String[] {"12 L", "Infinity", "0x1p3", "1d", "1,5", "--2"}) {
            var e = assertThrows(IllegalArgumentException.class,
                    () -> parse("timestamp,value\n2024-01-01 00:00:00,\"" + bad + "\"\n", UTC), bad);
            assertEquals("line 2 of meters.csv: value \"" + bad + "\" in column \"value\" is not a number",
                    e.getMessage());
        }
        var huge = assertThrows(IllegalArgumentException.class,
                () -> parse("timestamp,value\n2024-01-01 00:00:00,1e999\n", UTC));
        assertTrue(huge.getMessage().contains("out of the range"), huge.getMessage());
        var comma = assertThrows(IllegalArgumentException.class, () -> parse("timestamp;value\n2024-01-01;1.5\n",
                UTC.withSeparators(';', true)));
        assertTrue(comma.getMessage().endsWith("is not a number with a decimal comma"), comma.getMessage());
    }

    @Test
    void read_missingColumn_throwsNamingColumnAndHeader() throws IOException {
        Path f = write("m.csv", "time,flow\n2024-01-01 00:00:00,1\n");
        var e = assertThrows(IllegalArgumentException.class, () -> TimeSeriesCsv.read(f, UTC));
        assertEquals("line 1 of " + f + ": timestamp column \"timestamp\" not found; the header has [time, flow]",
                e.getMessage());
        var v = assertThrows(IllegalArgumentException.class,
                () -> TimeSeriesCsv.read(f, UTC.withTimestampColumn("time")));
        assertTrue(v.getMessage().contains("value column \"value\" not found"), v.getMessage());
    }

    @Test
    void read_wrongFieldCount_throwsNamingLine() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> parse("timestamp,value\n2024-01-01 00:00:00,1\n2024-01-01 01:00:00,2,3\n", UTC));
        assertEquals("line 3 of meters.csv: expected 2 fields as in the header, found 3", e.getMessage());
    }

    @Test
    void read_emptyFileOrHeaderOnly_emptyIsErrorHeaderOnlyIsEmptySeries() throws IOException {
        var e = assertThrows(IllegalArgumentException.class, () -> parse("", UTC));
        assertEquals("meters.csv is empty: expected a header line naming the columns", e.getMessage());
        var r = parse("timestamp,value\n", UTC);
        assertEquals(0, r.series().size());
        assertTrue(r.series().step().isEmpty());
    }

    @Test
    void read_missingFile_throwsNoSuchFile() {
        assertThrows(NoSuchFileException.class, () -> TimeSeriesCsv.read(dir.resolve("absent.csv"), UTC));
    }

    @Test
    void read_byteOrderMarkAndQuotedHeader_found() throws IOException {
        var r = parse("\uFEFF\"timestamp\",\"value\"\n2024-01-01 00:00:00,\"7\"\n", UTC);
        assertEquals(7.0, r.series().value(0, 0));
    }

    @Test
    void options_invalid_throwWithRule() {
        var o = TimeSeriesCsv.Options.defaults();
        assertThrows(IllegalArgumentException.class, () -> o.withValueColumn("timestamp"));
        assertThrows(IllegalArgumentException.class, () -> o.withValueColumns(List.of()));
        assertThrows(IllegalArgumentException.class, () -> o.withValueColumns(List.of("a", "a")));
        var e = assertThrows(IllegalArgumentException.class, () -> o.withSeparators(',', true));
        assertEquals("delimiter must not be ',' when decimalComma is set, was ','", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TimestampFormat.pattern("yyyy-MM-dd {"));
    }

    @Test
    void read_skabFile_readsAllSensorColumns() throws IOException {
        Path f = SharedData.resolve("anomaly/skab/valve1/0.csv");
        List<String> cols = List.of("Accelerometer1RMS", "Accelerometer2RMS", "Current", "Pressure", "Temperature",
                "Thermocouple", "Voltage", "Volume Flow RateRMS", "anomaly");
        var r = TimeSeriesCsv.readMultivariateWithReport(f, TimeSeriesCsv.Options.defaults()
                .withTimestampColumn("datetime").withValueColumns(cols).withSeparators(';', false));
        MultivariateTimeSeries s = r.series();
        assertEquals(9, s.columnCount());
        assertEquals(Files.readAllLines(f).size() - 1, s.size());
        assertEquals(Duration.ofSeconds(1), s.step().orElseThrow());
        assertEquals(0.0265878, s.value(0, 0));
        assertEquals(0, r.report().missingTotal());
    }

    @Test
    void read_allNabFiles_everyRowKeptAndKnownOrderIssuesFound() throws IOException {
        Path root = SharedData.resolve("anomaly/nab/data");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
        assertEquals(40, files.size());
        var keep = UTC.withOrderPolicy(OrderPolicy.KEEP_ARRIVAL_ORDER);
        int withViolations = 0;
        for (Path f : files) {
            var r = TimeSeriesCsv.readWithReport(f, keep);
            long lines;
            try (Stream<String> l = Files.lines(f)) {
                lines = l.filter(x -> !x.isBlank()).count();
            }
            assertEquals(lines - 1, r.series().size(), f.toString());
            if (!r.report().orderViolations().isEmpty()) {
                withViolations++;
            }
        }
        // Daylight-saving repeats and out-of-order rows in 5 of the 40 files (see the NAB data README).
        assertEquals(5, withViolations);
        Path disk = root.resolve("realAWSCloudwatch/ec2_disk_write_bytes_1ef3de.csv");
        var e = assertThrows(IllegalArgumentException.class, () -> TimeSeriesCsv.read(disk, UTC));
        assertTrue(e.getMessage().startsWith("line 2121 of "), e.getMessage());
        assertEquals(11, TimeSeriesCsv.readWithReport(disk, keep).report().orderViolations().size());
    }

    @Test
    void read_rowFilter_keepsOneStationOfALongFormatFileAndCountsTheOthers() throws IOException {
        var r = parse("date,station_code,level\n2005-01-01,A,1\n2005-01-01,B,10\n2005-01-02,A,2\n2005-01-02,B,20\n",
                UTC.withTimestampColumn("date").withValueColumn("level").withRowFilter("station_code", "B"));
        assertEquals(2, r.series().size());
        assertEquals(20.0, r.series().value(1, 0));
        assertEquals(2, r.report().filteredOut());
        assertTrue(r.report().summary().contains("2 rows kept by the row filter (2 left out)"), r.report().summary());
        var e = assertThrows(IllegalArgumentException.class, () -> parse("date,level\n2005-01-01,1\n",
                UTC.withTimestampColumn("date").withValueColumn("level").withRowFilter("station_code", "B")));
        assertTrue(e.getMessage().contains("filter column \"station_code\" not found"), e.getMessage());
    }

    @Test
    void distinctValues_longFile_inOrderOfFirstAppearanceAndLimitsEnforced() throws IOException {
        Path f = dir.resolve("long.csv");
        Files.writeString(f, "\uFEFFdate,station,pm10\n2001-01-01,B,1\n2001-01-01,\"A\",2\n2001-01-02,B,3\n");
        assertEquals(List.of("B", "A"), TimeSeriesCsv.distinctValues(f, "station", ',', 10));
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> TimeSeriesCsv.distinctValues(f, "station", ',', 1));
        assertTrue(tooMany.getMessage().startsWith("line 3 of " + f + ": column station must hold at most 1"),
                tooMany.getMessage());
        IllegalArgumentException absent = assertThrows(IllegalArgumentException.class,
                () -> TimeSeriesCsv.distinctValues(f, "code", ',', 10));
        assertTrue(absent.getMessage().contains("series column \"code\" not found"), absent.getMessage());
        Path ragged = dir.resolve("ragged.csv");
        Files.writeString(ragged, "date,station\n2001-01-01,B,9\n");
        IllegalArgumentException fields = assertThrows(IllegalArgumentException.class,
                () -> TimeSeriesCsv.distinctValues(ragged, "station", ',', 10));
        assertTrue(fields.getMessage().startsWith("line 2 of " + ragged + ": expected 2 fields"), fields.getMessage());
        assertThrows(NoSuchFileException.class, () -> TimeSeriesCsv.distinctValues(dir.resolve("none.csv"),
                "station", ',', 10));
    }

    /**
     * The per-series path {@link TimeSeriesCsv#readBySeries} replaces: {@code distinctValues}, then one
     * filtered read per series; the series found, or the message of the error that stopped it.
     */
    private static Object onePassPerSeries(Path f, TimeSeriesCsv.Options o, String column, int limit)
            throws IOException {
        try {
            Map<String, MultivariateTimeSeries> out = new LinkedHashMap<>();
            for (String key : TimeSeriesCsv.distinctValues(f, column, o.delimiter(), limit)) {
                MultivariateTimeSeries s = TimeSeriesCsv.readMultivariate(f, o.withRowFilter(column, key));
                if (s.size() > 0) {
                    out.put(key, s);
                }
            }
            return out;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static Object onePass(Path f, TimeSeriesCsv.Options o, String column, int limit) throws IOException {
        try {
            return TimeSeriesCsv.readBySeries(f, o, column, limit);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    @Test
    void readBySeries_threeInterleavedSeries_sameSeriesAsOneFilteredReadPerSeries() throws IOException {
        Path f = dir.resolve("long.csv");
        StringBuilder sb = new StringBuilder("\uFEFFdate,network,station,pm10\n");
        java.util.SplittableRandom r = new java.util.SplittableRandom(11);
        for (int day = 1; day <= 28; day++) {
            for (String st : day % 2 == 0 ? new String[] {"C", "A", "B"} : new String[] {"A", "C", "B"}) {
                if (st.equals("B") && day < 3) {
                    continue; // B first appears after C
                }
                String v = r.nextInt(7) == 0 ? "" : Integer.toString(r.nextInt(100));
                sb.append(String.format("2001-02-%02d,%s,%s,%s\n", day, st.equals("A") ? "south" : "north", st, v));
            }
        }
        Files.writeString(f, sb);
        TimeSeriesCsv.Options o = UTC.withTimestampColumn("date").withValueColumn("pm10");
        Object expected = onePassPerSeries(f, o, "station", 10);
        @SuppressWarnings("unchecked")
        Map<String, MultivariateTimeSeries> got = (Map<String, MultivariateTimeSeries>) onePass(f, o, "station", 10);
        assertEquals(expected, got);
        assertEquals(List.of("A", "C", "B"), List.copyOf(got.keySet()));
        assertEquals(28, got.get("A").size());
        assertEquals(26, got.get("B").size());
        // Another row filter keeps A only: the series left empty are left out.
        TimeSeriesCsv.Options south = o.withRowFilter("network", "south");
        assertEquals(onePassPerSeries(f, south, "station", 10), onePass(f, south, "station", 10));
        assertEquals(List.of("A"), List.copyOf(TimeSeriesCsv.readBySeries(f, south, "station", 10).keySet()));
    }

    @Test
    void readBySeries_brokenFiles_sameErrorAsOneFilteredReadPerSeries() throws IOException {
        String ok = "date,station,pm10\n2001-01-01,A,1\n2001-01-01,B,2\n2001-01-02,A,3\n2001-01-02,B,4\n"
                + "2001-01-03,C,5\n2001-01-03,A,6\n";
        String[][] edits = {
            {"", ""}, // unchanged: no error
            {"2001-01-02,B,4", "2001-01-02,B,x"}, // one bad value
            {"2001-01-02,B,4", "2001-01-01,B,4"}, // B's date repeated
            {"2001-01-03,A,6", "2001-01-03,A,y"}, // an error in the last row
            {"2001-01-02,A,3", "2001-01-02,A,3,9"}, // a row too long: reported before any value error
            {"2001-01-03,C,5", "not a date,C,5"},
            {"date,station,pm10", "day,station,pm10"}, // the time column is missing
            {"date,station,pm10", "date,code,pm10"}, // the series column is missing
            {"2001-01-03,A,6", "2001-01-03,A"}, // a row too short at the end
        };
        TimeSeriesCsv.Options o = UTC.withTimestampColumn("date").withValueColumn("pm10");
        int errors = 0;
        for (String[] e : edits) {
            Path f = dir.resolve("broken.csv");
            Files.writeString(f, e[0].isEmpty() ? ok : ok.replace(e[0], e[1]));
            Object expected = onePassPerSeries(f, o, "station", 10);
            assertEquals(expected, onePass(f, o, "station", 10), e[1]);
            errors += expected instanceof String ? 1 : 0;
            // Two series at most: the third one met is refused, as distinctValues refuses it.
            assertEquals(onePassPerSeries(f, o, "station", 2), onePass(f, o, "station", 2), e[1]);
        }
        assertEquals(edits.length - 1, errors);
        Files.writeString(dir.resolve("broken.csv"), ok.replace("2001-01-02,B,4", "2001-01-02,B,x")
                .replace("2001-01-03,A,6", "2001-01-03,A,y"));
        IllegalArgumentException first = assertThrows(IllegalArgumentException.class,
                () -> TimeSeriesCsv.readBySeries(dir.resolve("broken.csv"), o, "station", 10));
        assertTrue(first.getMessage().startsWith("line 7 of " + dir.resolve("broken.csv") + ": value \"y\""),
                first.getMessage());
    }
}
