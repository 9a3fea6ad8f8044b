package fr.territoires.ia.examples;

import fr.territoires.ia.core.trust.ModelCard;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One entry of the catalogue: a territorial use case and the example that runs it.
 *
 * @param id short identifier, as in {@code tour --only ID}
 * @param capability the library capability it shows (anomaly, forecasting, shapes, trust, core)
 * @param title one-line description for a city's developer
 * @param example runs the example on simulated data, hands the model cards of the models it fits to
 *     the consumer, and returns its short readable summary
 */
record UseCase(String id, String capability, String title,
        Function<Consumer<ModelCard>, String> example) {

    UseCase {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(capability, "capability");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(example, "example");
    }
}
