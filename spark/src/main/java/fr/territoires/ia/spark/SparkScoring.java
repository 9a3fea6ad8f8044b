package fr.territoires.ia.spark;

import fr.territoires.ia.anomaly.IsolationForestDetector;
import fr.territoires.ia.anomaly.MultivariateScores;
import fr.territoires.ia.core.MultivariateTimeSeries;
import fr.territoires.ia.core.internal.Checks;
import fr.territoires.ia.core.trust.ModelCard;
import fr.territoires.ia.core.trust.ModelFile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.jspecify.annotations.Nullable;

/**
 * Multivariate anomaly scoring of a Dataset with one fitted {@link IsolationForestDetector} shared
 * by every executor: the rows are scored in blocks inside each partition by the detector's own
 * array-based scoring (no per-row model call), with the same scores, alarms and reasons as
 * {@link IsolationForestDetector#score} on one machine, bit for bit.
 *
 * <pre>{@code
 * SparkScoring.Forest forest = SparkScoring.broadcast(spark, normalWeek, IsolationForestDetector.Options.defaults());
 * Dataset<Row> scored = SparkScoring.score(sensors, forest);   // + score, alarm, reason
 * }</pre>
 *
 * <p><b>What is broadcast.</b> The detector classes are immutable but not {@link Serializable}, and
 * the library never uses Java serialisation for models: what Spark broadcasts once is the bytes of
 * the fitted detector's {@link ModelFile} ({@link IsolationForestDetector#toModelFile()}: its card
 * and a JSON payload with the scaler and every node of every tree). The first task of each
 * executor JVM reads the detector back from them and keeps it for the other tasks; nothing is
 * refitted, and the detector read back scores bit for bit as the driver's (the equality test checks
 * the scores). The file grows with the forest (trees &times; at most {@code 2 sampleSize - 1}
 * nodes), not with the training set.
 *
 * <p><b>Input.</b> The Dataset holds at least the detector's columns, by name, numeric
 * ({@code null} and {@code NaN} are missing cells, replaced by the training median and reported in
 * the reason); other columns are kept as they are. Output: the input columns, then {@code score}
 * ({@code [0, 1]}, higher is more anomalous), {@code alarm} and {@code reason} (the columns that
 * contribute most, empty without alarm). Row order within a partition is kept.
 *
 * <p>Thread safety: {@link Forest} is immutable and serializable; the executor-side cache of
 * detectors read back is synchronised; a detector is safe for concurrent use.
 *
 * @since 0.3.0
 */
public final class SparkScoring {

    /** Rows scored at a time inside a partition. */
    static final int BLOCK = 4096;

