package fr.territoires.ia.core.trust;

import java.util.List;
import java.util.Map;

/**
 * Renders a model card as one standalone HTML page (no script, no external resource), ordered for
 * a reader who must decide whether to trust the model: purpose, measured quality against the
 * baselines, responsibility, limits, data; technical details and provenance folded at the end.
 * The sections, their headings and their order are {@link CardSections}', as in the Markdown card
 * ({@link CardMarkdown}).
 */
final class CardHtml {

    private static final String CSS = String.join("\n",
            "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;max-width:62rem;"
                    + "margin:2rem auto;padding:0 1rem;color:#1b1b1b;line-height:1.45}",
            "h1{border-bottom:3px solid #000091;padding-bottom:.3rem;color:#000091}",
            "h2{margin-top:2rem;color:#000091;border-bottom:1px solid #ccc}",
            "h3{margin-bottom:.3rem}",
            "table{border-collapse:collapse;margin:.5rem 0 1rem;width:100%}",
            "th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}",
            "th{background:#eef}",
            "td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}",
            ".none{color:#777;font-style:italic}",
            ".open{color:#a94400}",
            "p.lead{font-size:1.1rem}",
            "figure.metrics{margin:.5rem 0 1rem}figure.metrics svg{max-width:100%;height:auto}",
            "figcaption{font-size:.85rem;color:#555}",
            "details{margin-top:2rem;border-top:1px solid #ccc;padding-top:.5rem}",
            "summary{cursor:pointer;font-weight:600;color:#000091;font-size:1.1rem}",
            "footer{margin-top:3rem;font-size:.85rem;color:#555}");

    private CardHtml() {
    }

    /** Metric names that denote a baseline, drawn grey beside the model's own figures. */
    private static final java.util.regex.Pattern BASELINE = java.util.regex.Pattern.compile(
            "(?i).*(persistence|climatology|baseline|naive|majority|seasonal).*");

