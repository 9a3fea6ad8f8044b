package fr.territoires.ia.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import fr.territoires.ia.anomaly.StreamDetector;
import fr.territoires.ia.core.OrderPolicy;
import fr.territoires.ia.core.internal.Checks;
import fr.territoires.ia.core.trust.ModelCard;
import java.io.Serializable;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.jspecify.annotations.Nullable;

/**
 * Streaming anomaly detection of many streams at once on Spark: every stream (a meter, a sensor,
 * one value of a key column) is scored in time order by its own {@link StreamDetector}, exactly as
 * on one machine, and the result has one row per reading.
 *
 * <pre>{@code
 * Dataset<Row> scored = SparkAnomaly.detect(readings, "meter", "time", "litres",
 *         StreamDetector.Options.defaults());
 * scored.filter("alarm").show();
 * }</pre>
 *
 * <p><b>Results.</b> For each stream the rows are those of the single-machine run, bit for bit:
 * the same scores ({@code double}), alarms, expected values, bands and reasons as a
 * {@link StreamDetector} fed the stream's readings in time order. With {@link Options#rangePerKey()}
 * (the default) each stream's detector is set as the {@code detect} runner sets it on a file
 * ({@link StreamDetector.Options#fittedTo}): the range of the stream's non-missing values and a
 * probationary period of 15 % of its readings, at most 750, computed per key by an aggregation; a
 * stream whose values are all missing learns its range from its probationary points.
 *
 * <p><b>How it runs.</b> Nothing is collected to the driver. The readings are aggregated per key
 * (one row per stream: minimum, maximum, count), joined back, repartitioned by key
 * ({@link Options#partitions()} partitions) and sorted within partitions by key and time; each
 * task then streams through its partition one key at a time, with one detector alive at a time.
 * A task's memory does not grow with a stream's length: one detector (ARTime's state is capped;
 * see {@link StreamDetector}) and one row. Spark's sort spills to disk when a partition does not
 * fit in memory. Streams are independent, so the work spreads over as many cores as there are
 * partitions, within the limit of the largest stream (one stream is never split).
 *
 * <p><b>Input.</b> The key column may be of any atomic type (string, integer...); the time column
 * is either a {@code timestamp} (an instant, read in UTC; Spark keeps microseconds, the detector
 * sees epoch milliseconds, floored) or a {@code bigint} of epoch milliseconds (UTC); the value
 * column is numeric (cast to {@code double}; {@code null} and {@code NaN} are missing readings:
 * score 0, no alarm, reason "missing value"). The detector's calendar (hour of the local week of
 * the baseline) is read in {@link StreamDetector.Options#zone()}.
 *
 * <p><b>Order and duplicates.</b> Spark has no arrival order, so each stream is scored in time
 * order. Two readings of one stream at the same millisecond follow {@link Options#order()}:
 * {@link OrderPolicy#REJECT} (the default, the single-machine reader's default) fails the job with
 * an {@link IllegalArgumentException} naming the time column, the key and the timestamp;
 * {@link OrderPolicy#KEEP_ARRIVAL_ORDER} keeps and scores every reading, readings of the same
 * millisecond in increasing value (missing last) so that reruns give the same result. Nothing is
 * dropped.
 *
 * <p><b>Bad input.</b> Checked when {@link #detect} is called, on the schema: a missing column, a
 * column of the wrong type, the same column given twice, an input column named like an output
 * column ({@code IllegalArgumentException} naming the column and the rule). Checked while the job
 * runs, on the data: a {@code null} key or time, a duplicate under {@link OrderPolicy#REJECT}:
 * the task throws an {@code IllegalArgumentException} naming the column and the rule, and Spark
 * fails the action with a {@code SparkException} whose cause is that exception.
 *
 * <p><b>Output</b> ({@link #outputSchema}): the key and time columns with their names and types,
 * the value column as {@code double} ({@code NaN} when missing), then {@code score} (in
 * {@code [0, 1]}), {@code alarm}, {@code expected}, {@code lower}, {@code upper} (in the value's
 * unit, {@code NaN} while the baseline learns), {@code reason} and {@code reason_fr} (empty when
 * no alarm). Rows come out grouped by key, in time order within a key.
 *
 * <p>Thread safety: stateless and safe for concurrent use; the function shipped to the executors
 * is serializable and holds the options only, each task creating its own detectors.
 *
 * @since 0.3.0
 */
public final class SparkAnomaly {

    /** Names of the output columns after the key, time and value columns. */
    static final List<String> OUTPUT_COLUMNS = List.of("score", "alarm", "expected", "lower", "upper", "reason",
            "reason_fr");

    /** NAB's probationary period, as {@link StreamDetector.Options#fittedTo}: 15 %, at most 750 points. */
    private static final double PROBATION_FRACTION = 0.15;
    private static final double PROBATION_CAP = PROBATION_FRACTION * 5000;

