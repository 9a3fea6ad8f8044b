package fr.territoires.ia.core.trust;

import fr.territoires.ia.core.trust.ModelCard.DataSummary;
import fr.territoires.ia.core.trust.ModelCard.Metric;
import fr.territoires.ia.core.trust.ModelCard.QuantitativeAnalysis;
import java.util.List;
import java.util.Map;

/**
 * Renders a {@link ModelCard} as Markdown ({@link ModelCard#toMarkdown()}), with the sections,
 * headings and order of the HTML card ({@link CardHtml}, {@link CardSections}).
 *
 * <p>Stateless and safe for concurrent use.
 */
final class CardMarkdown {

    private static final String NOT_STATED = "not stated";

    private CardMarkdown() {
    }

    /**
     * Renders the card as a Markdown document: a title, then the second-level headings of the
     * HTML card in its order, for a reader who must decide whether to trust the model: What it is
     * for, How good it is (with By group when there are quantitative analyses), Who answers for
     * it, Limits, Data (Training data, Evaluation data); then the technical part: Model details
     * (Options, Provenance), Factors and, when present, Feature importance and the ALTAI
     * self-assessment (one third-level heading per requirement, with its evidence and open
     * questions).
     *
     * <p>Metrics and quantitative analyses are tables. Numbers have at most four decimals
     * (four significant digits below 0.001), trailing zeros removed, with a dot as decimal
     * separator whatever the default locale. Empty sections and fields read "not stated". Text is
     * copied as written (it may contain Markdown); in table cells, {@code |} is escaped and line
     * breaks become spaces. Lines end with {@code \n}.
     *
     * @param card the card
     * @return the Markdown text
     */
    static String render(ModelCard card) {
        StringBuilder md = new StringBuilder();
        ModelCard.Details d = card.details();
        md.append("# Model card: ").append(oneLine(d.name())).append("\n\n");

        h2(md, CardSections.PURPOSE);
        String purpose = CardSections.purpose(card);
        md.append(purpose.isBlank() ? NOT_STATED : purpose.strip()).append("\n\n");
        if (CardSections.describes(card)) {
            md.append(d.description().strip()).append("\n\n");
        }
        md.append("**Primary users:**\n\n");
        bullets(md, card.intendedUse().primaryUsers());
        md.append("**Out-of-scope uses:**\n\n");
        bullets(md, card.intendedUse().outOfScopeUses());

        h2(md, CardSections.QUALITY);
        if (card.metrics().isEmpty()) {
            md.append(CardSections.NO_METRIC).append("\n\n");
        } else {
            md.append("| Metric | Value | Interval | Description |\n|---|---|---|---|\n");
            for (Metric m : card.metrics()) {
                md.append("| ").append(cell(m.name()))
                        .append(" | ").append(ModelCard.number(m.value()))
                        .append(" | ").append(CardSections.interval(m))
                        .append(" | ").append(cell(m.description()))
                        .append(" |\n");
            }
            md.append('\n');
        }
        if (!card.quantitativeAnalyses().isEmpty()) {
            h3(md, CardSections.BY_GROUP);
            md.append("| Factor | Group | Metric | Value | Interval |\n|---|---|---|---|---|\n");
            for (QuantitativeAnalysis qa : card.quantitativeAnalyses()) {
                for (Metric m : qa.metrics()) {
                    md.append("| ").append(cell(qa.factor()))
                            .append(" | ").append(cell(qa.group()))
                            .append(" | ").append(cell(m.name()))
                            .append(" | ").append(ModelCard.number(m.value()))
                            .append(" | ").append(CardSections.interval(m))
                            .append(" |\n");
                }
            }
            md.append('\n');
        }

        h2(md, CardSections.RESPONSIBILITY);
        table(md, CardSections.responsibility(d));

        h2(md, CardSections.LIMITS);
        md.append("**Caveats and recommendations:**\n\n");
        bullets(md, card.caveats());
        md.append("**Ethical considerations:**\n\n");
        bullets(md, card.ethicalConsiderations());

        h2(md, CardSections.DATA);
        h3(md, CardSections.TRAINING_DATA);
        data(md, card.trainingData());
        if (!d.dataDigest().isBlank()) {
            md.append("Training data SHA-256: `").append(oneLine(d.dataDigest())).append("`\n\n");
        }
        h3(md, CardSections.EVALUATION_DATA);
        data(md, card.evaluationData());

        // The HTML card folds what follows; here a rule and a line mark where it starts.
        md.append("---\n\n*").append(CardSections.TECHNICAL).append("*\n\n");
        h2(md, CardSections.DETAILS);
        table(md, CardSections.details(d));
        h3(md, CardSections.OPTIONS);
        keyValues(md, d.options(), "Option");
        h3(md, CardSections.PROVENANCE);
        keyValues(md, d.provenance(), "Key");
        h2(md, CardSections.FACTORS);
        md.append("**Relevant factors:**\n\n");
        bullets(md, card.factors().relevant());
        md.append("**Evaluation factors:**\n\n");
        bullets(md, card.factors().evaluation());
        if (!card.featureImportance().isEmpty()) {
            h2(md, CardSections.IMPORTANCE);
            md.append("| Feature | Importance |\n|---|---|\n");
            card.featureImportance().forEach((k, v) -> md.append("| ").append(cell(k)).append(" | ")
                    .append(ModelCard.number(v)).append(" |\n"));
            md.append('\n');
        }
        if (!card.altai().isEmpty()) {
            h2(md, CardSections.ALTAI);
            for (Altai.Assessment a : card.altai().assessments()) {
                h3(md, a.requirement().title());
                md.append("**Evidence:**\n\n");
                bullets(md, a.evidence());
                md.append("**Open questions:**\n\n");
                bullets(md, a.openQuestions());
            }
        }
        // Exactly one final line break.
        md.setLength(md.length() - 1);
        return md.toString();
    }

    private static void h2(StringBuilder md, String heading) {
        md.append("## ").append(heading).append("\n\n");
    }

    private static void h3(StringBuilder md, String heading) {
        md.append("### ").append(heading).append("\n\n");
    }

    private static void table(StringBuilder md, List<Map.Entry<String, String>> rows) {
        md.append("| Field | Value |\n|---|---|\n");
        for (Map.Entry<String, String> r : rows) {
            row(md, cell(r.getKey()), r.getValue());
        }
        md.append('\n');
    }

    private static void row(StringBuilder md, String field, String value) {
        md.append("| ").append(field).append(" | ")
                .append(value.isBlank() ? NOT_STATED : cell(value)).append(" |\n");
    }

    private static void keyValues(StringBuilder md, Map<String, String> map, String keyTitle) {
        if (map.isEmpty()) {
            md.append(NOT_STATED).append("\n\n");
            return;
        }
        md.append("| ").append(keyTitle).append(" | Value |\n|---|---|\n");
        for (Map.Entry<String, String> e : map.entrySet()) {
            md.append("| ").append(cell(e.getKey())).append(" | ").append(cell(e.getValue()))
                    .append(" |\n");
        }
        md.append('\n');
    }

    private static void bullets(StringBuilder md, List<String> items) {
        if (items.isEmpty()) {
            md.append(NOT_STATED).append("\n\n");
            return;
        }
        for (String item : items) {
            md.append("- ").append(oneLine(item)).append('\n');
        }
        md.append('\n');
    }

    private static void data(StringBuilder md, DataSummary data) {
        if (data.isEmpty()) {
            md.append(NOT_STATED).append("\n\n");
            return;
        }
        table(md, CardSections.data(data));
    }

    private static String cell(String text) {
        return oneLine(text).replace("|", "\\|");
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
