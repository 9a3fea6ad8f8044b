package fr.territoires.ia.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.territoires.ia.core.TimeSeries;
import fr.territoires.ia.forecasting.synthetic.RiverSimulator;
import fr.territoires.ia.geo.GeoJson;
import fr.territoires.ia.geo.synthetic.FootprintSimulator;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Determinism: the same input and seed give byte-identical outputs from every runner command that
 * writes files, run after run (the runner has no {@code --threads} option: its commands score on
 * one thread). Crash safety: the runner killed with SIGKILL while it writes a large output leaves
 * at the output path either nothing or the previous complete file, never a partial one.
 */
class DeterminismAndCrashSafetyTest {

    @TempDir
    Path dir;

    @Test
    void everyCommand_sameInputSameSeed_byteIdenticalOutputs() throws Exception {
        Path meter = dir.resolve("meter.csv");
        Files.copy(BadInputCorpusTest.resource("corpus/seed/meter.csv"), meter);
        Path sensors = dir.resolve("sensors.csv");
        StringBuilder s = new StringBuilder("timestamp,flow,pressure\n");
        java.util.Random r = new java.util.Random(4);
        for (int i = 0; i < 300; i++) {
            s.append(java.time.Instant.ofEpochSecond(1_704_067_200L + 3600L * i)).append(',')
                    .append(50 + 20 * Math.sin(i / 4.0) + r.nextGaussian()).append(',').append(3 + r.nextGaussian() * 0.1)
                    .append('\n');
        }
        Files.writeString(sensors, s);
        Path river = dir.resolve("river.csv");
        TimeSeries levels = RiverSimulator.simulate(LocalDate.of(2000, 1, 1), 6 * 365, 4.0, 0.0, 5L);
        StringBuilder d = new StringBuilder("date,level\n");
        for (int i = 0; i < levels.size(); i++) {
            d.append(LocalDate.ofInstant(levels.timestamp(i), ZoneOffset.UTC)).append(',')
                    .append(Math.round(levels.value(i))).append('\n');
        }
        Files.writeString(river, d);
        Path train = dir.resolve("train.geojson");
        GeoJson.write(train, FootprintSimulator.simulate(200, 9L));
        Path shapes = dir.resolve("shapes.geojson");
        GeoJson.write(shapes, FootprintSimulator.simulate(60, 10L));

        List<String[]> commands = new ArrayList<>();
        commands.add(new String[] {"detect", "--input", meter.toString(), "--explain", "--output", "OUT.csv"});
        commands.add(new String[] {"detect", "--input", meter.toString(), "--detector", "cad-ose", "--output", "OUT.csv"});
        commands.add(new String[] {"detect", "--input", sensors.toString(), "--all-numeric", "--explain", "--output",
            "OUT.csv"});
        commands.add(new String[] {"detect", "--input", sensors.toString(), "--all-numeric", "--detector",
            "one-class-svm", "--output", "OUT.csv"});
        commands.add(new String[] {"check-series", "--input", meter.toString(), "--output", "OUT.json"});
        commands.add(new String[] {"forecast-events", "--input", river.toString(), "--value-column", "level",
            "--threshold", "3000", "--horizon", "3", "--train-until", "2004-12-31", "--explain", "--output", "OUT.csv"});
        commands.add(new String[] {"forecast", "--input", river.toString(), "--value-column", "level", "--horizon", "3",
            "--train-until", "2004-12-31", "--output", "OUT.csv"});
        commands.add(new String[] {"classify-shapes", "--train", train.toString(), "--label-property", "kind", "--input",
            shapes.toString(), "--explain", "--output", "OUT.geojson"});
        commands.add(new String[] {"describe-shapes", "--input", shapes.toString(), "--output", "OUT.csv"});
        for (String[] c : commands) {
            byte[] first = null;
            for (int run = 0; run < 2; run++) {
                String[] args = c.clone();
                Path out = dir.resolve("run" + run + "-" + args[args.length - 1]);
                args[args.length - 1] = out.toString();
                RunnerTest.Result res = RunnerTest.run(args);
                assertEquals(0, res.status(), String.join(" ", c) + ": " + res.err());
                byte[] bytes = Files.readAllBytes(out);
                Files.delete(out);
                if (first == null) {
                    first = bytes;
                } else {
                    assertArrayEquals(first, bytes, "byte-identical: " + String.join(" ", c));
                }
            }
        }
    }

    @Test
    void runnerKilledWhileWriting_outputIsNothingOrThePreviousCompleteFile() throws Exception {
        Path csv = dir.resolve("large.csv");
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("timestamp,value\n");
            for (int i = 0; i < 600_000; i++) {
                w.write(java.time.Instant.ofEpochSecond(1_000_000_000L + 60L * i) + "," + (40 + i % 37) + "\n");
            }
        }
        Path out = dir.resolve("scores.csv");
        // 1. No previous file: after the kill the output path holds nothing.
        assertKilledMidWrite(csv, out);
        assertFalse(Files.exists(out), "no partial output");
        // 2. A previous complete file: after the kill it is still there, unchanged.
        byte[] previous = "timestamp,value,anomaly_score\nprevious,complete,file\n".getBytes(StandardCharsets.UTF_8);
        Files.write(out, previous);
        assertKilledMidWrite(csv, out);
        assertArrayEquals(previous, Files.readAllBytes(out), "the previous file, unchanged");
    }

    /** Starts detect in a child JVM, waits until its temporary output holds 1 MB, then kills it (SIGKILL). */
    private void assertKilledMidWrite(Path csv, Path out) throws Exception {
        List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx512m", "-cp",
                System.getProperty("java.class.path"), MeasuredRunner.class.getName(), "detect", "--input",
                csv.toString(), "--output", out.toString(), "--zone", "UTC");
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        boolean partial = false;
        while (!partial && System.nanoTime() < deadline && p.isAlive()) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    String name = f.getFileName().toString();
                    if (name.startsWith(".scores.csv") && name.endsWith(".tmp") && Files.size(f) > 1_000_000) {
                        partial = true;
                    }
                }
            } catch (java.nio.file.NoSuchFileException e) {
                // the temporary file was renamed or removed while listing: look again
            }
            Thread.sleep(5);
        }
        assertTrue(p.isAlive(), "still writing when killed");
        assertTrue(partial, "a partial temporary output was seen");
        p.destroyForcibly();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, p.exitValue(), "killed by SIGKILL");
    }
}
