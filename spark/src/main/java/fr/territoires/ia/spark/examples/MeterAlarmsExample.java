package fr.territoires.ia.spark.examples;

import fr.territoires.ia.anomaly.StreamDetector;
import fr.territoires.ia.spark.SparkAnomaly;
import fr.territoires.ia.spark.SparkJavaOptions;
import java.time.ZoneId;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Simulates 200 district water meters over four weeks, scores every reading on Spark with one
 * {@link StreamDetector} per meter ({@link SparkAnomaly#detect}) and prints the alarms with their
 * reasons, then the meters with the most alarms and the run's card. Meters 0, 50, 100 and 150 leak
 * 150 L/h from an hour of their second fortnight ({@link SimulatedMeters}).
 *
 * <p>Run it from an IDE with no arguments: it starts Spark on all local cores
 * ({@code local[*]}); the JVM needs the options of {@link SparkJavaOptions#ADD_OPENS} and the
 * {@code provided} Spark dependency on its class path. On a cluster, run it with
 * {@code spark-submit} (the master then comes from the command line; see the README). Arguments:
 * {@code [meters [hours]]}.
 *
 * <p>Times are UTC instants; the detectors read the calendar in Europe/Paris. Not meant for
 * concurrent use: a program.
 *
 * @since 0.3.0
 */
public final class MeterAlarmsExample {

    private MeterAlarmsExample() {
    }

    /**
     * Runs the example.
     *
     * @param args optional: number of meters (default 200), hours per meter (default 672)
     */
    public static void main(String[] args) {
        int meters = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int hours = args.length > 1 ? Integer.parseInt(args[1]) : 24 * 28;
        SparkSession.Builder builder = SparkSession.builder().appName("territoires-ia meter alarms");
        if (!System.getProperties().containsKey("spark.master")) {
            // Started from an IDE, not by spark-submit: all local cores, and the JVM flags Spark needs.
            SparkJavaOptions.check();
            builder.master("local[*]").config("spark.ui.enabled", "false");
        }
        SparkSession spark = builder.getOrCreate();
        try {
            Dataset<Row> readings = SimulatedMeters.readings(spark, meters, hours,
                    spark.sparkContext().defaultParallelism());
            Dataset<Row> scored = SparkAnomaly.detect(readings, "meter", "time", "flow_lph",
                    StreamDetector.Options.defaults().withZone(ZoneId.of("Europe/Paris"))).cache();
            Dataset<Row> alarms = scored.filter("alarm");
            System.out.printf("%d meters, %d readings, %d alarms%n", meters, scored.count(), alarms.count());
            alarms.select("meter", "time", "flow_lph", "expected", "score", "reason").show(20, false);
            alarms.groupBy("meter").count().orderBy(org.apache.spark.sql.functions.desc("count")).show(10, false);
            System.out.println(SparkAnomaly.card(spark, SparkAnomaly.Options.defaults()).toMarkdown());
        } finally {
            spark.stop();
        }
    }
}
