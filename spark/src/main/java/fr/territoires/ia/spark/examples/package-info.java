/**
 * Programs to run from an IDE or with {@code spark-submit}: simulated water meters
 * ({@link fr.territoires.ia.spark.examples.SimulatedMeters}) scored on Spark
 * ({@link fr.territoires.ia.spark.examples.MeterAlarmsExample}).
 *
 * @since 0.3.0
 */
@NullMarked
package fr.territoires.ia.spark.examples;

import org.jspecify.annotations.NullMarked;
