/**
 * The library's detectors, forecasters and classifiers on Apache Spark: the same results as on one
 * machine, with the work spread over a cluster's executors.
 *
 * <p>Spark ({@code org.apache.spark:spark-sql_2.13} 4.x) is a {@code provided} dependency: the
 * cluster brings it. On Java 17, the JVM that starts Spark needs the {@code --add-opens} flags
 * listed by {@link fr.territoires.ia.spark.SparkJavaOptions} ({@code spark-submit} passes them
 * itself).
 *
 * @since 0.3.0
 */
@NullMarked
package fr.territoires.ia.spark;

import org.jspecify.annotations.NullMarked;
