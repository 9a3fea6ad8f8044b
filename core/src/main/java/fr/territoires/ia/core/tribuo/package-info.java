/**
 * The deliberate exposure of Tribuo types: saving and loading Tribuo models as protobuf, and
 * reading their provenance.
 *
 * <p>Entry point: {@link fr.territoires.ia.core.tribuo.TribuoModels}. Its signatures use
 * {@code org.tribuo.Model} and {@code org.tribuo.Output}, so this package follows Tribuo's major
 * version (4.x, built against 4.3): a Tribuo 5 upgrade may change it, while the rest of the
 * library keeps JDK types at its edges.
 *
 * <p>Outputs: protobuf bytes ({@code toProtobuf}) meant for the payload of a
 * {@link fr.territoires.ia.core.trust.ModelFile} with encoding {@code TRIBUO_PROTOBUF}; models
 * rebuilt from such bytes ({@code fromProtobuf}), only for model classes under {@code org.tribuo.};
 * and an ordered map of provenance keys to text ({@code provenance}) for a
 * {@link fr.territoires.ia.core.trust.ModelCard}.
 */
@NullMarked
package fr.territoires.ia.core.tribuo;

import org.jspecify.annotations.NullMarked;