    // Internal column names of the projected readings (prefixed to avoid clashes with the user's).
    private static final String K = "__key";
    private static final String T = "__time";
    private static final String MS = "__millis";
    private static final String V = "__value";
    private static final String LO = "__lo";
    private static final String HI = "__hi";
    private static final String N = "__n";
    private static final String SK = "__stats_key";

    private SparkAnomaly() {
    }

    /**
     * Options of a Spark run.
     *
     * @param detector options of every stream's detector; with {@code rangePerKey}, their range
     *     and probationary period are replaced per key
     * @param rangePerKey whether each stream's detector gets the stream's range and a
     *     probationary period of 15 % of its readings (at most 750), as the {@code detect} runner
     *     does on a file
     * @param order what two readings of one stream at the same millisecond do
     * @param partitions partitions the readings are spread over by key, at least 1, or 0 for the
     *     session's {@code spark.sql.shuffle.partitions}
     * @since 0.3.0
     */
    public record Options(StreamDetector.Options detector, boolean rangePerKey, OrderPolicy order, int partitions) {

        /**
         * Validates the options.
         *
         * @param detector detector options
         * @param rangePerKey range and probation per key
         * @param order duplicate policy
         * @param partitions partitions, 0 for the session's default
         */
        public Options {
            Objects.requireNonNull(detector, "detector");
            Objects.requireNonNull(order, "order");
            if (partitions < 0) {
                throw new IllegalArgumentException("partitions must be at least 0 (0: the session's "
                        + "spark.sql.shuffle.partitions), was " + partitions);
            }
        }

        /**
         * Returns the defaults: {@link StreamDetector.Options#defaults()}, range and probation
         * per key, duplicates rejected, the session's partition count.
         *
         * @return the default options
         */
        public static Options defaults() {
            return new Options(StreamDetector.Options.defaults(), true, OrderPolicy.REJECT, 0);
        }

        /**
         * Returns these options with other detector options.
         *
         * @param newDetector options of every stream's detector
         * @return new options
         */
        public Options withDetector(StreamDetector.Options newDetector) {
            return new Options(newDetector, rangePerKey, order, partitions);
        }

        /**
         * Returns these options with the per-key range on or off.
         *
         * @param on whether each stream gets its own range and probationary period
         * @return new options
         */
        public Options withRangePerKey(boolean on) {
            return new Options(detector, on, order, partitions);
        }

        /**
         * Returns these options with another duplicate policy.
         *
         * @param newOrder what two readings of one stream at the same millisecond do
         * @return new options
         */
        public Options withOrder(OrderPolicy newOrder) {
            return new Options(detector, rangePerKey, newOrder, partitions);
        }

        /**
         * Returns these options with another partition count.
         *
         * @param newPartitions partitions, at least 1, or 0 for the session's default
         * @return new options
         */
        public Options withPartitions(int newPartitions) {
            return new Options(detector, rangePerKey, order, newPartitions);
        }
    }

    /**
     * Scores every reading with the default options but the detector's: range and probation per
     * key, duplicates rejected (see the class description).
     *
     * @param readings one row per reading
     * @param key name of the column that identifies a stream
     * @param time name of the time column: {@code timestamp}, or {@code bigint} epoch milliseconds
     * @param value name of the numeric value column
     * @param detector options of every stream's detector (zone, alarm source, threshold...)
     * @return one row per reading (see the class description), computed lazily
     * @throws IllegalArgumentException when a column is missing, of the wrong type, given twice or
     *     named like an output column
     */
    public static Dataset<Row> detect(Dataset<Row> readings, String key, String time, String value,
            StreamDetector.Options detector) {
        return detect(readings, key, time, value, Options.defaults().withDetector(Checks.notNull(detector, "detector")));
    }

