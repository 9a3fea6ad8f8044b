package fr.territoires.ia.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SparkJavaOptionsTest {

    @Test
    void missing_testJvmStartedWithTheOptions_nothingMissing() {
        // Surefire starts this module's tests with the options (parent pom, spark.add-opens).
        assertEquals(List.of(), SparkJavaOptions.missing());
        SparkJavaOptions.check();
    }

    @Test
    void addOpens_namesEveryPackageOnce() {
        String opts = SparkJavaOptions.ADD_OPENS;
        assertTrue(opts.contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"), opts);
        assertTrue(opts.contains("--add-opens=java.base/java.lang=ALL-UNNAMED"), opts);
        assertEquals(14, opts.split("--add-opens=").length - 1);
    }
}
