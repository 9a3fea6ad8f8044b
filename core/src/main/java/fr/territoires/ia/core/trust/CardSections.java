package fr.territoires.ia.core.trust;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The sections of a rendered {@link ModelCard} and the rows of its tables, shared by
 * {@link CardHtml} and {@link CardMarkdown} so that both show the same sections, under the same
 * headings, in the same order: for a reader who must decide whether to trust the model, what it
 * is for, how good it is against its baselines, who answers for it, its limits and its data come
 * first; the technical details and provenance, the factors, the feature importance and the ALTAI
 * self-assessment last.
 *
 * <p>Stateless and safe for concurrent use.
 */
final class CardSections {

    /** First section: the primary uses (or the description), users and out-of-scope uses. */
    static final String PURPOSE = "What it is for";
    /** Second section: the metrics, then the quantitative analyses under {@link #BY_GROUP}. */
    static final String QUALITY = "How good it is";
    /** Sub-section of {@link #QUALITY}, present when the card has quantitative analyses. */
    static final String BY_GROUP = "By group";
    /** Third section: {@link #responsibility}. */
    static final String RESPONSIBILITY = "Who answers for it";
    /** Fourth section: caveats and recommendations, then ethical considerations. */
    static final String LIMITS = "Limits";
    /** Fifth section: training data (with its digest), then evaluation data. */
    static final String DATA = "Data";
    /** Sub-section of {@link #DATA}. */
    static final String TRAINING_DATA = "Training data";
    /** Sub-section of {@link #DATA}. */
    static final String EVALUATION_DATA = "Evaluation data";
    /** What the HTML card folds: the sections from {@link #DETAILS} on. */
    static final String TECHNICAL = "Technical details and provenance";
    /** First technical section: {@link #details}, then {@link #OPTIONS} and {@link #PROVENANCE}. */
    static final String DETAILS = "Model details";
    /** Sub-section of {@link #DETAILS}. */
    static final String OPTIONS = "Options";
    /** Sub-section of {@link #DETAILS}. */
    static final String PROVENANCE = "Provenance";
    /** Relevant and evaluation factors. */
    static final String FACTORS = "Factors";
    /** Present when the card has feature importances. */
    static final String IMPORTANCE = "Feature importance";
    /** Present when the card has an ALTAI self-assessment; one sub-section per requirement. */
    static final String ALTAI = "ALTAI self-assessment";

    /** Said in {@link #QUALITY} when the card has no metric. */
    static final String NO_METRIC = "No measured quality is recorded in this card: evaluate the model on"
            + " local data before relying on it.";

    private CardSections() {
    }

    /**
     * The lead of {@link #PURPOSE}: the primary uses, or the description when they are blank.
     *
     * @param card the card
     * @return the text, possibly blank
     */
    static String purpose(ModelCard card) {
        String uses = card.intendedUse().primaryUses();
        return !uses.isBlank() ? uses : card.details().description();
    }

    /**
     * Whether the description follows the lead of {@link #PURPOSE}: when it is not blank and is
     * not the lead itself.
     *
     * @param card the card
     * @return true to show the description under the lead
     */
    static boolean describes(ModelCard card) {
        String d = card.details().description();
        return !d.isBlank() && !purpose(card).equals(d);
    }

    /**
     * The rows of {@link #RESPONSIBILITY}: organisation, licence, version, training time, library
     * version.
     *
     * @param d the card's details
     * @return (field, value) pairs, values possibly blank
     */
    static List<Map.Entry<String, String>> responsibility(ModelCard.Details d) {
        return List.of(Map.entry("Organisation", d.organisation()), Map.entry("Licence", d.licence()),
                Map.entry("Version", d.version()), Map.entry("Trained at", trainedAt(d)),
                Map.entry("Library version", d.libraryVersion()));
    }

    /**
     * The rows of {@link #DETAILS}: name, version, algorithm, organisation, licence, training
     * time, seed, library version, training data digest.
     *
     * @param d the card's details
     * @return (field, value) pairs, values possibly blank
     */
    static List<Map.Entry<String, String>> details(ModelCard.Details d) {
        return List.of(Map.entry("Name", d.name()), Map.entry("Version", d.version()),
                Map.entry("Algorithm", d.algorithm()), Map.entry("Organisation", d.organisation()),
                Map.entry("Licence", d.licence()), Map.entry("Trained at", trainedAt(d)),
                Map.entry("Seed", d.seed().isPresent() ? Long.toString(d.seed().getAsLong()) : ""),
                Map.entry("Library version", d.libraryVersion()),
                Map.entry("Training data SHA-256", d.dataDigest()));
    }

    /**
     * The rows of a data summary: source, extent, rows (blank when 0), then its details in order.
     *
     * @param data the summary
     * @return (field, value) pairs, values possibly blank; empty when the summary is
     */
    static List<Map.Entry<String, String>> data(ModelCard.DataSummary data) {
        if (data.isEmpty()) {
            return List.of();
        }
        List<Map.Entry<String, String>> rows = new ArrayList<>();
        rows.add(Map.entry("Source", data.source()));
        rows.add(Map.entry("Extent", data.extent()));
        rows.add(Map.entry("Rows", data.rows() == 0 ? "" : Long.toString(data.rows())));
        rows.addAll(data.details().entrySet());
        return rows;
    }

    /**
     * A metric's interval as {@code [lower, upper]}, or an empty string when it has none.
     *
     * @param m the metric
     * @return the interval text
     */
    static String interval(ModelCard.Metric m) {
        return m.hasInterval() ? "[" + ModelCard.number(m.lower()) + ", " + ModelCard.number(m.upper()) + "]" : "";
    }

    private static String trainedAt(ModelCard.Details d) {
        return d.trainedAt().map(Instant::toString).orElse("");
    }
}
