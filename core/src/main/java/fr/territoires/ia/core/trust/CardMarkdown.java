package fr.territoires.ia.core.trust;

import fr.territoires.ia.core.trust.ModelCard.DataSummary;
import fr.territoires.ia.core.trust.ModelCard.Factors;
import fr.territoires.ia.core.trust.ModelCard.Metric;
import fr.territoires.ia.core.trust.ModelCard.QuantitativeAnalysis;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Renders a {@link ModelCard} as Markdown ({@link ModelCard#toMarkdown()}), as {@link CardHtml}
 * renders it as HTML.
 *
 * <p>Stateless and safe for concurrent use.
 */
final class CardMarkdown {

    private static final String NOT_STATED = "not stated";

    private CardMarkdown() {
    }

    /**
     * Renders the card as a Markdown document: a title, then one second-level heading per section
     * in the order of Mitchell et al. (Model details, Intended use, Factors, Metrics, Evaluation
     * data, Training data, Quantitative analyses, Ethical considerations, Caveats and
     * recommendations), then, when present, Feature importance and the ALTAI self-assessment (one
     * third-level heading per requirement, with its evidence and open questions).
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
        md.append("# Model card: ").append(oneLine(card.details().name())).append("\n\n");

        md.append("## Model details\n\n");
        md.append("| Field | Value |\n|---|---|\n");
        row(md, "Name", card.details().name());
        row(md, "Version", card.details().version());
        row(md, "Algorithm", card.details().algorithm());
        row(md, "Organisation", card.details().organisation());
        row(md, "Licence", card.details().licence());
        row(md, "Trained at", card.details().trainedAt().map(Instant::toString).orElse(""));
        row(md, "Seed", card.details().seed().isPresent() ? Long.toString(card.details().seed().getAsLong()) : "");
        row(md, "Library version", card.details().libraryVersion());
        row(md, "Training data SHA-256", card.details().dataDigest());
        md.append('\n');
        if (!card.details().description().isBlank()) {
            md.append(card.details().description().strip()).append("\n\n");
        }
        md.append("### Options\n\n");
        keyValues(md, card.details().options(), "Option");
        md.append("### Provenance\n\n");
        keyValues(md, card.details().provenance(), "Key");

        md.append("## Intended use\n\n");
        if (card.intendedUse().isEmpty()) {
            md.append(NOT_STATED).append("\n\n");
        } else {
            md.append("**Primary uses:** ")
                    .append(card.intendedUse().primaryUses().isBlank() ? NOT_STATED : card.intendedUse().primaryUses().strip())
                    .append("\n\n");
            md.append("**Primary users:**\n\n");
            bullets(md, card.intendedUse().primaryUsers());
            md.append("**Out-of-scope uses:**\n\n");
            bullets(md, card.intendedUse().outOfScopeUses());
        }

        md.append("## Factors\n\n");
        md.append("**Relevant factors:**\n\n");
        bullets(md, card.factors().relevant());
        md.append("**Evaluation factors:**\n\n");
        bullets(md, card.factors().evaluation());

        md.append("## Metrics\n\n");
        if (card.metrics().isEmpty()) {
            md.append(NOT_STATED).append("\n\n");
        } else {
            md.append("| Metric | Value | Interval | Description |\n|---|---|---|---|\n");
            for (Metric m : card.metrics()) {
                md.append("| ").append(cell(m.name()))
                        .append(" | ").append(ModelCard.number(m.value()))
                        .append(" | ").append(interval(m))
                        .append(" | ").append(cell(m.description()))
                        .append(" |\n");
            }
            md.append('\n');
        }

        md.append("## Evaluation data\n\n");
        data(md, card.evaluationData());
        md.append("## Training data\n\n");
        data(md, card.trainingData());

        md.append("## Quantitative analyses\n\n");
        if (card.quantitativeAnalyses().isEmpty()) {
            md.append(NOT_STATED).append("\n\n");
        } else {
            md.append("| Factor | Group | Metric | Value | Interval |\n|---|---|---|---|---|\n");
            for (QuantitativeAnalysis qa : card.quantitativeAnalyses()) {
                for (Metric m : qa.metrics()) {
                    md.append("| ").append(cell(qa.factor()))
                            .append(" | ").append(cell(qa.group()))
                            .append(" | ").append(cell(m.name()))
                            .append(" | ").append(ModelCard.number(m.value()))
                            .append(" | ").append(interval(m))
                            .append(" |\n");
                }
            }
            md.append('\n');
        }

        md.append("## Ethical considerations\n\n");
        bullets(md, card.ethicalConsiderations());
        md.append("## Caveats and recommendations\n\n");
        bullets(md, card.caveats());
        if (!card.featureImportance().isEmpty()) {
            md.append("## Feature importance\n\n| Feature | Importance |\n|---|---|\n");
            card.featureImportance().forEach((k, v) -> md.append("| ").append(cell(k)).append(" | ")
                    .append(ModelCard.number(v)).append(" |\n"));
            md.append('\n');
        }
        if (!card.altai().isEmpty()) {
            md.append("## ALTAI self-assessment\n\n");
            for (Altai.Assessment a : card.altai().assessments()) {
                md.append("### ").append(a.requirement().title()).append("\n\n");
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
        md.append("| Field | Value |\n|---|---|\n");
        row(md, "Source", data.source());
        row(md, "Extent", data.extent());
        row(md, "Rows", data.rows() == 0 ? "" : Long.toString(data.rows()));
        for (Map.Entry<String, String> e : data.details().entrySet()) {
            row(md, cell(e.getKey()), e.getValue());
        }
        md.append('\n');
    }

    private static String interval(Metric m) {
        return m.hasInterval() ? "[" + ModelCard.number(m.lower()) + ", " + ModelCard.number(m.upper()) + "]" : "";
    }


    private static String cell(String text) {
        return oneLine(text).replace("|", "\\|");
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
