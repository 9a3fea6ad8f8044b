package fr.territoires.ia.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.territoires.ia.benchmarks.anomaly.StreamingUpdateBenchmark;
import fr.territoires.ia.benchmarks.core.fast.CompiledTreesPredictBenchmark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * CI guard of the fast paths: runs a short JMH profile of each fast path beside the path it
 * replaces (one fork, 2 warm-up and 3 measurement iterations of 1 s, GC profiler), writes JMH's
 * JSON, reads it back and checks ratios measured in the same run against their floors.
 *
 * <p>Guards: compiled trees one row at a time at least 100 times faster than Tribuo's
 * {@code predict(Example)}; compiled batch at least 2 times faster per row than the xgboost4j
 * booster's batch predict (same 1,000 rows, dense {@code DMatrix} built per batch, the booster on
 * one thread like the compiled path) and at least 1.5 times faster than Tribuo's batch predict;
 * compiled trees allocate less than 16 bytes per row (one row and batch); the default streaming
 * detector's update at least 10 times faster than AWS Random Cut Forest's and allocating less than
 * 16 bytes per point. Its two alarm sources and the baseline detector are measured in the same run,
 * for the README, without a floor.
 *
 * <p>Run (after {@code mvn package}):
 * {@code java -cp benchmarks/target/benchmarks.jar fr.territoires.ia.benchmarks.Guards [json]}
 * runs the benchmarks, writes the JSON (default {@code benchmarks/target/guards.json}), prints the
 * table last and exits with status 1 when a guard fails; with {@code --check json} it only checks
 * an existing JSON file.
 */
public final class Guards {

    private static final String TREES = CompiledTreesPredictBenchmark.class.getName();
    private static final String STREAM = StreamingUpdateBenchmark.class.getName();

    private Guards() {
    }

    /** One guard: a ratio of two measured times (or a ceiling on bytes per operation). */
    private record Guard(String name, String fast, String slow, double floor, boolean allocation) {
    }

    private static final List<Guard> GUARDS = List.of(
            new Guard("compiled one row vs Tribuo predict(Example)", TREES + ".compiledSingle",
                    TREES + ".tribuoSingle", 100, false),
            new Guard("compiled batch vs booster batch predict (per row)", TREES + ".compiledBatch",
                    TREES + ".boosterBatch", 2.0, false),
            new Guard("compiled batch vs Tribuo batch predict (per row)", TREES + ".compiledBatch",
                    TREES + ".tribuoBatch", 1.5, false),
            new Guard("compiled one row, bytes allocated per row", TREES + ".compiledSingle", "", 16, true),
            new Guard("compiled batch, bytes allocated per row", TREES + ".compiledBatch", "", 16, true),
            new Guard("default StreamDetector update vs RCF process", STREAM + ".streamDetector",
                    STREAM + ".randomCutForest", 10, false),
            new Guard("default StreamDetector, bytes allocated per point", STREAM + ".streamDetector", "", 16, true));

    /**
     * Runs the guard benchmarks (or checks a JSON file) and exits with status 1 when a guard fails.
     *
     * @param args {@code [json]} to run and write the JSON there, or {@code --check json}
     * @throws IOException when the JSON cannot be written or read
     * @throws RunnerException when JMH fails
     */
    public static void main(String[] args) throws IOException, RunnerException {
        long start = System.nanoTime();
        Path json;
        if (args.length == 2 && args[0].equals("--check")) {
            json = Path.of(args[1]);
        } else {
            json = Path.of(args.length > 0 ? args[0] : "benchmarks/target/guards.json");
            if (json.getParent() != null) {
                Files.createDirectories(json.getParent());
            }
            Options options = new OptionsBuilder()
                    .include("^" + TREES.replace(".", "\\.")
                            + "\\.(compiledSingle|compiledBatch|tribuoSingle|tribuoBatch|boosterBatch)$")
                    .include("^" + STREAM.replace(".", "\\.") + "\\.(streamDetector|artime|contextDetector|baselineDetector|randomCutForest)$")
                    .forks(1)
                    .warmupIterations(2)
                    .warmupTime(TimeValue.seconds(1))
                    .measurementIterations(3)
                    .measurementTime(TimeValue.seconds(1))
                    .addProfiler(GCProfiler.class)
                    .resultFormat(ResultFormatType.JSON)
                    .result(json.toString())
                    .shouldFailOnError(true)
                    .build();
            new Runner(options).run();
            if (!check(json, (System.nanoTime() - start) / 1_000_000_000L)) {
                // Shared machines are noisy: a guard must fail twice in a row to fail the build.
                System.out.println("A guard fell short; running the profile once more before failing.");
                new Runner(options).run();
                System.exit(check(json, (System.nanoTime() - start) / 1_000_000_000L) ? 0 : 1);
            }
            System.exit(0);
        }
        System.exit(check(json, (System.nanoTime() - start) / 1_000_000_000L) ? 0 : 1);
    }

    /** Reads JMH's JSON, prints the table and tells whether every guard holds. */
    private static boolean check(Path json, long seconds) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        Map<String, double[]> byName = new HashMap<>();
        for (JsonNode b : root) {
            double time = b.path("primaryMetric").path("score").asDouble(Double.NaN);
            double bytes = Double.NaN;
            for (var f : b.path("secondaryMetrics").properties()) {
                if (f.getKey().endsWith("gc.alloc.rate.norm")) {
                    bytes = f.getValue().path("score").asDouble(Double.NaN);
                }
            }
            byName.put(b.path("benchmark").asText(), new double[] {time, bytes});
        }
        List<String[]> table = new ArrayList<>();
        table.add(new String[] {"guard", "fast path", "replaced path", "ratio", "floor", "result"});
        boolean ok = true;
        for (Guard g : GUARDS) {
            double[] fast = byName.get(g.fast());
            double[] slow = g.allocation() ? null : byName.get(g.slow());
            if (fast == null || (!g.allocation() && slow == null)) {
                table.add(new String[] {g.name(), "missing", "missing", "-", "-", "FAIL"});
                ok = false;
                continue;
            }
            if (g.allocation()) {
                boolean pass = fast[1] < g.floor();
                ok &= pass;
                table.add(new String[] {g.name(), format(fast[1]) + " B/row", "-", "-",
                        "< " + format(g.floor()) + " B/row", pass ? "OK" : "FAIL"});
            } else {
                double ratio = slow[0] / fast[0];
                boolean pass = ratio >= g.floor();
                ok &= pass;
                table.add(new String[] {g.name(), format(fast[0]) + " ns/op", format(slow[0]) + " ns/op",
                        format(ratio) + "x", ">= " + format(g.floor()) + "x", pass ? "OK" : "FAIL"});
            }
        }
        System.out.println();
        System.out.println("Fast-path guards (" + json + ", " + seconds + " s; times per row or point, one run):");
        print(table);
        System.out.println(ok ? "All guards hold." : "A guard failed.");
        return ok;
    }

    private static String format(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static void print(List<String[]> table) {
        int[] width = new int[table.get(0).length];
        for (String[] row : table) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (int r = 0; r < table.size(); r++) {
            StringBuilder line = new StringBuilder("|");
            for (int i = 0; i < width.length; i++) {
                String cell = table.get(r)[i];
                line.append(' ').append(cell).append(" ".repeat(width[i] - cell.length())).append(" |");
            }
            System.out.println(line);
            if (r == 0) {
                StringBuilder rule = new StringBuilder("|");
                for (int w : width) {
                    rule.append("-".repeat(w + 2)).append('|');
                }
                System.out.println(rule);
            }
        }
    }
}