    /**
     * Scores every reading of every stream (see the class description).
     *
     * @param readings one row per reading
     * @param key name of the column that identifies a stream
     * @param time name of the time column: {@code timestamp}, or {@code bigint} epoch milliseconds
     * @param value name of the numeric value column
     * @param options options of the run
     * @return one row per reading, computed lazily
     * @throws IllegalArgumentException when a column is missing, of the wrong type, given twice or
     *     named like an output column
     */
    public static Dataset<Row> detect(Dataset<Row> readings, String key, String time, String value, Options options) {
        Checks.notNull(readings, "readings");
        Checks.notNull(options, "options");
        StructType out = outputSchema(readings.schema(), key, time, value);
        boolean millis = readings.schema().apply(time).dataType().equals(DataTypes.LongType);
        Column ms = millis ? col(time) : org.apache.spark.sql.functions.unix_millis(col(time));
        Dataset<Row> projected = readings.select(col(key).as(K), col(time).as(T), ms.as(MS),
                col(value).cast(DataTypes.DoubleType).as(V));
        Dataset<Row> withStats;
        if (options.rangePerKey()) {
            Column present = when(col(V).isNotNull().and(not(isnan(col(V)))), col(V));
            Dataset<Row> stats = projected.groupBy(col(K).as(SK)).agg(min(present).as(LO), max(present).as(HI),
                    count(lit(1)).as(N));
            withStats = projected.join(stats, col(K).eqNullSafe(col(SK)), "left").drop(SK);
        } else {
            withStats = projected.withColumn(LO, lit(null).cast(DataTypes.DoubleType))
                    .withColumn(HI, lit(null).cast(DataTypes.DoubleType)).withColumn(N, lit(0L));
        }
        int partitions = options.partitions() > 0 ? options.partitions()
                : readings.sparkSession().sessionState().conf().numShufflePartitions();
        Dataset<Row> sorted = withStats.repartition(partitions, col(K))
                .sortWithinPartitions(col(K).asc_nulls_first(), col(MS).asc_nulls_first(), col(V).asc_nulls_last());
        return sorted.select(K, T, MS, V, LO, HI, N).mapPartitions(
                new ScorePartition(new Spec(options.detector()), options.rangePerKey(),
                        options.order() == OrderPolicy.REJECT, key, time), Encoders.row(out));
    }

    /**
     * Returns the schema of {@link #detect}'s result for readings of a given schema, after
     * checking the columns.
     *
     * @param readings schema of the readings
     * @param key key column
     * @param time time column
     * @param value value column
     * @return the output schema: key, time, value ({@code double}), score, alarm, expected, lower,
     *     upper, reason, reason_fr
     * @throws IllegalArgumentException when a column is missing, of the wrong type, given twice or
     *     named like an output column
     */
    public static StructType outputSchema(StructType readings, String key, String time, String value) {
        Checks.notNull(readings, "readings");
        StructField k = Columns.find(readings, key, "key", "readings");
        StructField t = Columns.find(readings, time, "time", "readings");
        StructField v = Columns.find(readings, value, "value", "readings");
        if (key.equals(time) || key.equals(value) || time.equals(value)) {
            throw new IllegalArgumentException("key, time and value must be three different columns, were \"" + key
                    + "\", \"" + time + "\" and \"" + value + "\"");
        }
        for (String c : List.of(key, time, value)) {
            if (OUTPUT_COLUMNS.contains(c)) {
                throw new IllegalArgumentException("column \"" + c + "\" is named like an output column "
                        + OUTPUT_COLUMNS + "; rename it first");
            }
        }
        DataType kt = k.dataType();
        if (kt instanceof StructType || kt instanceof org.apache.spark.sql.types.ArrayType
                || kt instanceof org.apache.spark.sql.types.MapType) {
            throw new IllegalArgumentException("key column \"" + key + "\" must be of an atomic type (string, "
                    + "integer...), was " + kt.simpleString());
        }
        DataType tt = t.dataType();
        if (!tt.equals(DataTypes.TimestampType) && !tt.equals(DataTypes.LongType)) {
            throw new IllegalArgumentException("time column \"" + time + "\" must be a timestamp or a bigint of "
                    + "epoch milliseconds, was " + tt.simpleString());
        }
        if (!(v.dataType() instanceof NumericType)) {
            throw new IllegalArgumentException("value column \"" + value + "\" must be numeric, was "
                    + v.dataType().simpleString());
        }
        StructType out = new StructType(new StructField[] {
            DataTypes.createStructField(key, kt, true),
            DataTypes.createStructField(time, tt, true),
            DataTypes.createStructField(value, DataTypes.DoubleType, false)});
        for (StructField f : Columns.scoreFields()) {
            out = out.add(f);
        }
        return out.add(DataTypes.createStructField("reason_fr", DataTypes.StringType, false));
    }

