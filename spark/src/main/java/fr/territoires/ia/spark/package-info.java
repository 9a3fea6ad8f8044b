/**
 * The library's detectors, forecasters and classifiers on Apache Spark: the same results as on one
 * machine, with the work spread over a cluster's executors.
 *
 * <p>Front doors, one per job:
 * <ul>
 *   <li>{@link fr.territoires.ia.spark.SparkAnomaly}: many recorded streams scored at once, one
 *       {@code StreamDetector} per key in time order;</li>
 *   <li>{@link fr.territoires.ia.spark.StreamingDetection}: the same on Structured Streaming,
 *       each key's detector kept in Spark's state store as its snapshot;</li>
 *   <li>{@link fr.territoires.ia.spark.SparkScoring}: a multivariate detector broadcast once as
 *       its model file and applied partition by partition;</li>
 *   <li>{@link fr.territoires.ia.spark.SparkForecasting}: forecasters fitted and applied per
 *       series, or one network model broadcast once as its model file
 *       ({@link fr.territoires.ia.spark.BroadcastForecaster}) and applied in time blocks with a
 *       halo;</li>
 *   <li>{@link fr.territoires.ia.spark.SparkShapes}: shape and neighbourhood descriptors and
 *       classification of building footprints in tiles with a halo;</li>
 *   <li>{@link fr.territoires.ia.spark.SparkCards}: the run's facts (engine, master, partitions)
 *       in a model card.</li>
 * </ul>
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
