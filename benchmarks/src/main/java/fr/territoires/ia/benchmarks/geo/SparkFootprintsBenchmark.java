package fr.territoires.ia.benchmarks.geo;

import fr.territoires.ia.geo.Feature;
import fr.territoires.ia.geo.ShapeClassifier;
import fr.territoires.ia.geo.synthetic.FootprintSimulator;
import fr.territoires.ia.spark.SparkJavaOptions;
import fr.territoires.ia.spark.SparkShapes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.locationtech.jts.io.WKBWriter;

/**
 * Plain timed benchmark (not JMH, not a test) of {@link SparkShapes#classify}: simulated building
 * footprints ({@link FootprintSimulator}, seed 7, 1,000,000 by default) as a WKB column,
 * classified on Spark {@code local[1]} then {@code local[2]} by a {@link ShapeClassifier} fitted
 * with the default options on 2,000 other simulated footprints (seed 1), in 4 km tiles with the
 * 300 m halo, 16 partitions. Each timing runs from the input Dataset to the last output row
 * counted, including the block pass, the tiling shuffle, descriptors and compiled trees; a
 * warm-up run on 50,000 footprints precedes them in the same JVM. The single-machine library
 * ({@link ShapeClassifier#classify} over the whole list, one thread) is timed too, and every
 * Spark prediction is checked equal (label and confidence bit for bit) to its prediction.
 *
 * <p>Run (Spark is a provided dependency, so it is not in the JMH jar; the Maven profile runs
 * this class with the module's classpath and Spark's Java 17 flags):
 * {@code mvn -B -ntp -pl benchmarks -am -DskipTests -Pspark-footprints package}; pass
 * {@code -Dspark.footprints=N} for another size.
 */
public final class SparkFootprintsBenchmark {

    private SparkFootprintsBenchmark() {
    }

    /** The system's load average over the last minute: other processes compete for cores. */
    private static double load() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage();
    }

    /**
     * Runs the benchmark and prints the figures.
     *
     * @param args optional number of footprints (default 1,000,000)
     */
    public static void main(String[] args) {
        SparkJavaOptions.check();
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        ShapeClassifier classifier = ShapeClassifier.fit(FootprintSimulator.simulate(2_000, 1L),
                "kind", ShapeClassifier.Options.defaults());
        List<Feature> features = FootprintSimulator.simulate(count, 7L);
        List<Row> rows = new ArrayList<>(count);
        WKBWriter writer = new WKBWriter();
        for (Feature f : features) {
            rows.add(RowFactory.create((long) f.index(), writer.write(f.geometry())));
        }
        long start = System.nanoTime();
        List<ShapeClassifier.Prediction> expected = classifier.classify(features);
        double single = (System.nanoTime() - start) / 1e9;
        features = null;
        System.out.printf(Locale.ROOT, "single machine, one thread: %d footprints in %.1f s, "
                + "%.0f per second (load average %.1f)%n", count, single, count / single, load());
        StructType schema = DataTypes.createStructType(List.of(
                DataTypes.createStructField("id", DataTypes.LongType, false),
                DataTypes.createStructField("geometry", DataTypes.BinaryType, false)));
        SparkShapes.Input input = SparkShapes.Input.defaults().withTileSize(4000.0)
                .withPartitions(16);
        double[] seconds = new double[2];
        String[] masters = {"local[2]", "local[1]", "local[2]"};
        for (int run = 0; run < masters.length; run++) {
            boolean warmUp = run == 0;
            List<Row> data = warmUp ? rows.subList(0, Math.min(50_000, count)) : rows;
            SparkSession spark = SparkSession.builder().appName("spark-footprints")
                    .master(masters[run]).config("spark.ui.enabled", "false")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.driver.host", "127.0.0.1").getOrCreate();
            try {
                JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
                Dataset<Row> input0 = spark.createDataFrame(sc.parallelize(data, 16), schema);
                long t0 = System.nanoTime();
                List<Row> out = SparkShapes.classify(input0, input, classifier)
                        .select("id", "label", "confidence").collectAsList();
                double s = (System.nanoTime() - t0) / 1e9;
                if (out.size() != data.size()) {
                    throw new IllegalStateException("output must hold " + data.size()
                            + " rows, was " + out.size());
                }
                if (!warmUp) {
                    for (Row r : out) {
                        ShapeClassifier.Prediction p = expected.get((int) r.getLong(0));
                        if (!p.label().equals(r.getString(1)) || Double.doubleToLongBits(
                                p.confidence()) != Double.doubleToLongBits(r.getDouble(2))) {
                            throw new IllegalStateException("id " + r.getLong(0) + " must be "
                                    + p.label() + " " + p.confidence() + ", was " + r);
                        }
                    }
                    seconds[masters[run].equals("local[1]") ? 0 : 1] = s;
                    System.out.printf(Locale.ROOT, "%s: %d footprints in %.1f s, %.0f per "
                            + "second, all equal to the single machine's (load average %.1f)%n",
                            masters[run], out.size(), s, out.size() / s, load());
                }
            } finally {
                spark.stop();
            }
        }
        System.out.printf(Locale.ROOT, "speed-up local[2] over local[1]: %.2f%n",
                seconds[0] / seconds[1]);
    }
}
