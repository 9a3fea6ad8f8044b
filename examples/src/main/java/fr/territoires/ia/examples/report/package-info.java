/**
 * Standalone HTML reports of the runner's commands: charts and maps drawn as inline SVG, no
 * script, no external resource, in French or English, printable on A4.
 *
 * <p>Entry point: {@link fr.territoires.ia.examples.report.Reports}, whose static methods take
 * plain data (instants, values, probabilities, alerts, bands, geometries) and return the HTML
 * text, so that each command adds a few lines to call them. Long series are reduced for drawing
 * to the minimum and maximum of each pixel column (spikes survive); polygons are simplified to
 * the drawing resolution.
 *
 * <p>Not API: this module is not deployed and may change without notice.
 */
@NullMarked
package fr.territoires.ia.examples.report;

import org.jspecify.annotations.NullMarked;
