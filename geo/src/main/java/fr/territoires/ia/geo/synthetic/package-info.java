/**
 * Seeded simulators of building footprints for examples, tests and benchmarks.
 *
 * <p>Entry point: {@link fr.territoires.ia.geo.synthetic.FootprintSimulator}, which places houses,
 * apartment blocks, sheds and greenhouses on a grid in Lambert-93 and labels each with its kind.
 * The same seed always gives the same footprints.
 */
@NullMarked
package fr.territoires.ia.geo.synthetic;

import org.jspecify.annotations.NullMarked;
