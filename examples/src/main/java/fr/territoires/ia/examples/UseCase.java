package fr.territoires.ia.examples;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * One entry of the catalogue: a territorial use case and the example that runs it.
 *
 * @param id short identifier, as in {@code tour --only ID}
 * @param capability the library capability it shows (anomaly, forecasting, shapes, trust, core)
 * @param title one-line description for a city's developer
 * @param example runs the example on simulated data and returns its short readable summary
 */
record UseCase(String id, String capability, String title, Supplier<String> example) {

    UseCase {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(capability, "capability");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(example, "example");
    }
}
