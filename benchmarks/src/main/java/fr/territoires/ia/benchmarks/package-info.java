/**
 * JMH benchmarks of the library, one class per measured operation, in packages mirroring the
 * library's. A benchmark that claims a fast path measures the path it replaces in the same run,
 * so that CI can guard a ratio rather than an absolute time.
 *
 * <p>Not API: this module is not deployed.
 */
@NullMarked
package fr.territoires.ia.benchmarks;

import org.jspecify.annotations.NullMarked;
