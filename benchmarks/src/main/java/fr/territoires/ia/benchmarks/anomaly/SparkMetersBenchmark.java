package fr.territoires.ia.benchmarks.anomaly;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import fr.territoires.ia.anomaly.StreamDetector;
import fr.territoires.ia.spark.SparkAnomaly;
import fr.territoires.ia.spark.SparkJavaOptions;
import fr.territoires.ia.spark.examples.SimulatedMeters;
import java.time.ZoneId;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Scale benchmark of {@link SparkAnomaly#detect}: simulated meters (default 10,000 meters of 720
 * hourly readings, 7.2 million readings) scored on {@code local[1]} then {@code local[2]}, with the
 * same partition count; prints readings per second of the whole detection (per-key aggregation,
 * join, shuffle, sort, detectors) and of the shuffle and sort alone, the speed-up, and readings
 * per CPU second of the JVM (its process CPU time over the run, GC and JIT included), a figure
 * that holds on a machine shared with other processes, where wall-clock speed-ups do not.
 *
 * <p>The readings are generated and cached in memory first (not timed in the scoring figures);
 * each timed run is preceded by one untimed warm-up on 5 % of the meters. Arguments:
 * {@code [meters [hours [partitions [repeats]]]]}. Start the JVM with
 * {@link SparkJavaOptions#ADD_OPENS} and a heap of 4 GB or more ({@code -Xmx4g}); the
 * {@code spark-meters} profile of this module does ({@code mvn -B -ntp -pl benchmarks -am -DskipTests
 * -Pspark-meters package}). A plain timed program, not JMH and never run by {@code mvn verify}: not
 * for concurrent use.
 *
 * @since 0.3.0
 */
public final class SparkMetersBenchmark {

    private SparkMetersBenchmark() {
    }

    /**
     * Runs the benchmark and prints its figures.
     *
     * @param args optional: meters (10,000), hours (720), partitions (8), repeats (2)
     */
    public static void main(String[] args) {
        SparkJavaOptions.check();
        int meters = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int hours = args.length > 1 ? Integer.parseInt(args[1]) : 720;
        int partitions = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        double[] full = new double[3];
        for (int cores = 1; cores <= 2; cores++) {
            SparkSession spark = SparkSession.builder().appName("territoires-ia scale benchmark")
                    .master("local[" + cores + "]").config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", Integer.toString(partitions))
                    .config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1")
                    .getOrCreate();
            try {
                full[cores] = run(spark, cores, meters, hours, partitions, repeats);
            } finally {
                spark.stop();
            }
        }
        System.out.printf(Locale.ROOT, "speed-up local[2] / local[1]: %.2f%n", full[2] / full[1]);
    }

    private static double run(SparkSession spark, int cores, int meters, int hours, int partitions, int repeats) {
        long t0 = System.nanoTime();
        Dataset<Row> readings = SimulatedMeters.readings(spark, meters, hours, partitions)
                .persist(StorageLevel.MEMORY_ONLY());
        long n = readings.count();
        System.out.printf(Locale.ROOT, "local[%d]: %d meters x %d hours = %d readings generated and cached in %.1f s%n",
                cores, meters, hours, n, (System.nanoTime() - t0) / 1e9);
        StreamDetector.Options paris = StreamDetector.Options.defaults().withZone(ZoneId.of("Europe/Paris"));
        SparkAnomaly.Options options = SparkAnomaly.Options.defaults().withDetector(paris).withPartitions(partitions);
        // Warm-up: JIT and Spark's code generation, on 5 % of the meters.
        detect(readings.filter(col("meter").lt(String.format(Locale.ROOT, "meter-%05d", meters / 20))), options);
        double bestFull = Double.MAX_VALUE;
        double bestShuffle = Double.MAX_VALUE;
        double bestCpu = Double.MAX_VALUE;
        long alarms = 0;
        for (int r = 0; r < repeats; r++) {
            long s = System.nanoTime();
            readings.repartition(partitions, col("meter")).sortWithinPartitions("meter", "time").write()
                    .format("noop").mode("overwrite").save();
            bestShuffle = Math.min(bestShuffle, (System.nanoTime() - s) / 1e9);
            s = System.nanoTime();
            long cpu = cpuNanos();
            Row out = detect(readings, options);
            bestFull = Math.min(bestFull, (System.nanoTime() - s) / 1e9);
            bestCpu = Math.min(bestCpu, (cpuNanos() - cpu) / 1e9);
            if (out.getLong(0) != n) {
                throw new IllegalStateException("scored " + out.getLong(0) + " of " + n + " readings");
            }
            alarms = out.getLong(1);
        }
        System.out.printf(Locale.ROOT, "local[%d], %d partitions: detect %.1f s = %.0f readings/s (%d alarms), "
                + "%.1f CPU s = %.0f readings per CPU second; shuffle and sort alone %.1f s (%.0f %% of detect); "
                + "best of %d%n", cores, partitions, bestFull, n / bestFull, alarms, bestCpu, n / bestCpu, bestShuffle,
                100 * bestShuffle / bestFull, repeats);
        readings.unpersist();
        return n / bestFull;
    }

    /** CPU time of this JVM, all threads, in nanoseconds. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Scores and reduces to (readings, alarms): every reading goes through its detector. */
    private static Row detect(Dataset<Row> readings, SparkAnomaly.Options options) {
        return SparkAnomaly.detect(readings, "meter", "time", "flow_lph", options)
                .agg(count(col("score")), sum(when(col("alarm"), 1L).otherwise(0L))).first();
    }
}
