package fr.territoires.ia.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.territoires.ia.anomaly.StreamDetector;
import fr.territoires.ia.core.OrderPolicy;
import fr.territoires.ia.core.TimeSeries;
import fr.territoires.ia.core.TimeSeriesCsv;
import fr.territoires.ia.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link StreamingDetection} on Spark's file source: a query stopped and restarted from its
 * checkpoint gives the outputs of an uninterrupted one, and both equal the single-machine
 * {@link StreamDetector}, bit for bit, on three NAB files used as three keys.
 */
class StreamingDetectionTest {

    private static final String SCHEMA = "key STRING, time TIMESTAMP, value DOUBLE";
    private static final List<String> FILES = List.of("realTraffic/speed_7578.csv",
            "realAdExchange/exchange-3_cpm_results.csv", "realKnownCause/rogue_agent_key_hold.csv");
    private static final int CHUNKS = 4;

    /** Keys (NAB file names) to their series, in file order. */
    private static Map<String, TimeSeries> series;

    @BeforeAll
    static void load() throws IOException {
        Path nab = SharedData.resolve("anomaly/nab");
        TimeSeriesCsv.Options csv = TimeSeriesCsv.Options.defaults().withZone(ZoneOffset.UTC)
                .withOrderPolicy(OrderPolicy.KEEP_ARRIVAL_ORDER);
        series = new LinkedHashMap<>();
        for (String f : FILES) {
            series.put(f, TimeSeriesCsv.read(nab.resolve("data").resolve(f), csv));
        }
    }

    /** One output row, doubles by their bits (NaN canonical), for exact comparison. */
    private record Out(String key, long time, long value, long score, boolean alarm, long expected, long lower,
            long upper, String reason, String status) {

        static Out of(Row r) {
            return new Out(r.getString(0), r.getTimestamp(1).getTime(), bits(r.getDouble(2)), bits(r.getDouble(3)),
                    r.getBoolean(4), bits(r.getDouble(5)), bits(r.getDouble(6)), bits(r.getDouble(7)), r.getString(8),
                    r.getString(9));
        }

        static long bits(double d) {
            return Double.doubleToLongBits(d);
        }
    }

    private static StreamDetector.Options detectorOptions(StreamDetector.Algorithm algorithm) {
        // Range learnt per key from its first 750 readings: the first micro-batches end mid-way.
        return StreamDetector.Options.defaults().withZone(ZoneOffset.UTC).withAlgorithm(algorithm);
    }

    /** What a single machine gives: one detector per key, fed its readings in time order. */
    private static List<Out> singleMachine(StreamDetector.Options options) {
        List<Out> out = new ArrayList<>();
        for (Map.Entry<String, TimeSeries> e : series.entrySet()) {
            StreamDetector d = StreamDetector.create(options);
            TimeSeries s = e.getValue();
            for (int i = 0; i < s.size(); i++) {
                double score = d.update(s.epochMilli(i), s.value(i));
                out.add(new Out(e.getKey(), s.epochMilli(i), Out.bits(s.value(i)), Out.bits(score), d.alarm(),
                        Out.bits(d.expected()), Out.bits(d.lower()), Out.bits(d.upper()), d.reason(),
                        StreamingDetection.SCORED));
            }
        }
        return sorted(out);
    }

    private static List<Out> sorted(List<Out> rows) {
        List<Out> s = new ArrayList<>(rows);
        s.sort((a, b) -> {
            int c = a.key().compareTo(b.key());
            return c != 0 ? c : Long.compare(a.time(), b.time());
        });
        return s;
    }

