package fr.territoires.ia.core.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Markdown and the HTML card show the same sections, under the same headings, in the same order. */
class CardSectionsTest {

    private static final Pattern HTML_HEADING = Pattern.compile("<h([23])>(.*?)</h\\1>");

    /** The second- and third-level headings of the HTML card, as {@code "2 title"}, in order. */
    private static List<String> htmlHeadings(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = HTML_HEADING.matcher(html);
        while (m.find()) {
            out.add(m.group(1) + " " + m.group(2).replace("&#39;", "'").replace("&quot;", "\"")
                    .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"));
        }
        return out;
    }

    /** The second- and third-level headings of the Markdown card, as {@code "2 title"}, in order. */
    private static List<String> markdownHeadings(String md) {
        List<String> out = new ArrayList<>();
        for (String line : md.lines().toList()) {
            if (line.startsWith("## ")) {
                out.add("2 " + line.substring(3));
            } else if (line.startsWith("### ")) {
                out.add("3 " + line.substring(4));
            }
        }
        return out;
    }

    @Test
    void render_fullCardWithAltai_markdownHeadingsInTheHtmlOrder() {
        ModelCard full = ModelCardTest.fullCard();
        ModelCard card = full.toBuilder().featureImportance(java.util.Map.of("level", 0.7))
                .altai(Altai.prefill(full, List.of())).build();
        List<String> html = htmlHeadings(card.toHtml());
        assertEquals(List.of("2 What it is for", "2 How good it is", "3 By group", "2 Who answers for it",
                "2 Limits", "2 Data", "3 Training data", "3 Evaluation data", "2 Model details", "3 Options",
                "3 Provenance", "2 Factors", "2 Feature importance", "2 ALTAI self-assessment"),
                html.subList(0, 14), "HTML card order");
        assertEquals(14 + Altai.Requirement.values().length, html.size(), String.join("\n", html));
        assertEquals(html, markdownHeadings(card.toMarkdown()));
    }

    @Test
    void render_emptyCard_markdownHeadingsInTheHtmlOrder() {
        ModelCard card = ModelCard.builder("m").build();
        List<String> html = htmlHeadings(card.toHtml());
        assertEquals(List.of("2 What it is for", "2 How good it is", "2 Who answers for it", "2 Limits", "2 Data",
                "3 Training data", "3 Evaluation data", "2 Model details", "3 Options", "3 Provenance",
                "2 Factors"), html);
        assertEquals(html, markdownHeadings(card.toMarkdown()));
    }
}
