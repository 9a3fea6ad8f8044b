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
    void esc_apostrophe_escaped() {
        assertEquals("l&#39;eau", CardHtml.esc("l'eau"));
    }
}
