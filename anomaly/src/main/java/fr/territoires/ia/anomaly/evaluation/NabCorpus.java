package fr.territoires.ia.anomaly.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.territoires.ia.core.OrderPolicy;
import fr.territoires.ia.core.TimeSeries;
import fr.territoires.ia.core.TimeSeriesCsv;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The files and official anomaly windows of a Numenta Anomaly Benchmark folder, to run a detector
 * on the benchmark and score it with {@link NabScorer}.
 *
 * <p>The folder is laid out as NAB's repository: {@code labels/combined_windows.json} maps each
 * file name ({@code <category>/<file>.csv}) to its windows ({@code [[start, end], ...]}, times
 * written {@code yyyy-MM-dd HH:mm:ss.SSSSSS}), and {@code data/<category>/<file>.csv} holds the
 * columns {@code timestamp,value}. NAB timestamps carry no zone: they are read as UTC, so that
 * every wall-clock time exists exactly once. Rows are kept in file order: a few NAB files repeat
 * a timestamp (such as {@code 2014-03-09 03:00:00}, written several times at a daylight-saving
 * change) or step back in time, which the scorer accepts. Files follow the order of the labels file. See Lavin
 * &amp; Ahmad, ICMLA 2015, doi:10.1109/ICMLA.2015.141.
 *
 * <pre>{@code
 * NabCorpus corpus = NabCorpus.load(Path.of("nab"));
 * List<NabFileScore> scores = new ArrayList<>();
 * for (NabCorpus.DataFile f : corpus.files()) {
 *     boolean[] alarms = myDetector.alarms(f.series());
 *     scores.add(NabScorer.score(f.series().epochMillis(), alarms, f.windows(), NabProfile.standard()));
 * }
 * double nab = NabScorer.normalised(scores, NabProfile.standard());
 * }</pre>
 *
 * <p>Instances are immutable and safe for concurrent use.
 *
 * @since 0.1.0
 */
public final class NabCorpus {

    /**
     * One data file of the benchmark with its anomaly windows.
     *
     * <p>Instances are immutable and safe for concurrent use.
     *
     * @param name file name relative to {@code data/}, such as {@code realKnownCause/nyc_taxi.csv}
     * @param series the file's values, timestamps read as UTC
     * @param windows the file's anomaly windows, sorted; empty for files without anomaly
     * @since 0.1.0
     */
    public record DataFile(String name, TimeSeries series, List<NabWindow> windows) {

        /**
         * Validates and copies the entry.
         *
         * @param name file name, not blank
         * @param series the values
         * @param windows the windows
         * @throws NullPointerException when an argument or a window is null
         * @throws IllegalArgumentException when {@code name} is blank
         */
        public DataFile {
            if (Objects.requireNonNull(name, "name").isBlank()) {
                throw new IllegalArgumentException("name must not be blank, was \"" + name + "\"");
            }
            Objects.requireNonNull(series, "series");
            windows = List.copyOf(Objects.requireNonNull(windows, "windows"));
        }
    }

    private final List<DataFile> files;

    private NabCorpus(List<DataFile> files) {
        this.files = List.copyOf(files);
    }

    /**
     * Reads the windows file and every data file it names.
     *
     * @param nabRoot folder holding {@code labels/combined_windows.json} and {@code data/}
     * @return the corpus, files in the order of the windows file
     * @throws NullPointerException when {@code nabRoot} is null
     * @throws IOException when a file cannot be read (for instance a named data file is absent)
     * @throws IllegalArgumentException when the windows file is malformed (naming the file and
     *     window) or a data file is invalid
     */
    public static NabCorpus load(Path nabRoot) throws IOException {
        Objects.requireNonNull(nabRoot, "nabRoot");
        Path labels = nabRoot.resolve("labels").resolve("combined_windows.json");
        JsonNode root;
        try (InputStream in = Files.newInputStream(labels)) {
            root = new ObjectMapper().readTree(in);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("combined_windows.json must be a JSON object, was "
                    + (root == null ? "empty" : root.getNodeType()));
        }
        TimeSeriesCsv.Options options = TimeSeriesCsv.Options.defaults().withZone(ZoneOffset.UTC)
                .withOrderPolicy(OrderPolicy.KEEP_ARRIVAL_ORDER);
        List<DataFile> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            String name = e.getKey();
            List<NabWindow> windows = windows(name, e.getValue());
            TimeSeries series = TimeSeriesCsv.read(nabRoot.resolve("data").resolve(name), options);
            out.add(new DataFile(name, series, windows));
        }
        return new NabCorpus(out);
    }

    /**
     * Returns the files of the corpus.
     *
     * @return the files, in the order of the windows file
     */
    public List<DataFile> files() {
        return files;
    }

    /**
     * Finds a file by name.
     *
     * @param name file name relative to {@code data/}, such as {@code realKnownCause/nyc_taxi.csv}
     * @return the file, or empty when the corpus has none of that name
     * @throws NullPointerException when {@code name} is null
     */
    public Optional<DataFile> file(String name) {
        Objects.requireNonNull(name, "name");
        return files.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /**
     * Returns the number of windows over all files.
     *
     * @return the total number of windows, {@code >= 0}
     */
    public int windowCount() {
        return files.stream().mapToInt(f -> f.windows().size()).sum();
    }

    private static List<NabWindow> windows(String name, JsonNode node) {
        if (!node.isArray()) {
            throw new IllegalArgumentException("windows of " + name + " must be a JSON array, was " + node);
        }
        List<NabWindow> out = new ArrayList<>();
        for (int k = 0; k < node.size(); k++) {
            JsonNode w = node.get(k);
            if (!w.isArray() || w.size() != 2 || !w.get(0).isTextual() || !w.get(1).isTextual()) {
                throw new IllegalArgumentException(
                        "window " + k + " of " + name + " must be [start, end] strings, was " + w);
            }
            out.add(new NabWindow(instant(name, k, w.get(0).asText()), instant(name, k, w.get(1).asText())));
        }
        return out;
    }

    private static Instant instant(String name, int k, String text) {
        try {
            return LocalDateTime.parse(text.trim().replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ex) {
            throw new IllegalArgumentException("window " + k + " of " + name
                    + " must have times like 2014-04-10 07:15:00.000000, was \"" + text + "\"", ex);
        }
    }
}
