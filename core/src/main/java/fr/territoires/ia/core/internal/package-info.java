/**
 * Code shared between the library's own packages: argument checks, JSON set-up, atomic file
 * writes.
 *
 * <p>Not API: may change without notice. Do not depend on it from outside the library.
 */
@NullMarked
package fr.territoires.ia.core.internal;

import org.jspecify.annotations.NullMarked;
