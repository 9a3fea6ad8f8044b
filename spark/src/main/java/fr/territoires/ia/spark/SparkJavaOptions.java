package fr.territoires.ia.spark;

import java.util.ArrayList;
import java.util.List;

/**
 * The JDK packages Spark needs opened on Java 17 and later, and a check that the running JVM has
 * them, so that a program started from an IDE fails at once with the flags to add rather than deep
 * inside Spark with an {@code InaccessibleObjectException}.
 *
 * <p>The list is the one Spark's own launcher passes ({@code JavaModuleOptions} in
 * {@code spark-launcher}, Spark 4.0): {@code spark-submit} and {@code spark-shell} set it
 * themselves; a JVM that creates a {@code SparkSession} itself (a test, an IDE run, an application
 * server) must be started with {@link #ADD_OPENS}. On a cluster the executors are started by Spark
 * with the same flags.
 *
 * <p>Thread-safe: stateless.
 *
 * @since 0.3.0
 */
public final class SparkJavaOptions {

    /** The packages of {@code java.base} Spark reads reflectively. */
    private static final List<String> PACKAGES = List.of("java.lang", "java.lang.invoke", "java.lang.reflect",
            "java.io", "java.net", "java.nio", "java.util", "java.util.concurrent", "java.util.concurrent.atomic",
            "jdk.internal.ref", "sun.nio.ch", "sun.nio.cs", "sun.security.action", "sun.util.calendar");

    /** The JVM options to start a JVM that runs Spark with, space-separated. */
    public static final String ADD_OPENS;

    static {
        StringBuilder b = new StringBuilder("-XX:+IgnoreUnrecognizedVMOptions");
        for (String p : PACKAGES) {
            b.append(" --add-opens=java.base/").append(p).append("=ALL-UNNAMED");
        }
        b.append(" -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true");
        ADD_OPENS = b.toString();
    }

    private SparkJavaOptions() {
    }

    /**
     * Returns the packages of {@code java.base} that this JVM does not open to code on the class
     * path, among those Spark needs.
     *
     * @return the missing packages, empty when Spark can run in this JVM
     */
    public static List<String> missing() {
        Module base = Object.class.getModule();
        Module unnamed = SparkJavaOptions.class.getClassLoader().getUnnamedModule();
        List<String> out = new ArrayList<>();
        for (String p : PACKAGES) {
            if (!base.isOpen(p, unnamed)) {
                out.add(p);
            }
        }
        return List.copyOf(out);
    }

    /**
     * Checks that this JVM opens every package Spark needs.
     *
     * @throws IllegalStateException naming the missing packages and the options to start the JVM
     *     with
     */
    public static void check() {
        List<String> miss = missing();
        if (!miss.isEmpty()) {
            throw new IllegalStateException("this JVM does not open " + miss + " of java.base, which Spark needs on Java "
                    + Runtime.version().feature() + "; start it with: " + ADD_OPENS);
        }
    }
}
