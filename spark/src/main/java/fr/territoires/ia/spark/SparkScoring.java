package fr.territoires.ia.spark;

import fr.territoires.ia.anomaly.IsolationForestDetector;
import fr.territoires.ia.anomaly.MultivariateScores;
import fr.territoires.ia.core.MultivariateTimeSeries;
import fr.territoires.ia.core.internal.Checks;
import fr.territoires.ia.core.trust.ModelCard;
import java.io.Serializable;
import java.time.ZoneId;
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
 * <p><b>What is broadcast.</b> The detector classes are immutable but not {@link Serializable}, so
 * what Spark broadcasts once is the fitted detector's recipe: its training rows (timestamps, column
 * values, zone) and options. The first task of each executor JVM refits the detector from it and
 * keeps it for the other tasks; fitting is deterministic (the seed drives a
 * {@code SplittableRandom}), so every executor holds the detector the driver fitted, card and data
 * digest included (the equality test checks the scores). The training set is the normal period a
 * forest is fitted on (hundreds to a few hundred thousand rows): it must fit in an executor's
 * memory, which a forest's training set always does.
 *
 * <p><b>Input.</b> The Dataset holds at least the detector's columns, by name, numeric
 * ({@code null} and {@code NaN} are missing cells, replaced by the training median and reported in
 * the reason); other columns are kept as they are. Output: the input columns, then {@code score}
 * ({@code [0, 1]}, higher is more anomalous), {@code alarm} and {@code reason} (the columns that
 * contribute most, empty without alarm). Row order within a partition is kept.
 *
 * <p>Thread safety: {@link Forest} is immutable and serializable; the executor-side cache of
 * refitted detectors is synchronised; a detector is safe for concurrent use.
 *
 * @since 0.3.0
 */
public final class SparkScoring {

    /** Rows scored at a time inside a partition. */
    static final int BLOCK = 4096;

    /** Detectors refitted in this JVM, by broadcast id (a few at most: one per model in use). */
    private static final Map<Long, IsolationForestDetector> FITTED = new LinkedHashMap<>(16, 0.75f, true) {
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
        /** The broadcast training rows and options the executors refit the detector from. */
        private final Broadcast<Recipe> recipe;
        /** The columns the forest reads, in order. */
        private final List<String> columns;
        private final transient @Nullable IsolationForestDetector onDriver;

        Forest(Broadcast<Recipe> recipe, List<String> columns, IsolationForestDetector onDriver) {
            this.recipe = recipe;
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
         * Returns the fitted detector: the driver's, or on an executor the one refitted from the
         * broadcast (once per JVM).
         *
         * @return the detector
         */
        public IsolationForestDetector detector() {
            IsolationForestDetector d = onDriver;
            if (d != null) {
                return d;
            }
            synchronized (FITTED) {
                return FITTED.computeIfAbsent(recipe.id(), id -> recipe.value().fit());
            }
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

    /** What refits the detector: its training rows and options, all serializable. */
    static final class Recipe implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String name;
        private final List<String> columns;
        private final long[] millis;
        private final double[][] values;
        private final String zone;
        private final int trees;
        private final int sampleSize;
        private final long seed;
        private final double alarmQuantile;

        Recipe(MultivariateTimeSeries train, IsolationForestDetector.Options o) {
            name = train.name();
            columns = new ArrayList<>(train.columns());
            millis = new long[train.size()];
            values = new double[train.columnCount()][train.size()];
            for (int i = 0; i < train.size(); i++) {
                millis[i] = train.epochMilli(i);
                for (int c = 0; c < values.length; c++) {
                    values[c][i] = train.value(i, c);
                }
            }
            zone = train.zone().getId();
            trees = o.trees();
            sampleSize = o.sampleSize();
            seed = o.seed();
            alarmQuantile = o.alarmQuantile();
        }

        IsolationForestDetector fit() {
            return IsolationForestDetector.fit(MultivariateTimeSeries.of(name, columns, millis, values,
                    ZoneId.of(zone)), new IsolationForestDetector.Options(trees, sampleSize, seed, alarmQuantile));
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
        IsolationForestDetector fitted = IsolationForestDetector.fit(train, options);
        Recipe recipe = new Recipe(train, options);
        Broadcast<Recipe> b = org.apache.spark.api.java.JavaSparkContext.fromSparkContext(session.sparkContext())
                .broadcast(recipe);
        return new Forest(b, train.columns(), fitted);
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
