/**
 * The catalogue: one runnable example per use case, each a class with a {@code main} that runs
 * from the IDE with no arguments on built-in simulated data, and the command-line runner
 * {@link fr.territoires.ia.examples.Runner} ({@code java -jar territoires-ia.jar COMMAND}) that
 * applies the library to the user's own files.
 *
 * <p>Not API: this module is not deployed and may change without notice.
 */
@NullMarked
package fr.territoires.ia.examples;

import org.jspecify.annotations.NullMarked;
