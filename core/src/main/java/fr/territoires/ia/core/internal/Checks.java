package fr.territoires.ia.core.internal;

import java.util.Collection;
import java.util.Objects;

/**
 * Argument checks shared by the library's public boundaries, with messages in the form
 * {@code "<name> must be <rule>, was <value>"}.
 *
 * <p>Not API: may change without notice. Instances are immutable and safe for concurrent use
 * (the class has none; its methods are static and stateless).
 */
public final class Checks {

    private Checks() {
    }

    /**
     * Returns {@code value} or throws when it is null.
     *
     * @param value value to check
     * @param name parameter name for the message
     * @param <T> type of the value
     * @return {@code value}
     * @throws NullPointerException when {@code value} is null
     */
    public static <T> T notNull(T value, String name) {
        return Objects.requireNonNull(value, name);
    }

    /**
     * Checks that a count or size is at least {@code min}.
     *
     * @param value value to check
     * @param min smallest allowed value
     * @param name parameter name for the message
     * @return {@code value}
     * @throws IllegalArgumentException when {@code value < min}
     */
    public static int atLeast(int value, int min, String name) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", was " + value);
        }
        return value;
    }

    /**
     * Checks that a number is finite and strictly positive.
     *
     * @param value value to check
     * @param name parameter name for the message
     * @return {@code value}
     * @throws IllegalArgumentException when {@code value} is not finite or not {@code > 0}
     */
    public static double positive(double value, String name) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and > 0, was " + value);
        }
        return value;
    }

    /**
     * Checks that a number is finite.
     *
     * @param value value to check
     * @param name parameter name for the message
     * @return {@code value}
     * @throws IllegalArgumentException when {@code value} is NaN or infinite
     */
    public static double finite(double value, String name) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite, was " + value);
        }
        return value;
    }

    /**
     * Checks that a number lies in the closed interval {@code [lo, hi]}.
     *
     * @param value value to check
     * @param lo lower bound, inclusive
     * @param hi upper bound, inclusive
     * @param name parameter name for the message
     * @return {@code value}
     * @throws IllegalArgumentException when {@code value} is outside {@code [lo, hi]} or NaN
     */
    public static double inClosed(double value, double lo, double hi, String name) {
        if (!(value >= lo && value <= hi)) {
            throw new IllegalArgumentException(
                    name + " must be in [" + lo + ", " + hi + "], was " + value);
        }
        return value;
    }

    /**
     * Checks that a number lies in the open interval {@code (lo, hi)}.
     *
     * @param value value to check
     * @param lo lower bound, exclusive
     * @param hi upper bound, exclusive
     * @param name parameter name for the message
     * @return {@code value}
     * @throws IllegalArgumentException when {@code value} is outside {@code (lo, hi)} or NaN
     */
    public static double inOpen(double value, double lo, double hi, String name) {
        if (!(value > lo && value < hi)) {
            throw new IllegalArgumentException(
                    name + " must be in (" + lo + ", " + hi + "), was " + value);
        }
        return value;
    }

    /**
     * Checks that a string is not blank.
     *
     * @param value value to check
     * @param name parameter name for the message
     * @return {@code value}
     * @throws NullPointerException when {@code value} is null
     * @throws IllegalArgumentException when {@code value} is blank
     */
    public static String notBlank(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank, was \"" + value + "\"");
        }
        return value;
    }

    /**
     * Checks that a collection is not empty.
     *
     * @param value collection to check
     * @param name parameter name for the message
     * @param <C> collection type
     * @return {@code value}
     * @throws NullPointerException when {@code value} is null
     * @throws IllegalArgumentException when {@code value} is empty
     */
    public static <C extends Collection<?>> C notEmpty(C value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        return value;
    }

    /**
     * Checks that two lengths are equal.
     *
     * @param actual length found
     * @param expected length required
     * @param name what is measured, for the message
     * @throws IllegalArgumentException when the lengths differ
     */
    public static void sameLength(int actual, int expected, String name) {
        if (actual != expected) {
            throw new IllegalArgumentException(
                    name + " must have length " + expected + ", was " + actual);
        }
    }

    /**
     * Checks that a list holds no null and no blank text, and copies it.
     *
     * @param list texts to check
     * @param name parameter name for the message
     * @return an unmodifiable copy of {@code list}
     * @throws NullPointerException when {@code list} or an element is null
     * @throws IllegalArgumentException when an element is blank, naming its index
     */
    public static java.util.List<String> nonBlankTexts(java.util.List<String> list, String name) {
        Objects.requireNonNull(list, name);
        for (int i = 0; i < list.size(); i++) {
            String s = Objects.requireNonNull(list.get(i), name + "[" + i + "]");
            if (s.isBlank()) {
                throw new IllegalArgumentException(name + "[" + i + "] must not be blank, was \"" + s + "\"");
            }
        }
        return java.util.List.copyOf(list);
    }
}