    /**
     * Renders the card for a reader who is not the model's author: first what the model is for,
     * how good it is against its baseline (with a small chart), who answers for it and its
     * limits; then the data; the technical details and provenance last, folded.
     */
    static String render(ModelCard card) {
        StringBuilder h = new StringBuilder();
        ModelCard.Details d = card.details();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Model card: ").append(esc(d.name())).append("</title>\n<style>\n")
                .append(CSS).append("\n</style>\n</head>\n<body>\n");
        h.append("<h1>Model card: ").append(esc(d.name())).append("</h1>\n");

        h2(h, CardSections.PURPOSE);
        ModelCard.IntendedUse use = card.intendedUse();
        h.append("<p class=\"lead\">").append(text(CardSections.purpose(card))).append("</p>\n");
        if (CardSections.describes(card)) {
            h.append("<p>").append(esc(d.description().strip())).append("</p>\n");
        }
        h.append("<p><strong>Primary users:</strong></p>\n");
        list(h, use.primaryUsers());
        h.append("<p><strong>Out-of-scope uses:</strong></p>\n");
        list(h, use.outOfScopeUses());

        h2(h, CardSections.QUALITY);
        if (card.metrics().isEmpty()) {
            h.append("<p class=\"open\">").append(CardSections.NO_METRIC).append("</p>\n");
        } else {
            chart(h, card.metrics());
            h.append("<table>\n<tr><th>Metric</th><th>Value</th><th>Interval</th><th>Description</th></tr>\n");
            for (ModelCard.Metric m : card.metrics()) {
                h.append("<tr><td>").append(esc(m.name())).append("</td><td class=\"num\">")
                        .append(ModelCard.number(m.value())).append("</td><td class=\"num\">")
                        .append(interval(m)).append("</td><td>").append(esc(m.description()))
                        .append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        if (!card.quantitativeAnalyses().isEmpty()) {
            h3(h, CardSections.BY_GROUP);
            h.append("<table>\n<tr><th>Factor</th><th>Group</th><th>Metric</th><th>Value</th>"
                    + "<th>Interval</th></tr>\n");
            for (ModelCard.QuantitativeAnalysis qa : card.quantitativeAnalyses()) {
                for (ModelCard.Metric m : qa.metrics()) {
                    h.append("<tr><td>").append(esc(qa.factor())).append("</td><td>")
                            .append(esc(qa.group())).append("</td><td>").append(esc(m.name()))
                            .append("</td><td class=\"num\">").append(ModelCard.number(m.value()))
                            .append("</td><td class=\"num\">").append(interval(m)).append("</td></tr>\n");
                }
            }
            h.append("</table>\n");
        }

        h2(h, CardSections.RESPONSIBILITY);
        table(h, CardSections.responsibility(d));

        h2(h, CardSections.LIMITS);
        h.append("<p><strong>Caveats and recommendations:</strong></p>\n");
        list(h, card.caveats());
        h.append("<p><strong>Ethical considerations:</strong></p>\n");
        list(h, card.ethicalConsiderations());

        h2(h, CardSections.DATA);
        h3(h, CardSections.TRAINING_DATA);
        data(h, card.trainingData());
        if (!d.dataDigest().isBlank()) {
            h.append("<p>Training data SHA-256: <code>").append(esc(d.dataDigest())).append("</code></p>\n");
        }
        h3(h, CardSections.EVALUATION_DATA);
        data(h, card.evaluationData());

        h.append("<details>\n<summary>").append(CardSections.TECHNICAL).append("</summary>\n");
        h2(h, CardSections.DETAILS);
        table(h, CardSections.details(d));
        h3(h, CardSections.OPTIONS);
        map(h, d.options(), "Option");
        h3(h, CardSections.PROVENANCE);
        map(h, d.provenance(), "Key");
        h2(h, CardSections.FACTORS);
        h.append("<p><strong>Relevant factors:</strong></p>\n");
        list(h, card.factors().relevant());
        h.append("<p><strong>Evaluation factors:</strong></p>\n");
        list(h, card.factors().evaluation());
        if (!card.featureImportance().isEmpty()) {
            h2(h, CardSections.IMPORTANCE);
            h.append("<table>\n<tr><th>Feature</th><th>Importance</th></tr>\n");
            card.featureImportance().forEach((k, v) -> h.append("<tr><td>").append(esc(k))
                    .append("</td><td class=\"num\">").append(ModelCard.number(v)).append("</td></tr>\n"));
            h.append("</table>\n");
        }
        if (!card.altai().isEmpty()) {
            h2(h, CardSections.ALTAI);
            for (Altai.Assessment a : card.altai().assessments()) {
                h3(h, a.requirement().title());
                h.append("<p><strong>Evidence:</strong></p>\n");
                list(h, a.evidence());
                h.append("<p><strong>Open questions:</strong></p>\n");
                if (a.openQuestions().isEmpty()) {
                    none(h);
                } else {
                    h.append("<ul class=\"open\">\n");
                    for (String q : a.openQuestions()) {
                        h.append("<li>").append(esc(q)).append("</li>\n");
                    }
                    h.append("</ul>\n");
                }
            }
        }
        h.append("</details>\n");
        h.append("<footer>Model card after Mitchell et al., FAT* 2019 (doi:10.1145/3287560.3287596)."
                + " Generated by Territoires IA ").append(esc(d.libraryVersion())).append(".</footer>\n");
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    /**
     * A small inline SVG bar chart of the metrics whose values lie in [0, 1] (shares, F1,
     * average precision, Brier scores), intervals as whiskers, baselines in grey.
     */
    private static void chart(StringBuilder h, List<ModelCard.Metric> metrics) {
        List<ModelCard.Metric> shown = metrics.stream()
                .filter(m -> m.value() >= 0 && m.value() <= 1 && !m.name().toLowerCase(java.util.Locale.ROOT)
                        .contains("threshold"))
                .limit(12).toList();
        if (shown.isEmpty()) {
            return;
        }
        int left = 300;
        int bar = 360;
        int rowH = 22;
        int height = shown.size() * rowH + 26;
        h.append("<figure class=\"metrics\"><svg viewBox=\"0 0 ").append(left + bar + 60).append(' ').append(height)
                .append("\" width=\"").append(left + bar + 60).append("\" height=\"").append(height)
                .append("\" role=\"img\" aria-label=\"Metrics, baselines in grey\">\n");
        for (int t = 0; t <= 4; t++) {
            double x = left + bar * t / 4.0;
            h.append("<line x1=\"").append(fmt(x)).append("\" y1=\"0\" x2=\"").append(fmt(x)).append("\" y2=\"")
                    .append(shown.size() * rowH).append("\" stroke=\"#e3e3e3\"/>")
                    .append("<text x=\"").append(fmt(x)).append("\" y=\"").append(shown.size() * rowH + 16)
                    .append("\" font-size=\"11\" text-anchor=\"middle\">").append(ModelCard.number(t / 4.0))
                    .append("</text>\n");
        }
        for (int i = 0; i < shown.size(); i++) {
            ModelCard.Metric m = shown.get(i);
            boolean baseline = BASELINE.matcher(m.name()).matches();
            int y = i * rowH;
            String name = m.name().length() > 42 ? m.name().substring(0, 41) + "…" : m.name();
            h.append("<text x=\"").append(left - 6).append("\" y=\"").append(y + 15)
                    .append("\" font-size=\"12\" text-anchor=\"end\">").append(esc(name)).append("</text>")
                    .append("<rect class=\"metric-bar").append(baseline ? " baseline" : "").append("\" x=\"")
                    .append(left).append("\" y=\"").append(y + 4).append("\" width=\"")
                    .append(fmt(bar * m.value())).append("\" height=\"14\" fill=\"")
                    .append(baseline ? "#9a9a9a" : "#000091").append("\"/>");
            if (m.hasInterval()) {
                double a = left + bar * Math.max(0, Math.min(1, m.lower()));
                double b = left + bar * Math.max(0, Math.min(1, m.upper()));
                h.append("<line x1=\"").append(fmt(a)).append("\" y1=\"").append(y + 11).append("\" x2=\"")
                        .append(fmt(b)).append("\" y2=\"").append(y + 11).append("\" stroke=\"#c1121f\" stroke-width=\"2\"/>");
            }
            h.append("<text x=\"").append(fmt(left + bar * m.value() + 4)).append("\" y=\"").append(y + 15)
                    .append("\" font-size=\"11\">").append(ModelCard.number(m.value())).append("</text>\n");
        }
        h.append("</svg><figcaption>Measured quality on a [0, 1] scale; baselines (persistence, climatology, naive)"
                + " in grey; red lines: intervals.</figcaption></figure>\n");
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f", v);
    }

    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String text(String s) {
        return s.isBlank() ? "<span class=\"none\">not stated</span>" : esc(s.strip());
    }

    private static void none(StringBuilder h) {
        h.append("<p class=\"none\">not stated</p>\n");
    }

    private static void h2(StringBuilder h, String heading) {
        h.append("<h2>").append(esc(heading)).append("</h2>\n");
    }

    private static void h3(StringBuilder h, String heading) {
        h.append("<h3>").append(esc(heading)).append("</h3>\n");
    }

    private static void table(StringBuilder h, List<Map.Entry<String, String>> rows) {
        h.append("<table>\n");
        rows.forEach(r -> row(h, r.getKey(), r.getValue()));
        h.append("</table>\n");
    }

    private static void row(StringBuilder h, String field, String value) {
        h.append("<tr><th>").append(esc(field)).append("</th><td>").append(text(value)).append("</td></tr>\n");
    }

    private static void map(StringBuilder h, Map<String, String> map, String keyTitle) {
        if (map.isEmpty()) {
            none(h);
            return;
        }
        h.append("<table>\n<tr><th>").append(keyTitle).append("</th><th>Value</th></tr>\n");
        map.forEach((k, v) -> h.append("<tr><td>").append(esc(k)).append("</td><td>").append(esc(v))
                .append("</td></tr>\n"));
        h.append("</table>\n");
    }

    private static void list(StringBuilder h, List<String> items) {
        if (items.isEmpty()) {
            none(h);
            return;
        }
        h.append("<ul>\n");
        for (String item : items) {
            h.append("<li>").append(esc(item.strip())).append("</li>\n");
        }
        h.append("</ul>\n");
    }

    private static void data(StringBuilder h, ModelCard.DataSummary data) {
        if (data.isEmpty()) {
            none(h);
            return;
        }
        table(h, CardSections.data(data));
    }

    private static String interval(ModelCard.Metric m) {
        return CardSections.interval(m);
    }
}
