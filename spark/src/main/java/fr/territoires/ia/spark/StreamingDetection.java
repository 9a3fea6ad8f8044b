package fr.territoires.ia.spark;

import fr.territoires.ia.anomaly.StreamDetector;
import fr.territoires.ia.core.internal.Checks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.function.FlatMapGroupsWithStateFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.streaming.GroupState;
import org.apache.spark.sql.streaming.GroupStateTimeout;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * The library's default streaming detector ({@link StreamDetector}) on Spark Structured Streaming:
 * one detector per key (a meter, a sensor, a counter), its state kept in Spark's state store
 * between micro-batches as the detector's {@link StreamDetector#snapshot() snapshot}, so that a
 * query stopped and restarted from its checkpoint gives the same outputs as one that never
 * stopped, and the same, bit for bit, as a single-machine {@link StreamDetector} fed each key's
 * readings in time order.
 *
 * <p>Input: a {@code Dataset<Row>} (streaming or not) with a key column (any type, read as its
 * string form), a time column ({@code TIMESTAMP}, or {@code BIGINT} epoch milliseconds) and a
 * numeric value column; {@code null} or {@code NaN} values are missing readings. Output, one row
 * per input row, in {@link OutputMode#Append() append} mode:
 * <pre>
 * key STRING, time (the input's type), value DOUBLE, score DOUBLE, alarm BOOLEAN,
 * expected DOUBLE, lower DOUBLE, upper DOUBLE, reason STRING, status STRING
 * </pre>
 * {@code score} is in {@code [0, 1]}, higher is more anomalous; {@code expected}, {@code lower}
 * and {@code upper} are in the unit of the value ({@code NaN} while the detector learns);
 * {@code reason} is the plain-language explanation of an alarm ({@code "missing value"} for a
 * missing reading, empty otherwise); {@code status} says what was done with the row:
 * {@value #SCORED}, {@value #LATE} or {@value #REFUSED}.
 *
 * <p><b>Ordering.</b> Within a micro-batch, each key's readings are sorted by time (ties by
 * value) before they are scored, so the order of rows in files and partitions does not matter.
 * Across micro-batches, a key's readings must arrive in time order: a reading whose time is not
 * after the last scored reading of its key (late, or a duplicate timestamp) is not scored and
 * leaves the detector untouched; it is output with status {@value #LATE}, score {@code NaN},
 * no alarm and a reason naming the last scored time, never dropped silently. A row with a
 * {@code null} key or time is output with status {@value #REFUSED} and a reason naming the
 * missing field.
 *
 * <p><b>State.</b> Per key: the time of the last scored reading and the detector's snapshot (a
 * few kilobytes plus the alarm source's memory; see {@link StreamDetector#snapshot()}); restored
 * at the start of each micro-batch that has readings for the key, saved at its end. Keys never
 * time out: a key's state lives as long as the query's checkpoint. The state store's schema is
 * {@code (lastTime BIGINT, snapshot BINARY)}; the snapshot format is versioned, and a snapshot
 * the running library cannot read fails the query with a clear message.
 *
 * <p><b>Time.</b> Timestamps are instants (Spark's {@code TIMESTAMP} is stored in UTC; the
 * session time zone only changes how they are parsed and shown). The detector reads its calendar
 * (hour of the day, weekend) in {@link StreamDetector.Options#zone()}, Europe/Paris by default.
 * Sub-millisecond parts of a timestamp are dropped.
 *
 * <pre>{@code
 * Dataset<Row> readings = spark.readStream().schema("meter STRING, time TIMESTAMP, flow DOUBLE")
 *         .option("header", "true").csv("incoming/");
 * Dataset<Row> scored = StreamingDetection.detect(readings,
 *         StreamingDetection.Options.defaults().withColumns("meter", "time", "flow"));
 * scored.writeStream().format("parquet").option("checkpointLocation", "checkpoints/meters")
 *         .start("scored/");
 * }</pre>
 *
 * <p>Instances are immutable and safe for concurrent use (static methods only; the detectors live
 * in Spark's tasks, one per key at a time).
 *
 * @since 0.3.0
 */
public final class StreamingDetection {

    /** Status of a scored reading. */
    public static final String SCORED = "scored";
    /** Status of a reading not after the last scored reading of its key: not scored. */
    public static final String LATE = "late";
    /** Status of a row without key or time: not scored. */
    public static final String REFUSED = "refused";

    private static final StructType SCORED_SCHEMA = scoredSchema();

    private StreamingDetection() {
    }

    private static StructType scoredSchema() {
        StructType out = new StructType(new StructField[] {
            DataTypes.createStructField("key", DataTypes.StringType, true),
            DataTypes.createStructField("time_ms", DataTypes.LongType, true),
            DataTypes.createStructField("value", DataTypes.DoubleType, false)});
        for (StructField f : Columns.scoreFields()) {
            out = out.add(f);
        }
        return out.add(DataTypes.createStructField("status", DataTypes.StringType, false));
    }

    /**
     * Options: the input's column names and the detector's options.
     *
     * @param keyColumn column naming the stream (meter, sensor); read as a string
     * @param timeColumn column of the reading's time, {@code TIMESTAMP} or {@code BIGINT} epoch
     *     milliseconds
     * @param valueColumn column of the reading's value, numeric
     * @param detector options of every key's {@link StreamDetector}
     * @since 0.3.0
     */
    public record Options(String keyColumn, String timeColumn, String valueColumn, StreamDetector.Options detector) {

        /**
         * Validates the options.
         *
         * @param keyColumn key column
         * @param timeColumn time column
         * @param valueColumn value column
         * @param detector detector options
         */
        public Options {
            Checks.notBlank(keyColumn, "keyColumn");
            Checks.notBlank(timeColumn, "timeColumn");
            Checks.notBlank(valueColumn, "valueColumn");
            Objects.requireNonNull(detector, "detector");
        }

        /**
         * Returns the defaults: columns {@code key}, {@code time}, {@code value}, and
         * {@link StreamDetector.Options#defaults()} (ARTime, range learnt per key from its first
         * 750 readings, Europe/Paris calendar).
         *
         * @return the default options
         */
        public static Options defaults() {
            return new Options("key", "time", "value", StreamDetector.Options.defaults());
        }

        /**
         * Returns these options with other column names.
         *
         * @param key key column
         * @param time time column
         * @param value value column
         * @return new options
         */
        public Options withColumns(String key, String time, String value) {
            return new Options(key, time, value, detector);
        }

        /**
         * Returns these options with other detector options.
         *
         * @param newDetector options of every key's detector
         * @return new options
         */
        public Options withDetector(StreamDetector.Options newDetector) {
            return new Options(keyColumn, timeColumn, valueColumn, newDetector);
        }
    }

    /**
     * Scores every reading of every key with its own {@link StreamDetector}, its state kept in
     * Spark's state store. For a streaming input, start the result in append mode with a
     * checkpoint location; a batch input is scored as one micro-batch.
     *
     * @param readings the readings, streaming or not
     * @param options column names and detector options
     * @return one output row per input row (schema in the class description)
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when a column is absent or of the wrong type, naming it
     */
    public static Dataset<Row> detect(Dataset<Row> readings, Options options) {
        Objects.requireNonNull(readings, "readings");
        Objects.requireNonNull(options, "options");
        StructType schema = readings.schema();
        DataType timeType = type(schema, options.timeColumn(), "timeColumn");
        type(schema, options.keyColumn(), "keyColumn");
        DataType valueType = type(schema, options.valueColumn(), "valueColumn");
        if (!(valueType instanceof org.apache.spark.sql.types.NumericType)) {
            throw new IllegalArgumentException("valueColumn \"" + options.valueColumn() + "\" must be numeric, was "
                    + valueType.simpleString());
        }
        Column time;
        if (timeType.equals(DataTypes.TimestampType)) {
            time = functions.unix_millis(functions.col(quoted(options.timeColumn())));
        } else if (timeType.equals(DataTypes.LongType)) {
            time = functions.col(quoted(options.timeColumn()));
        } else {
            throw new IllegalArgumentException("timeColumn \"" + options.timeColumn() + "\" must be TIMESTAMP or "
                    + "BIGINT epoch milliseconds, was " + timeType.simpleString());
        }
        Dataset<Row> normalised = readings.select(
                functions.col(quoted(options.keyColumn())).cast(DataTypes.StringType).as("key"),
                time.as("time_ms"),
                functions.col(quoted(options.valueColumn())).cast(DataTypes.DoubleType).as("value"));
        Encoder<Tuple2<Long, byte[]>> stateEncoder = Encoders.tuple(Encoders.LONG(), Encoders.BINARY());
        Dataset<Row> scored = normalised
                .groupByKey((MapFunction<Row, String>) r -> r.getString(0), Encoders.STRING())
                .flatMapGroupsWithState(new ScoreGroup(StreamDetector.create(options.detector()).snapshot()),
                        OutputMode.Append(), stateEncoder, Encoders.row(SCORED_SCHEMA), GroupStateTimeout.NoTimeout());
        Column outTime = timeType.equals(DataTypes.TimestampType)
                ? functions.timestamp_millis(functions.col("time_ms")) : functions.col("time_ms");
        return scored.select(functions.col("key"), outTime.as(options.timeColumn()), functions.col("value"),
                functions.col("score"), functions.col("alarm"), functions.col("expected"), functions.col("lower"),
                functions.col("upper"), functions.col("reason"), functions.col("status"));
    }

    private static DataType type(StructType schema, String column, String name) {
        for (StructField f : schema.fields()) {
            if (f.name().equals(column)) {
                return f.dataType();
            }
        }
        throw new IllegalArgumentException(name + " \"" + column + "\" must be a column of the readings, which has "
                + Arrays.toString(schema.fieldNames()));
    }

    private static String quoted(String column) {
        return "`" + column.replace("`", "``") + "`";
    }

    /**
     * Scores one key's readings of one micro-batch: restores its detector, scores the readings
     * in time order, saves the detector. Carries the snapshot of a new detector (the options
     * travel inside it), so it is serialisable without making the options so.
     */
    private static final class ScoreGroup implements FlatMapGroupsWithStateFunction<String, Row, Tuple2<Long, byte[]>,
            Row> {

        private static final long serialVersionUID = 1L;

        private final byte[] fresh;

        ScoreGroup(byte[] fresh) {
            this.fresh = fresh;
        }

        @Override
        public Iterator<Row> call(String key, Iterator<Row> values, GroupState<Tuple2<Long, byte[]>> state) {
            List<Row> batch = new ArrayList<>();
            values.forEachRemaining(batch::add);
            List<Row> out = new ArrayList<>(batch.size());
            if (key == null) {
                for (Row r : batch) {
                    out.add(notScored(r, REFUSED, "missing key: not scored"));
                }
                return out.iterator();
            }
            List<Row> timed = new ArrayList<>(batch.size());
            for (Row r : batch) {
                if (r.isNullAt(1)) {
                    out.add(notScored(r, REFUSED, "missing time: not scored"));
                } else {
                    timed.add(r);
                }
            }
            if (timed.isEmpty()) {
                return out.iterator();
            }
            timed.sort((a, b) -> {
                int c = Long.compare(a.getLong(1), b.getLong(1));
                return c != 0 ? c : Double.compare(value(a), value(b));
            });
            StreamDetector detector;
            long last;
            boolean started;
            if (state.exists()) {
                Tuple2<Long, byte[]> saved = state.get();
                detector = StreamDetector.restore(saved._2());
                last = saved._1();
                started = true;
            } else {
                detector = StreamDetector.restore(fresh);
                last = Long.MIN_VALUE;
                started = false;
            }
            boolean updated = false;
            for (Row r : timed) {
                long t = r.getLong(1);
                double v = value(r);
                if (started && t <= last) {
                    out.add(notScored(r, LATE, "late reading: not after the last scored reading of this key ("
                            + Instant.ofEpochMilli(last) + "): not scored"));
                    continue;
                }
                double score = detector.update(t, v);
                String reason = detector.alarm() || Double.isNaN(v) ? detector.reason() : "";
                out.add(RowFactory.create(key, t, v, score, detector.alarm(), detector.expected(), detector.lower(),
                        detector.upper(), reason, SCORED));
                last = t;
                started = true;
                updated = true;
            }
            if (updated) {
                state.update(new Tuple2<>(last, detector.snapshot()));
            }
            return out.iterator();
        }

        private static double value(Row r) {
            return r.isNullAt(2) ? Double.NaN : r.getDouble(2);
        }

        private static Row notScored(Row r, String status, String reason) {
            return RowFactory.create(r.isNullAt(0) ? null : r.getString(0), r.isNullAt(1) ? null : r.getLong(1),
                    value(r), Double.NaN, false, Double.NaN, Double.NaN, Double.NaN, reason, status);
        }
    }
}
