/**
 * Programs to run from an IDE or with {@code spark-submit}: simulated water meters scored on Spark
 * ({@link fr.territoires.ia.spark.examples.MeterAlarmsExample}) and the scale benchmark
 * ({@link fr.territoires.ia.spark.examples.MeterScaleBenchmark}).
 *
 * @since 0.3.0
 */
@NullMarked
package fr.territoires.ia.spark.examples;

import org.jspecify.annotations.NullMarked;
