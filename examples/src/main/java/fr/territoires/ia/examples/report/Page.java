package fr.territoires.ia.examples.report;

import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * One standalone HTML5 page: inline CSS (screen and A4 print), no script, no external resource.
 * The markup is also well-formed XML (every element closed, only XML entities), so it parses
 * with an XML parser as well as with a browser.
 *
 * <p>Not thread-safe: confine each instance to one thread.
 */
final class Page {

    static final String CSS = String.join("\n",
            "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;max-width:60rem;margin:1.5rem auto;"
                    + "padding:0 1rem;color:#1b1b1b;line-height:1.45}",
            "h1{border-bottom:3px solid #000091;padding-bottom:.3rem;color:#000091;font-size:1.6rem}",
            "h2{margin-top:1.8rem;color:#000091;border-bottom:1px solid #ccc;font-size:1.25rem}",
            "h3{font-size:1.05rem;margin:1rem 0 .3rem}",
            "p.lead{font-size:1.05rem}",
            ".facts{display:flex;flex-wrap:wrap;gap:.6rem;margin:.8rem 0}",
            ".fact{border:1px solid #cfd2e6;border-radius:6px;padding:.4rem .7rem;background:#f5f5fe;min-width:8rem}",
            ".fact b{display:block;font-size:1.25rem;color:#000091}",
            "figure{margin:.6rem 0 1.2rem;break-inside:avoid}",
            "figcaption{font-size:.85rem;color:#444}",
            "svg{max-width:100%;height:auto;font-family:inherit}",
            "table{border-collapse:collapse;margin:.5rem 0 1rem;width:100%;font-size:.9rem}",
            "th,td{border:1px solid #ccc;padding:.25rem .45rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}",
            "th{background:#eef}",
            "td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}",
            ".note{color:#555;font-size:.9rem}",
            ".legend{font-size:.85rem;margin:.2rem 0}",
            ".legend span{display:inline-block;margin-right:1rem}",
            ".swatch{display:inline-block;width:.9rem;height:.9rem;vertical-align:middle;margin-right:.3rem;"
                    + "border:1px solid #555}",
            "details{margin:1rem 0}summary{cursor:pointer;font-weight:600}",
            "footer{margin-top:2.5rem;font-size:.8rem;color:#555}",
            ".frame{fill:#fff;stroke:#999}.grid{stroke:#e6e6e6}.axis-line{stroke:#555}",
            ".tick{font-size:11px;fill:#444}.axis-title{font-size:12px;fill:#333}",
            ".series{fill:none;stroke-width:1.2;stroke-linejoin:round}",
            ".band{fill:#c9d3f5;fill-opacity:.7;stroke:none}",
            ".marker{stroke:#fff;stroke-width:.6}",
            ".threshold{stroke:#c1121f;stroke-width:1.4;stroke-dasharray:6 3}.threshold-label{font-size:11px;fill:#c1121f}",
            ".event{stroke-width:1.5;stroke-dasharray:3 2}",
            ".footprint{stroke:#333;stroke-width:.2}.low-confidence{fill:none;stroke:#d00000;stroke-width:1.2}",
            ".cell-label{font-size:11px}.bar-label{font-size:11px;fill:#222}",
            "@page{size:A4;margin:14mm}",
            "@media print{body{max-width:none;margin:0;font-size:10.5pt}h2{break-after:avoid}"
                    + "details{display:block}details>*{display:block}a{color:inherit}}");

    private final StringBuilder body = new StringBuilder(8192);
    private final String title;
    private final Lang lang;

    Page(String title, Lang lang) {
        this.title = title;
        this.lang = lang;
        body.append("<h1>").append(Svg.esc(title)).append("</h1>\n");
    }

    Lang lang() {
        return lang;
    }

    /** One element holding escaped text, on its own line. */
    private Page element(String open, String text, String close) {
        body.append(open).append(Svg.esc(text)).append(close).append('\n');
        return this;
    }

    Page h2(String text) {
        return element("<h2>", text, "</h2>");
    }

    Page h3(String text) {
        return element("<h3>", text, "</h3>");
    }

    Page p(String text) {
        return element("<p>", text, "</p>");
    }

    Page lead(String text) {
        return element("<p class=\"lead\">", text, "</p>");
    }