    /**
     * Writes chunk {@code c} (the c-th quarter of every key's readings, rows shuffled across keys)
     * into {@code dir}, atomically, with a modification time that orders the chunks.
     */
    private static void dropChunk(int c, Path dir, Path staging) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, TimeSeries> e : series.entrySet()) {
            TimeSeries s = e.getValue();
            for (int i = c * s.size() / CHUNKS; i < (c + 1) * s.size() / CHUNKS; i++) {
                lines.add(e.getKey() + "," + Instant.ofEpochMilli(s.epochMilli(i)) + "," + s.value(i));
            }
        }
        Collections.shuffle(lines, new Random(c));
        lines.add(0, "key,time,value");
        Path tmp = staging.resolve("chunk-" + c + ".csv");
        Files.write(tmp, lines, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(tmp, FileTime.fromMillis(1_700_000_000_000L + 60_000L * c));
        Files.move(tmp, dir.resolve(tmp.getFileName()), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Runs the query on what the input folder holds ({@code filesPerBatch} files per micro-batch) until done. */
    private static StreamingQuery runAvailable(SparkSession spark, Path input, Path checkpoint, Path output,
            StreamDetector.Options options, int filesPerBatch) throws TimeoutException, StreamingQueryException {
        Dataset<Row> readings = spark.readStream().schema(SCHEMA).option("header", "true")
                .option("maxFilesPerTrigger", Integer.toString(filesPerBatch)).csv(input.toString());
        // Two state partitions for two local cores (the number is fixed in the checkpoint at the first start).
        String partitions = spark.conf().get("spark.sql.shuffle.partitions");
        spark.conf().set("spark.sql.shuffle.partitions", "2");
        try {
            StreamingQuery q = StreamingDetection.detect(readings, StreamingDetection.Options.defaults()
                    .withDetector(options)).writeStream().format("parquet").outputMode("append")
                    .option("checkpointLocation", checkpoint.toString()).trigger(Trigger.AvailableNow())
                    .start(output.toString());
            q.awaitTermination();
            return q;
        } finally {
            spark.conf().set("spark.sql.shuffle.partitions", partitions);
        }
    }

    private static List<Out> read(SparkSession spark, Path output) {
        List<Out> out = new ArrayList<>();
        for (Row r : spark.read().parquet(output.toString()).collectAsList()) {
            out.add(Out.of(r));
        }
        return sorted(out);
    }

    private static void assertSameRows(List<Out> expected, List<Out> actual, String what) {
        assertEquals(expected.size(), actual.size(), what + ": row count");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), what + ": row " + i);
        }
    }

    @Test
    void detect_restartedFromCheckpoint_equalsUninterruptedAndSingleMachine(@TempDir Path tmp) throws Exception {
        SparkSession spark = SharedSpark.session();
        StreamDetector.Options options = detectorOptions(StreamDetector.Algorithm.ARTIME);
        Path staging = Files.createDirectories(tmp.resolve("staging"));

        // Uninterrupted: every chunk there from the start, two per micro-batch.
        Path inA = Files.createDirectories(tmp.resolve("in-a"));
        for (int c = 0; c < CHUNKS; c++) {
            dropChunk(c, inA, staging);
        }
        StreamingQuery a = runAvailable(spark, inA, tmp.resolve("ckpt-a"), tmp.resolve("out-a"), options, 2);
        assertEquals(CHUNKS / 2, a.recentProgress().length, "one micro-batch per two files");
        List<Out> uninterrupted = read(spark, tmp.resolve("out-a"));

        // Interrupted: two chunks, one per micro-batch, stop; two more chunks, restart from the checkpoint.
        Path inB = Files.createDirectories(tmp.resolve("in-b"));
        dropChunk(0, inB, staging);
        dropChunk(1, inB, staging);
        StreamingQuery first = runAvailable(spark, inB, tmp.resolve("ckpt-b"), tmp.resolve("out-b"), options, 1);
        assertEquals(2, first.recentProgress().length, "one micro-batch per file");
        assertEquals(FILES.size(), first.lastProgress().stateOperators()[0].numRowsTotal(),
                "one state row per key in the state store");
        int afterFirst = read(spark, tmp.resolve("out-b")).size();
        dropChunk(2, inB, staging);
        dropChunk(3, inB, staging);
        StreamingQuery second = runAvailable(spark, inB, tmp.resolve("ckpt-b"), tmp.resolve("out-b"), options, 1);
        assertEquals(2, second.recentProgress().length, "the restarted query reads only the new files");
        List<Out> restarted = read(spark, tmp.resolve("out-b"));
        System.out.printf(java.util.Locale.ROOT, "state store after the restarted run: %d keys, %d bytes in memory%n",
                second.lastProgress().stateOperators()[0].numRowsTotal(),
                second.lastProgress().stateOperators()[0].memoryUsedBytes());
        assertTrue(afterFirst > 0 && afterFirst < restarted.size(), afterFirst + " rows before the restart");

        List<Out> expected = singleMachine(options);
        assertTrue(expected.stream().anyMatch(Out::alarm), "the comparison must include alarms");
        assertSameRows(expected, uninterrupted, "uninterrupted query vs single machine");
        assertSameRows(uninterrupted, restarted, "restarted query vs uninterrupted");
    }

    @Test
    void detect_batchInputWithCadOse_equalsSingleMachine() {
        SparkSession spark = SharedSpark.session();
        StreamDetector.Options options = detectorOptions(StreamDetector.Algorithm.CONTEXT);
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, TimeSeries> e : series.entrySet()) {
            TimeSeries s = e.getValue();
            for (int i = s.size() - 1; i >= 0; i--) { // reversed: the detector must sort by time
                rows.add(org.apache.spark.sql.RowFactory.create(e.getKey(), s.epochMilli(i), s.value(i)));
            }
        }
        Dataset<Row> readings = spark.createDataFrame(rows, org.apache.spark.sql.types.StructType.fromDDL(
                "meter STRING, t BIGINT, flow DOUBLE")).repartition(3);
        List<Out> got = new ArrayList<>();
        for (Row r : StreamingDetection.detect(readings, StreamingDetection.Options.defaults()
                .withColumns("meter", "t", "flow").withDetector(options)).collectAsList()) {
            got.add(new Out(r.getString(0), r.getLong(1), Out.bits(r.getDouble(2)), Out.bits(r.getDouble(3)),
                    r.getBoolean(4), Out.bits(r.getDouble(5)), Out.bits(r.getDouble(6)), Out.bits(r.getDouble(7)),
                    r.getString(8), r.getString(9)));
        }
        List<Out> expected = singleMachine(options);
        assertTrue(expected.stream().anyMatch(Out::alarm), "the comparison must include alarms");
        assertSameRows(expected, sorted(got), "batch input vs single machine");
    }

    @Test
    void detect_lateDuplicateAndMissingRows_areOutputNotScoredAndLeaveTheStateAlone(@TempDir Path tmp)
            throws Exception {
        SparkSession spark = SharedSpark.session();
        StreamDetector.Options options = StreamDetector.Options.defaults().withZone(ZoneOffset.UTC)
                .withProbationaryPoints(20);
        Path staging = Files.createDirectories(tmp.resolve("staging"));
        Path in = Files.createDirectories(tmp.resolve("in"));
        long t0 = Instant.parse("2024-03-01T00:00:00Z").toEpochMilli();
        long hour = 3_600_000L;
        List<String> first = new ArrayList<>(List.of("key,time,value"));
        for (int i = 0; i < 30; i++) {
            first.add("m1," + Instant.ofEpochMilli(t0 + i * hour) + "," + (10 + i % 5));
        }
        List<String> second = new ArrayList<>(List.of("key,time,value",
                "m1," + Instant.ofEpochMilli(t0 + 5 * hour) + ",99", // late
                "m1," + Instant.ofEpochMilli(t0 + 29 * hour) + ",99", // same time as the last scored
                "m1," + Instant.ofEpochMilli(t0 + 30 * hour) + ",12",
                "m1," + Instant.ofEpochMilli(t0 + 31 * hour) + ",13",
                "m1," + Instant.ofEpochMilli(t0 + 31 * hour) + ",14", // duplicate within the batch
                "m1,,15", // no time
                "," + Instant.ofEpochMilli(t0 + 32 * hour) + ",16")); // no key
        for (int c = 0; c < 2; c++) {
            Path f = staging.resolve("part-" + c + ".csv");
            Files.write(f, c == 0 ? first : second, StandardCharsets.UTF_8);
            Files.setLastModifiedTime(f, FileTime.fromMillis(1_700_000_000_000L + 60_000L * c));
            Files.move(f, in.resolve(f.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        }
        runAvailable(spark, in, tmp.resolve("ckpt"), tmp.resolve("out"), options, 1);
        List<Row> rows = spark.read().parquet(tmp.resolve("out").toString()).collectAsList();
        assertEquals(37, rows.size(), "one output row per input row");
        Map<String, Integer> byStatus = new TreeMap<>();
        for (Row r : rows) {
            byStatus.merge(r.getString(9), 1, Integer::sum);
            if (!StreamingDetection.SCORED.equals(r.getString(9))) {
                assertTrue(Double.isNaN(r.getDouble(3)) && !r.getBoolean(4), "not scored: " + r);
            }
        }
        assertEquals(Map.of(StreamingDetection.SCORED, 32, StreamingDetection.LATE, 3, StreamingDetection.REFUSED, 2),
                byStatus);
        assertTrue(rows.stream().anyMatch(r -> r.getString(8).startsWith("late reading: not after the last scored "
                + "reading of this key (" + Instant.ofEpochMilli(t0 + 29 * hour) + ")")));
        assertTrue(rows.stream().anyMatch(r -> r.getString(8).equals("missing time: not scored")));
        assertTrue(rows.stream().anyMatch(r -> r.getString(8).equals("missing key: not scored")));

        // The scored rows equal a single machine fed only the readings in time order (13 before 14).
        StreamDetector d = StreamDetector.create(options);
        Map<Long, Double> scores = new TreeMap<>();
        for (int i = 0; i < 30; i++) {
            scores.put(t0 + i * hour, d.update(t0 + i * hour, 10 + i % 5));
        }
        scores.put(t0 + 30 * hour, d.update(t0 + 30 * hour, 12));
        scores.put(t0 + 31 * hour, d.update(t0 + 31 * hour, 13));
        for (Row r : rows) {
            if (StreamingDetection.SCORED.equals(r.getString(9))) {
                long t = r.getTimestamp(1).getTime();
                assertEquals(Double.doubleToLongBits(scores.get(t)), Double.doubleToLongBits(r.getDouble(3)), "at " + t);
                if (t == t0 + 31 * hour) {
                    assertEquals(13.0, r.getDouble(2), "the duplicate with the smaller value is scored");
                }
            }
        }
    }

    @Test
    void detect_badColumns_throwNamingTheColumn() {
        SparkSession spark = SharedSpark.session();
        Dataset<Row> readings = spark.createDataFrame(List.of(org.apache.spark.sql.RowFactory.create("a", "x", 1.0)),
                org.apache.spark.sql.types.StructType.fromDDL("key STRING, time STRING, value DOUBLE"));
        String m = assertThrows(IllegalArgumentException.class, () -> StreamingDetection.detect(readings,
                StreamingDetection.Options.defaults())).getMessage();
        assertTrue(m.contains("timeColumn \"time\" must be TIMESTAMP or BIGINT epoch milliseconds, was string"), m);
        m = assertThrows(IllegalArgumentException.class, () -> StreamingDetection.detect(readings,
                StreamingDetection.Options.defaults().withColumns("meter", "time", "value"))).getMessage();
        assertTrue(m.contains("keyColumn \"meter\" must be a column of the readings"), m);
        assertThrows(IllegalArgumentException.class, () -> StreamingDetection.Options.defaults()
                .withColumns(" ", "time", "value"));
    }
}
