package fr.territoires.ia.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.territoires.ia.core.trust.ModelFile;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bounded resources: each oversized or pathological input is run through the runner in a child
 * JVM limited to {@code -Xmx512m} and is either processed (within that heap and a time limit) or
 * refused with exit status 2 and one short line. A large CSV (generated here, {@code
 * bounded.csvBytes} bytes, 20 MB by default; the README's 2 GB figure comes from running this
 * test with {@code -Dbounded.csvBytes=2147483648}) goes through {@code detect}, which streams it.
 * Measured peaks are written to {@code target/bounded-resources.md}.
 */
class BoundedResourcesTest {

    private static final long CSV_BYTES = Long.getLong("bounded.csvBytes", 20_000_000L);
    private static final List<String> MEASURED = new ArrayList<>();

    @TempDir
    Path dir;

    /** Status, standard error, peak heap in bytes and wall time of a child run. */
    record Child(int status, String err, long peakHeap, long millis) {
    }

    static Child runChild(Path dir, long timeoutSeconds, String... args) throws IOException, InterruptedException {
        Path peak = dir.resolve("peak.txt");
        Files.deleteIfExists(peak);
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), "-Dpeak.file=" + peak,
                "-Djava.util.logging.config.file=" + System.getProperty("java.util.logging.config.file", ""),
                MeasuredRunner.class.getName()));
        command.addAll(List.of(args));
        Path errFile = dir.resolve("child.err");
        Process p = new ProcessBuilder(command).redirectError(errFile.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("over " + timeoutSeconds + " s: " + String.join(" ", args));
        }
        String err = Files.readString(errFile);
        String[] m = Files.exists(peak) ? Files.readString(peak).strip().split(" ") : new String[] {"-1", "-1"};
        return new Child(p.exitValue(), err, Long.parseLong(m[0]), Long.parseLong(m[1]));
    }

    @AfterAll
    static void writeMeasures() throws IOException {
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            Files.write(target.resolve("bounded-resources.md"), MEASURED);
        }
    }

    private static void measured(String what, Child c) {
        MEASURED.add(String.format(java.util.Locale.ROOT, "| %s | %d | %.0f MB | %.1f s |", what, c.status(),
                c.peakHeap() / 1e6, c.millis() / 1e3));
    }

    private static void assertRefused(Child c, String command, String... fragments) {
        assertEquals(2, c.status(), c.err());
        String e = c.err().strip();
        assertEquals(1, e.lines().count(), e);
        assertTrue(e.length() < 600, "a short line, was " + e.length() + " characters");
        assertTrue(e.startsWith(command + ": "), e);
        for (String f : fragments) {
            assertTrue(e.contains(f), f + " in " + e);
        }
    }

    @Test
    void detect_largeCsv_isStreamedUnder512MegabytesEveryRowOut() throws Exception {
        Path csv = dir.resolve("large.csv");
        long rows = 0;
        long minute = java.time.LocalDateTime.of(1950, 1, 1, 0, 0).toEpochSecond(java.time.ZoneOffset.UTC) / 60;
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("timestamp,value\n");
            long bytes = 16;
            StringBuilder line = new StringBuilder(40);
            while (bytes < CSV_BYTES) {
                java.time.LocalDateTime t = java.time.LocalDateTime.ofEpochSecond((minute + rows) * 60, 0,
                        java.time.ZoneOffset.UTC);
                line.setLength(0);
                line.append(t.getYear()).append('-');
                pad(line, t.getMonthValue()).append('-');
                pad(line, t.getDayOfMonth()).append(' ');
                pad(line, t.getHour()).append(':');
                pad(line, t.getMinute()).append(":00,");
                line.append(40 + (rows * 7919) % 50).append('.').append(rows % 10).append('\n');
                w.append(line);
                bytes += line.length();
                rows++;
            }
        }
        long size = Files.size(csv);
        Path out = dir.resolve("scores.csv");
        Child c = runChild(dir, 3600, "detect", "--input", csv.toString(), "--output", out.toString(), "--zone", "UTC");
        Files.delete(csv);
        measured(String.format(java.util.Locale.ROOT, "`detect`, %.2f GB CSV (%d rows)", size / 1e9, rows), c);
        assertEquals(0, c.status(), c.err());
        long outRows;
        try (var lines = Files.lines(out)) {
            outRows = lines.count() - 1;
        }
        Files.delete(out);
        assertEquals(rows, outRows, "rows in = rows out");
        // Holding the rows would take at least 16 bytes each (time and value) plus the output text.
        assertTrue(c.peakHeap() < 512L << 20, "peak heap " + c.peakHeap());
    }

    private static StringBuilder pad(StringBuilder b, int v) {
        return b.append(v < 10 ? "0" : "").append(v);
    }

    @Test
    void describeShapes_polygonOfAMillionVertices_describedUnder512Megabytes() throws Exception {
        Path geo = dir.resolve("big.geojson");
        int n = 1_000_000;
        try (BufferedWriter w = Files.newBufferedWriter(geo, StandardCharsets.UTF_8)) {
            w.write("{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":"
                    + "\"urn:ogc:def:crs:EPSG::2154\"}},\"features\":[{\"type\":\"Feature\",\"properties\":"
                    + "{\"id\":\"big\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[");
            for (int i = 0; i <= n; i++) {
                double a = 2 * Math.PI * (i % n) / n;
                w.write(String.format(java.util.Locale.ROOT, "%s[%.3f,%.3f]", i == 0 ? "" : ",",
                        700_000 + 500 * Math.cos(a), 6_600_000 + 500 * Math.sin(a)));
            }
            w.write("]]}}]}\n");
        }
        Path out = dir.resolve("d.csv");
        Child c = runChild(dir, 600, "describe-shapes", "--input", geo.toString(), "--output", out.toString());
        measured("`describe-shapes`, one polygon of 10^6 vertices (" + Files.size(geo) / 1_000_000 + " MB)", c);
        assertEquals(0, c.status(), c.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals(2, lines.size());
        // the area of a disc of radius 500 m: 785,398 m2
        assertTrue(lines.get(1).startsWith("0,big,785398,"), lines.get(1));
    }

    @Test
    void jsonNested100000Deep_refusedInGeoJsonAndModelCard() throws Exception {
        Path geo = dir.resolve("deep.geojson");
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        Files.writeString(geo, "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":"
                + "{\"x\":" + deep + "},\"geometry\":null}]}");
        Child c = runChild(dir, 120, "describe-shapes", "--input", geo.toString(), "--output",
                dir.resolve("o.csv").toString());
        measured("`describe-shapes`, JSON nested 100,000 deep", c);
        assertRefused(c, "describe-shapes", "deep.geojson", "nesting depth");
        assertFalse(Files.exists(dir.resolve("o.csv")));

        // A model file whose card is nested 100,000 deep, with a correct checksum.
        byte[] card = ("{\"x\":" + deep + "}").getBytes(StandardCharsets.UTF_8);
        Path model = dir.resolve("deep.tiamodel");
        writeModel(model, card, new byte[0]);
        Child m = runChild(dir, 120, "card", "--model", model.toString(), "--output", dir.resolve("c.md").toString());
        measured("`card`, model card nested 100,000 deep", m);
        assertRefused(m, "card", "deep.tiamodel", "invalid model card");
    }

    @Test
    void modelFile_declaredPayloadOf2pow62Bytes_refusedAtOnce() throws Exception {
        Path model = dir.resolve("huge.tiamodel");
        Files.writeString(model, ModelFile.MAGIC + " 1\n{\"kind\":\"geo.shape-classifier\",\"kindVersion\":1,"
                + "\"encoding\":\"json\",\"library\":\"0.1.0\",\"cardLength\":2,\"payloadLength\":4611686018427387904,"
                + "\"sha256\":\"" + "0".repeat(64) + "\"}\n{}");
        Child c = runChild(dir, 60, "card", "--model", model.toString());
        measured("`card`, model file declaring a 2^62-byte payload", c);
        assertRefused(c, "card", "huge.tiamodel", "payloadLength");
    }

    @Test
    void detect_cellOfAMillionCharacters_andHundredThousandColumns_refusedInOneShortLine() throws Exception {
        Path cell = dir.resolve("cell.csv");
        Files.writeString(cell, "timestamp,value\n2024-01-01 00:00:00," + "7".repeat(1_000_000) + "x\n");
        Child c = runChild(dir, 120, "detect", "--input", cell.toString(), "--output", dir.resolve("o.csv").toString());
        measured("`detect`, one cell of 10^6 characters", c);
        assertRefused(c, "detect", "line 2 of", "cell.csv", "1000001 characters", "is not a number");

        Path wide = dir.resolve("wide.csv");
        StringBuilder b = new StringBuilder("timestamp,value");
        for (int j = 0; j < 100_000; j++) {
            b.append(",c").append(j);
        }
        b.append("\n2024-01-01 00:00:00,1").append(",0".repeat(100_000)).append('\n');
        Files.writeString(wide, b);
        Child w = runChild(dir, 120, "detect", "--input", wide.toString(), "--output", dir.resolve("o.csv").toString());
        measured("`detect`, 10^5 columns", w);
        assertRefused(w, "detect", "wide.csv");
        Child s = runChild(dir, 120, "check-series", "--input", wide.toString());
        measured("`check-series`, 10^5 columns", s);
        assertRefused(s, "check-series", "wide.csv");
        assertFalse(Files.exists(dir.resolve("o.csv")));
    }

    /** Writes a model file in the documented format, with the right checksum, around any card bytes. */
    static void writeModel(Path path, byte[] card, byte[] payload) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(card);
        sha.update(payload);
        String header = "{\"kind\":\"geo.shape-classifier\",\"kindVersion\":1,\"encoding\":\"json\",\"library\":\"0.1.0\","
                + "\"cardLength\":" + card.length + ",\"payloadLength\":" + payload.length + ",\"sha256\":\""
                + HexFormat.of().formatHex(sha.digest()) + "\"}";
        try (var out = Files.newOutputStream(path)) {
            out.write((ModelFile.MAGIC + " 1\n" + header + "\n").getBytes(StandardCharsets.US_ASCII));
            out.write(card);
            out.write(payload);
        }
    }
}
