package fr.territoires.ia.core.trust;

import fr.territoires.ia.core.internal.Checks;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An ALTAI self-assessment: the seven requirements of the European Commission's High-Level Expert
 * Group on AI, "Assessment List for Trustworthy Artificial Intelligence (ALTAI) for
 * self-assessment", 2020, doi:10.2759/002360, each with the evidence the library has and the
 * questions only the public body can answer.
 *
 * <p>{@link #prefill(ModelCard, List)} fills the evidence from what a model card records
 * (metrics and their intervals, fall-back baseline, provenance and data digest, disaggregated
 * metrics, personal-data check) and leaves the other questions open, each marked
 * {@value #TO_BE_ANSWERED}. An empty assessment (no requirement) means "not assessed".
 *
 * <p>Instances are immutable and safe for concurrent use.
 *
 * @param assessments one entry per assessed requirement, in the order of {@link Requirement}
 * @since 0.1.0
 */
public record Altai(List<Assessment> assessments) {

    /** The mark that ends every open question. */
    public static final String TO_BE_ANSWERED = "(to be answered by the body)";

    /**
     * Validates and copies the assessments.
     *
     * @param assessments the assessments
     * @throws NullPointerException when the list or an element is null
     * @throws IllegalArgumentException when a requirement appears twice
     */
    public Altai {
        assessments = List.copyOf(Objects.requireNonNull(assessments, "assessments"));
        Map<Requirement, Boolean> seen = new EnumMap<>(Requirement.class);
        for (Assessment a : assessments) {
            if (seen.put(a.requirement(), Boolean.TRUE) != null) {
                throw new IllegalArgumentException("requirement " + a.requirement().title()
                        + " must appear once, was repeated");
            }
        }
    }

    /**
     * The seven requirements of trustworthy AI, in the order of the ALTAI list.
     *
     * @since 0.1.0
     */
    public enum Requirement {
        /** Human agency and oversight. */
        HUMAN_AGENCY_AND_OVERSIGHT("Human agency and oversight"),
        /** Technical robustness and safety. */
        TECHNICAL_ROBUSTNESS_AND_SAFETY("Technical robustness and safety"),
        /** Privacy and data governance. */
        PRIVACY_AND_DATA_GOVERNANCE("Privacy and data governance"),
        /** Transparency. */
        TRANSPARENCY("Transparency"),
        /** Diversity, non-discrimination and fairness. */
        DIVERSITY_NON_DISCRIMINATION_AND_FAIRNESS("Diversity, non-discrimination and fairness"),
        /** Societal and environmental well-being. */
        SOCIETAL_AND_ENVIRONMENTAL_WELL_BEING("Societal and environmental well-being"),
        /** Accountability. */
        ACCOUNTABILITY("Accountability");

        private final String title;

        Requirement(String title) {
            this.title = title;
        }

        /**
         * Returns the title of the requirement as ALTAI writes it.
         *
         * @return e.g. {@code "Human agency and oversight"}
         */
        public String title() {
            return title;
        }
    }

    /**
     * The assessment of one requirement.
     *
     * <p>Instances are immutable and safe for concurrent use.
     *
     * @param requirement the requirement
     * @param evidence what the library or the body established, one fact per item
     * @param openQuestions questions still to answer, each ending with {@value Altai#TO_BE_ANSWERED}
     *     when pre-filled
     * @since 0.1.0
     */
    public record Assessment(Requirement requirement, List<String> evidence, List<String> openQuestions) {

        /**
         * Validates and copies the fields.
         *
         * @param requirement the requirement
         * @param evidence evidence items
         * @param openQuestions open questions
         * @throws NullPointerException when a field or element is null
         * @throws IllegalArgumentException when an element is blank
         */
        public Assessment {
            Objects.requireNonNull(requirement, "requirement");
            evidence = texts(evidence, "evidence");
            openQuestions = texts(openQuestions, "openQuestions");
        }
    }

    /**
     * Returns the empty assessment ("not assessed").
     *
     * @return an assessment with no requirement
     */
    public static Altai empty() {
        return new Altai(List.of());
    }

    /**
     * Tells whether no requirement was assessed.
     *
     * @return true when {@link #assessments()} is empty
     */
    public boolean isEmpty() {
        return assessments.isEmpty();
    }

    /**
     * Pre-fills the seven requirements from a model card and the result of a personal-data check.
     *
     * <p>Evidence taken from the card: the metrics and whether they carry intervals, metrics whose
     * name or description mentions a baseline, persistence, climatology or a naive forecast (the
     * fall-back), the algorithm, seed, provenance and
     * training-data digest, the quantitative analyses per factor, the global feature importance,
     * the caveats. The findings of {@link PersonalDataCheck} become privacy evidence (none found
     * is stated as such, with its limits). Everything else is an open question.
     *
     * @param card the card
     * @param findings findings of the personal-data check on the model's inputs
     * @return the seven assessments, in order
     * @throws NullPointerException when an argument is null
     */
    public static Altai prefill(ModelCard card, List<PersonalDataCheck.Finding> findings) {
        Objects.requireNonNull(card, "card");
        List<PersonalDataCheck.Finding> found = List.copyOf(Objects.requireNonNull(findings, "findings"));
        ModelCard.Details d = card.details();
        List<Assessment> out = new ArrayList<>();

        List<String> human = new ArrayList<>();
        human.add("The library produces scores, alerts or labels; it takes no decision by itself.");
        if (!card.intendedUse().primaryUsers().isEmpty()) {
            human.add("Primary users named in the card: " + String.join("; ", card.intendedUse().primaryUsers()) + ".");
        }
        out.add(new Assessment(Requirement.HUMAN_AGENCY_AND_OVERSIGHT, human, open(
                "Who reviews each output before it is acted on, and can they overrule it?",
                "How are citizens told that an algorithm contributed to a decision about them?")));

        List<String> robust = new ArrayList<>();
        if (card.metrics().isEmpty()) {
            robust.add("No evaluation metric is recorded in the card.");
        } else {
            long withInterval = card.metrics().stream().filter(ModelCard.Metric::hasInterval).count();
            robust.add(card.metrics().size() + " evaluation metrics recorded, " + withInterval
                    + " with an uncertainty interval.");
        }
        for (ModelCard.Metric m : card.metrics()) {
            String text = (m.name() + " " + m.description()).toLowerCase(java.util.Locale.ROOT);
            if (text.contains("baseline") || text.contains("fall-back") || text.contains("fallback")
                    || text.contains("persistence") || text.contains("climatology") || text.contains("naive")) {
                robust.add("Compared with a baseline: " + m.name() + " = " + ModelCard.number(m.value()) + ".");
            }
        }
        if (!card.evaluationData().source().isBlank() || card.evaluationData().rows() > 0) {
            robust.add("Evaluation data: " + describe(card.evaluationData()) + ".");
        }
        out.add(new Assessment(Requirement.TECHNICAL_ROBUSTNESS_AND_SAFETY, robust, open(
                "What is the fall-back procedure when the model is unavailable or its inputs are missing?",
                "How often is the model re-evaluated on recent data, and by whom?")));

        List<String> privacy = new ArrayList<>();
        if (found.isEmpty()) {
            privacy.add("Personal-data check on the input columns: nothing looked like personal data"
                    + " (a heuristic on names and sample values, not a proof of anonymity).");
        } else {
            for (PersonalDataCheck.Finding f : found) {
                privacy.add("Personal-data check: " + f.message() + ".");
            }
        }
        if (!d.dataDigest().isEmpty()) {
            privacy.add("Training data identified by SHA-256 " + d.dataDigest() + ".");
        }
        out.add(new Assessment(Requirement.PRIVACY_AND_DATA_GOVERNANCE, privacy, open(
                "What is the legal basis for processing these data, and is the processing in the GDPR record of processing activities?",
                "Who may access the data and the model, and how long are they kept?")));

        List<String> transparency = new ArrayList<>();
        transparency.add("Algorithm: " + (d.algorithm().isBlank() ? "not stated" : d.algorithm())
                + (d.seed().isPresent() ? ", seed " + d.seed().getAsLong() : "")
                + ", library version " + (d.libraryVersion().isBlank() ? "not stated" : d.libraryVersion()) + ".");
        if (!d.provenance().isEmpty()) {
            transparency.add("Tribuo provenance recorded (" + d.provenance().size() + " entries).");
        }
        if (!card.featureImportance().isEmpty()) {
            transparency.add("Global importance of " + card.featureImportance().size()
                    + " input features recorded; individual results can be explained by their top factors.");
        }
        out.add(new Assessment(Requirement.TRANSPARENCY, transparency, open(
                "Is the public-algorithm notice (CRPA art. L312-1-3) published, and where?",
                "Can a person obtain, on request, the explanation of a result concerning them (CRPA art. R311-3-1-2)?")));

        List<String> fairness = new ArrayList<>();
        if (card.quantitativeAnalyses().isEmpty()) {
            fairness.add("No metric is broken down by group: differences between groups are not measured.");
        } else {
            List<String> factors = new ArrayList<>();
            for (ModelCard.QuantitativeAnalysis qa : card.quantitativeAnalyses()) {
                if (!factors.contains(qa.factor())) {
                    factors.add(qa.factor());
                }
            }
            fairness.add("Metrics broken down by " + String.join(", ", factors) + " ("
                    + card.quantitativeAnalyses().size() + " groups).");
        }
        out.add(new Assessment(Requirement.DIVERSITY_NON_DISCRIMINATION_AND_FAIRNESS, fairness, open(
                "Could a gap between groups (districts, stations, building classes) lead to unequal treatment of residents?",
                "Were the people affected, or their representatives, consulted?")));

        out.add(new Assessment(Requirement.SOCIETAL_AND_ENVIRONMENTAL_WELL_BEING,
                List.of("Models are small (tree ensembles, linear models, robust statistics) and run on one machine."),
                open("What is the expected benefit for residents and the environment, and how will it be measured?")));

        List<String> accountability = new ArrayList<>();
        accountability.add("Model files are versioned and checksummed (SHA-256); the card travels inside the file.");
        if (!d.organisation().isBlank()) {
            accountability.add("Organisation responsible: " + d.organisation() + ".");
        }
        if (!card.caveats().isEmpty()) {
            accountability.add(card.caveats().size() + " caveats recorded in the card.");
        }
        out.add(new Assessment(Requirement.ACCOUNTABILITY, accountability, open(
                "Who is accountable for the decisions taken with the model's help, and how can they be contested?",
                "Is there an audit (internal or external) planned, and when?")));
        return new Altai(out);
    }

    private static String describe(ModelCard.DataSummary data) {
        StringBuilder s = new StringBuilder(data.source().isBlank() ? "source not stated" : data.source());
        if (!data.extent().isBlank()) {
            s.append(", ").append(data.extent());
        }
        if (data.rows() > 0) {
            s.append(", ").append(data.rows()).append(" rows");
        }
        return s.toString();
    }

    private static List<String> open(String... questions) {
        List<String> out = new ArrayList<>(questions.length);
        for (String q : questions) {
            out.add(q + " " + TO_BE_ANSWERED);
        }
        return out;
    }

    private static List<String> texts(List<String> list, String name) {
        return Checks.nonBlankTexts(list, name);
    }
}
