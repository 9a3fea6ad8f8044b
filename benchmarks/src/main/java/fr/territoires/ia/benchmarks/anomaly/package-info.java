/**
 * Benchmarks of {@code fr.territoires.ia.anomaly}: the cost per point of streaming detection,
 * beside a peer detector (AWS Random Cut Forest) measured in the same run.
 */
@NullMarked
package fr.territoires.ia.benchmarks.anomaly;

import org.jspecify.annotations.NullMarked;
