package fr.territoires.ia.examples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Coverage-guided fuzzing (Jazzer) of the runner's argument parsing and validation: a command
 * (every one but the tour and OCR, which run long use cases), then options of that command with
 * fuzzed values or small valid input files. Invariant: exit status 0 or 2, never 1 (an internal
 * error) or an escaping throwable; a refusal is one line without a stack trace. Output paths are
 * always inside a temporary folder.
 *
 * <p>Without {@code JAZZER_FUZZ=1} the seed corpus (test resources
 * {@code fr/territoires/ia/examples/RunnerFuzzTestInputs/runnerArguments/}) is replayed as a
 * regression test.
 */
class RunnerFuzzTest {

    private static final String[] COMMANDS = {"detect", "check-series", "forecast-events", "forecast", "describe-shapes",
        "classify-shapes", "card", "holidays", "--help", "--version", "nope"};
    private static final String[] OPTIONS = {"--input", "--output", "--time-column", "--value-column", "--format", "--zone",
        "--separator", "--delimiter", "--decimal-comma", "--keep-order", "--detector", "--train-rows", "--all-numeric",
        "--ignore-column", "--explain", "--card", "--horizon", "--train-until", "--threshold", "--where",
        "--covariate-column", "--model", "--train", "--label-property", "--save-model", "--year", "--alsace-moselle",
        "--format", "-h", "--", "-"};
    private static final String[] VALUES = {"", "value", "timestamp", "date", "level", "auto", "iso", "yyyy-MM-dd",
        "dd/MM/yyyy HH:mm", "Europe/Paris", "UTC", "Mars/Olympus", ";", "tab", ",", "ab", "0", "-1", "3", "20",
        "2147483648", "1e309", "NaN", "2023-06-30", "2024-02-30", "station=R1", "=", "kind", "md", "json", "html",
        "notice-fr", "2026", "1582", "isolation-forest", "one-class-svm", "artime", "baseline", "spike"};
    private static Path dir;
    private static Path[] files;

    @BeforeAll
    static void createFiles() throws IOException {
        dir = Files.createTempDirectory("fuzz-runner");
        Path meter = dir.resolve("meter.csv");
        Files.copy(BadInputCorpusTest.resource("corpus/seed/meter.csv"), meter);
        Path daily = dir.resolve("daily.csv");
        StringBuilder d = new StringBuilder("date,level\n");
        java.time.LocalDate day = java.time.LocalDate.of(2023, 1, 1);
        for (int i = 0; i < 60; i++) {
            d.append(day.plusDays(i)).append(',').append(1000 + (i * 37) % 400).append('\n');
        }
        Files.writeString(daily, d);
        Path shapes = dir.resolve("shapes.geojson");
        Files.copy(BadInputCorpusTest.resource("corpus/seed/buildings-l93.geojson"), shapes);
        Path missing = dir.resolve("missing.csv");
        files = new Path[] {meter, daily, shapes, missing, dir};
    }

    @AfterAll
    static void deleteFiles() throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Argument lists built from fuzzer choices. */
    @FuzzTest(maxDuration = "30s")
    void runnerArguments(FuzzedDataProvider data) throws IOException {
        List<String> args = new ArrayList<>();
        args.add(data.pickValue(COMMANDS));
        int n = data.consumeInt(0, 10);
        for (int i = 0; i < n; i++) {
            String option = data.pickValue(OPTIONS);
            args.add(option);
            switch (data.consumeInt(0, 3)) {
                case 0 -> args.add(data.pickValue(VALUES));
                case 1 -> args.add(data.consumeString(40));
                case 2 -> args.add(data.pickValue(files).toString());
                default -> {
                    // a flag, or an option missing its value
                }
            }
            if (option.equals("--output") || option.equals("--card") || option.equals("--save-model")) {
                // Never let the fuzzer choose where files are written.
                if (args.size() > 0 && !args.get(args.size() - 1).equals(option)) {
                    args.set(args.size() - 1, dir.resolve("out-" + i + (data.consumeBoolean() ? ".csv" : ".md")).toString());
                }
            }
        }
        // Paths written by a fuzzed value would escape the folder: drop such runs.
        for (int i = 0; i + 1 < args.size(); i++) {
            String a = args.get(i);
            if ((a.equals("--output") || a.equals("--card") || a.equals("--save-model"))
                    && !args.get(i + 1).startsWith(dir.toString())) {
                return;
            }
        }
        RunnerTest.Result r = RunnerTest.run(args.toArray(new String[0]));
        assertTrue(r.status() == 0 || r.status() == 2, "status " + r.status() + " for " + args + ":\n" + r.err());
        // A stack frame ("\tat package.Class.method(File.java:12)" on its own line), not an argument that
        // merely holds "\tat " and is echoed in the one-line message (found by the fuzzer).
        assertFalse(java.util.regex.Pattern.compile("(?m)^\tat [\\w$./]+\\([^)]*\\)$").matcher(r.err()).find(),
                "no stack trace for " + args + ":\n" + r.err());
    }
}