    /** Detectors read back in this JVM, by broadcast id (a few at most: one per model in use). */
    private static final Map<Long, IsolationForestDetector> READ = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, IsolationForestDetector> eldest) {
            return size() > 8;
        }
    };

    private SparkScoring() {
    }

    /**
     * A fitted Isolation Forest broadcast to the executors (see the class description).
     *
     * <p>Immutable and serializable; safe for concurrent use.
     *
     * @since 0.3.0
     */
    public static final class Forest implements Serializable {
        private static final long serialVersionUID = 1L;
        /** The broadcast bytes of the detector's model file. */
        private final Broadcast<byte[]> file;
        /** The columns the forest reads, in order. */
        private final List<String> columns;
        private final transient @Nullable IsolationForestDetector onDriver;

        Forest(Broadcast<byte[]> file, List<String> columns, IsolationForestDetector onDriver) {
            this.file = file;
            this.columns = List.copyOf(columns);
            this.onDriver = onDriver;
        }

        /**
         * Returns the columns the forest reads, in order.
         *
         * @return the column names
         */
        public List<String> columns() {
            return columns;
        }

        /**
         * Returns the fitted detector: the driver's, or on an executor the one read back from the
         * broadcast model file (once per JVM).
         *
         * @return the detector
         */
        public IsolationForestDetector detector() {
            IsolationForestDetector d = onDriver;
            if (d != null) {
                return d;
            }
            synchronized (READ) {
                return READ.computeIfAbsent(file.id(), id -> decode(file.value()));
            }
        }

        /**
         * Returns the size of what is broadcast.
         *
         * @return the model file's size in bytes
         */
        public int sizeBytes() {
            return file.value().length;
        }

        /**
         * Returns the detector's card with the Spark run's facts (see {@link SparkCards}).
         *
         * @param session the session
         * @param partitions partitions of the scored data, at least 1
         * @return the card
         */
        public ModelCard card(SparkSession session, int partitions) {
            return SparkCards.ranOnSpark(detector().card(), session, partitions);
        }
    }

    private static IsolationForestDetector decode(byte[] bytes) {
        try {
            return IsolationForestDetector.fromModelFile(ModelFile.read(new ByteArrayInputStream(bytes),
                    "broadcast forest"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a model file in memory", e);
        }
    }

    /**
     * Fits an Isolation Forest on the driver and broadcasts it to the executors.
     *
     * @param session the session whose executors score
     * @param train training rows, assumed mostly normal, at least two
     * @param options options of the forest
     * @return the broadcast forest
     * @throws IllegalArgumentException when {@code train} has fewer than two rows
     */
    public static Forest broadcast(SparkSession session, MultivariateTimeSeries train,
            IsolationForestDetector.Options options) {
        Checks.notNull(session, "session");
        Checks.notNull(train, "train");
        Checks.notNull(options, "options");
        return broadcast(session, IsolationForestDetector.fit(train, options));
    }

    /**
     * Broadcasts a fitted Isolation Forest (fitted here or read with
     * {@link IsolationForestDetector#load}) to the executors, as its model file's bytes.
     *
     * @param session the session whose executors score
     * @param detector the fitted detector
     * @return the broadcast forest
     * @throws NullPointerException when an argument is null
     */
    public static Forest broadcast(SparkSession session, IsolationForestDetector detector) {
        Checks.notNull(session, "session");
        Checks.notNull(detector, "detector");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            detector.toModelFile().write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a model file in memory", e);
        }
        Broadcast<byte[]> b = org.apache.spark.api.java.JavaSparkContext.fromSparkContext(session.sparkContext())
                .broadcast(out.toByteArray());
        return new Forest(b, detector.columns(), detector);
    }

    /**
     * Scores every row with the broadcast forest (see the class description).
     *
     * @param rows rows holding the forest's columns, numeric
     * @param forest the broadcast forest
     * @return the rows with {@code score}, {@code alarm} and {@code reason} added, computed lazily
     * @throws IllegalArgumentException when a column of the forest is missing or not numeric, or
     *     {@code rows} already has a column named {@code score}, {@code alarm} or {@code reason}
     */
    public static Dataset<Row> score(Dataset<Row> rows, Forest forest) {
        Checks.notNull(rows, "rows");
        Checks.notNull(forest, "forest");
        StructType in = rows.schema();
        List<String> names = List.of(in.fieldNames());
        int[] index = new int[forest.columns().size()];
        for (int c = 0; c < index.length; c++) {
            String col = forest.columns().get(c);
            index[c] = names.indexOf(col);
            if (index[c] < 0) {
                throw new IllegalArgumentException("column \"" + col + "\" of the forest is not in the rows, whose "
                        + "columns are " + names);
            }
            if (!(in.fields()[index[c]].dataType() instanceof NumericType)) {
                throw new IllegalArgumentException("column \"" + col + "\" must be numeric, was "
                        + in.fields()[index[c]].dataType().simpleString());
            }
        }
        for (String out : List.of("score", "alarm", "reason")) {
            if (names.contains(out)) {
                throw new IllegalArgumentException("rows already have a column \"" + out + "\"; rename it first");
            }
        }
        StructType outSchema = in.add(DataTypes.createStructField("score", DataTypes.DoubleType, false))
                .add(DataTypes.createStructField("alarm", DataTypes.BooleanType, false))
                .add(DataTypes.createStructField("reason", DataTypes.StringType, false));
        return rows.mapPartitions(new ScoreBlocks(forest, index), Encoders.row(outSchema));
    }

    /** Scores a partition block by block with the executor's detector. */
    private static final class ScoreBlocks implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final Forest forest;
        private final int[] index;

        ScoreBlocks(Forest forest, int[] index) {
            this.forest = forest;
            this.index = index.clone();
        }

        @Override
        public Iterator<Row> call(Iterator<Row> input) {
            IsolationForestDetector detector = forest.detector();
            List<String> columns = forest.columns();
            return new Iterator<>() {
                private final List<Row> block = new ArrayList<>(BLOCK);
                private @Nullable MultivariateScores scores;
                private int next;

                @Override
                public boolean hasNext() {
                    return next < block.size() || input.hasNext();
                }

                @Override
                public Row next() {
                    if (next >= block.size()) {
                        fill();
                    }
                    Row r = block.get(next);
                    MultivariateScores s = scores;
                    if (s == null) {
                        throw new IllegalStateException("no scores for a filled block");
                    }
                    Object[] out = new Object[r.length() + 3];
                    for (int c = 0; c < r.length(); c++) {
                        out[c] = r.get(c);
                    }
                    out[r.length()] = s.score(next);
                    out[r.length() + 1] = s.alarm(next);
                    out[r.length() + 2] = s.alarm(next) ? s.reason(next) : "";
                    next++;
                    return RowFactory.create(out);
                }

                private void fill() {
                    block.clear();
                    next = 0;
                    while (block.size() < BLOCK && input.hasNext()) {
                        block.add(input.next());
                    }
                    if (block.isEmpty()) {
                        throw new NoSuchElementException();
                    }
                    int n = block.size();
                    double[][] values = new double[index.length][n];
                    for (int i = 0; i < n; i++) {
                        Row r = block.get(i);
                        for (int c = 0; c < index.length; c++) {
                            values[c][i] = r.isNullAt(index[c]) ? Double.NaN : ((Number) r.get(index[c])).doubleValue();
                        }
                    }
                    // Scoring reads each row on its own: timestamps play no part, the row number stands in.
                    long[] t = new long[n];
                    for (int i = 0; i < n; i++) {
                        t[i] = i;
                    }
                    scores = detector.score(MultivariateTimeSeries.of("block", columns, t, values, ZoneOffset.UTC));
                }
            };
        }
    }
}
