package fr.territoires.ia.core.trust;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
     * What a renderer writes, block by block; {@link #write} calls it in the card's order, so that
     * every renderer shows the same sections in the same order.
     *
     * <p>Not thread-safe: confine each instance to one thread.
     */
    interface Writer {

        /** A second-level heading. */
        void h2(String heading);

        /** A third-level heading. */
        void h3(String heading);

        /** The lead paragraph of a section; "not stated" when {@code text} is blank. */
        void lead(String text);

        /** A paragraph. */
        void paragraph(String text);

        /** A warning to the reader. */
        void warning(String text);

        /** A label, then its items as a list ("not stated" when empty); {@code open} marks questions left open. */
        void list(String label, List<String> items, boolean open);

        /** A chart of the metrics, before their table; a renderer may draw none. */
        void chart(List<ModelCard.Metric> metrics);

        /** A table with a header row; the columns in {@code numeric} hold numbers. */
        void grid(List<String> header, List<List<String>> rows, Set<Integer> numeric);

        /** A two-column table of fields and values; a blank value reads "not stated". */
        void fields(List<Map.Entry<String, String>> rows);

        /** "not stated", for an empty block. */
        void none();

        /** A labelled value shown as code, such as a digest. */
        void code(String label, String value);

        /** Starts the part a reader may fold: the technical details. */
        void beginFold(String summary);

        /** Ends the part {@link #beginFold} started. */
        void endFold();
    }

    /**
     * Writes the sections of a card in order: {@link #PURPOSE}, {@link #QUALITY} (with
     * {@link #BY_GROUP}), {@link #RESPONSIBILITY}, {@link #LIMITS}, {@link #DATA}, then folded
     * {@link #DETAILS}, {@link #FACTORS}, {@link #IMPORTANCE} and {@link #ALTAI} (the last two when
     * present).
     *
     * @param card the card
     * @param w the renderer
     */
    static void write(ModelCard card, Writer w) {
        ModelCard.Details d = card.details();
        w.h2(PURPOSE);
        w.lead(purpose(card));
        if (describes(card)) {
            w.paragraph(d.description());
        }
        w.list("Primary users", card.intendedUse().primaryUsers(), false);
        w.list("Out-of-scope uses", card.intendedUse().outOfScopeUses(), false);

        w.h2(QUALITY);
        if (card.metrics().isEmpty()) {
            w.warning(NO_METRIC);
        } else {
            w.chart(card.metrics());
            w.grid(METRIC_HEADER, metricRows(card), Set.of(1, 2));
        }
        if (!card.quantitativeAnalyses().isEmpty()) {
            w.h3(BY_GROUP);
            w.grid(GROUP_HEADER, groupRows(card), Set.of(3, 4));
        }

        w.h2(RESPONSIBILITY);
        w.fields(responsibility(d));

        w.h2(LIMITS);
        w.list("Caveats and recommendations", card.caveats(), false);
        w.list("Ethical considerations", card.ethicalConsiderations(), false);

        w.h2(DATA);
        w.h3(TRAINING_DATA);
        data(w, card.trainingData());
        if (!d.dataDigest().isBlank()) {
            w.code("Training data SHA-256", d.dataDigest());
        }
        w.h3(EVALUATION_DATA);
        data(w, card.evaluationData());

        w.beginFold(TECHNICAL);
        w.h2(DETAILS);
        w.fields(details(d));
        w.h3(OPTIONS);
        keyValues(w, d.options(), "Option");
        w.h3(PROVENANCE);
        keyValues(w, d.provenance(), "Key");
        w.h2(FACTORS);
        w.list("Relevant factors", card.factors().relevant(), false);
        w.list("Evaluation factors", card.factors().evaluation(), false);
        if (!card.featureImportance().isEmpty()) {
            w.h2(IMPORTANCE);
            w.grid(IMPORTANCE_HEADER, importanceRows(card), Set.of(1));
        }
        if (!card.altai().isEmpty()) {
            w.h2(ALTAI);
            for (Altai.Assessment a : card.altai().assessments()) {
                w.h3(a.requirement().title());
                w.list("Evidence", a.evidence(), false);
                w.list("Open questions", a.openQuestions(), true);
            }
        }
        w.endFold();
    }

    private static void data(Writer w, ModelCard.DataSummary data) {
        if (data.isEmpty()) {
            w.none();
        } else {
            w.fields(data(data));
        }
    }

    private static void keyValues(Writer w, Map<String, String> map, String keyTitle) {
        if (map.isEmpty()) {
            w.none();
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        map.forEach((k, v) -> rows.add(List.of(k, v)));
        w.grid(List.of(keyTitle, "Value"), rows, Set.of());
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

    /** Header of the metrics table; the value and interval columns (1, 2) are numbers. */
    static final List<String> METRIC_HEADER = List.of("Metric", "Value", "Interval", "Description");
    /** Header of the {@link #BY_GROUP} table; the value and interval columns (3, 4) are numbers. */
    static final List<String> GROUP_HEADER = List.of("Factor", "Group", "Metric", "Value", "Interval");
    /** Header of the {@link #IMPORTANCE} table; the importance column (1) is a number. */
    static final List<String> IMPORTANCE_HEADER = List.of("Feature", "Importance");

    /**
     * The rows of the metrics table: name, value, interval, description.
     *
     * @param card the card
     * @return one row per metric, in order
     */
    static List<List<String>> metricRows(ModelCard card) {
        List<List<String>> rows = new ArrayList<>();
        for (ModelCard.Metric m : card.metrics()) {
            rows.add(List.of(m.name(), ModelCard.number(m.value()), interval(m), m.description()));
        }
        return rows;
    }

    /**
     * The rows of the {@link #BY_GROUP} table: factor, group, metric, value, interval.
     *
     * @param card the card
     * @return one row per metric of each quantitative analysis, in order
     */
    static List<List<String>> groupRows(ModelCard card) {
        List<List<String>> rows = new ArrayList<>();
        for (ModelCard.QuantitativeAnalysis qa : card.quantitativeAnalyses()) {
            for (ModelCard.Metric m : qa.metrics()) {
                rows.add(List.of(qa.factor(), qa.group(), m.name(), ModelCard.number(m.value()), interval(m)));
            }
        }
        return rows;
    }

    /**
     * The rows of the {@link #IMPORTANCE} table: feature, importance.
     *
     * @param card the card
     * @return one row per feature, in the card's order
     */
    static List<List<String>> importanceRows(ModelCard card) {
        List<List<String>> rows = new ArrayList<>();
        card.featureImportance().forEach((k, v) -> rows.add(List.of(k, ModelCard.number(v))));
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