    Page note(String text) {
        return element("<p class=\"note\">", text, "</p>");
    }

    /** The note closing a page of local times: the zone they are in. */
    Page zoneNote(ZoneId zone) {
        return note(lang.t("Heures locales, fuseau ", "Local times, zone ") + zone.getId() + ".");
    }

    /** A text of the model or the runner, written in English, in the page's language. */
    String text(String english) {
        return lang == Lang.FR ? FrenchTexts.of(english) : english;
    }

    /**
     * A chart section: a second-level heading, the legend and the figure.
     *
     * @param heading the heading
     * @param legend colour, text pairs
     * @param svg the chart
     * @param caption the caption, none when empty
     */
    Page chart(String heading, List<String[]> legend, String svg, String caption) {
        return h2(heading).legend(legend).figure(svg, caption);
    }

    /**
     * A chart section without a legend: a second-level heading and the figure.
     *
     * @param heading the heading
     * @param svg the chart
     * @param caption the caption, none when empty
     */
    Page chart(String heading, String svg, String caption) {
        return h2(heading).figure(svg, caption);
    }

    /** Key figures shown as boxes: label, value pairs. */
    Page facts(List<String[]> facts) {
        body.append("<div class=\"facts\">\n");
        for (String[] f : facts) {
            body.append("<div class=\"fact\"><b>").append(Svg.esc(f[1])).append("</b>").append(Svg.esc(f[0]))
                    .append("</div>\n");
        }
        body.append("</div>\n");
        return this;
    }

    /** A legend: colour, text pairs. */
    Page legend(List<String[]> items) {
        body.append("<p class=\"legend\">");
        for (String[] i : items) {
            body.append("<span><i class=\"swatch\" style=\"background:").append(Svg.esc(i[0])).append("\"></i>")
                    .append(Svg.esc(i[1])).append("</span>");
        }
        body.append("</p>\n");
        return this;
    }

    Page figure(String svg, String caption) {
        body.append("<figure>\n").append(svg);
        if (!caption.isEmpty()) {
            body.append("<figcaption>").append(Svg.esc(caption)).append("</figcaption>\n");
        }
        body.append("</figure>\n");
        return this;
    }

    /** A table; columns whose index is in {@code numeric} are right-aligned. */
    Page table(List<String> header, List<List<String>> rows, Set<Integer> numeric) {
        body.append("<table>\n<tr>");
        for (String h : header) {
            body.append("<th>").append(Svg.esc(h)).append("</th>");
        }
        body.append("</tr>\n");
        for (List<String> r : rows) {
            body.append("<tr>");
            for (int i = 0; i < r.size(); i++) {
                body.append(numeric.contains(i) ? "<td class=\"num\">" : "<td>").append(Svg.esc(r.get(i)))
                        .append("</td>");
            }
            body.append("</tr>\n");
        }
        body.append("</table>\n");
        return this;
    }

    /**
     * A table, or the paragraph {@code empty} when there is no row.
     *
     * @param header column titles
     * @param rows the rows
     * @param numeric indices of the right-aligned columns
     * @param empty what the page says instead of an empty table
     */
    Page tableOr(List<String> header, List<List<String>> rows, Set<Integer> numeric, String empty) {
        return rows.isEmpty() ? p(empty) : table(header, rows, numeric);
    }

    /** A key, value table. */
    Page keyValues(List<String[]> rows) {
        body.append("<table>\n");
        for (String[] r : rows) {
            body.append("<tr><th>").append(Svg.esc(r[0])).append("</th><td>").append(Svg.esc(r[1]))
                    .append("</td></tr>\n");
        }
        body.append("</table>\n");
        return this;
    }

    Page raw(String html) {
        body.append(html);
        return this;
    }

    String render() {
        return "<!DOCTYPE html>\n<html lang=\"" + lang.code() + "\">\n<head>\n<meta charset=\"utf-8\"/>\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<title>" + Svg.esc(title)
                + "</title>\n<style>\n" + CSS + "\n</style>\n</head>\n<body>\n" + body + "<footer>"
                + Svg.esc(lang.t("Rapport produit par Territoires IA : un fichier autonome, sans script ni ressource"
                        + " externe.", "Report generated by Territoires IA: one standalone file, no script, no external"
                        + " resource."))
                + "</footer>\n</body>\n</html>\n";
    }
}
