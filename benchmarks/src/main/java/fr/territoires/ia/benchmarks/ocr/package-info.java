/**
 * Benchmarks of {@code fr.territoires.ia.ocr}: time to recognise one A4 page at 300 dpi, with and
 * without preprocessing.
 */
@NullMarked
package fr.territoires.ia.benchmarks.ocr;

import org.jspecify.annotations.NullMarked;
