package fr.territoires.ia.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import fr.territoires.ia.geo.GeoJson;
import fr.territoires.ia.geo.ShapeClassifier;
import fr.territoires.ia.geo.synthetic.FootprintSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input corpus: hand-written awkward files (test resources {@code corpus/csv} and
 * {@code corpus/geojson}) and seeded mutations of valid files, each driven through every runner
 * command that reads its kind. Each run must either be accepted with nothing lost (rows or
 * features in = rows or features out, counts reported) or refused with exit status 2 and one line
 * naming the file, with no stack trace and no output file left behind. The per-command table is
 * written to {@code target/bad-input-corpus.md} (copied into the README's Robustness section).
 */
class BadInputCorpusTest {

    /** Mutations of each seed. */
    private static final int CSV_MUTATIONS = 40;
    private static final int GEOJSON_MUTATIONS = 40;
    private static final int MODEL_MUTATIONS = 30;

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    private static Path model;
    private static Path shapesInput;

    /** command -> [accepted, refused, failed]. */
    private static final Map<String, int[]> TABLE = new ConcurrentHashMap<>();
    private static final Map<String, Integer> CASES = new ConcurrentHashMap<>();
    /** "command case status first-line-of-error", for review. */
    private static final Map<String, String> OUTCOMES = new ConcurrentHashMap<>();

    /** One input file of the corpus. */
    record Case(String name, String kind, byte[] content) {
    }

    @BeforeAll
    static void trainModel() throws IOException {
        Path train = work.resolve("train.geojson");
        GeoJson.write(train, FootprintSimulator.simulate(200, 3L));
        model = work.resolve("shapes.tiamodel");
        ShapeClassifier.fit(GeoJson.read(train).features(), "kind", ShapeClassifier.Options.defaults()).save(model);
        shapesInput = work.resolve("input.geojson");
        Files.copy(resource("corpus/seed/buildings-l93.geojson"), shapesInput);
    }

    @AfterAll
    static void writeTable() throws IOException {
        StringBuilder b = new StringBuilder("| command | inputs | runs | accepted | refused (exit 2) | failures |\n"
                + "|---|---|---|---|---|---|\n");
        int[] total = new int[3];
        for (var e : new TreeMap<>(TABLE).entrySet()) {
            int[] v = e.getValue();
            b.append("| `").append(e.getKey()).append("` | ").append(CASES.get(e.getKey())).append(" | ")
                    .append(v[0] + v[1] + v[2]).append(" | ").append(v[0]).append(" | ").append(v[1]).append(" | ")
                    .append(v[2]).append(" |\n");
            for (int i = 0; i < 3; i++) {
                total[i] += v[i];
            }
        }
        b.append("| all | ").append(CASES.values().stream().mapToInt(Integer::intValue).sum()).append(" | ")
                .append(total[0] + total[1] + total[2]).append(" | ").append(total[0]).append(" | ").append(total[1])
                .append(" | ").append(total[2]).append(" |\n");
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            Files.writeString(target.resolve("bad-input-corpus.md"), b.toString());
            StringBuilder t = new StringBuilder();
            new TreeMap<>(OUTCOMES).forEach((k, v) -> t.append(k).append('\t').append(v).append('\n'));
            Files.writeString(target.resolve("bad-input-corpus.tsv"), t.toString());
        }
    }

    @TestFactory
    Stream<DynamicTest> everyInputThroughEveryCommand() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : cases()) {
            for (String command : commands(c.kind())) {
                CASES.merge(command, 1, Integer::sum);
                tests.add(DynamicTest.dynamicTest(command + " <- " + c.kind() + "/" + c.name(), () -> run(c, command)));
            }
        }
        assertTrue(tests.size() >= 200, "corpus runs " + tests.size());
        return tests.stream();
    }

    static List<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>();
        for (String kind : List.of("csv", "geojson")) {
            try (Stream<Path> files = Files.list(resource("corpus/" + kind))) {
                for (Path p : files.sorted().toList()) {
                    cases.add(new Case(p.getFileName().toString(), kind, Files.readAllBytes(p)));
                }
            }
        }
        String meter = Files.readString(resource("corpus/seed/meter.csv"));
        String daily = Files.readString(resource("corpus/seed/daily.csv"));
        cases.add(new Case("meter.csv", "csv", meter.getBytes(StandardCharsets.UTF_8)));
        cases.add(new Case("daily.csv", "daily", daily.getBytes(StandardCharsets.UTF_8)));
        for (int i = 0; i < CSV_MUTATIONS; i++) {
            var m = Mutations.csv(meter, 1000 + i);
            cases.add(new Case("meter-" + i + "-" + m.getKey() + ".csv", "csv", m.getValue()));
            var d = Mutations.csv(daily, 2000 + i);
            cases.add(new Case("daily-" + i + "-" + d.getKey() + ".csv", "daily", d.getValue()));
        }
        String l93 = Files.readString(resource("corpus/seed/buildings-l93.geojson"));
        String wgs = Files.readString(resource("corpus/seed/buildings-wgs84.geojson"));
        for (int i = 0; i < GEOJSON_MUTATIONS; i++) {
            var m = Mutations.geoJson(i % 2 == 0 ? l93 : wgs, 3000 + i);
            cases.add(new Case((i % 2 == 0 ? "l93-" : "wgs84-") + i + "-" + m.getKey() + ".geojson", "geojson",
                    m.getValue()));
        }
        return cases;
    }

    /** Cases for the model-file readers, built from a freshly saved model. */
    @TestFactory
    Stream<DynamicTest> everyModelFileThroughCardAndClassify() throws IOException {
        byte[] valid = Files.readAllBytes(model);
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("valid.tiamodel", "model", valid));
        cases.add(new Case("empty.tiamodel", "model", new byte[0]));
        cases.add(new Case("magic-only.tiamodel", "model", "TERRITOIRES-IA-MODEL 1\n".getBytes(StandardCharsets.US_ASCII)));
        cases.add(new Case("png.tiamodel", "model", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}));
        cases.add(new Case("java-serialised.tiamodel", "model", new byte[] {(byte) 0xac, (byte) 0xed, 0, 5, 's', 'r'}));
        cases.add(new Case("newer-format.tiamodel", "model", "TERRITOIRES-IA-MODEL 99\n{}\n".getBytes(StandardCharsets.US_ASCII)));
        cases.add(new Case("payload-2pow62.tiamodel", "model", withHeader(valid, "payloadLength", "4611686018427387904")));
        cases.add(new Case("card-2pow31.tiamodel", "model", withHeader(valid, "cardLength", "2147483647")));
        cases.add(new Case("negative-length.tiamodel", "model", withHeader(valid, "cardLength", "-5")));
        cases.add(new Case("header-100k.tiamodel", "model", ("TERRITOIRES-IA-MODEL 1\n{\"x\":\"" + "a".repeat(100_000)
                + "\"}\n").getBytes(StandardCharsets.US_ASCII)));
        cases.add(new Case("header-not-json.tiamodel", "model", "TERRITOIRES-IA-MODEL 1\nnot json\n".getBytes(StandardCharsets.US_ASCII)));
        cases.add(new Case("header-deep.tiamodel", "model", ("TERRITOIRES-IA-MODEL 1\n" + "[".repeat(30_000) + "\n")
                .getBytes(StandardCharsets.US_ASCII)));
        for (int i = 0; i < MODEL_MUTATIONS; i++) {
            var m = Mutations.modelFile(valid, 4000 + i);
            cases.add(new Case("model-" + i + "-" + m.getKey() + ".tiamodel", "model", m.getValue()));
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : cases) {
            for (String command : commands(c.kind())) {
                CASES.merge(command, 1, Integer::sum);
                tests.add(DynamicTest.dynamicTest(command + " <- model/" + c.name(), () -> run(c, command)));
            }
        }
        return tests.stream();
    }

    private static byte[] withHeader(byte[] valid, String field, String value) {
        String text = new String(valid, StandardCharsets.ISO_8859_1);
        return text.replaceFirst("\"" + field + "\":\\d+", "\"" + field + "\":" + value)
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    static List<String> commands(String kind) {
        return switch (kind) {
            case "csv", "daily" -> List.of("detect", "check-series", "forecast-events", "forecast");
            case "geojson" -> List.of("describe-shapes", "classify-shapes --model", "classify-shapes --train");
            case "model" -> List.of("card", "classify-shapes --model");
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static void run(Case c, String command) throws IOException {
        Path dir = Files.createTempDirectory(work, "run");
        String suffix = c.name().contains(".") ? c.name().substring(c.name().lastIndexOf('.')) : "";
        Path in = dir.resolve("in-" + c.name().replaceAll("[^A-Za-z0-9.-]", "_"));
        Files.write(in, c.content());
        boolean daily = c.kind().equals("daily");
        String time = daily ? "date" : "timestamp";
        String value = daily ? "level" : "value";
        String until = daily ? "2023-06-30" : "2024-01-10";
        Path out;
        List<String> args = new ArrayList<>(List.of(command.split(" ")[0]));
        switch (command) {
            case "detect" -> {
                out = dir.resolve("out.csv");
                args.addAll(List.of("--input", in.toString(), "--output", out.toString(), "--time-column", time,
                        "--value-column", value));
            }
            case "check-series" -> {
                out = dir.resolve("out.json");
                args.addAll(List.of("--input", in.toString(), "--output", out.toString(), "--time-column", time,
                        "--value-column", value));
            }
            case "forecast-events", "forecast" -> {
                out = dir.resolve("out.csv");
                args.addAll(List.of("--input", in.toString(), "--output", out.toString(), "--time-column", time,
                        "--value-column", value, "--horizon", "3", "--train-until", until));
                if (command.equals("forecast-events")) {
                    args.addAll(List.of("--threshold", daily ? "1900" : "15"));
                }
            }
            case "describe-shapes" -> {
                out = dir.resolve("out.csv");
                args.addAll(List.of("--input", in.toString(), "--output", out.toString()));
            }
            case "classify-shapes --model" -> {
                out = dir.resolve("out.geojson");
                if (c.kind().equals("model")) {
                    args.addAll(List.of("--model", in.toString(), "--input", shapesInput.toString()));
                } else {
                    args.addAll(List.of("--model", model.toString(), "--input", in.toString()));
                }
                args.addAll(List.of("--output", out.toString()));
            }
            case "classify-shapes --train" -> {
                out = dir.resolve("out.geojson");
                args.addAll(List.of("--train", in.toString(), "--label-property", "kind", "--input",
                        shapesInput.toString(), "--output", out.toString()));
            }
            case "card" -> {
                out = dir.resolve("out.md");
                args.addAll(List.of("--model", in.toString(), "--output", out.toString()));
            }
            default -> throw new IllegalArgumentException(command + suffix);
        }
        RunnerTest.Result r = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(120),
                () -> RunnerTest.run(args.toArray(new String[0])), () -> command + " hung on " + c.name());
        int[] row = TABLE.computeIfAbsent(command, k -> new int[3]);
        OUTCOMES.put(command + "\t" + c.kind() + "/" + c.name(), r.status() + "\t"
                + r.err().strip().lines().findFirst().orElse("").replace(dir + "/", ""));
        try {
            if (r.status() == 0) {
                checkAccepted(command, c, in, out, r);
                synchronized (row) {
                    row[0]++;
                }
            } else {
                assertEquals(2, r.status(), "status 0 or 2, never " + r.status() + ":\n" + r.err());
                String err = r.err().strip();
                assertEquals(1, err.lines().count(), "one line:\n" + r.err());
                assertFalse(err.contains("\tat ") || err.contains("Exception"), "no stack trace or exception name: " + err);
                assertTrue(err.startsWith(command.split(" ")[0] + ": "), err);
                assertTrue(err.contains(in.getFileName().toString()), "names the file: " + err);
                try (Stream<Path> left = Files.list(dir)) {
                    assertEquals(List.of(in), left.toList(), "no output left behind");
                }
                synchronized (row) {
                    row[1]++;
                }
            }
        } catch (AssertionError e) {
            synchronized (row) {
                row[2]++;
            }
            throw new AssertionError(command + " <- " + c.kind() + "/" + c.name() + ": " + e.getMessage(), e);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static void checkAccepted(String command, Case c, Path in, Path out, RunnerTest.Result r)
            throws IOException {
        assertTrue(Files.exists(out), "accepted but no output: " + r.out());
        switch (command) {
            case "detect" -> {
                long rowsIn = csvRows(in);
                long rowsOut = csvRows(out);
                assertEquals(rowsIn, rowsOut, "rows in = rows out");
                assertTrue(r.out().contains(": " + rowsIn + " rows scored"), r.out());
            }
            case "check-series" -> {
                JsonNode report = JSON.readTree(out.toFile());
                assertEquals(csvRows(in), report.get("rows").asLong(), "rows in = rows reported");
            }
            case "forecast-events", "forecast" -> {
                long rowsOut = csvRows(out);
                assertTrue(r.out().contains(": " + rowsOut + (command.equals("forecast") ? " forecasts after "
                        : " dates after ")), "count reported: " + r.out());
            }
            case "describe-shapes" -> assertEquals(features(in), csvRows(out), "features in = rows out");
            case "classify-shapes --model", "classify-shapes --train" -> {
                Path input = c.kind().equals("geojson") && command.endsWith("--model") ? in : shapesInput;
                assertEquals(features(input), features(out), "features in = features out");
                assertTrue(r.out().contains(features(input) + " footprints classified"), r.out());
            }
            case "card" -> assertTrue(Files.size(out) > 100, "card written");
            default -> fail(command);
        }
    }

    /** Data records of a CSV file as the readers see it (UTF-8 or UTF-16 after its BOM, blank lines skipped). */
    static long csvRows(Path file) throws IOException {
        try (CsvReader<CsvRecord> csv = CsvReader.builder().skipEmptyLines(true).allowExtraFields(true)
                .allowMissingFields(true).ofCsvRecord(fr.territoires.ia.core.internal.TextFiles.newReader(file))) {
            return csv.stream().count() - 1;
        }
    }

    private static long features(Path file) throws IOException {
        return JSON.readTree(file.toFile()).get("features").size();
    }

    static Path resource(String name) {
        try {
            return Path.of(BadInputCorpusTest.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
