package fr.territoires.ia.core.trust;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Renders a model card as one standalone HTML page (no script, no external resource). */
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
            "footer{margin-top:3rem;font-size:.85rem;color:#555}");

    private CardHtml() {
    }

    static String render(ModelCard card) {
        StringBuilder h = new StringBuilder();
        ModelCard.Details d = card.details();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Model card: ").append(esc(d.name())).append("</title>\n<style>\n")
                .append(CSS).append("\n</style>\n</head>\n<body>\n");
        h.append("<h1>Model card: ").append(esc(d.name())).append("</h1>\n");

        h.append("<h2>Model details</h2>\n");
        if (!d.description().isBlank()) {
            h.append("<p>").append(esc(d.description().strip())).append("</p>\n");
        }
        h.append("<table>\n");
        row(h, "Name", d.name());
        row(h, "Version", d.version());
        row(h, "Algorithm", d.algorithm());
        row(h, "Organisation", d.organisation());
        row(h, "Licence", d.licence());
        row(h, "Trained at", d.trainedAt().map(Instant::toString).orElse(""));
        row(h, "Seed", d.seed().isPresent() ? Long.toString(d.seed().getAsLong()) : "");
        row(h, "Library version", d.libraryVersion());
        row(h, "Training data SHA-256", d.dataDigest());
        h.append("</table>\n<h3>Options</h3>\n");
        map(h, d.options(), "Option");
        h.append("<h3>Provenance</h3>\n");
        map(h, d.provenance(), "Key");

        h.append("<h2>Intended use</h2>\n");
        ModelCard.IntendedUse use = card.intendedUse();
        h.append("<p><strong>Primary uses:</strong> ").append(text(use.primaryUses())).append("</p>\n");
        h.append("<p><strong>Primary users:</strong></p>\n");
        list(h, use.primaryUsers());
        h.append("<p><strong>Out-of-scope uses:</strong></p>\n");
        list(h, use.outOfScopeUses());

        h.append("<h2>Factors</h2>\n<p><strong>Relevant factors:</strong></p>\n");
        list(h, card.factors().relevant());
        h.append("<p><strong>Evaluation factors:</strong></p>\n");
        list(h, card.factors().evaluation());

        h.append("<h2>Metrics</h2>\n");
        if (card.metrics().isEmpty()) {
            none(h);
        } else {
            h.append("<table>\n<tr><th>Metric</th><th>Value</th><th>Interval</th><th>Description</th></tr>\n");
            for (ModelCard.Metric m : card.metrics()) {
                h.append("<tr><td>").append(esc(m.name())).append("</td><td class=\"num\">")
                        .append(ModelCard.number(m.value())).append("</td><td class=\"num\">")
                        .append(interval(m)).append("</td><td>").append(esc(m.description()))
                        .append("</td></tr>\n");
            }
            h.append("</table>\n");
        }

        h.append("<h2>Evaluation data</h2>\n");
        data(h, card.evaluationData());
        h.append("<h2>Training data</h2>\n");
        data(h, card.trainingData());

        h.append("<h2>Quantitative analyses</h2>\n");
        if (card.quantitativeAnalyses().isEmpty()) {
            none(h);
        } else {
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

        h.append("<h2>Ethical considerations</h2>\n");
        list(h, card.ethicalConsiderations());
        h.append("<h2>Caveats and recommendations</h2>\n");
        list(h, card.caveats());

        if (!card.featureImportance().isEmpty()) {
            h.append("<h2>Feature importance</h2>\n<table>\n<tr><th>Feature</th><th>Importance</th></tr>\n");
            card.featureImportance().forEach((k, v) -> h.append("<tr><td>").append(esc(k))
                    .append("</td><td class=\"num\">").append(ModelCard.number(v)).append("</td></tr>\n"));
            h.append("</table>\n");
        }
        if (!card.altai().isEmpty()) {
            h.append("<h2>ALTAI self-assessment</h2>\n");
            for (Altai.Assessment a : card.altai().assessments()) {
                h.append("<h3>").append(esc(a.requirement().title())).append("</h3>\n");
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
        h.append("<footer>Model card after Mitchell et al., FAT* 2019 (doi:10.1145/3287560.3287596)."
                + " Generated by Territoires IA ").append(esc(d.libraryVersion())).append(".</footer>\n");
        h.append("</body>\n</html>\n");
        return h.toString();
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
        if (data.source().isBlank() && data.extent().isBlank() && data.rows() == 0 && data.details().isEmpty()) {
            none(h);
            return;
        }
        h.append("<table>\n");
        row(h, "Source", data.source());
        row(h, "Extent", data.extent());
        row(h, "Rows", data.rows() == 0 ? "" : Long.toString(data.rows()));
        data.details().forEach((k, v) -> row(h, k, v));
        h.append("</table>\n");
    }

    private static String interval(ModelCard.Metric m) {
        return m.hasInterval() ? "[" + ModelCard.number(m.lower()) + ", " + ModelCard.number(m.upper()) + "]" : "";
    }
}
