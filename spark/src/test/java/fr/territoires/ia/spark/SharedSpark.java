package fr.territoires.ia.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The one {@link SparkSession} every test of this module shares ({@code local[2]}, UI off, few
 * shuffle partitions): starting Spark costs seconds, so it is started once per test JVM and
 * stopped when the JVM exits.
 *
 * <p>Thread-safe: {@link #session()} is synchronised.
 */
final class SharedSpark {

    private static SparkSession session;

    private SharedSpark() {
    }

    /**
     * Returns the shared session, starting it on first use.
     *
     * @return the session, {@code local[2]}
     */
    static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder()
                    .appName("territoires-ia-spark-tests")
                    .master("local[2]")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "4")
                    .config("spark.default.parallelism", "2")
                    .config("spark.sql.session.timeZone", "UTC")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.driver.host", "127.0.0.1")
                    .getOrCreate();
            Runtime.getRuntime().addShutdownHook(new Thread(session::stop, "stop-shared-spark"));
        }
        return session;
    }
}