    /**
     * Returns the card of a run: what detected, with which options, and that it ran on Spark with
     * how many partitions (provenance {@code spark.*}, see {@link SparkCards#ranOnSpark}).
     *
     * @param session the session the run used
     * @param options the run's options
     * @return the card
     */
    public static ModelCard card(org.apache.spark.sql.SparkSession session, Options options) {
        Checks.notNull(session, "session");
        Checks.notNull(options, "options");
        Map<String, String> opts = new LinkedHashMap<>();
        opts.put("detector", options.detector().toString());
        opts.put("rangePerKey", Boolean.toString(options.rangePerKey()));
        opts.put("order", options.order().name());
        int partitions = options.partitions() > 0 ? options.partitions()
                : session.sessionState().conf().numShufflePartitions();
        ModelCard card = ModelCard.builder("stream-detector")
                .algorithm("StreamDetector: " + (options.detector().algorithm() == StreamDetector.Algorithm.ARTIME
                        ? "ARTime (adaptive resonance theory, Hampton 2021)"
                        : "CAD OSE (contextual anomaly detector, Smirnov 2016)")
                        + " raises the alarms, with the flatline test for stuck sensors; a robust seasonal baseline "
                        + "gives the expected value, band and reason; online, one detector per stream")
                .description("Scores every reading of many streams, each in time order by its own detector; "
                        + (options.rangePerKey() ? "each stream's range and 15 % of its readings (at most 750) as "
                        + "probation, as the detect runner does on a file" : "the options' range and probation"))
                .options(opts)
                .caveats(List.of("No alarm during a stream's probationary period.",
                        "Each stream is scored in time order; readings of one stream at the same millisecond "
                        + (options.order() == OrderPolicy.REJECT ? "fail the run"
                        : "are scored in increasing value")))
                .build();
        return SparkCards.ranOnSpark(card, session, partitions);
    }


    /** Serializable form of {@link StreamDetector.Options} (the record is not serializable). */
    static final class Spec implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String zone;
        private final String algorithm;
        private final double min;
        private final double max;
        private final int probation;
        private final double threshold;
        private final boolean flatline;

        Spec(StreamDetector.Options o) {
            zone = o.zone().getId();
            algorithm = o.algorithm().name();
            min = o.min();
            max = o.max();
            probation = o.probationaryPoints();
            threshold = o.threshold();
            flatline = o.flatline();
        }

        StreamDetector.Options options() {
            return new StreamDetector.Options(ZoneId.of(zone), StreamDetector.Algorithm.valueOf(algorithm), min, max,
                    probation, threshold, flatline);
        }
    }

    /** Options of one stream, as {@link StreamDetector.Options#fittedTo} and the {@code detect} runner set them. */
    static StreamDetector.Options fitted(StreamDetector.Options base, @Nullable Double lo, @Nullable Double hi,
            long rows) {
        if (lo == null || hi == null) {
            return base;
        }
        return base.withRange(lo, hi).withProbationaryPoints((int) Math.max(1,
                Math.min(Math.floor(PROBATION_FRACTION * rows), PROBATION_CAP)));
    }

    /** Streams through a partition sorted by key and time, one detector alive at a time. */
    private static final class ScorePartition implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final Spec spec;
        private final boolean rangePerKey;
        private final boolean reject;
        private final String keyColumn;
        private final String timeColumn;

        ScorePartition(Spec spec, boolean rangePerKey, boolean reject, String keyColumn, String timeColumn) {
            this.spec = spec;
            this.rangePerKey = rangePerKey;
            this.reject = reject;
            this.keyColumn = keyColumn;
            this.timeColumn = timeColumn;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> input) {
            StreamDetector.Options base = spec.options();
            return new Iterator<>() {
                private @Nullable Object key;
                private @Nullable StreamDetector detector;
                private long previous;

                @Override
                public boolean hasNext() {
                    return input.hasNext();
                }

                @Override
                public Row next() {
                    if (!input.hasNext()) {
                        throw new NoSuchElementException();
                    }
                    Row r = input.next();
                    Object k = r.get(0);
                    if (k == null) {
                        throw new IllegalArgumentException("key column \"" + keyColumn + "\" must not be null (a "
                                + "reading must name its stream)");
                    }
                    if (r.isNullAt(2)) {
                        throw new IllegalArgumentException("time column \"" + timeColumn + "\" must not be null, was "
                                + "null for key " + k);
                    }
                    long t = r.getLong(2);
                    StreamDetector d = detector;
                    if (d == null || !k.equals(key)) {
                        d = StreamDetector.create(rangePerKey ? fitted(base, (Double) r.get(4), (Double) r.get(5),
                                r.getLong(6)) : base);
                        detector = d;
                        key = k;
                    } else if (t == previous && reject) {
                        throw new IllegalArgumentException("time column \"" + timeColumn + "\" must not repeat within a"
                                + " key (OrderPolicy.REJECT; KEEP_ARRIVAL_ORDER scores both): key " + k + " has two "
                                + "readings at " + java.time.Instant.ofEpochMilli(t));
                    }
                    previous = t;
                    double v = r.isNullAt(3) ? Double.NaN : r.getDouble(3);
                    double score = d.update(t, v);
                    boolean alarm = d.alarm();
                    // The reasons are empty unless the reading raised an alarm or is missing: not built otherwise.
                    boolean explain = alarm || Double.isNaN(v);
                    return RowFactory.create(k, r.get(1), v, score, alarm, d.expected(), d.lower(), d.upper(),
                            explain ? d.reason() : "", explain ? d.reasonFr() : "");
                }
            };
        }
    }
}
