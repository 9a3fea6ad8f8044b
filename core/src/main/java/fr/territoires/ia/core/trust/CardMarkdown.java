package fr.territoires.ia.core.trust;

import java.util.List;
import java.util.Map;
import java.util.Set;

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
        md.append("# Model card: ").append(oneLine(card.details().name())).append("\n\n");
        CardSections.write(card, new Markdown(md));
        // Exactly one final line break.
        md.setLength(md.length() - 1);
        return md.toString();
    }

    /** The Markdown blocks of the card's sections, each followed by a blank line. */
    private static final class Markdown implements CardSections.Writer {
        private final StringBuilder md;

        Markdown(StringBuilder md) {
            this.md = md;
        }

        @Override
        public void h2(String heading) {
            md.append("## ").append(heading).append("\n\n");
        }

        @Override
        public void h3(String heading) {
            md.append("### ").append(heading).append("\n\n");
        }

        @Override
        public void lead(String text) {
            md.append(text.isBlank() ? NOT_STATED : text.strip()).append("\n\n");
        }

        @Override
        public void paragraph(String text) {
            md.append(text.strip()).append("\n\n");
        }

        @Override
        public void warning(String text) {
            md.append(text).append("\n\n");
        }

        @Override
        public void list(String label, List<String> items, boolean open) {
            md.append("**").append(label).append(":**\n\n");
            if (items.isEmpty()) {
                none();
                return;
            }
            for (String item : items) {
                md.append("- ").append(oneLine(item)).append('\n');
            }
            md.append('\n');
        }

        @Override
        public void chart(List<ModelCard.Metric> metrics) {
            // Tables only: the metrics' table follows.
        }

        @Override
        public void grid(List<String> header, List<List<String>> rows, Set<Integer> numeric) {
            md.append("| ").append(String.join(" | ", header)).append(" |\n|").append("---|".repeat(header.size()))
                    .append('\n');
            for (List<String> r : rows) {
                md.append('|');
                r.forEach(c -> md.append(' ').append(cell(c)).append(" |"));
                md.append('\n');
            }
            md.append('\n');
        }

        @Override
        public void fields(List<Map.Entry<String, String>> rows) {
            md.append("| Field | Value |\n|---|---|\n");
            for (Map.Entry<String, String> r : rows) {
                md.append("| ").append(cell(r.getKey())).append(" | ")
                        .append(r.getValue().isBlank() ? NOT_STATED : cell(r.getValue())).append(" |\n");
            }
            md.append('\n');
        }

        @Override
        public void none() {
            md.append(NOT_STATED).append("\n\n");
        }

        @Override
        public void code(String label, String value) {
            md.append(label).append(": `").append(oneLine(value)).append("`\n\n");
        }

        @Override
        public void beginFold(String summary) {
            // Markdown cannot fold: a rule and a line mark where the technical part starts.
            md.append("---\n\n*").append(summary).append("*\n\n");
        }

        @Override
        public void endFold() {
            // Nothing to close.
        }
    }

    private static String cell(String text) {
        return oneLine(text).replace("|", "\\|");
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
