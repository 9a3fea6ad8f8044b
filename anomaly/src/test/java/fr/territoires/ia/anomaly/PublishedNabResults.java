package fr.territoires.ia.anomaly;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads NAB's published results staged beside the data: the per-file raw scores of every
 * detector ({@code published_results/nab_v1_published_per_file_scores.csv}) and the thresholds
 * the published pipeline chose ({@code labels/published_thresholds.json}).
 */
final class PublishedNabResults {

    /** Profile names as NAB spells them, in the order standard, low FP, low FN. */
    static final String[] PROFILES = {"standard", "reward_low_FP_rate", "reward_low_FN_rate"};

    /**
     * One published row.
     *
     * @param file file relative to {@code data/}
     * @param threshold alarm threshold
     * @param score raw NAB score
     * @param tp true-positive rows
     * @param fp false-positive rows
     * @param fn false-negative rows
     */
    record Row(String file, double threshold, double score, int tp, int fp, int fn) {
    }

    private PublishedNabResults() {
    }

    /**
     * Returns the published rows of one detector and profile, keyed by file.
     *
     * @param nabRoot folder holding {@code published_results/}
     * @param detector detector name, e.g. {@code ARTime}
     * @param profile NAB profile name
     * @return rows by file, in file order
     * @throws IOException when the file cannot be read
     */
    static Map<String, Row> perFile(Path nabRoot, String detector, String profile) throws IOException {
        List<String> lines = Files.readAllLines(
                nabRoot.resolve("published_results/nab_v1_published_per_file_scores.csv"), StandardCharsets.UTF_8);
        Map<String, Row> out = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            if (c.length >= 10 && c[0].equals(detector) && c[1].equals(profile)) {
                out.put(c[2], new Row(c[2], Double.parseDouble(c[3]), Double.parseDouble(c[4]),
                        Integer.parseInt(c[5]), Integer.parseInt(c[7]), Integer.parseInt(c[8])));
            }
        }
        return out;
    }

    /**
     * Returns the published threshold of a detector and profile.
     *
     * @param nabRoot folder holding {@code labels/}
     * @param detector detector name
     * @param profile NAB profile name
     * @return the threshold
     * @throws IOException when the file cannot be read
     */
    static double threshold(Path nabRoot, String detector, String profile) throws IOException {
        JsonNode root = new ObjectMapper().readTree(nabRoot.resolve("labels/published_thresholds.json").toFile());
        JsonNode node = root.path(detector).path(profile).path("threshold");
        if (!node.isNumber()) {
            throw new IllegalArgumentException("no published threshold for " + detector + "/" + profile);
        }
        return node.asDouble();
    }
}
