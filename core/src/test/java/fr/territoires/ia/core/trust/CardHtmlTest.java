package fr.territoires.ia.core.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CardHtmlTest {

    @Test
    void toHtml_card_standalonePageWithSectionsAndNoExternalResource() {
        ModelCard c = AltaiTest.card();
        String html = c.toBuilder().altai(Altai.prefill(c, List.of())).build().toHtml();
        assertTrue(html.startsWith("<!DOCTYPE html>\n<html lang=\"en\">"), html);
        assertTrue(html.endsWith("</body>\n</html>\n"));
        assertTrue(html.contains("<title>Model card: flood-alert</title>"));
        assertTrue(html.contains("<h2>ALTAI self-assessment</h2>\n<h3>Human agency and oversight</h3>"));
        assertTrue(html.contains("<tr><td>brier</td><td class=\"num\">0.05</td><td class=\"num\">[0.04, 0.06]</td>"), html);
        assertFalse(html.contains("<script"));
        assertFalse(html.contains("http://") || html.contains("https://") || html.contains("src="));
    }

    @Test
    void toHtml_markupInTexts_escaped() {
        String html = ModelCard.builder("<b>m</b> & \"q\"").caveats(List.of("<script>alert(1)</script>"))
                .build().toHtml();
        assertTrue(html.contains("<h1>Model card: &lt;b&gt;m&lt;/b&gt; &amp; &quot;q&quot;</h1>"), html);
        assertTrue(html.contains("<li>&lt;script&gt;alert(1)&lt;/script&gt;</li>"), html);
        assertFalse(html.contains("<script>"));
    }

    @Test
    void toHtml_metricsWithBaseline_leadWithUseAndQualityChartProvenanceFolded() {
        ModelCard c = ModelCard.builder("m").provenance(java.util.Map.of("trainer", "x"))
                .intendedUse(new ModelCard.IntendedUse("Warn of floods.", List.of("duty officer"), List.of()))
                .metrics(List.of(new ModelCard.Metric("average precision", 0.2, 0.15, 0.25, "test"),
                        ModelCard.Metric.of("average precision (persistence)", 0.15, "baseline"),
                        ModelCard.Metric.of("alert threshold", 0.3, "not a quality")))
                .build();
        String html = c.toHtml();
        int use = html.indexOf("<h2>What it is for</h2>");
        int quality = html.indexOf("<h2>How good it is</h2>");
        int who = html.indexOf("<h2>Who answers for it</h2>");
        int limits = html.indexOf("<h2>Limits</h2>");
        int folded = html.indexOf("<details>");
        assertTrue(use > 0 && use < quality && quality < who && who < limits && limits < folded, html);
        assertTrue(html.indexOf("<h3>Provenance</h3>") > folded);
        assertTrue(html.contains("<p class=\"lead\">Warn of floods.</p>"), html);
        // Two bars (the threshold is not a quality), the baseline in grey, one interval line.
        assertEquals(2, html.split("class=\"metric-bar").length - 1);
        assertEquals(1, html.split("class=\"metric-bar baseline\"").length - 1);
        assertEquals(1, html.split("stroke=\"#c1121f\"").length - 1);
    }

    @Test
    void toHtml_noMetric_saysSoUpFront() {
        String html = ModelCard.builder("m").build().toHtml();
        assertTrue(html.contains("<h2>How good it is</h2>\n<p class=\"open\">No measured quality"), html);
    }

    @Test
    void esc_apostrophe_escaped() {
        assertEquals("l&#39;eau", CardHtml.esc("l'eau"));
    }
}
