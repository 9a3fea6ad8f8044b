package fr.territoires.ia.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.territoires.ia.anomaly.StreamDetector;
import fr.territoires.ia.anomaly.evaluation.NabCorpus;
import fr.territoires.ia.core.OrderPolicy;
import fr.territoires.ia.core.TimeSeries;
import fr.territoires.ia.core.trust.ModelCard;
import fr.territoires.ia.testing.SharedData;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class SparkAnomalyTest {

    private static final StructType MILLIS = new StructType().add("stream", DataTypes.StringType)
            .add("t", DataTypes.LongType).add("v", DataTypes.DoubleType);
    private static final StructType INSTANTS = new StructType().add("stream", DataTypes.StringType)
            .add("t", DataTypes.TimestampType).add("v", DataTypes.DoubleType);

    private static final StreamDetector.Options UTC = StreamDetector.Options.defaults().withZone(ZoneOffset.UTC);

    /**
     * The 40 shared NAB files as 40 keys of one Dataset: every output row equals, bit for bit, the
     * single-machine detector fitted to its file as the detect runner fits it, fed the file in time
     * order (readings at the same millisecond in increasing value, as Spark orders them; that is
     * file order for every file without a repeated or backward timestamp).
     */
    @Test
    void detect_nab40FilesAs40Keys_equalsSingleMachineBitForBit() throws IOException {
        NabCorpus corpus = NabCorpus.load(SharedData.resolve("anomaly/nab"));
        assertEquals(40, corpus.files().size());
        SparkSession spark = SharedSpark.session();
        List<Row> rows = new ArrayList<>();
        for (NabCorpus.DataFile f : corpus.files()) {
            TimeSeries s = f.series();
            for (int i = 0; i < s.size(); i++) {
                rows.add(RowFactory.create(f.name(), s.epochMilli(i), s.value(i)));
            }
        }
        long start = System.nanoTime();
        Dataset<Row> out = SparkAnomaly.detect(spark.createDataFrame(rows, MILLIS), "stream", "t", "v",
                SparkAnomaly.Options.defaults().withDetector(UTC).withOrder(OrderPolicy.KEEP_ARRIVAL_ORDER)
                        .withPartitions(4));
        List<Row> got = out.collectAsList();
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(rows.size(), got.size(), "one output row per reading");
        Map<String, List<Row>> byKey = new HashMap<>();
        for (Row r : got) {
            byKey.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(r);
        }
        int alarms = 0;
        int reordered = 0;
        for (NabCorpus.DataFile f : corpus.files()) {
            TimeSeries s = f.series();
            List<Row> spark4 = byKey.get(f.name());
            assertEquals(s.size(), spark4.size(), f.name());
            Integer[] order = timeOrder(s);
            reordered += isIdentity(order) ? 0 : 1;
            StreamDetector d = StreamDetector.create(UTC.fittedTo(s));
            for (int j = 0; j < order.length; j++) {
                int i = order[j];
                double score = d.update(s.epochMilli(i), s.value(i));
                Row r = spark4.get(j);
                String where = f.name() + " row " + j;
                assertEquals(s.epochMilli(i), r.getLong(1), where);
                assertEquals(0, Double.compare(s.value(i), r.getDouble(2)), where);
                assertEquals(0, Double.compare(score, r.getDouble(3)), where + " score");
                assertEquals(d.alarm(), r.getBoolean(4), where + " alarm");
                assertEquals(0, Double.compare(d.expected(), r.getDouble(5)), where + " expected");
                assertEquals(0, Double.compare(d.lower(), r.getDouble(6)), where + " lower");
                assertEquals(0, Double.compare(d.upper(), r.getDouble(7)), where + " upper");
                assertEquals(d.reason(), r.getString(8), where + " reason");
                assertEquals(d.reasonFr(), r.getString(9), where + " reason_fr");
                alarms += d.alarm() ? 1 : 0;
            }
        }
        System.out.printf("Spark detect, 40 NAB files as 40 keys, %d readings, local[2], 4 partitions: %.1f s "
                + "(collect included); %d alarms, all equal; %d files with a repeated or backward timestamp%n",
                rows.size(), seconds, alarms, reordered);
        assertTrue(alarms > 100, "alarms " + alarms);
    }

    /** Indices of a series in time order, ties in increasing value, NaN last (Spark's order). */
    private static Integer[] timeOrder(TimeSeries s) {
        Integer[] order = new Integer[s.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer>comparingLong(s::epochMilli).thenComparing(i -> s.value(i),
                Double::compare));
        return order;
    }

    private static boolean isIdentity(Integer[] order) {
        for (int i = 0; i < order.length; i++) {
            if (order[i] != i) {
                return false;
            }
        }
        return true;
    }

    @Test
    void detect_timestampColumnAndUnorderedInput_sameAsEpochMillisInTimeOrder() {
        SparkSession spark = SharedSpark.session();
        List<Row> millis = new ArrayList<>();
        List<Row> instants = new ArrayList<>();
        long t0 = 1_700_000_000_000L;
        for (int i = 299; i >= 0; i--) { // backwards: Spark sorts each stream by time
            for (String k : List.of("a", "b")) {
                double v = k.equals("a") ? 10 + Math.sin(i / 5.0) : (i == 250 ? 90 : 5);
                millis.add(RowFactory.create(k, t0 + i * 3_600_000L, v));
                instants.add(RowFactory.create(k, new Timestamp(t0 + i * 3_600_000L), v));
            }
        }
        List<Row> a = SparkAnomaly.detect(spark.createDataFrame(millis, MILLIS), "stream", "t", "v", UTC)
                .collectAsList();
        List<Row> b = SparkAnomaly.detect(spark.createDataFrame(instants, INSTANTS), "stream", "t", "v", UTC)
                .collectAsList();
        assertEquals(600, a.size());
        assertEquals(600, b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).getLong(1), ((Timestamp) b.get(i).get(1)).getTime());
            assertEquals(0, Double.compare(a.get(i).getDouble(3), b.get(i).getDouble(3)));
        }
        // Stream b is flat at 5 then jumps to 90 at hour 250: the jump raises an alarm, in time order.
        Row jump = a.stream().filter(r -> r.getString(0).equals("b") && r.getLong(1) == t0 + 250 * 3_600_000L)
                .findFirst().orElseThrow();
        assertTrue(jump.getBoolean(4), jump.toString());
        assertTrue(jump.getString(8).contains("90"), jump.getString(8));
    }

    @Test
    void detect_optionsAsGiven_equalsSingleMachineWithThoseOptions() {
        List<Row> rows = new ArrayList<>();
        long t0 = 1_700_000_000_000L;
        for (int i = 0; i < 400; i++) {
            rows.add(RowFactory.create("x", t0 + i * 600_000L, 50 + 20 * Math.sin(i / 12.0) + (i == 300 ? 40 : 0)));
        }
        StreamDetector.Options given = UTC.withRange(0, 100).withProbationaryPoints(30);
        List<Row> got = SparkAnomaly.detect(SharedSpark.session().createDataFrame(rows, MILLIS), "stream", "t", "v",
                SparkAnomaly.Options.defaults().withDetector(given).withRangePerKey(false)).collectAsList();
        StreamDetector d = StreamDetector.create(given);
        int alarms = 0;
        for (int i = 0; i < rows.size(); i++) {
            double score = d.update(rows.get(i).getLong(1), rows.get(i).getDouble(2));
            assertEquals(0, Double.compare(score, got.get(i).getDouble(3)), "row " + i);
            assertEquals(d.alarm(), got.get(i).getBoolean(4), "row " + i);
            alarms += d.alarm() ? 1 : 0;
        }
        assertTrue(got.get(300).getBoolean(4), "the jump at row 300 raises an alarm: " + got.get(300));
        assertTrue(alarms < 20, "alarms " + alarms);
    }

    @Test
    void detect_badColumns_refusedAtOnceNamingColumnAndRule() {
        Dataset<Row> df = SharedSpark.session().createDataFrame(List.of(RowFactory.create("a", 1L, 1.0)), MILLIS);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkAnomaly.detect(df, "meter", "t", "v", UTC));
        assertTrue(e.getMessage().contains("key column \"meter\" is not in the readings"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SparkAnomaly.detect(df.withColumn("t", df.col("t").cast("string")), "stream", "t", "v", UTC));
        assertTrue(e.getMessage().contains("time column \"t\" must be a timestamp or a bigint"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SparkAnomaly.detect(df.withColumn("v", df.col("v").cast("string")), "stream", "t", "v", UTC));
        assertTrue(e.getMessage().contains("value column \"v\" must be numeric, was string"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SparkAnomaly.detect(df.withColumnRenamed("v", "score"), "stream", "t", "score", UTC));
        assertTrue(e.getMessage().contains("named like an output column"), e.getMessage());
    }

    @Test
    void detect_nullKeyNullTimeOrDuplicate_jobFailsWithTheRule_keepScoresEveryReading() {
        SparkSession spark = SharedSpark.session();
        Dataset<Row> nullKey = spark.createDataFrame(List.of(RowFactory.create(null, 1L, 1.0)), MILLIS);
        assertEquals("key column \"stream\" must not be null (a reading must name its stream)",
                rootCause(assertThrows(SparkException.class,
                        () -> SparkAnomaly.detect(nullKey, "stream", "t", "v", UTC).collectAsList())));
        Dataset<Row> nullTime = spark.createDataFrame(List.of(RowFactory.create("a", null, 1.0)), MILLIS);
        assertEquals("time column \"t\" must not be null, was null for key a", rootCause(assertThrows(
                SparkException.class, () -> SparkAnomaly.detect(nullTime, "stream", "t", "v", UTC).count())));
        Dataset<Row> dup = spark.createDataFrame(List.of(RowFactory.create("a", 0L, 2.0),
                RowFactory.create("a", 0L, 1.0), RowFactory.create("a", 5L, null)), MILLIS);
        String why = rootCause(assertThrows(SparkException.class,
                () -> SparkAnomaly.detect(dup, "stream", "t", "v", UTC).count()));
        assertTrue(why.startsWith("time column \"t\" must not repeat within a key") && why.contains("key a has two "
                + "readings at 1970-01-01T00:00:00Z"), why);
        List<Row> kept = SparkAnomaly.detect(dup, "stream", "t", "v",
                SparkAnomaly.Options.defaults().withDetector(UTC).withOrder(OrderPolicy.KEEP_ARRIVAL_ORDER))
                .collectAsList();
        assertEquals(3, kept.size(), "nothing dropped");
        assertEquals(1.0, kept.get(0).getDouble(2), "same millisecond: increasing value");
        assertEquals(2.0, kept.get(1).getDouble(2));
        assertTrue(Double.isNaN(kept.get(2).getDouble(2)), "null value read as missing");
        assertEquals("missing value", kept.get(2).getString(8));
    }

    private static String rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        assertTrue(c instanceof IllegalArgumentException, c.toString());
        return c.getMessage();
    }

    @Test
    void card_saysSparkAndPartitions_keepsTheDetectorFacts() {
        ModelCard card = SparkAnomaly.card(SharedSpark.session(),
                SparkAnomaly.Options.defaults().withPartitions(3));
        assertEquals("3", card.details().provenance().get("spark.partitions"));
        assertEquals("local[2]", card.details().provenance().get("spark.master"));
        assertTrue(card.details().provenance().get("spark.engine").startsWith("Apache Spark 4."));
        assertTrue(card.details().algorithm().startsWith("StreamDetector: ARTime"), card.details().algorithm());
        assertEquals(card, ModelCard.fromJson(card.toJson()), "the card survives JSON");
        assertEquals("4", SparkAnomaly.card(SharedSpark.session(), SparkAnomaly.Options.defaults()).details()
                .provenance().get("spark.partitions"), "the session's shuffle partitions by default");
    }
}
